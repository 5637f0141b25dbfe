"""Who may read and change which entry. The one place that decides it.

Every page, export and booklet asks `readable_entries` (or `readable_entry`, built on it), so a
rule changed here changes everywhere at once, and a list of entries is checked in one query.
"""

from dataclasses import dataclass

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from .model import Account, Entry, Membership


@dataclass(frozen=True)
class Reader:
    """An account as it stands towards one family's book."""

    account_id: int
    family_id: int
    role: str | None  # holder, young_person, advocate, or None for someone outside the family

    @property
    def in_family(self) -> bool:
        return self.role in ("holder", "young_person")


def reader_for(session: Session, account: Account, family_id: int) -> Reader:
    role = session.scalar(
        select(Membership.role).where(
            Membership.family_id == family_id, Membership.account_id == account.id
        )
    )
    return Reader(account.id, family_id, role)


def _visible_to(reader: Reader) -> ColumnElement[bool]:
    if reader.role == "holder":
        return or_(Entry.visibility.in_(("family", "adults")),
                   Entry.owner_account_id == reader.account_id)
    if reader.role == "young_person":
        return or_(Entry.visibility == "family", Entry.owner_account_id == reader.account_id)
    # Outside the family (advocates and professionals included) nothing is visible until the
    # family shares it.
    return false()


def readable_entries(reader: Reader, kind: str | None = None):
    """A query for the entries of the reader's family that the reader may read."""
    query = select(Entry).where(Entry.family_id == reader.family_id, _visible_to(reader))
    if kind is not None:
        query = query.where(Entry.kind == kind)
    return query


def readable_entry(session: Session, reader: Reader, entry_id: int) -> Entry | None:
    return session.scalar(readable_entries(reader).where(Entry.id == entry_id))


def may_add_entries(reader: Reader) -> bool:
    return reader.in_family


def may_edit(session: Session, reader: Reader, entry: Entry) -> bool:
    """Family words stay with their writer: a holder edits the holders' entries, and a young
    person edits their own."""
    if entry.owner_account_id == reader.account_id:
        return True
    if reader.role != "holder" or entry.visibility == "private":
        return False
    owner_role = session.scalar(
        select(Membership.role).where(
            Membership.family_id == entry.family_id,
            Membership.account_id == entry.owner_account_id,
        )
    )
    return owner_role == "holder"


def visibility_choices(reader: Reader) -> tuple[str, ...]:
    """Who inside the family the reader may show their own entries to."""
    if reader.role == "holder":
        return ("family", "adults")
    if reader.role == "young_person":
        return ("private", "family")
    return ()
