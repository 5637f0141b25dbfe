"""The pages that list a family's entries, one page per part of the book."""

from flask import render_template, request
from flask_login import login_required

from portal.book import blueprint
from portal.book.opening import open_book, why_shown
from portal.db import db
from portal.language import words_now
from record_book import policy, reading
from record_book.accounts import invitations
from record_book.book import proposals
from record_book.book.dates import PartialDate, age_on
from record_book.book.kinds import HELPS_SECTIONS, STORY_SECTIONS, VOICE_AGE
from record_book.book.numbers import whole_number
from record_book.clock import today
from record_book.directory.young_carers import help_for_young_carers, young_carers
from record_book.policy import may_add_entries

# A page of the timeline: enough to scroll back a good while on a phone, little enough that a
# long book costs no more to open than a short one.
EVENTS_PER_PAGE = 25
TIMELINE_PAGES = 10_000


def by_month(events) -> list[tuple[str, list]]:
    """Events (newest first) under a heading for each month, in the reader's language."""
    months: list[tuple[str, list]] = []
    words = words_now()
    for event in events:
        when = PartialDate.from_json(event.fields.get("date"))
        heading = words.day(when.earliest, "LLLL yyyy") if when else ""
        if not months or months[-1][0] != heading:
            months.append((heading, []))
        months[-1][1].append(event)
    return months


def _by_section(entries, sections):
    return [(code, label, [e for e in entries if e.fields.get("section") == code])
            for code, label in sections]


@blueprint.route("/")
@login_required
def home(family_id: int):
    family, reader = open_book(family_id)
    page = reading.home(db(), reader, today().isoformat())
    # Imported here: portal.plan opens books through this package, so a top-level import
    # would be circular.
    from portal.plan.glance import glance

    return render_template(
        "book/home.html", family=family, reader=reader,
        summary=page.summary, changes=page.changes, coming=page.coming,
        can_add=may_add_entries(reader), shared=why_shown(reader, page.shown),
        plan=glance(reader),
        waiting=proposals.waiting(db(), reader) if reader.in_family else [],
        rejoins=(invitations.waiting_rejoins(db(), family.id)
                 if policy.may_cancel_rejoin(reader) else []),
    )


@blueprint.route("/people")
@login_required
def people(family_id: int):
    family, reader = open_book(family_id)
    members = reading.entries(db(), reader, "member")
    voices = reading.entries(db(), reader, "voice")
    carers = young_carers(members, today()) if reader.in_family else []
    return render_template("book/people.html", family=family, reader=reader,
                           shared=why_shown(reader, members + voices),
                           members=[(m, age_on(m.fields, today())) for m in members],
                           voices=voices, VOICE_AGE=VOICE_AGE,
                           can_add=may_add_entries(reader), carers=carers,
                           carers_help=help_for_young_carers(db()) if carers else [])


def _sections_page(family_id: int, kind: str, sections):
    family, reader = open_book(family_id)
    entries = reading.entries(db(), reader, kind)
    return render_template("book/sections.html", family=family, reader=reader, kind=kind,
                           shared=why_shown(reader, entries),
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
    page = min(whole_number(request.args.get("page", "")) or 1, TIMELINE_PAGES)
    events, older = reading.page_of(db(), reader, "event", page, EVENTS_PER_PAGE)
    return render_template("book/timeline.html", family=family, reader=reader,
                           months=by_month(events), page=page, older=older,
                           shared=why_shown(reader, events), can_add=may_add_entries(reader))


@blueprint.route("/services")
@login_required
def services(family_id: int):
    family, reader = open_book(family_id)
    services = reading.entries(db(), reader, "service")
    return render_template("book/services.html", family=family, reader=reader,
                           services=services, shared=why_shown(reader, services),
                           can_add=may_add_entries(reader))


@blueprint.route("/check-ins")
@login_required
def checkins(family_id: int):
    family, reader = open_book(family_id)
    entries = reading.entries(db(), reader, "checkin")
    return render_template("book/checkins.html", family=family, reader=reader,
                           shared=why_shown(reader, entries),
                           checkins=list(reversed(entries)), trend=entries[-12:],
                           can_add=may_add_entries(reader))


@blueprint.route("/notes")
@login_required
def notes(family_id: int):
    family, reader = open_book(family_id)
    entries = reading.entries(db(), reader, "note")
    return render_template("book/notes.html", family=family, reader=reader, notes=entries,
                           shared=why_shown(reader, entries))
