"""The family's side: what waits for its answer, accepting or refusing it (with its own words
beside the writer's), and who outside the family may write about what."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal.book.opening import family_only, open_book
from portal.contributions import blueprint
from portal.db import attempt, db
from record_book import reading
from record_book.book import proposals
from record_book.book.kinds import KINDS
from record_book.book.numbers import whole_number
from record_book.book.text import isolate
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, may_allow_contributors
from record_book.sharing.contributors import contributors, set_categories


@blueprint.route("/waiting")
@login_required
def waiting(family_id: int):
    family, reader = open_book(family_id)
    family_only(reader)
    return render_template("contributions/waiting.html", family=family, reader=reader,
                           waiting=proposals.waiting(db(), reader))


def _proposal_page(family, reader, proposal, problems=None, status=200):
    members = sorted(reading.entries(db(), reader, "member"), key=lambda m: m.id)
    return render_template(
        "contributions/proposal.html", family=family, reader=reader, proposal=proposal,
        kind=KINDS[proposal.kind], members=members, problems=problems or {},
        values=request.form), status


@blueprint.route("/waiting/<int:proposal_id>", methods=["GET", "POST"])
@login_required
def proposal(family_id: int, proposal_id: int):
    family, reader = open_book(family_id)
    family_only(reader)
    found = proposals.answerable(db(), reader, proposal_id)
    if found is None:
        abort(404)
    if request.method == "GET":
        return _proposal_page(family, reader, found)
    answer = request.form.get("answer_choice")
    try:
        with attempt():
            if answer == "accept":
                entry = proposals.accept(db(), reader, found, request.form.get("answer", ""),
                                         request.form.get("owner_member_id", ""))
            elif answer == "refuse":
                proposals.refuse(db(), reader, found)
            else:
                raise Invalid({"answer_choice": Problem(N_("Choose yes or no"))})
    except Invalid as invalid:
        return _proposal_page(family, reader, found, invalid.problems, status=400)
    except proposals.AlreadyAnswered:
        return _proposal_page(family, reader, found, {"answer_choice": Problem(
            N_("Someone in your family answered this already. Nothing was changed."))},
            status=409)
    except NotAllowed:
        abort(404)
    if answer == "accept":
        flash(_("Added to your book. Nobody else sees it unless you share it."), "success")
        return redirect(url_for("book.view_entry", family_id=family.id, entry_id=entry.id))
    flash(_("Not added. %(name)s will see that you said no.", name=isolate(found.author_name)),
          "success")
    return redirect(url_for("contributions.waiting", family_id=family.id))


@blueprint.route("/sharing/writers", methods=["GET", "POST"])
@login_required
def writers(family_id: int):
    """Who may write entries for the family to accept, and about which parts of its life."""
    family, reader = open_book(family_id)
    if not may_allow_contributors(reader):
        abort(404)
    problems = {}
    if request.method == "POST":
        try:
            with attempt():
                person = set_categories(db(), reader, whole_number(request.form.get("person", "")),
                                        request.form.getlist("category"))
        except Invalid as invalid:
            problems = invalid.problems
        else:
            flash(_("Saved what %(name)s may write about.", name=isolate(person.name)), "success")
            return redirect(url_for("contributions.writers", family_id=family.id))
    return render_template("contributions/writers.html", family=family, reader=reader,
                           people=contributors(db(), reader), problems=problems), (
        400 if problems else 200)
