"""The whole book as one JSON document, and back again (the format: docs/export-format.md).

An export of a book imported into an empty database gives back the same book: the same ids, the
same rows and an access log whose hash chain still holds. The document is the same each time
for the same book (tables by name, rows by id, no time of export inside), so two exports can be
compared byte for byte.
"""

import base64
import binascii
from datetime import date, datetime, timezone

from sqlalchemy import Date, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from record_book.book import file_stores
from record_book.book.attachments import kept_again
from record_book.book.model import Base, Entry, EntryRevision, UTCDateTime
from record_book.book.stored_text import clean_fields
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid
from record_book.data_rights.book_rows import book_tables, family_accounts, rows_of
from record_book.policy import Reader, readable_entries, readable_revisions
from record_book.sharing import access_log
from record_book.sharing.model import AccessLogRow

FORMAT = "family-record-book"
VERSION = 1

# Part of the book in the database, but not of the copy: they are keys, not what the book says.
LEFT_OUT = {
    "invitations": "one-time codes to join the book, kept only as hashes",
    "connection_codes": "one-time codes for professionals, kept only as hashes",
    "drafts": "one person's unsaved words from a form they were signed out of: theirs alone "
              "until they save them, so a young person's draft never reaches a holder's copy",
    "stored_files": "the bytes of letters and photos, carried under `files` instead, "
                    "whichever store keeps them",
    "booklet_jobs": "booklets printed from the book, made again from it whenever wanted",
}
# Not part of any book, so never in a copy.
NOT_BOOK = {
    "passkeys": "ways to sign in",
    "recovery_codes": "ways to sign in",
    "sign_ins": "who is signed in on which phone, kept only while they are",
    "passkey_challenges": "a passkey question waiting a minute or two for its answer",
    "set_up_requests": "admins asking and agreeing to a new way in for a professional",
    "verifications": "an admin's check of who a professional is",
    "local_terms": "the portal's own list of local words",
    "form_submissions": "receipts of pressed buttons, kept a day so a second press does nothing",
    "language_reviewers": "who checks the portal's words in a language, never a family's",
    "language_reviews": "speakers' checks of the portal's own words, which hold nothing of a book",
    "reminder_choices": "one person's own choice of reminders, and their mobile number",
    "sent_reminders": "which reminders went to whom and when; they hold nothing from a book",
}
# The family's own people are written out in full; anyone else only by name and kind, because
# their username and email are theirs, not the family's. Passwords never leave the database.
FAMILY_ACCOUNT_COLUMNS = ("id", "username", "display_name", "kind", "organisation_id", "locale",
                          "email", "created_at")
OTHER_ACCOUNT_COLUMNS = ("id", "display_name", "kind", "organisation_id")


class ImportRefused(Exception):
    """The document cannot be imported here; the message says why in plain words."""


def _out(value):
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        raise TypeError("binary columns are not part of the export format")
    return value


def _in(column, value):
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def _rows(session: Session, table: Table, condition, columns=None) -> list[dict]:
    columns = [table.c[name] for name in columns] if columns else list(table.c)
    found = session.execute(select(*columns).where(condition).order_by(table.c.id)).mappings()
    return [{name: _out(value) for name, value in row.items()} for row in found]


def _left_out_for(session: Session, reader: Reader | None
                  ) -> tuple[set[int], set[int], set[int]]:
    """The entries, the saved versions of entries and the access-log rows that a holder's own
    copy leaves out (or withholds): the ones the access rule keeps from them."""
    if reader is None:
        return set(), set(), set()
    readable = readable_entries(reader).with_only_columns(Entry.id)
    entries = set(session.scalars(select(Entry.id).where(
        Entry.family_id == reader.family_id, Entry.id.not_in(readable))))
    versions = set(session.scalars(select(EntryRevision.id).join(
        Entry, Entry.id == EntryRevision.entry_id).where(
        Entry.family_id == reader.family_id,
        EntryRevision.id.not_in(readable_revisions(reader).with_only_columns(EntryRevision.id)))))
    log_rows = set(session.scalars(select(AccessLogRow.id).where(
        AccessLogRow.family_id == reader.family_id, ~access_log.readable_rows(reader))))
    return entries, versions, log_rows


# What a withheld access-log row keeps: its place in the chain, nothing of who, what or when.
WITHHELD = {"actor_id": None, "action": None, "entry_id": None, "created_at": None,
            "details": {"withheld": True}}


