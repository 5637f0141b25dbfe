"""Cleaning again what is already stored, once, after rich text came to be shown as stored.

Pages show a stored rich field as it is, with no second cleaning at render time; every way in
cleans it first (forms, proposals, notes, imports). Rows written before imports were cleaned,
or by hand, are cleaned by `clean_stored_text` (the `clean-stored-text` command). Cleaning is
idempotent: a row already clean is left as it is, so the command may be run again at any time.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.kinds import KINDS
from record_book.book.model import Entry, EntryRevision, Proposal
from record_book.book.text import clean_plain, clean_rich
from record_book.sharing.model import Note

BATCH = 500


def clean_fields(kind_name: str | None, fields: dict) -> dict:
    """An entry's fields as they would be saved now: rich ones cleaned, plain ones normalised."""
    kind = KINDS.get(kind_name or "")
    types = {f.name: f.type for f in kind.fields} if kind else {}
    return {name: (clean_rich(value) if types.get(name) == "rich" else clean_plain(value))
            if isinstance(value, str) else value for name, value in (fields or {}).items()}


def clean_stored_text(session: Session) -> int:
    """Clean every stored entry, saved version, proposal and note again; how many changed."""
    changed = 0
    for row, kind in session.execute(select(Entry, Entry.kind).execution_options(
            yield_per=BATCH)):
        changed += _set_fields(row, kind)
    for row, kind in session.execute(
            select(EntryRevision, Entry.kind).join(Entry, Entry.id == EntryRevision.entry_id)
            .execution_options(yield_per=BATCH)):
        changed += _set_fields(row, kind)
    for row in session.scalars(select(Proposal).execution_options(yield_per=BATCH)):
        changed += _set_fields(row, row.kind)
    for note in session.scalars(select(Note).execution_options(yield_per=BATCH)):
        body = clean_rich(note.body)
        if body != note.body:
            note.body, changed = body, changed + 1
    session.flush()
    return changed


def _set_fields(row, kind: str) -> int:
    cleaned = clean_fields(kind, row.fields)
    if cleaned == row.fields:
        return 0
    row.fields = cleaned
    return 1
