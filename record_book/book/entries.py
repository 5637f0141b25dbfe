"""Writing entries: adding, changing without losing anyone's edit, and reading their history."""

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from record_book.book.dates import PartialDate
from record_book.book.kinds import CATEGORIES, KINDS, Kind
from record_book.book.merge import MergeResult, merge
from record_book.book.model import Entry, EntryRevision
from record_book.book.numbers import whole_number
from record_book.book.validation import Invalid, Problem, validate
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    Reader,
    may_add_entries,
    may_edit,
    readable_entries,
    visibility_choices,
)

# Where an entry sits, kept beside its fields so a merge treats them like any other field.
META = ("_category", "_owner_member_id", "_visibility")


@dataclass
class Conflict(Exception):
    """Someone else saved a change to the same field since this person started editing."""

    entry: Entry
    result: MergeResult


def snapshot(entry: Entry | EntryRevision) -> dict:
    return {
        **entry.fields,
        "_category": entry.category,
        "_owner_member_id": entry.owner_member_id,
        "_visibility": entry.visibility,
    }


def title_for(kind: Kind, fields: dict) -> str:
    if kind.title_field:
        return fields[kind.title_field][:300]
    if kind.sort_field and fields.get(kind.sort_field):
        return f"{kind.label} {PartialDate.from_json(fields[kind.sort_field]).sort_key()}"
    return kind.label


def _member_ids(session: Session, reader: Reader) -> set[int]:
    query = readable_entries(reader, "member").with_only_columns(Entry.id)
    return set(session.scalars(query))


def _read_meta(session: Session, reader: Reader, kind: Kind, raw: Mapping[str, str],
               own_entry: bool) -> dict:
    problems: dict[str, Problem] = {}
    category = raw.get("category") or kind.default_category
    if category not in dict(CATEGORIES):
        problems["category"] = Problem(N_("Choose what this is about"))
    owner_text = raw.get("owner_member_id") or ""
    owner = whole_number(owner_text)
    if kind.name != "member" and owner not in _member_ids(session, reader):
        problems["owner_member_id"] = Problem(N_("Choose who this is about"))
    visibility = raw.get("visibility") or visibility_choices(reader)[0]
    if own_entry and visibility not in visibility_choices(reader):
        problems["visibility"] = Problem(N_("Choose who in the family can see this"))
    if problems:
        raise Invalid(problems)
    return {"_category": category,
            "_owner_member_id": None if kind.name == "member" else owner,
            "_visibility": visibility}


def _read_input(session: Session, reader: Reader, kind: Kind, raw: Mapping[str, str],
                now: datetime, own_entry: bool) -> dict:
    problems: dict[str, Problem] = {}
    fields: dict = {}
    meta: dict = {}
    try:
        fields = validate(kind, raw, now.date())
    except Invalid as invalid:
        problems.update(invalid.problems)
    try:
        meta = _read_meta(session, reader, kind, raw, own_entry)
    except Invalid as invalid:
        problems.update(invalid.problems)
    if problems:
        raise Invalid(problems)
    return {**fields, **meta}


def apply_values(entry: Entry, kind: Kind, values: dict, reader: Reader, now: datetime) -> None:
    fields = {k: v for k, v in values.items() if k not in META}
    entry.fields = fields
    entry.category = values["_category"]
    entry.owner_member_id = values["_owner_member_id"]
    entry.visibility = values["_visibility"]
    entry.title = title_for(kind, fields)
    sort_value = fields.get(kind.sort_field) if kind.sort_field else None
    entry.sort_key = PartialDate.from_json(sort_value).sort_key() if sort_value else None
    entry.updated_at = now
    entry.updated_by_id = reader.account_id


def record_revision(session: Session, entry: Entry, author_id: int, now: datetime) -> None:
    session.add(EntryRevision(
        entry_id=entry.id, version=entry.version, category=entry.category,
        owner_member_id=entry.owner_member_id, visibility=entry.visibility, title=entry.title,
        fields=dict(entry.fields), author_id=author_id, created_at=now,
    ))


def add_entry(session: Session, reader: Reader, kind_name: str, raw: Mapping[str, str],
              now: datetime | None = None) -> Entry:
    now = now or utcnow()
    kind = KINDS[kind_name]
    if not may_add_entries(reader) or not kind.family_writes:
        raise NotAllowed()
    values = _read_input(session, reader, kind, raw, now, own_entry=True)
    entry = Entry(family_id=reader.family_id, kind=kind.name, owner_account_id=reader.account_id,
                  created_at=now)
    apply_values(entry, kind, values, reader, now)
    session.add(entry)
    session.flush()
    record_revision(session, entry, reader.account_id, now)
    session.flush()
    return entry


def _revision(session: Session, entry_id: int, version: int) -> EntryRevision | None:
    return session.scalar(select(EntryRevision).where(
        EntryRevision.entry_id == entry_id, EntryRevision.version == version))


def update_entry(session: Session, reader: Reader, entry: Entry, raw: Mapping[str, str],
                 base_version: int, now: datetime | None = None) -> MergeResult | None:
    """Save this person's edit, started from `base_version`.

    Returns None for a plain save, or the merge that combined it with someone else's save.
    Raises Conflict when both changed the same field: nothing is saved then.
    """
    now = now or utcnow()
    kind = KINDS[entry.kind]
    if not may_edit(session, reader, entry):
        raise NotAllowed()
    own_entry = entry.owner_account_id == reader.account_id
    values = _read_input(session, reader, kind, raw, now, own_entry)
    if not own_entry:
        values["_visibility"] = entry.visibility
    for _attempt in range(SAVE_ATTEMPTS):
        try:
            with session.begin_nested():
                outcome = _save(session, reader, entry, kind, values, base_version, now)
                session.flush()
            break
        except StaleDataError:
            # Someone saved between our read and our write: merge again with what they saved.
            session.refresh(entry)
    else:
        raise Conflict(entry, MergeResult(dict(values), {}, frozenset()))
    record_revision(session, entry, reader.account_id, now)
    session.flush()
    return outcome


# How many times a save meets a newer version and merges again before it asks the person.
SAVE_ATTEMPTS = 5


def _save(session, reader, entry, kind, values, base_version, now) -> MergeResult | None:
    if base_version == entry.version:
        apply_values(entry, kind, values, reader, now)
        return None
    base = _revision(session, entry.id, base_version)
    if base is None:
        raise NotAllowed()
    result = merge(snapshot(base), snapshot(entry), values)
    if not result.clean:
        raise Conflict(entry, result)
    apply_values(entry, kind, result.merged, reader, now)
    return result


def changed_fields(before: dict | None, after: dict) -> list[str]:
    """The names of the fields that differ between two snapshots."""
    before = before or {}
    return [key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]