def _keep(table: Table, row: dict, left_out: tuple[set[int], set[int], set[int]]) -> bool:
    # Every access-log row stays, so the copy shows where the chain has rows about what it
    # leaves out; what such a row says is withheld, as "Who has looked" leaves it out.
    entries, versions, log_rows = left_out
    if table.name == "entries":
        return row["id"] not in entries
    if table.name == "entry_revisions" and row["id"] in versions:
        return False
    if table.name == "access_log":
        if row["id"] in log_rows:
            row.update(WITHHELD)
        return True
    return row.get("entry_id") not in entries


def _referenced(session: Session, tables: dict[str, list[dict]], family_id: int) -> None:
    """Add the accounts, organisations and other shared rows that the book's rows point to, and
    the ones those point to in turn."""
    family_people = family_accounts(session, family_id)
    book = {table.name for table in book_tables()}
    wanted: dict[str, set[int]] = {}
    to_look_at = list(tables)
    while to_look_at:
        table = Base.metadata.tables[to_look_at.pop()]
        for key in table.foreign_keys:
            target, column = key.column.table.name, key.parent.name
            if target in book:
                continue
            ids = {row.get(column) for row in tables[table.name]} - {None}
            if ids - wanted.get(target, set()):
                wanted.setdefault(target, set()).update(ids)
                tables[target] = _shared_rows(session, target, wanted[target], family_people)
                to_look_at.append(target)


def _shared_rows(session: Session, name: str, ids: set[int], family_people: set[int]):
    table = Base.metadata.tables[name]
    if name != "accounts":
        return _rows(session, table, table.c.id.in_(ids))
    return sorted(
        _rows(session, table, table.c.id.in_(ids & family_people), FAMILY_ACCOUNT_COLUMNS)
        + _rows(session, table, table.c.id.in_(ids - family_people), OTHER_ACCOUNT_COLUMNS),
        key=lambda row: row["id"])


def export_family(session: Session, family_id: int, reader: Reader | None = None) -> dict:
    """The family's book as a JSON-ready dict.

    Without a reader, the whole book (for moving or restoring it). With one, the copy that reader
    may have: entries the access rule keeps from them are left out, with their history and the
    sharing of them, and the document says it is not the whole book."""
    left_out = _left_out_for(session, reader)
    tables: dict[str, list[dict]] = {}
    for table in book_tables():
        if table.name not in LEFT_OUT:
            tables[table.name] = [row for row in _rows(session, table, rows_of(table, family_id))
                                  if _keep(table, row, left_out)]
    _referenced(session, tables, family_id)
    # The log's head, outside the tables, to be kept: `verify-access-log --against` checks it.
    head = access_log.head_of(session, family_id)
    return {"format": FORMAT, "version": VERSION, "family_id": family_id,
            "whole_book": not any(left_out),
            "access_log_head": {"rows": head.row_count, "chain": head.chain} if head else None,
            "tables": dict(sorted(tables.items())),
            "files": _files(session, tables.get("attachments", []))}


def _files(session: Session, attachments: list[dict]) -> dict[str, str]:
    """The cleaned bytes of each letter and photo (and thumbnail), in base64. They are named
    after the attachment, not where this portal keeps them, so the same book gives the same
    document whichever store holds it."""
    files = {}
    for row in attachments:
        for column, name in (("content_key", f"attachment-{row['id']}"),
                             ("thumbnail_key", f"attachment-{row['id']}-thumbnail")):
            content = file_stores.get(session, row[column]) if row.get(column) else None
            row[column] = name if content is not None else None
            if content is not None:
                files[name] = base64.b64encode(content).decode("ascii")
    return dict(sorted(files.items()))


# Importing -----------------------------------------------------------------------------------

def _check(session: Session, document: dict) -> dict[str, list[dict]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused("This file is not a Family Record Book export.")
    if document.get("version") != VERSION:
        raise ImportRefused(f"This export is version {document.get('version')!r}; this portal "
                            f"reads version {VERSION} only.")
    if not document.get("whole_book"):
        raise ImportRefused("This copy leaves out entries its downloader could not read, so it "
                            "cannot be imported as the whole book. Use `flask export-family`.")
    tables = document.get("tables") or {}
    unknown = set(tables) - set(Base.metadata.tables)
    if unknown:
        raise ImportRefused(f"This export has tables this portal does not know: "
                            f"{', '.join(sorted(unknown))}.")
    for name, rows in tables.items():
        table = Base.metadata.tables[name]
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), 500):
            taken = session.scalar(select(table.c.id).where(
                table.c.id.in_(ids[start:start + 500])).limit(1))
            if taken is not None:
                raise ImportRefused(f"Row {taken} of {name} is already in this database. "
                                    "Import into an empty database.")
    return tables


