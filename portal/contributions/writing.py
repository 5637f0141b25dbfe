"""The writer's side: an entry for the family to accept, and what became of the ones sent."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal.book.opening import open_book
from portal.contributions import blueprint
from portal.db import attempt, db
from portal.forms import EntryForm, typed_values
from record_book import reading
from record_book.book import proposals
from record_book.book.kinds import CATEGORIES, KINDS
from record_book.book.paper import PAPER_PAGES
from record_book.book.validation import Invalid
from record_book.policy import contribution_categories, may_type_from_paper


def outsider_book(family_id: int):
    family, reader = open_book(family_id)
    if reader.in_family:
        abort(404)
    return family, reader


@blueprint.route("/write")
@login_required
def sent(family_id: int):
    """What the reader wrote for the family, and whether it is in the book yet."""
    family, reader = outsider_book(family_id)
    return render_template("contributions/sent.html", family=family, reader=reader,
                           sent=proposals.sent(db(), reader),
                           categories=contribution_categories(db(), reader),
                           paper=may_type_from_paper(db(), reader), paper_pages=PAPER_PAGES,
                           kinds=[KINDS[name] for name in proposals.KINDS_TO_PROPOSE])


def _form_page(family, reader, kind, form, from_paper, status=200):
    allowed = set(contribution_categories(db(), reader)) if not from_paper else None
    return render_template(
        "contributions/write.html", family=family, reader=reader, form=form,
        from_paper=from_paper,
        members=sorted(reading.entries(db(), reader, "member"), key=lambda m: m.id),
        categories=[(code, label) for code, label in CATEGORIES
                    if allowed is None or code in allowed]), status


def write_page(family_id: int, kind_name: str, from_paper: bool):
    family, reader = outsider_book(family_id)
    kind = KINDS.get(kind_name)
    may_write = (may_type_from_paper(db(), reader) if from_paper
                 else bool(contribution_categories(db(), reader)))
    if kind is None or kind.name not in proposals.KINDS_TO_PROPOSE or not may_write:
        abort(404)
    if request.method == "GET":
        first = (contribution_categories(db(), reader) or ("",))[0]
        # A page of the paper book names the part of the story it holds.
        start = {"category": kind.default_category if from_paper else first,
                 "section": request.args.get("section", "")}
        return _form_page(family, reader, kind, EntryForm(kind, start), from_paper)
    values = typed_values(request.form)
    try:
        with attempt():
            proposals.propose(db(), reader, kind.name, values, from_paper=from_paper)
    except Invalid as invalid:
        return _form_page(family, reader, kind, EntryForm(kind, values, invalid.problems),
                          from_paper, status=400)
    flash(_("Sent to the family. It joins their book only when they accept it."), "success")
    return redirect(url_for("contributions.confirm_here" if from_paper else "contributions.sent",
                            family_id=family.id))


@blueprint.route("/write/<kind_name>", methods=["GET", "POST"])
@login_required
def write(family_id: int, kind_name: str):
    return write_page(family_id, kind_name, from_paper=False)

