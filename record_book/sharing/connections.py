"""How a professional becomes connected to a family's book, and who is connected.

A family gives a one-time code; nothing else connects a professional (they can never search for
families). Every connection is in the family's access log.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from record_book.book.model import Account, Organisation
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    Reader,
    advocates_of,
    may_connect_others,
    may_connect_to_books,
    team_of,
)
from record_book.sharing import access_log
from record_book.sharing.model import Connection, ConnectionCode

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 10
CODE_DAYS = 7


@dataclass(frozen=True)
class Grantee:
    """A person or an organisation connected to the book."""

    account_id: int | None
    organisation_id: int | None
    name: str

    @property
    def key(self) -> str:
        return f"a{self.account_id}" if self.account_id else f"o{self.organisation_id}"


def _hash_code(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_connection_code(session: Session, reader: Reader) -> str:
    """A one-time code the family gives a professional; it is stored only as a hash."""
    if not may_connect_others(reader):
        raise NotAllowed()
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    session.add(ConnectionCode(family_id=reader.family_id, code_hash=_hash_code(raw),
                               created_by_id=reader.account_id, created_at=reader.now,
                               expires_at=reader.now + timedelta(days=CODE_DAYS)))
    session.flush()
    return f"{raw[:5]}-{raw[5:]}"


def connect_with_code(session: Session, account: Account, code: str, now: datetime
                      ) -> Connection:
    """A professional uses a family's code. A wrong, used or expired code changes nothing.

    The code connects that professional alone: only the family connects their organisation
    (connect_their_organisation)."""
    if not may_connect_to_books(account):
        raise Invalid({"code": Problem(N_("Only professionals can connect to a family's book"))})
    found = session.scalar(select(ConnectionCode).where(
        ConnectionCode.code_hash == _hash_code(code)))
    if found is None or found.used_at is not None or found.expires_at <= now:
        raise Invalid({"code": Problem(N_(
            "That code does not work. It may be mistyped, used already or more than 7 days "
            "old. Ask the family for a new one."))})
    found.used_at, found.used_by_id = now, account.id
    connection = session.scalar(select(Connection).where(
        Connection.family_id == found.family_id, Connection.account_id == account.id,
        Connection.ended_at.is_(None)))
    if connection is None:
        connection = Connection(family_id=found.family_id, account_id=account.id,
                                created_by_id=found.created_by_id, created_at=now)
        session.add(connection)
    access_log.append(session, found.family_id, account.id, "connect",
                      ((None, {"who": account.display_name}),), now)
    session.flush()
    return connection


def connect_organisation(session: Session, reader: Reader, organisation: Organisation
                         ) -> Connection:
    if not may_connect_others(reader):
        raise NotAllowed()
    connection = Connection(family_id=reader.family_id, organisation_id=organisation.id,
                            created_by_id=reader.account_id, created_at=reader.now)
    session.add(connection)
    access_log.append(session, reader.family_id, reader.account_id, "connect",
                      ((None, {"who": organisation.name}),), reader.now)
    session.flush()
    return connection


def organisations_to_offer(session: Session, reader: Reader) -> dict[int, Organisation]:
    """For each person connected to the book (by account id): their organisation, if the family
    has not connected it yet. The family can connect only the teams of people it knows."""
    connected = select(Connection.organisation_id).where(
        Connection.family_id == reader.family_id, Connection.organisation_id.is_not(None),
        Connection.ended_at.is_(None))
    people = select(Connection.account_id).where(
        Connection.family_id == reader.family_id, Connection.account_id.is_not(None),
        Connection.ended_at.is_(None))
    rows = session.execute(
        select(Account, Organisation).join(Organisation,
                                           Organisation.id == Account.organisation_id)
        .where(or_(Account.id.in_(people), Account.id.in_(advocates_of(reader.family_id))),
               Organisation.id.not_in(connected)))
    return {account.id: organisation for account, organisation in rows
            if team_of(account) is not None}


def connect_their_organisation(session: Session, reader: Reader, account_id: int | None
                               ) -> Connection:
    """A holder connects the organisation of someone already connected to the book, so the
    family can share with the whole team. Colleagues then see only what is shared with the
    organisation; its admin sees nothing of it."""
    organisation = organisations_to_offer(session, reader).get(account_id) \
        if may_connect_others(reader) else None
    if organisation is None:
        raise NotAllowed()
    return connect_organisation(session, reader, organisation)


def grantees(session: Session, reader: Reader) -> list[Grantee]:
    """Everyone connected to the book, the advocate first."""
    people: dict[str, Grantee] = {}
    advocates = session.execute(
        select(Account.id, Account.display_name, Organisation.name)
        .outerjoin(Organisation, Organisation.id == Account.organisation_id)
        .where(Account.id.in_(advocates_of(reader.family_id))))
    connected = session.execute(
        select(Connection.account_id, Account.display_name, Organisation.name,
               Connection.organisation_id)
        .outerjoin(Account, Account.id == Connection.account_id)
        .outerjoin(Organisation, or_(Organisation.id == Connection.organisation_id,
                                     Organisation.id == Account.organisation_id))
        .where(Connection.family_id == reader.family_id, Connection.ended_at.is_(None)))
    for account_id, name, org in advocates:
        grantee = Grantee(account_id, None, f"{name} ({org})" if org else name)
        people[grantee.key] = grantee
    for account_id, name, org, org_id in connected:
        grantee = (Grantee(account_id, None, f"{name} ({org})" if org else name) if account_id
                   else Grantee(None, org_id, org))
        people.setdefault(grantee.key, grantee)
    return list(people.values())


def find_grantee(session: Session, reader: Reader, key: str) -> Grantee:
    for grantee in grantees(session, reader):
        if grantee.key == key:
            return grantee
    raise Invalid({"grantee": Problem(N_("Choose who to share with"))})


