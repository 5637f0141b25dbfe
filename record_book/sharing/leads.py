"""Who leads for the family: its advocate (the lead professional), changing them, and ending a
connection.

Only a holder changes these. The advocate's place is a membership of the book, asked on every
request, so an advocate who is changed or removed stops reading the whole plan on their very
next page. Someone who stops being the advocate stays connected, seeing only what is shared with
them, until a holder ends that connection too; ending a connection stops every grant to that
person at once. Both are undone by connecting again with a new code. Every change is in the
family's access log and in the history every connected professional sees.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.model import Account, Membership
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import (
    ADVOCATE,
    NotAllowed,
    Reader,
    may_change_advocate,
    may_end_connection,
    may_lead,
    may_open_book,
)
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, grantees
from record_book.sharing.grants import stop_all_sharing
from record_book.sharing.model import Connection, LeadChange

NO_ADVOCATE = "none"
HANDOVER_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class Lead:
    """The family's advocate now (None: nobody leads for now), and since when."""

    advocate: Account | None
    since: datetime | None


def _advocate_memberships(session: Session, family_id: int) -> list[Membership]:
    return list(session.scalars(select(Membership).where(
        Membership.family_id == family_id, Membership.role == ADVOCATE)
        .order_by(Membership.created_at)))


def lead_now(session: Session, family_id: int) -> Lead:
    """Since when: the change that named them, or, for an advocate chosen when the book began,
    the day they joined it."""
    memberships = _advocate_memberships(session, family_id)
    if not memberships:
        last = history(session, family_id)
        return Lead(None, last[0].changed_at if last else None)
    membership = memberships[0]
    named = session.scalar(select(LeadChange.changed_at).where(
        LeadChange.family_id == family_id, LeadChange.advocate_id == membership.account_id)
        .order_by(LeadChange.changed_at.desc()).limit(1))
    return Lead(membership.account, named or membership.created_at)


def history(session: Session, family_id: int) -> list[LeadChange]:
    """Every change of who leads, newest first."""
    return list(session.scalars(select(LeadChange).where(LeadChange.family_id == family_id)
                                .order_by(LeadChange.changed_at.desc(), LeadChange.id.desc())))


def lead_for(session: Session, reader: Reader) -> tuple[Lead, list[LeadChange]]:
    """The "who leads for us" card, for the family and everyone connected to the book."""
    if not may_open_book(session, reader):
        raise NotAllowed()
    return lead_now(session, reader.family_id), history(session, reader.family_id)


def advocate_choices(session: Session, reader: Reader) -> list[Grantee]:
    """The connected professionals a holder may choose as advocate, except the one leading now."""
    current = {m.account_id for m in _advocate_memberships(session, reader.family_id)}
    people = [g for g in grantees(session, reader)
              if g.account_id is not None and g.account_id not in current]
    accounts = {a.id: a for a in session.scalars(
        select(Account).where(Account.id.in_([g.account_id for g in people])))}
    return [g for g in people if may_lead(accounts[g.account_id])]


def _name(account: Account | None) -> str:
    if account is None:
        return ""
    org = account.organisation
    return f"{account.display_name} ({org.name})" if org else account.display_name


def _keep_connected(session: Session, reader: Reader, account_id: int) -> None:
    """An advocate who steps down stays connected, as any professional the family let in."""
    live = session.scalar(select(Connection.id).where(
        Connection.family_id == reader.family_id, Connection.account_id == account_id,
        Connection.ended_at.is_(None)).limit(1))
    if live is None:
        session.add(Connection(family_id=reader.family_id, account_id=account_id,
                               created_by_id=reader.account_id, created_at=reader.now))


def _record(session: Session, reader: Reader, advocate: Account | None,
            previous: Account | None, note: str | None) -> LeadChange:
    change = LeadChange(family_id=reader.family_id, advocate=advocate, previous=previous,
                        changed_by_id=reader.account_id, changed_at=reader.now,
                        handover_note=note or None)
    session.add(change)
    access_log.append(session, reader.family_id, reader.account_id, "lead",
                      ((None, {"who": _name(advocate), "was": _name(previous)}),), reader.now)
    return change


