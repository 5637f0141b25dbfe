"""What a family does to share its book, entry by entry, and to take it back.

Every change of sharing writes its access-log row in the same transaction as the change.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from . import access_log
from .access import (NotAllowed, Reader, grant_covers_entry, grant_is_for, grant_is_live,
                     grantee_reader, may_share, may_share_whole_parts, may_stop,
                     readable_by_both, readable_entries, readable_plan_parts)
from .i18n import N_
from .kinds import CATEGORIES
from .model import Account, Entry, Membership, Organisation
from .sharing_model import Connection, ConnectionCode, Grant, Notification
from .validation import Invalid, Problem

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


def _holders(session: Session, family_id: int, about: list[int] | None = None) -> list[int]:
    """The book's holders; given entries, only those who may read one of them, so a notice
    never tells a parent of a young person's private sharing."""
    holders = list(session.scalars(select(Membership.account_id).where(
        Membership.family_id == family_id, Membership.role == "holder")))
    if about is None:
        return holders
    return [account_id for account_id in holders if session.scalar(
        readable_entries(Reader(account_id, family_id, "holder")).where(Entry.id.in_(about))
        .with_only_columns(Entry.id).limit(1)) is not None]


def notify_holders(session: Session, family_id: int, kind: str, params: dict,
                   dedupe_key: str | None = None, now: datetime | None = None,
                   about: list[int] | None = None) -> None:
    for account_id in _holders(session, family_id, about):
        if dedupe_key and session.scalar(select(Notification.id).where(
                Notification.account_id == account_id, Notification.dedupe_key == dedupe_key)):
            continue
        session.add(Notification(account_id=account_id, family_id=family_id, kind=kind,
                                 params=params, dedupe_key=dedupe_key,
                                 created_at=now or datetime.now().astimezone()))


def _require_family(reader: Reader) -> None:
    if not reader.in_family:
        raise NotAllowed()


# Connecting --------------------------------------------------------------------------------

def new_connection_code(session: Session, reader: Reader) -> str:
    """A one-time code the family gives a professional; it is stored only as a hash."""
    if reader.role != "holder":
        raise NotAllowed()
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    session.add(ConnectionCode(family_id=reader.family_id, code_hash=_hash_code(raw),
                               created_by_id=reader.account_id, created_at=reader.now,
                               expires_at=reader.now + timedelta(days=CODE_DAYS)))
    session.flush()
    return f"{raw[:5]}-{raw[5:]}"


def connect_with_code(session: Session, account: Account, code: str, now: datetime,
                      whole_organisation: bool = False) -> Connection:
    """A professional uses a family's code. A wrong, used or expired code changes nothing.

    With `whole_organisation`, the family can then share with the organisation as well as the
    person; colleagues still see only what is shared with the organisation."""
    if account.kind != "professional":
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
    if whole_organisation and account.organisation is not None:
        session.add(Connection(family_id=found.family_id, organisation_id=account.organisation_id,
                               created_by_id=found.created_by_id, created_at=now))
        access_log.append(session, found.family_id, account.id, "connect",
                          ((None, {"who": account.organisation.name}),), now)
    session.flush()
    return connection


def connect_organisation(session: Session, reader: Reader, organisation: Organisation
                         ) -> Connection:
    if reader.role != "holder":
        raise NotAllowed()
    connection = Connection(family_id=reader.family_id, organisation_id=organisation.id,
                            created_by_id=reader.account_id, created_at=reader.now)
    session.add(connection)
    access_log.append(session, reader.family_id, reader.account_id, "connect",
                      ((None, {"who": organisation.name}),), reader.now)
    session.flush()
    return connection


def grantees(session: Session, reader: Reader) -> list[Grantee]:
    """Everyone connected to the book, the advocate first."""
    people: dict[str, Grantee] = {}
    advocates = session.execute(
        select(Account.id, Account.display_name, Organisation.name)
        .join(Membership, Membership.account_id == Account.id)
        .outerjoin(Organisation, Organisation.id == Account.organisation_id)
        .where(Membership.family_id == reader.family_id, Membership.role == "advocate"))
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


# Sharing -----------------------------------------------------------------------------------

