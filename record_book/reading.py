"""Reading is logging: the one way the book's entries reach anyone.

Every page, the booklet and the plan's pages get entries from here. For a reader outside the
family (the advocate and professionals included) each function writes the access-log rows of
what it hands out, in the same transaction as the read: the rows commit with the page or not at
all, so an entry can never be shown without the family being able to see who read it. For the
family's own people nothing is logged (the family reading its own book).

What may be read is the policy's rule (`record_book.policy`); this module only reads by it and
logs. The plan's parts are read through `plans.reading`, which logs through `log` here.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from record_book.book import attachments as attached
from record_book.book.model import Attachment, Entry, EntryRevision
from record_book.policy import (
    Reader,
    readable_entry,
    reads_handover_note,
    rule_shape,
    rule_statement,
    rule_values,
)
from record_book.sharing import access_log
from record_book.sharing.notices import notify_holders


def log(session: Session, reader: Reader, action: str, rows: Iterable[tuple[int | None, dict]]
        ) -> None:
    """Write what someone outside the family read (or printed) to the family's log. The first
    read by someone new tells the holders."""
    rows = list(rows)
    if reader.in_family or reader.account_id is None or not rows:
        return
    access_log.append(session, reader.family_id, reader.account_id, action, rows, reader.now)
    entry_ids = [entry_id for entry_id, _details in rows if entry_id is not None]
    if action == "read" and entry_ids:
        notify_holders(session, reader.family_id, "first_read", {"who": reader.account_id},
                       dedupe_key=f"first-read:{reader.family_id}:{reader.account_id}",
                       now=reader.now, about=entry_ids)


def entry_rows(entries: Iterable[Entry]) -> list[tuple[int, dict]]:
    """One log row per entry, named by its title as it is now."""
    unique = {entry.id: entry for entry in entries if entry is not None}
    return [(entry.id, {"title": entry.title}) for entry in unique.values()]


def handed_out(session: Session, reader: Reader, entries: list[Entry], action: str = "read"
               ) -> list[Entry]:
    log(session, reader, action, entry_rows(entries))
    return entries


# Each read's statement is built once per shape of reader (policy.rule_statement) and run with
# the reader's values: building it on every call was a large part of a page's server time.

@lru_cache(maxsize=None)
def _entries_in_order(shape: tuple, by_kind: bool, newest_first: bool):
    order = Entry.sort_key.desc() if newest_first else Entry.sort_key
    return rule_statement(shape, "entries", by_kind).order_by(order, Entry.id)


def entries(session: Session, reader: Reader, kind: str | None = None,
            newest_first: bool = False, action: str = "read") -> list[Entry]:
    """The entries (of one kind) the reader may read, in the book's order."""
    found = list(session.scalars(
        _entries_in_order(rule_shape(reader), kind is not None, newest_first),
        rule_values(reader, kind)))
    return handed_out(session, reader, found, action)


@lru_cache(maxsize=None)
def _page(shape: tuple):
    return (rule_statement(shape, "entries", True)
            .order_by(Entry.sort_key.desc(), Entry.id.desc())
            .offset(bindparam("skip")).limit(bindparam("take")))


def page_of(session: Session, reader: Reader, kind: str, page: int, per_page: int
            ) -> tuple[list[Entry], bool]:
    """One page of a kind's entries, newest first, and whether older ones follow. Only the page
    is handed out (and logged): a list that grows with the book is read a page at a time."""
    found = list(session.scalars(_page(rule_shape(reader)), {
        **rule_values(reader, kind), "skip": (page - 1) * per_page, "take": per_page + 1}))
    return handed_out(session, reader, found[:per_page]), len(found) > per_page


@lru_cache(maxsize=None)
def _by_kind(shape: tuple):
    return rule_statement(shape, "entries").order_by(Entry.kind, Entry.id)


def every_entry(session: Session, reader: Reader) -> list[Entry]:
    """Everything the reader may read, kind by kind (the family's sharing pages)."""
    found = list(session.scalars(_by_kind(rule_shape(reader)), rule_values(reader)))
    return handed_out(session, reader, found)


def entry(session: Session, reader: Reader, entry_id: int) -> Entry | None:
    """One entry, or None when the reader may not read it (or it does not exist)."""
    found = readable_entry(session, reader, entry_id)
    if found is not None:
        handed_out(session, reader, [found])
    return found


@lru_cache(maxsize=None)
def _first(shape: tuple):
    return rule_statement(shape, "entries", True).order_by(Entry.id).limit(1)


def first_of_kind(session: Session, reader: Reader, kind: str) -> Entry | None:
    """The book's one entry of a kind that has one per family ("read this first")."""
    found = session.scalar(_first(rule_shape(reader)), rule_values(reader, kind))
    return handed_out(session, reader, [found])[0] if found is not None else None


