"""Reviewing the plan and closing it: the forms the family and its advocate fill in at the end
of a stretch of work.

The routes join the plans blueprint, so their endpoints stay plans.review and plans.close.
"""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import login_required

from plans import dates, editing, reviews
from plans import reading as plan_reading
from plans.fields import goals
from portal.db import attempt, db
from portal.plan.pages import blueprint, plan_to_edit
from record_book import policy
from record_book.book.validation import Invalid, Problem
from record_book.clock import today
from record_book.i18n import N_


@blueprint.route("/review", methods=["GET", "POST"])
@login_required
def review(family_id: int):
    family, reader, plan = plan_to_edit(family_id)
    content = plan_reading.read_whole(db(), reader, plan).content
    problems: dict = {}
    values = dict(request.form) if request.method == "POST" else {
        "reviewed_on": dates.date_for_form(today().isoformat())}
    if request.method == "POST":
        on = dates.parse_date(request.form.get("reviewed_on", ""))
        if on is None:
            problems["reviewed_on"] = Problem(N_('"%(label)s" must be a real date, like 27 3 2024'),
                                              {"label": N_("Date of the review")})
        answers = {goal.id: {name: request.form.get(f"{name}-{goal.id}", "")
                             for name in ("rating", *reviews.NOTES)}
                   for goal in goals(content)}
        if not problems:
            try:
                with attempt():
                    reviews.record_review(db(), reader, plan, date.fromisoformat(on), answers)
                    flash(_("Your review is saved."), "success")
                    return redirect(url_for("plans.view", family_id=family.id))
            except Invalid as invalid:
                problems.update(invalid.problems)
    return render_template("plan/review.html", family=family, reader=reader, plan=plan,
                           goals=goals(content), problems=problems, values=values,
                           side=policy.review_side(reader)), 400 if problems else 200


@blueprint.route("/close", methods=["GET", "POST"])
@login_required
def close(family_id: int):
    family, reader, plan = plan_to_edit(family_id)
    problems: dict = {}
    if request.method == "POST":
        try:
            with attempt():
                reviews.close_plan(db(), reader, plan, request.form.get("reason", ""),
                                   request.form.get("note", ""))
                flash(_("The plan is closed. We will remind you to check in on %(date)s.",
                        date=format_date(plan.check_in_on, "d MMMM yyyy")), "success")
                return redirect(url_for("plans.view", family_id=family.id))
        except Invalid as invalid:
            problems = invalid.problems
        except editing.Conflict:
            abort(409)
    return render_template("plan/close.html", family=family, reader=reader, plan=plan,
                           problems=problems, values=request.form), 400 if problems else 200
