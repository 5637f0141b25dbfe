"""The pages that list a family's entries, one page per part of the book."""

from flask import render_template
from flask_login import login_required
from sqlalchemy import select

from portal.book import blueprint
from portal.book.opening import open_book
from portal.book.reading import shown
from portal.db import db
from record_book.book.dates import age_on
from record_book.book.families import coming_up, entries_of_kind, recent_changes
from record_book.book.kinds import HELPS_SECTIONS, STORY_SECTIONS
from record_book.book.model import Entry
from record_book.clock import today
from record_book.policy import may_add_entries


def _by_section(entries, sections):
    return [(code, label, [e for e in entries if e.fields.get("section") == code])
            for code, label in sections]


@blueprint.route("/")
@login_required
def home(family_id: int):
    family, reader = open_book(family_id)
    summary = entries_of_kind(db(), reader, "summary")
    changes = recent_changes(db(), reader)
    coming = coming_up(db(), reader, today().isoformat())
    changed = db().scalars(select(Entry).where(Entry.id.in_({rev.entry_id for rev, *_ in changes})))
    shared = shown(reader, summary + coming + list(changed))
    # Imported here: portal.plan.pages opens books through this package, so a top-level import
    # would be circular.
    from portal.plan.pages import glance

    return render_template(
        "book/home.html", family=family, reader=reader,
        summary=summary[0] if summary else None, changes=changes, coming=coming,
        can_add=may_add_entries(reader), shared=shared, plan=glance(reader),
    )


@blueprint.route("/people")
@login_required
def people(family_id: int):
    family, reader = open_book(family_id)
    members = entries_of_kind(db(), reader, "member")
    return render_template("book/people.html", family=family, reader=reader,
                           shared=shown(reader, members),
                           members=[(m, age_on(m.fields, today())) for m in members],
                           can_add=may_add_entries(reader))


def _sections_page(family_id: int, kind: str, sections):
    family, reader = open_book(family_id)
    entries = entries_of_kind(db(), reader, kind)
    return render_template("book/sections.html", family=family, reader=reader, kind=kind,
                           shared=shown(reader, entries),
                           sections=_by_section(entries, sections),
                           can_add=may_add_entries(reader))


@blueprint.route("/story")
@login_required
def story(family_id: int):
    return _sections_page(family_id, "story", STORY_SECTIONS)


@blueprint.route("/what-helps")
@login_required
def helps(family_id: int):
    return _sections_page(family_id, "helps", HELPS_SECTIONS)


@blueprint.route("/timeline")
@login_required
def timeline(family_id: int):
    family, reader = open_book(family_id)
    events = entries_of_kind(db(), reader, "event", newest_first=True)
    return render_template("book/timeline.html", family=family, reader=reader,
                           events=events, shared=shown(reader, events),
                           can_add=may_add_entries(reader))


@blueprint.route("/services")
@login_required
def services(family_id: int):
    family, reader = open_book(family_id)
    services = entries_of_kind(db(), reader, "service")
    return render_template("book/services.html", family=family, reader=reader,
                           services=services, shared=shown(reader, services),
                           can_add=may_add_entries(reader))


@blueprint.route("/check-ins")
@login_required
def checkins(family_id: int):
    family, reader = open_book(family_id)
    entries = entries_of_kind(db(), reader, "checkin")
    return render_template("book/checkins.html", family=family, reader=reader,
                           shared=shown(reader, entries),
                           checkins=list(reversed(entries)), trend=entries[-12:],
                           can_add=may_add_entries(reader))


@blueprint.route("/notes")
@login_required
def notes(family_id: int):
    family, reader = open_book(family_id)
    entries = entries_of_kind(db(), reader, "note")
    return render_template("book/notes.html", family=family, reader=reader, notes=entries,
                           shared=shown(reader, entries))