def _insert(session: Session, table: Table, rows: list[dict]) -> None:
    # A row may point at a later row of its own table (an entry about a person added after
    # it): such links are filled in once every row is in.
    own = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    links = [(row["id"], {name: row[name] for name in own}) for row in rows
             if any(row.get(name) is not None for name in own)]
    by_shape: dict[tuple, list[dict]] = {}
    for row in rows:
        values = {name: _in(table.c[name], value) for name, value in row.items()}
        if table.name == "accounts":
            # Someone outside the family is carried by name only; they sign in again here.
            values.setdefault("username", f"imported-{row['id']}")
        values.update({name: None for name in own})
        by_shape.setdefault(tuple(sorted(values)), []).append(values)
    for shaped in by_shape.values():
        session.execute(insert(table), shaped)
    for row_id, values in links:
        session.execute(update(table).where(table.c.id == row_id).values(**values))


def _bump_sequences(session: Session, names) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move on."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in names:
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"))


def _cleaned(tables: dict) -> dict:
    """What people wrote is cleaned on the way in, whichever way it comes: a file made
    elsewhere is cleaned like a form, so every page can show what is stored as it is."""
    kinds = {row["id"]: row.get("kind") for row in tables.get("entries", [])}
    for row in tables.get("entries", []):
        row["fields"] = clean_fields(row.get("kind"), row.get("fields"))
        row["title"] = clean_plain(row.get("title") or "")
    for row in tables.get("entry_revisions", []):
        row["fields"] = clean_fields(kinds.get(row.get("entry_id")), row.get("fields"))
        row["title"] = clean_plain(row.get("title") or "")
    for row in tables.get("plan_revisions", []):
        row["content"] = {key: clean_plain(value) if isinstance(value, str) else value
                          for key, value in (row.get("content") or {}).items()}
    return tables


def _file(files: dict, name: str | None) -> bytes | None:
    return base64.b64decode(files[name], validate=True) if name else None


def _keep_files(session: Session, document: dict, attachments: list[dict]) -> None:
    """Each letter and photo into this portal's store. A file that is not exactly as a portal
    keeps one is cleaned again like an upload (a photo re-encoded, its thumbnail made again)."""
    files = document.get("files") or {}
    for row in attachments:
        try:
            kept = kept_again(row.get("kind"), _file(files, row["content_key"]),
                              _file(files, row.get("thumbnail_key")))
        except (KeyError, TypeError, binascii.Error, Invalid) as broken:
            raise ImportRefused(f"The file of attachment {row.get('id')} is missing from this "
                                "export, or is not a photo or PDF that can be kept.") from broken
        row["content_key"] = file_stores.put(session, document["family_id"], kept.content)
        row["thumbnail_key"] = file_stores.put(session, document["family_id"], kept.thumbnail) \
            if kept.thumbnail else None
        row.update({name: value for name, value in (("width", kept.width),
                    ("height", kept.height), ("pages", kept.pages)) if value is not None})
        row["caption"] = clean_plain(row.get("caption") or "")


def import_family(session: Session, document: dict) -> int:
    """Put an exported book into this database, with its own ids. Refuses (ImportRefused) a
    file of another kind or version, or ids that are taken. The caller commits, or rolls back
    on a refusal."""
    tables = _cleaned(_check(session, document))
    try:
        for table in Base.metadata.sorted_tables:
            if table.name == "attachments":
                # After the family's row, which the kept files belong to.
                _keep_files(session, document, tables.get("attachments", []))
            if tables.get(table.name):
                _insert(session, table, tables[table.name])
        session.flush()
    except IntegrityError as clash:
        raise ImportRefused("Something in this export is already in this database (a username "
                            "or an organisation's name). Import into an empty database.") from clash
    _bump_sequences(session, [name for name, rows in tables.items() if rows])
    return document["family_id"]
