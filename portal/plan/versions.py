"""The plan's versions: every save, and what changed between any two of them.

For the family and its advocate only; a professional shown part of the plan never sees its
history. The routes join the plans blueprint, so their endpoints stay plans.revisions and
plans.compare.
"""

from flask import abort, render_template, request
from flask_login import login_required

from plans import people
from plans import reading as plan_reading
from portal.db import attempt, db
from portal.plan.pages import blueprint, book_and_plan
from record_book import policy
from record_book.book.numbers import whole_number
from record_book.policy import NotAllowed


def _family_and_advocate(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not policy.reads_family_notes(reader):
        abort(404)
    return family, reader, plan


def _names(family_id: int, revisions) -> dict[str, str]:
    """The names behind every "who" any of these versions used."""
    return people.who_names(db(), family_id,
                            {k: v for r in revisions for k, v in r.content.items()})


@blueprint.route("/revisions")
@login_required
def revisions(family_id: int):
    family, reader, plan = _family_and_advocate(family_id)
    revs = plan_reading.read_revisions(db(), reader, plan)
    return render_template("plan/revisions.html", family=family, reader=reader, plan=plan,
                           revisions=revs, names=_names(family.id, revs))


@blueprint.route("/compare")
@login_required
def compare(family_id: int):
    family, reader, plan = _family_and_advocate(family_id)
    older = whole_number(request.args.get("from", ""))
    newer = whole_number(request.args.get("to", ""))
    if older is None or newer is None:
        abort(404)
    try:
        with attempt():
            found, versions_read = plan_reading.read_changes(db(), reader, plan, older, newer)
    except NotAllowed:
        abort(404)
    names = _names(family.id, versions_read)
    return render_template("plan/compare.html", family=family, reader=reader, plan=plan,
                           older=min(older, newer), newer=max(older, newer),
                           changes=found, names=names)