def _end_date(until: date | None, now: datetime) -> datetime | None:
    if until is None:
        return None
    if until <= now.date():
        raise Invalid({"until": Problem(N_("The end date must be in the future"))})
    return datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)


def _grant(session: Session, reader: Reader, grantee: Grantee, until: date | None,
           details: dict, entry: Entry | None = None, **scope) -> Grant:
    grant = Grant(family_id=reader.family_id, entry_id=entry.id if entry else None,
                  grantee_account_id=grantee.account_id,
                  grantee_organisation_id=grantee.organisation_id,
                  granted_by_id=reader.account_id, granted_at=reader.now,
                  expires_at=_end_date(until, reader.now), **scope)
    session.add(grant)
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "grant",
                      ((entry.id if entry else None,
                        {"who": grantee.name, "grant": grant.id, **details}),), reader.now)
    return grant


def share_entry(session: Session, reader: Reader, entry: Entry, grantee: Grantee,
                until: date | None = None) -> Grant:
    if not may_share(session, reader, entry):
        raise NotAllowed()
    return _grant(session, reader, grantee, until, {"title": entry.title}, entry=entry)


def share_category(session: Session, reader: Reader, category: str, grantee: Grantee,
                   until: date | None = None) -> Grant:
    if not may_share_whole_parts(reader):
        raise NotAllowed()
    if category not in dict(CATEGORIES):
        raise Invalid({"category": Problem(N_("Choose what to share"))})
    return _grant(session, reader, grantee, until, {"category": category}, category=category)


def share_present_and_future(session: Session, reader: Reader, months: int, grantee: Grantee,
                             until: date | None = None) -> Grant:
    """The volunteers' preset: entries from `months` months ago onwards, nothing older."""
    if not may_share_whole_parts(reader):
        raise NotAllowed()
    if not 1 <= months <= 24:
        raise Invalid({"months": Problem(N_("Choose between 1 and 24 months"))})
    start = (reader.now - timedelta(days=round(months * 30.44))).date().isoformat()
    return _grant(session, reader, grantee, until, {"from": start}, from_date=start,
                  recent_months=months)


def share_plan_part(session: Session, reader: Reader, part: str, grantee: Grantee,
                    until: date | None = None, title: str | None = None) -> Grant:
    """Share the whole plan ("plan") or one goal ("goal:<id>"); plans/sharing.py checks the part.
    Only a holder shares the plan."""
    if reader.role != "holder":
        raise NotAllowed()
    details = {"plan_part": part, **({"title": title} if title else {})}
    return _grant(session, reader, grantee, until, details, plan_part=part)


def stop_grant(session: Session, reader: Reader, grant: Grant) -> None:
    _require_family(reader)
    if grant.family_id != reader.family_id or grant.revoked_at is not None \
            or not may_stop(session, reader, grant):
        raise NotAllowed()
    grant.revoked_at, grant.revoked_by_id = reader.now, reader.account_id
    access_log.append(session, reader.family_id, reader.account_id, "revoke",
                      ((grant.entry_id, {"who": grantee_name(grant), "grant": grant.id}),),
                      reader.now)
    session.flush()


def stop_all_sharing(session: Session, reader: Reader, grantee: Grantee) -> int:
    """Take back everything shared with this person or organisation, in one step: a holder's
    emergency brake, which stops a young person's own sharing with them too."""
    if reader.role != "holder":
        raise NotAllowed()
    grants = session.scalars(select(Grant).where(
        Grant.family_id == reader.family_id, grant_is_live(reader.now),
        Grant.grantee_account_id == grantee.account_id
        if grantee.account_id else Grant.grantee_organisation_id == grantee.organisation_id))
    stopped = 0
    for grant in grants:
        grant.revoked_at, grant.revoked_by_id = reader.now, reader.account_id
        access_log.append(session, reader.family_id, reader.account_id, "revoke",
                          ((grant.entry_id, {"who": grantee.name, "grant": grant.id}),),
                          reader.now)
        stopped += 1
    session.flush()
    return stopped


def grantee_name(grant: Grant) -> str:
    if grant.grantee_account is not None:
        org = grant.grantee_account.organisation
        return (f"{grant.grantee_account.display_name} ({org.name})" if org
                else grant.grantee_account.display_name)
    return grant.grantee_organisation.name


# Looking at sharing ------------------------------------------------------------------------

