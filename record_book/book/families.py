"""Starting a family's book, joining it, and the views of it that the home page needs."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.entries import apply_values, record_revision
from record_book.book.kinds import MEMBER
from record_book.book.model import Account, Entry, Family, Membership
from record_book.clock import utcnow
from record_book.policy import HOLDER, Reader, holder_reader
from record_book.sharing import access_log


def families_of(session: Session, account: Account) -> list[tuple[Family, str]]:
    rows = session.execute(
        select(Family, Membership.role).join(Membership, Membership.family_id == Family.id)
        .where(Membership.account_id == account.id).order_by(Family.id))
    return [(family, role) for family, role in rows]


def _add_member_entry(session: Session, family: Family, account: Account, fields: dict,
                      now: datetime) -> Entry:
    reader = holder_reader(account.id, family.id, now)
    entry = Entry(family_id=family.id, kind="member", owner_account_id=account.id,
                  created_at=now)
    apply_values(entry, MEMBER, {**fields, "_category": "family_life", "_owner_member_id": None,
                           "_visibility": "family"}, reader, now)
    session.add(entry)
    session.flush()
    record_revision(session, entry, account.id, now)
    return entry


def start_family(session: Session, title: str, holder: Account, holder_fields: dict,
                 now: datetime | None = None) -> Family:
    """A new book, owned from the first minute by the holder, who is its first person."""
    now = now or utcnow()
    family = Family(title=title, created_at=now)
    session.add(family)
    session.flush()
    access_log.start(session, family.id)
    member = _add_member_entry(session, family, holder, holder_fields, now)
    session.add(Membership(family_id=family.id, account_id=holder.id, role=HOLDER,
                           member_entry_id=member.id, created_at=now))
    session.flush()
    return family


def join_family(session: Session, family: Family, account: Account, role: str,
                member_entry: Entry | None = None) -> Membership:
    membership = Membership(family_id=family.id, account_id=account.id, role=role,
                            member_entry_id=member_entry.id if member_entry else None)
    session.add(membership)
    session.flush()
    return membership


def own_member_entry_id(session: Session, reader: Reader) -> int | None:
    """The person in the book that the reader is, if any."""
    return session.scalar(select(Membership.member_entry_id).where(
        Membership.family_id == reader.family_id, Membership.account_id == reader.account_id))
