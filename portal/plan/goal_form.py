"""One goal's form: that goal's fields and steps, short enough for a phone.

It saves through the whole plan's save path (`save_form`): the form sends only this goal's
fields, so two people changing different goals at once both keep their changes, and two
changing the same field meet the conflict page, drawn here as this goal's form."""

from flask import abort, redirect, request, url_for
from flask_login import login_required

from plans import editing
from plans import reading as plan_reading
from plans.fields import goals
from portal.book.opening import open_book
from portal.db import db
from portal.plan.pages import blueprint, form_page, save_form
from record_book.book.numbers import whole_number


def _goal_page(goal_id: str):
    def page(family, reader, plan, content, base_number, **given):
        goal = next((g for g in goals(content) if g.id == goal_id), None)
        return form_page("plan/goal_edit.html", family, reader, plan, content, base_number,
                         goal=goal, goal_id=goal_id, new_step_for=None, **given)
    return page


@blueprint.route("/goals/<goal_id>/edit", methods=["GET", "POST"])
@login_required
def edit_goal(family_id: int, goal_id: str):
    family, reader = open_book(family_id)
    plan = editing.open_plan(db(), family.id)
    if plan is None:
        abort(404)
    if request.method == "GET":
        rev = plan_reading.read_whole(db(), reader, plan)
        if not editing.may_edit_goal(reader, rev.content, goal_id):
            abort(404)
        return _goal_page(goal_id)(family, reader, plan, rev.content, rev.number)
    # Asked of the revision the form came from, so a goal someone took out meanwhile still
    # reaches the conflict page rather than losing what this person typed.
    base_text = request.form.get("base_revision", "")
    number = whole_number(base_text)
    base = plan_reading.read_version(db(), reader, plan, number) if number else None
    if base is None or not editing.may_edit_goal(reader, base.content, goal_id):
        abort(404)
    _saved, page = save_form(family, reader, plan, page=_goal_page(goal_id))
    if page is not None:
        return page
    return redirect(url_for("plans.view", family_id=family.id) + f"#goal-{goal_id}")
