"""A closed plan, read in full: kept after it ends, read by the same rule as the open plan."""

from flask import abort, render_template
from flask_login import login_required

from plans import agreement, editing, goal_comments, people, reviews
from plans import reading as plan_reading
from portal.book.opening import open_book
from portal.db import db
from portal.plan.pages import blueprint
from record_book import policy


@blueprint.route("/closed/<int:plan_id>")
@login_required
def closed(family_id: int, plan_id: int):
    family, reader = open_book(family_id)
    plan = editing.closed_plan(db(), family.id, plan_id)
    if plan is None:
        abort(404)
    found = plan_reading.read(db(), reader, plan)
    if not found.shows_anything:
        abort(404)
    rev, content = found.revision, found.content
    family_side = policy.reads_family_notes(reader)
    return render_template(
        "plan/closed.html", family=family, reader=reader, plan=plan, rev=rev, content=content,
        whole=found.whole, goals=found.goals, steps=found.steps,
        names=people.who_names(db(), family.id, content), status=agreement.status(db(), plan),
        history=reviews.history(db(), plan),
        review_notes=reviews.notes(db(), plan) if family_side else {},
        comments=goal_comments.comments(db(), plan) if family_side else {},
        family_side=family_side,
        # Read-only: nobody comments on or changes a plan that has ended.
        may_comment=lambda _goal_id: False, may_edit_goal=lambda _goal_id: False)