def live_grants(session: Session, reader: Reader) -> list[Grant]:
    _require_family(reader)
    # A grant of one entry is listed only to those who may read that entry.
    return list(session.scalars(select(Grant).where(
        Grant.family_id == reader.family_id, grant_is_live(reader.now),
        or_(Grant.entry_id.is_(None),
            Grant.entry_id.in_(readable_entries(reader).with_only_columns(Entry.id))))
        .order_by(Grant.granted_at.desc())))


def who_can_see(session: Session, reader: Reader, entry: Entry) -> list[Grant]:
    """The live grants that cover this entry, whichever way they name it."""
    _require_family(reader)
    return list(session.scalars(
        select(Grant).join(Entry, Entry.id == entry.id)
        .where(Grant.family_id == reader.family_id, grant_is_live(reader.now),
               grant_covers_entry())
        .order_by(Grant.granted_at)))


def what_they_can_see(session: Session, reader: Reader, grantee: Grantee) -> list[Entry]:
    """Exactly the entries this person or organisation can read now, asked of the one rule,
    among those the family member asking may read themselves."""
    _require_family(reader)
    as_them = grantee_reader(reader.family_id, grantee.account_id, grantee.organisation_id,
                             reader.now)
    return list(session.scalars(readable_by_both(reader, as_them).order_by(Entry.kind, Entry.id)))


def plan_goals_they_can_see(session: Session, reader: Reader, grantee: Grantee,
                            goals: dict[str, str]) -> list[str]:
    """The titles of the plan's goals this person or organisation can read now, given the
    open plan's goals (id → title); asked of the one rule, like entries."""
    _require_family(reader)
    as_them = grantee_reader(reader.family_id, grantee.account_id, grantee.organisation_id,
                             reader.now)
    parts = readable_plan_parts(session, as_them)
    return [title for goal_id, title in goals.items() if parts == "all" or goal_id in parts]


def grants_for_reader(session: Session, reader: Reader, entry_ids: list[int]
                      ) -> dict[int, Grant]:
    """For a professional's page: the earliest live grant behind each entry, in one query."""
    if not entry_ids:
        return {}
    rows = session.execute(
        select(Entry.id, Grant).join(Grant, and_(Grant.family_id == Entry.family_id,
                                                 grant_covers_entry()))
        .where(Entry.id.in_(entry_ids), grant_is_live(reader.now), grant_is_for(reader))
        .order_by(Grant.granted_at.desc()))
    return {entry_id: grant for entry_id, grant in rows}


# Reading, as the log sees it ----------------------------------------------------------------

def record_reads(session: Session, reader: Reader, entries: list[Entry]) -> None:
    """One access-log row per entry read by someone outside the family, in this transaction.
    The first read by someone new tells the holders."""
    if reader.in_family or not entries or reader.account_id is None:
        return
    access_log.append(session, reader.family_id, reader.account_id, "read",
                      [(entry.id, {"title": entry.title}) for entry in entries], reader.now)
    notify_holders(session, reader.family_id, "first_read", {"who": reader.account_id},
                   dedupe_key=f"first-read:{reader.family_id}:{reader.account_id}",
                   now=reader.now, about=[entry.id for entry in entries])


def record_expiries(session: Session, family_id: int, now: datetime) -> None:
    """Write "sharing ended" to the log for grants that ran out, and warn the holders of
    grants ending within three days."""
    ended = session.scalars(select(Grant).where(
        Grant.family_id == family_id, Grant.revoked_at.is_(None), Grant.expires_at <= now,
        Grant.expiry_logged_at.is_(None)))
    for grant in ended:
        grant.expiry_logged_at = now
        access_log.append(session, family_id, grant.granted_by_id, "expire",
                          ((grant.entry_id, {"who": grantee_name(grant), "grant": grant.id}),),
                          now)
    soon = session.scalars(select(Grant).where(
        Grant.family_id == family_id, grant_is_live(now),
        Grant.expires_at <= now + timedelta(days=3)))
    for grant in soon:
        notify_holders(session, family_id, "grant_ending", {"who": grantee_name(grant)},
                       dedupe_key=f"ending:{grant.id}", now=now,
                       about=None if grant.entry_id is None else [grant.entry_id])
    session.flush()
