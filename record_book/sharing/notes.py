"""Notes a professional sends to a family. The family decides whether a note joins the book,
as an entry in the professional's own words, attributed to them; it never changes family words."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.entries import apply_values, record_revision
from record_book.book.kinds import KINDS
from record_book.book.model import Entry
from record_book.book.text import clean_plain, clean_rich, rich_to_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, may_open_book, may_read_inbox
from record_book.sharing import access_log
from record_book.sharing.model import Note
from record_book.sharing.notices import notify_holders


def send(session: Session, reader: Reader, title: str, body: str) -> Note:
    if reader.in_family or not may_open_book(session, reader):
        raise NotAllowed()
    title, body = clean_plain(title or ""), clean_rich(body or "")
    problems = {}
    if not title:
        problems["title"] = Problem(N_("Give your note a title"))
    elif len(title) > 150:
        problems["title"] = Problem(N_("Keep the title to 150 characters or fewer"))
    if not rich_to_plain(body):
        problems["body"] = Problem(N_("Write your note"))
    elif len(body) > 10_000:
        problems["body"] = Problem(N_("Keep the note to 10,000 characters or fewer"))
    if problems:
        raise Invalid(problems)
    note = Note(family_id=reader.family_id, author_id=reader.account_id, title=title, body=body,
                created_at=reader.now)
    session.add(note)
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "note",
                      ((None, {"note": note.id}),), reader.now)
    notify_holders(session, reader.family_id, "new_note", {"note": note.id}, now=reader.now)
    return note


def inbox(session: Session, reader: Reader) -> list[Note]:
    if not may_read_inbox(reader):
        raise NotAllowed()
    return list(session.scalars(select(Note).where(
        Note.family_id == reader.family_id, Note.status == "new").order_by(Note.created_at)))


def _new_note(session: Session, reader: Reader, note_id: int) -> Note:
    note = session.get(Note, note_id)
    if note is None or note.family_id != reader.family_id or not may_read_inbox(reader) \
            or note.status != "new":
        raise NotAllowed()
    return note


def add_to_book(session: Session, reader: Reader, note_id: int, category: str) -> Entry:
    note = _new_note(session, reader, note_id)
    author = note.author
    fields = {"title": note.title, "text": note.body, "from_name": author.display_name,
              "from_organisation": author.organisation.name if author.organisation else ""}
    entry = Entry(family_id=reader.family_id, kind="note", owner_account_id=reader.account_id,
                  created_at=reader.now)
    apply_values(entry, KINDS["note"], {**fields, "_category": category,
                                        "_owner_member_id": None, "_visibility": "family"},
                 reader, reader.now)
    entry.updated_by_id = author.id
    session.add(entry)
    session.flush()
    record_revision(session, entry, author.id, reader.now)
    note.status, note.entry_id, note.decided_at = "added", entry.id, reader.now
    session.flush()
    return entry


def decline(session: Session, reader: Reader, note_id: int) -> None:
    note = _new_note(session, reader, note_id)
    note.status, note.decided_at = "declined", reader.now
    session.flush()