@dataclass(frozen=True)
class Home:
    summary: Entry | None
    changes: list  # (revision, kind, title) rows, newest first
    coming: list[Entry]
    shown: list[Entry]  # every entry the page shows, once


@lru_cache(maxsize=None)
def _latest_saves(shape: tuple):
    return (rule_statement(shape, "revisions").add_columns(Entry.kind, Entry.title)
            .order_by(EntryRevision.created_at.desc(), EntryRevision.id.desc())
            .limit(bindparam("take")))


@lru_cache(maxsize=None)
def _coming_up(shape: tuple):
    return (rule_statement(shape, "entries", True).where(Entry.sort_key >= bindparam("today"))
            .order_by(Entry.sort_key).limit(bindparam("take")))


def home(session: Session, reader: Reader, today_key: str, changes: int = 8, coming: int = 5
         ) -> Home:
    """The book's front page: "read this first", the latest saves and what is coming up."""
    shape = rule_shape(reader)
    summary = session.scalar(_first(shape), rule_values(reader, "summary"))
    latest = session.execute(_latest_saves(shape), {**rule_values(reader), "take": changes}
                             ).all()
    soon = list(session.scalars(_coming_up(shape), {
        **rule_values(reader, "event"), "today": today_key, "take": coming}))
    changed = list(session.scalars(select(Entry).where(
        Entry.id.in_({revision.entry_id for revision, *_ in latest}))))
    shown = list({e.id: e for e in [summary, *soon, *changed] if e is not None}.values())
    handed_out(session, reader, shown)
    return Home(summary, latest, soon, shown)


@lru_cache(maxsize=None)
def _versions(shape: tuple):
    return (rule_statement(shape, "revisions")
            .where(EntryRevision.entry_id == bindparam("entry_id"))
            .order_by(EntryRevision.version.desc()))


@lru_cache(maxsize=None)
def _version(shape: tuple):
    return rule_statement(shape, "revisions").where(
        EntryRevision.entry_id == bindparam("entry_id"),
        EntryRevision.version == bindparam("number"))


def history(session: Session, reader: Reader, entry: Entry) -> list[EntryRevision]:
    """Every saved version of an entry the reader may read, newest first. Earlier versions are
    the family's: someone outside it gets none (a grant shares the entry as it is now)."""
    if not reader.in_family:
        return []
    return list(session.scalars(_versions(rule_shape(reader)),
                                {**rule_values(reader), "entry_id": entry.id}))


def version(session: Session, reader: Reader, entry: Entry, number: int
            ) -> EntryRevision | None:
    if not reader.in_family:
        return None
    return session.scalar(_version(rule_shape(reader)),
                          {**rule_values(reader), "entry_id": entry.id, "number": number})


HANDOVER_NOTE_TITLE = "Handover note"


def handover_notes(session: Session, reader: Reader, changes) -> dict[int, str]:
    """The handover notes (by change of advocate) the reader may read: the family's words for
    the advocate it chose, logged when that advocate reads them."""
    notes = {change.id: change.handover_note for change in changes
             if change.handover_note and reads_handover_note(reader, change.advocate_id)}
    log(session, reader, "read", [(None, {"title": HANDOVER_NOTE_TITLE, "lead_change": change_id})
                                  for change_id in notes])
    return notes


# Letters and photos: part of their entry, so read by the entry's rule -------------------------

def attachments(session: Session, reader: Reader, entries: list[Entry]) -> dict[int, list]:
    """The letters and photos of entries already read through this module (and so already
    logged as read), by entry. What was removed is not among them."""
    return attached.attached_to(session, [entry.id for entry in entries])


def removed_attachments(session: Session, reader: Reader, entry: Entry) -> list[Attachment]:
    """What was taken off an entry: part of its history, which is the family's alone."""
    if not reader.in_family:
        return []
    return attached.attached_to(session, [entry.id], removed=True)[entry.id]


@lru_cache(maxsize=None)
def _attachment(shape: tuple):
    return (select(Attachment, Entry).join(Entry, Entry.id == Attachment.entry_id)
            .where(Attachment.id == bindparam("attachment_id"),
                   Entry.id.in_(rule_statement(shape, "entries").with_only_columns(Entry.id))))


def attachment(session: Session, reader: Reader, attachment_id: int, action: str = "open"
               ) -> Attachment | None:
    """One letter or photo, or None when the reader may not read its entry (or it was removed,
    for someone outside the family). Opening it is logged ("Ms Patel opened “Letter from the
    council”"); its thumbnail, shown on the entry's page, is logged as reading the entry."""
    found = session.execute(_attachment(rule_shape(reader)), {
        **rule_values(reader), "attachment_id": attachment_id}).first()
    if found is None:
        return None
    file, entry = found
    if file.removed_at is not None and not reader.in_family:
        return None
    if action == "open":
        log(session, reader, "open", [(entry.id, {"title": file.caption, "entry": entry.title})])
    else:
        handed_out(session, reader, [entry], action)
    return file
