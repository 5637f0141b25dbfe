"""The plan's versions: every save, and what changed between any two of them.

For the family and its advocate only; a professional shown part of the plan never sees its
history. The routes join the plans blueprint, so their endpoints stay plans.revisions and
plans.compare.
"""

from flask import abort, render_template, request
from flask_login import login_required

from plans import changes as plan_changes
from plans import editing, people
from portal.db import db
from portal.plan.pages import blueprint, book_and_plan
from record_book import policy
from record_book.policy import NotAllowed


def _family_and_advocate(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not policy.reads_family_notes(reader):
        abort(404)
    return family, reader, plan


@blueprint.route("/revisions")
@login_required
def revisions(family_id: int):
    family, reader, plan = _family_and_advocate(family_id)
    revs = editing.revisions(db(), plan)
    names = people.who_names(db(), family.id, {k: v for r in revs for k, v in r.content.items()})
    return render_template("plan/revisions.html", family=family, reader=reader, plan=plan,
                           revisions=revs, names=names)


@blueprint.route("/compare")
@login_required
def compare(family_id: int):
    family, reader, plan = _family_and_advocate(family_id)
    older, newer = request.args.get("from", ""), request.args.get("to", "")
    if not (older.isdigit() and newer.isdigit()):
        abort(404)
    try:
        found = plan_changes.compare(db(), plan, int(older), int(newer))
    except NotAllowed:
        abort(404)
    revs = editing.revisions(db(), plan)
    names = people.who_names(db(), family.id, {k: v for r in revs for k, v in r.content.items()})
    return render_template("plan/compare.html", family=family, reader=reader, plan=plan,
                           older=min(int(older), int(newer)), newer=max(int(older), int(newer)),
                           changes=found, names=names)
