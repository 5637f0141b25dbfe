"""Who outside the family may write entries for it to accept, and about which parts of its life.

A holder allows a connected professional one part at a time ("may add entries about school") and
can stop it with one press; the advocate may always write (they co-write with the family). Each
change is written to the access log in the same transaction.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.kinds import CATEGORIES
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, advocates_of, may_allow_contributors
from record_book.sharing import access_log
from record_book.sharing.connections import grantees
from record_book.sharing.model import ContributionPermission


@dataclass(frozen=True)
class Contributor:
    account_id: int
    name: str
    categories: frozenset[str]


def _live(reader: Reader):
    return select(ContributionPermission).where(
        ContributionPermission.family_id == reader.family_id,
        ContributionPermission.revoked_at.is_(None))


def contributors(session: Session, reader: Reader) -> list[Contributor]:
    """Each person connected to the book (not organisations: a person writes; not the advocate,
    who always may), and the parts of the family's life they may write about now."""
    if not may_allow_contributors(reader):
        raise NotAllowed()
    allowed: dict[int, set[str]] = {}
    for permission in session.scalars(_live(reader)):
        allowed.setdefault(permission.account_id, set()).add(permission.category)
    advocates = set(session.scalars(advocates_of(reader.family_id)))
    return [Contributor(person.account_id, person.name,
                        frozenset(allowed.get(person.account_id, ())))
            for person in grantees(session, reader)
            if person.account_id is not None and person.account_id not in advocates]


def set_categories(session: Session, reader: Reader, account_id: int | None,
                   categories: list[str]) -> Contributor:
    """What this person may write about from now on: the parts ticked; the others stop."""
    if not may_allow_contributors(reader):
        raise NotAllowed()
    person = next((c for c in contributors(session, reader) if c.account_id == account_id), None)
    if person is None:
        raise Invalid({"person": Problem(N_("Choose someone connected to your book"))})
    wanted = set(categories)
    if not wanted <= set(dict(CATEGORIES)):
        raise Invalid({"category": Problem(N_("Choose what they may write about"))})
    for permission in session.scalars(_live(reader).where(
            ContributionPermission.account_id == account_id)):
        if permission.category not in wanted:
            permission.revoked_at, permission.revoked_by_id = reader.now, reader.account_id
            access_log.append(session, reader.family_id, reader.account_id, "disallow",
                              ((None, {"who": person.name, "category": permission.category}),),
                              reader.now)
    for category in sorted(wanted - person.categories):
        session.add(ContributionPermission(family_id=reader.family_id, account_id=account_id,
                                           category=category, granted_by_id=reader.account_id,
                                           granted_at=reader.now))
        access_log.append(session, reader.family_id, reader.account_id, "allow",
                          ((None, {"who": person.name, "category": category}),), reader.now)
    session.flush()
    return Contributor(account_id, person.name, frozenset(wanted))
