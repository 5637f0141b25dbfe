"""Deleting a family's book: closed at once, erased after 14 days unless the family keeps it.

Asking to delete stops every grant through the sharing module (so the access log records each
one) and the access rule then refuses everyone outside the family. Keeping the book opens it again
for the family only: the grants stay stopped, and the family shares again if it wants to.

Erasing removes every row of the book (the access log too: the book is gone, so is the record of
who read it) and the accounts of the family's own people. What stays is one `BookErasure` row:
that a book existed, when it was deleted and by whom. The law asks the portal to be able to show
that it did what the family asked; that row is how it can, and it holds nothing from the book.
"""

from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from record_book.accounts.drafts import Draft
from record_book.book import file_stores
from record_book.book.model import Account, Base, BookErasure, Family, Membership
from record_book.clock import utcnow
from record_book.data_rights.book_rows import book_tables, family_accounts, is_book_table, rows_of
from record_book.policy import NotAllowed, Reader, grant_is_live, may_take_or_delete_book
from record_book.sharing.access_log import lock_family
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import grantee_name, stop_all_sharing
from record_book.sharing.model import Grant
from record_book.sharing.notices import notify_holders

DAYS_TO_CHANGE_MIND = 14


# Asked on every page of a book (its banner): built once, the family bound each time.
_PENDING = select(BookErasure).where(BookErasure.family_id == bindparam("family_id"),
                                     BookErasure.erased_at.is_(None))


def pending(session: Session, family_id: int) -> BookErasure | None:
    """The family's request to delete its book, while it can still be kept."""
    return session.scalar(_PENDING, {"family_id": family_id})


def _require_holder(reader: Reader) -> None:
    if not may_take_or_delete_book(reader):
        raise NotAllowed()


def ask_to_delete(session: Session, reader: Reader) -> BookErasure:
    """A holder asks to delete the book. Sharing stops now; erasing comes in 14 days."""
    _require_holder(reader)
    # Two presses (or two holders) at once: the second waits here for the first, then finds it.
    lock_family(session, reader.family_id)
    already = pending(session, reader.family_id)
    if already is not None:
        return already
    live = session.scalars(select(Grant).where(Grant.family_id == reader.family_id,
                                               grant_is_live(reader.now)).order_by(Grant.id))
    grantees = {}
    for grant in live:
        grantees.setdefault((grant.grantee_account_id, grant.grantee_organisation_id),
                            grantee_name(grant))
    for (account_id, organisation_id), name in grantees.items():
        stop_all_sharing(session, reader, Grantee(account_id, organisation_id, name))
    family = session.get(Family, reader.family_id)
    asker = session.get(Account, reader.account_id)
    request = BookErasure(family_id=family.id, book_started_at=family.created_at,
                          requested_at=reader.now, requested_by_name=asker.display_name,
                          erase_after=reader.now + timedelta(days=DAYS_TO_CHANGE_MIND))
    session.add(request)
    notify_holders(session, family.id, "book_closing", {}, now=reader.now)
    session.flush()
    return request


def keep_book(session: Session, reader: Reader) -> None:
    """A holder changes their mind within the 14 days: the book opens again for the family."""
    _require_holder(reader)
    lock_family(session, reader.family_id)
    session.execute(delete(BookErasure).where(BookErasure.family_id == reader.family_id,
                                              BookErasure.erased_at.is_(None)))
    session.flush()


def _accounts_only_here(session: Session, family_id: int) -> set[int]:
    """The family's own people, unless they also belong to another book."""
    people = family_accounts(session, family_id)
    elsewhere = set(session.scalars(select(Membership.account_id).where(
        Membership.account_id.in_(people), Membership.family_id != family_id)))
    return people - elsewhere


def _erase(session: Session, family_id: int) -> None:
    people = _accounts_only_here(session, family_id)
    # Letters and photos kept outside the database go first: the rows that name them follow.
    file_stores.erase_family(session, family_id)
    for table in reversed(book_tables()):
        if table.name != BookErasure.__tablename__:
            session.execute(delete(table).where(rows_of(table, family_id)))
    # What belongs to those accounts and to no book: their passkeys and recovery codes.
    for table in reversed(Base.metadata.sorted_tables):
        if "account_id" in table.c and not is_book_table(table) and table.name != "accounts":
            session.execute(delete(table).where(table.c.account_id.in_(people)))
    # Their drafts typed outside any book (a book's own drafts went with the book above).
    session.execute(delete(Draft).where(Draft.account_id.in_(people)))
    session.execute(delete(Account).where(Account.id.in_(people)))


def erase_due_books(session: Session, now: datetime | None = None) -> list[int]:
    """Erase every book whose 14 days are over; the caller commits once, so it is all or none.
    Gives back the numbers of the books erased."""
    now = now or utcnow()
    due = list(session.scalars(select(BookErasure).where(
        BookErasure.erased_at.is_(None), BookErasure.erase_after <= now)
        .order_by(BookErasure.id)))
    erased = []
    for request in due:
        _erase(session, request.family_id)
        request.erased_at = now
        erased.append(request.family_id)
    session.flush()
    # Objects loaded before the rows went must not be written back or trusted.
    session.expire_all()
    return erased
