"""Adding, reading, changing an entry, and its history."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from plans import promises
from portal.book import blueprint
from portal.book.opening import family_only, open_book, open_entry, why_shown
from portal.db import attempt, db
from portal.forms import EntryForm, entry_inputs, input_names, typed_values
from record_book import reading
from record_book.book import proposals
from record_book.book.entries import (
    Conflict,
    NotAllowed,
    add_entry,
    changed_fields,
    snapshot,
    update_entry,
)
from record_book.book.families import own_member_entry_id
from record_book.book.kinds import KINDS
from record_book.book.model import Entry
from record_book.book.numbers import whole_number
from record_book.book.validation import Invalid
from record_book.clock import today
from record_book.directory.listings import service_entry_inputs
from record_book.directory.model import Listing
from record_book.policy import (
    may_add_entries,
    may_attach,
    may_edit,
    may_share,
    visibility_choices,
)

# Where each kind of entry is listed, to go back to after saving.
LIST_PAGES = {"member": "book.people", "story": "book.story", "helps": "book.helps",
              "summary": "book.home", "event": "book.timeline", "service": "book.services",
              "checkin": "book.checkins", "voice": "book.people"}


def _form_page(family, reader, form: EntryForm, entry=None, base_version=None, status=200):
    members = sorted(reading.entries(db(), reader, "member"), key=lambda member: member.id)
    own = entry is None or entry.owner_account_id == reader.account_id
    return render_template(
        "book/entry_form.html", family=family, reader=reader, form=form, entry=entry,
        base_version=base_version, members=members,
        visibility_choices=visibility_choices(reader) if own else (),
        back=(url_for("book.view_entry", family_id=family.id, entry_id=entry.id) if entry
              else _part_page(family, form.kind.name)),
    ), status


def _part_page(family, kind_name: str, entry=None) -> str:
    """The part of the book an entry is listed in: where Back goes from the entry."""
    return url_for(LIST_PAGES[kind_name], family_id=family.id) + (
        f"#entry-{entry.id}" if entry else "")


def _listing(listing_id) -> Listing | None:
    number = whole_number(listing_id)
    return db().get(Listing, number) if number is not None else None


def _default_inputs(kind, reader) -> dict:
    own_member = own_member_entry_id(db(), reader)
    values = {"category": kind.default_category, "owner_member_id": str(own_member or ""),
              "visibility": visibility_choices(reader)[0]}
    if request.args.get("section"):
        values["section"] = request.args["section"]
    if request.args.get("about"):
        # "Write Mia's page" on the people page: the page is about Mia.
        values["owner_member_id"] = request.args["about"]
    now = today()
    for f in kind.fields:
        if f.today_by_default:
            values.update({f"{f.name}-day": str(now.day), f"{f.name}-month": str(now.month),
                           f"{f.name}-year": str(now.year)})
    listing = _listing(request.args.get("listing", ""))
    if kind.name == "service" and listing is not None:
        # The card starts with the listing's name and contacts; the family's words stay theirs.
        values.update(service_entry_inputs(listing))
    return values


@blueprint.route("/new/<kind_name>", methods=["GET", "POST"])
@login_required
def new_entry(family_id: int, kind_name: str):
    family, reader = open_book(family_id)
    kind = KINDS.get(kind_name)
    if kind is None or not kind.family_writes or not may_add_entries(reader):
        abort(404)
    if kind.one_per_family:
        existing = reading.first_of_kind(db(), reader, kind.name)
        if existing is not None:
            return redirect(url_for("book.edit_entry", family_id=family.id, entry_id=existing.id))
    if request.method == "GET":
        return _form_page(family, reader, EntryForm(kind, _default_inputs(kind, reader)))
    values = typed_values(request.form)
    try:
        with attempt():
            entry = add_entry(db(), reader, kind.name, values)
    except Invalid as invalid:
        return _form_page(family, reader, EntryForm(kind, values, invalid.problems), status=400)
    flash(_("Saved."), "success")
    return redirect(_part_page(family, kind.name, entry))


@blueprint.route("/entries/<int:entry_id>")
@login_required
def view_entry(family_id: int, entry_id: int):
    family, reader = open_book(family_id)
    return show_entry(family, reader, open_entry(reader, entry_id))


def show_entry(family, reader, entry, upload_problems=None, caption="", status=200):
    """An entry's page, with its letters and photos (and the form to add one, with what went
    wrong when a file could not be kept)."""
    listing_id = entry.fields.get("listing", "")
    # A card made from a listing links back to it while the service is still in the directory.
    listing = _listing(listing_id)
    return render_template("book/entry.html", family=family, reader=reader, entry=entry,
                           kind=KINDS[entry.kind], can_edit=may_edit(db(), reader, entry),
                           can_share=may_share(db(), reader, entry),
                           shared=why_shown(reader, [entry]), listing=listing,
                           proposal=proposals.of_entry(db(), entry),
                           attachments=reading.attachments(db(), reader, [entry])[entry.id],
                           can_attach=may_attach(db(), reader, entry),
                           kept=promises.kept_for_card(db(), reader, entry.id, today())
                           if entry.kind == "service" else None,
                           upload_problems=upload_problems or {}, caption=caption,
                           back=_part_page(family, entry.kind, entry)), status


def _take_saved_versions(kind, entry, values: dict) -> dict:
    """For each conflicting field the person chose to keep as saved, put the saved value back."""
    saved = entry_inputs(kind, entry)
    for key in list(values):
        if key.startswith("resolve-") and values[key] == "saved":
            for name in input_names(kind, key.removeprefix("resolve-")):
                values.pop(name, None)
                if name in saved:
                    values[name] = saved[name]
    return values


@blueprint.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(family_id: int, entry_id: int):
    family, reader = open_book(family_id)
    entry = open_entry(reader, entry_id)
    kind = KINDS[entry.kind]
    if not may_edit(db(), reader, entry):
        abort(404)
    if request.method == "GET":
        return _form_page(family, reader, EntryForm(kind, entry_inputs(kind, entry)), entry,
                          entry.version)
    base_text = request.form.get("base_version", "")
    base_version = whole_number(base_text)
    if base_version is None:
        abort(400)
    values = _take_saved_versions(kind, entry, typed_values(request.form))
    try:
        with attempt():
            merged = update_entry(db(), reader, entry, values, base_version)
    except Invalid as invalid:
        return _form_page(family, reader, EntryForm(kind, values, invalid.problems), entry,
                          base_version, status=400)
    except Conflict as conflict:
        current = db().get(Entry, entry.id)
        for key in conflict.result.conflicts:
            values.setdefault(f"resolve-{key}", "mine")
        form = EntryForm(kind, values, conflicts=conflict.result.conflicts)
        return _form_page(family, reader, form, current, current.version, status=409)
    except NotAllowed:
        abort(404)
    if merged is not None and merged.theirs_changed:
        flash(_("Someone else changed this while you were writing. "
                "We kept their changes and yours."), "success")
    else:
        flash(_("Saved."), "success")
    return redirect(url_for("book.view_entry", family_id=family.id, entry_id=entry.id))


@blueprint.route("/entries/<int:entry_id>/history")
@login_required
def entry_history(family_id: int, entry_id: int):
    family, reader = open_book(family_id)
    # Earlier versions may hold words the family later took out: only the family sees them.
    family_only(reader)
    entry = open_entry(reader, entry_id)
    revisions = reading.history(db(), reader, entry)
    changes = []
    for newer, older in zip(revisions, revisions[1:] + [None]):
        changes.append((newer, changed_fields(snapshot(older) if older else None,
                                              snapshot(newer))))
    return render_template("book/history.html", family=family, reader=reader, entry=entry,
                           kind=KINDS[entry.kind], changes=changes,
                           removed=reading.removed_attachments(db(), reader, entry))


@blueprint.route("/entries/<int:entry_id>/history/<int:version>")
@login_required
def entry_revision(family_id: int, entry_id: int, version: int):
    family, reader = open_book(family_id)
    family_only(reader)
    entry = open_entry(reader, entry_id)
    earlier = reading.version(db(), reader, entry, version)
    if earlier is None:
        abort(404)
    return render_template("book/revision.html", family=family, reader=reader, entry=entry,
                           kind=KINDS[entry.kind], earlier=earlier)