def first_advocate(session: Session, family_id: int, advocate: Account, holder_id: int,
                   now: datetime) -> None:
    """The professional who started the book with the family, when the holder chose them as
    advocate on joining: the first line of the history."""
    session.add(Membership(family_id=family_id, account_id=advocate.id, role=ADVOCATE,
                           created_at=now))
    session.add(LeadChange(family_id=family_id, advocate=advocate, changed_by_id=holder_id,
                           changed_at=now))
    session.flush()


def check_choice(session: Session, reader: Reader, choice: str, note: str = ""
                 ) -> Account | None:
    """The advocate a holder chose (`choice` is their key, like "a12"), or None for nobody
    ("none"); a plain-words problem for anyone else, before anything changes."""
    if not may_change_advocate(reader):
        raise NotAllowed()
    leading = {f"a{m.account_id}" for m in _advocate_memberships(session, reader.family_id)}
    chosen = None
    if choice in leading:
        raise Invalid({"advocate": Problem(N_(
            "They already lead for you. Choose someone else, or go back."))})
    if choice == NO_ADVOCATE:
        if not leading:
            raise Invalid({"advocate": Problem(N_(
                "Nobody leads for you now. Choose someone connected to your book."))})
    else:
        found = [g for g in advocate_choices(session, reader) if g.key == choice]
        if not found:
            raise Invalid({"advocate": Problem(N_(
                "Choose someone connected to your book, or no advocate for now"))})
        chosen = session.get(Account, found[0].account_id)
    note = clean_plain(note).strip()
    if len(note) > HANDOVER_NOTE_LENGTH:
        raise Invalid({"note": Problem(N_("Keep the note to 2,000 characters or fewer"))})
    if note and chosen is None:
        raise Invalid({"note": Problem(N_(
            "A handover note is for a new advocate. Choose one, or leave the note empty."))})
    return chosen


def change_advocate(session: Session, reader: Reader, choice: str, note: str = ""
                    ) -> LeadChange:
    """A holder names a connected professional as the advocate, or nobody. The old advocate
    reads only what is shared with them from the next request on."""
    chosen = check_choice(session, reader, choice, note)
    previous = None
    for membership in _advocate_memberships(session, reader.family_id):
        previous = membership.account
        _keep_connected(session, reader, membership.account_id)
        session.delete(membership)
    session.flush()
    if chosen is not None:
        session.add(Membership(family_id=reader.family_id, account_id=chosen.id, role=ADVOCATE,
                               created_at=reader.now))
    change = _record(session, reader, chosen, previous, clean_plain(note).strip())
    session.flush()
    return change


def end_connection(session: Session, reader: Reader, grantee: Grantee) -> int:
    """A holder ends someone's connection: every grant to them stops, they no longer open the
    book, and if they were the advocate nobody leads for now. Returns how many shares stopped."""
    if not may_end_connection(reader):
        raise NotAllowed()
    stopped = stop_all_sharing(session, reader, grantee)
    whose = (Connection.account_id == grantee.account_id if grantee.account_id
             else Connection.organisation_id == grantee.organisation_id)
    for connection in session.scalars(select(Connection).where(
            Connection.family_id == reader.family_id, Connection.ended_at.is_(None), whose)):
        connection.ended_at = reader.now
    leading = [m for m in _advocate_memberships(session, reader.family_id)
               if grantee.account_id is not None and m.account_id == grantee.account_id]
    for membership in leading:
        _record(session, reader, None, membership.account, None)
        session.delete(membership)
    access_log.append(session, reader.family_id, reader.account_id, "disconnect",
                      ((None, {"who": grantee.name}),), reader.now)
    session.flush()
    return stopped


def connected_grantee(session: Session, reader: Reader, key: str) -> Grantee | None:
    """Someone connected to the book (the advocate included), by their key, or None."""
    return next((g for g in grantees(session, reader) if g.key == key), None)

