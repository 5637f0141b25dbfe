"""Sharing parts of the plan: the whole plan or one goal, with one person or organisation,
until a date or until the family stops it.

The routes join the plans blueprint, so their endpoints stay plans.sharing and
plans.stop_sharing.
"""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from plans import dates
from plans import reading as plan_reading
from plans import sharing as plan_sharing
from plans.fields import goals
from portal.db import attempt, db
from portal.plan.pages import blueprint, book_and_plan
from record_book import policy
from record_book.book.text import isolate
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed
from record_book.sharing.connections import find_grantee, grantees
from record_book.sharing.model import Grant


def _sharer(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not policy.may_share_plan(reader):
        abort(404)
    return family, reader, plan


@blueprint.route("/sharing", methods=["GET", "POST"])
@login_required
def sharing(family_id: int):
    family, reader, plan = _sharer(family_id)
    content = plan_reading.read_whole(db(), reader, plan).content
    problems: dict = {}
    if request.method == "POST":
        until = None
        typed = request.form.get("until", "").strip()
        if typed:
            parsed = dates.parse_date(typed)
            if parsed is None:
                problems["until"] = Problem(N_('"%(label)s" must be a real date, like 27 3 2024'),
                                            {"label": N_("Until")})
            else:
                until = date.fromisoformat(parsed)
        if not problems:
            try:
                with attempt():
                    grantee = find_grantee(db(), reader, request.form.get("grantee", ""))
                    plan_sharing.share(db(), reader, plan, request.form.get("part", ""), grantee,
                                       until)
                    flash(_("Shared with %(name)s.", name=isolate(grantee.name)), "success")
                    return redirect(url_for("plans.sharing", family_id=family.id))
            except Invalid as invalid:
                problems.update(invalid.problems)
    titles = {f"goal:{g.id}": g.title for g in goals(content)}
    return render_template("plan/sharing.html", family=family, reader=reader, plan=plan,
                           goals=goals(content), titles=titles,
                           grants=plan_sharing.plan_grants(db(), reader),
                           people=grantees(db(), reader), problems=problems,
                           values=request.form), 400 if problems else 200


@blueprint.route("/sharing/<int:grant_id>/stop", methods=["POST"])
@login_required
def stop_sharing(family_id: int, grant_id: int):
    family, reader, plan = _sharer(family_id)
    grant = db().get(Grant, grant_id)
    if grant is None or grant.family_id != family.id or grant.plan_part is None:
        abort(404)
    try:
        with attempt():
            plan_sharing.stop(db(), reader, grant)
    except NotAllowed:
        abort(404)
    flash(_("Stopped sharing."), "success")
    return redirect(url_for("plans.sharing", family_id=family.id))
