"""The book: who opens it, reads, writes, changes and shares its entries."""

from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from record_book.book.model import (
    Entry,
)
from record_book.policy.access import (
    HOLDER,
    Reader,
    _role_of,
    connection_reaches,
    grant_is_for,
    is_closing,
)
from record_book.sharing.model import Connection, Grant

# The book --------------------------------------------------------------------------------

def may_open_book(session: Session, reader: Reader) -> bool:
    """Family always; the advocate, and anyone else while connected, unless the book is closing."""
    if reader.in_family:
        return True
    if is_closing(session, reader.family_id):
        return False
    if reader.role is not None:
        return True
    connected = select(Connection.id).where(
        Connection.family_id == reader.family_id,
        connection_reaches(reader.account_id, reader.organisation_id))
    return session.scalar(connected.limit(1)) is not None


def may_add_entries(reader: Reader) -> bool:
    return reader.in_family


def may_edit(session: Session, reader: Reader, entry: Entry) -> bool:
    """Family words stay with their writer: a holder edits the holders' entries, and a young
    person edits their own. Words a professional sent or wrote are never edited by anyone else."""
    if entry.kind == "note" or entry.written_by_id is not None:
        return False
    if entry.owner_account_id == reader.account_id:
        return reader.in_family
    if not reader.is_holder or entry.visibility == "private":
        return False
    return _role_of(session, entry.family_id, entry.owner_account_id) == HOLDER


def may_attach(session: Session, reader: Reader, entry: Entry) -> bool:
    """Letters and photos are part of an entry: whoever may change the entry adds, turns and
    removes them."""
    return may_edit(session, reader, entry)


def visibility_choices(reader: Reader) -> tuple[str, ...]:
    """Who inside the family the reader may show their own entries to."""
    if reader.is_holder:
        return ("family", "adults")
    if reader.is_young_person:
        return ("private", "family")
    return ()


def may_keep_the_book(reader: Reader) -> bool:
    """A holder takes a copy of the book, asks to delete it, or keeps it after all; a holder
    invites others into the family and reads the family's inbox of notes and requests."""
    return reader.is_holder


may_take_or_delete_book = may_invite = may_read_inbox = may_answer_requests = may_keep_the_book


def may_print(session: Session, reader: Reader) -> bool:
    """Whoever may open the book prints what they may read of it."""
    return may_open_book(session, reader)


def may_collect_booklet(session: Session, reader: Reader, asked_by_id: int,
                        made_at: datetime) -> bool:
    """A booklet made in the background goes only to the person who asked for it, while they
    may still print the book. Someone outside the family gets it only if nothing shared with
    them has stopped or run out since it was made; otherwise they make it again, and it holds
    what is shared now."""
    if reader.account_id != asked_by_id or not may_print(session, reader):
        return False
    if reader.in_family:
        return True
    stopped = select(Grant.id).where(
        Grant.family_id == reader.family_id, grant_is_for(reader),
        or_(Grant.revoked_at >= made_at,
            and_(Grant.expires_at >= made_at, Grant.expires_at <= reader.now)))
    return session.scalar(stopped.limit(1)) is None
