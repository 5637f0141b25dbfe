"""What a family does to share its book, entry by entry, and to take it back, and what is
shared now.

Every change of sharing writes its access-log row in the same transaction as the change.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session

from record_book.book.kinds import CATEGORIES
from record_book.book.model import Entry
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    Reader,
    grant_covers_entry,
    grant_is_for,
    grant_is_live,
    grantee_reader,
    may_share,
    may_share_plan,
    may_share_whole_parts,
    may_stop,
    may_stop_all_sharing,
    readable_by_both,
    readable_entries,
    readable_plan_parts,
    rule_placeholder,
    rule_shape,
    rule_values,
)
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.model import Grant
from record_book.sharing.notices import notify_holders


def _require_family(reader: Reader) -> None:
    if not reader.in_family:
        raise NotAllowed()


# Sharing -----------------------------------------------------------------------------------

def check_end_date(until: date | None, now: datetime | None = None) -> None:
    """An end date must be after today; asked before the family is shown what they will share."""
    if until is not None and until <= (now or utcnow()).date():
        raise Invalid({"until": Problem(N_("The end date must be in the future"))})


def check_whole_part(category: str | None = None, months: int | None = None) -> None:
    """A whole part is a category, or the last `months` months onwards; asked before the family
    is shown what they will share."""
    if months is not None:
        if not 1 <= months <= 24:
            raise Invalid({"months": Problem(N_("Choose between 1 and 24 months"))})
    elif category not in dict(CATEGORIES):
        raise Invalid({"category": Problem(N_("Choose what to share"))})


def _end_date(until: date | None, now: datetime) -> datetime | None:
    if until is None:
        return None
    check_end_date(until, now)
    return datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)


PURPOSE_LIMIT = 300


def clean_purpose(purpose: str | None) -> str | None:
    """What a share is for, as stored; asked before the family is shown the check page too."""
    cleaned = clean_plain(purpose or "")
    if len(cleaned) > PURPOSE_LIMIT:
        raise Invalid({"purpose": Problem(N_("Keep what it is for to %(limit)s characters or "
                                             "fewer"), {"limit": PURPOSE_LIMIT})})
    return cleaned or None


def _grant(session: Session, reader: Reader, grantee: Grantee, until: date | None,
           details: dict, entry: Entry | None = None, purpose: str | None = None,
           **scope) -> Grant:
    purpose = clean_purpose(purpose)
    if purpose:
        details = {**details, "purpose": purpose}
    grant = Grant(purpose=purpose, family_id=reader.family_id, entry_id=entry.id if entry else None,
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
                until: date | None = None, purpose: str | None = None) -> Grant:
    if not may_share(session, reader, entry):
        raise NotAllowed()
    return _grant(session, reader, grantee, until, {"title": entry.title}, entry=entry,
                  purpose=purpose)


def share_category(session: Session, reader: Reader, category: str, grantee: Grantee,
                   until: date | None = None, purpose: str | None = None) -> Grant:
    if not may_share_whole_parts(reader):
        raise NotAllowed()
    check_whole_part(category=category)
    return _grant(session, reader, grantee, until, {"category": category}, category=category,
                  purpose=purpose)


def share_present_and_future(session: Session, reader: Reader, months: int, grantee: Grantee,
                             until: date | None = None, purpose: str | None = None) -> Grant:
    """The volunteers' preset: entries from `months` months ago onwards, nothing older."""
    if not may_share_whole_parts(reader):
        raise NotAllowed()
    check_whole_part(months=months)
    start = (reader.now - timedelta(days=round(months * 30.44))).date().isoformat()
    return _grant(session, reader, grantee, until, {"from": start}, from_date=start,
                  recent_months=months, purpose=purpose)


def share_plan_part(session: Session, reader: Reader, part: str, grantee: Grantee,
                    until: date | None = None, title: str | None = None) -> Grant:
    """Share the whole plan ("plan") or one goal ("goal:<id>"); plans/sharing.py checks the part.
    Only a holder shares the plan."""
    if not may_share_plan(reader):
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
                      ((grant.entry_id, _ending(session, grant, grantee_name(grant))),),
                      reader.now)
    session.flush()


def stop_all_sharing(session: Session, reader: Reader, grantee: Grantee) -> int:
    """Take back everything shared with this person or organisation, in one step: a holder's
    emergency brake, which stops a young person's own sharing with them too."""
    if not may_stop_all_sharing(reader):
        raise NotAllowed()
    grants = session.scalars(select(Grant).where(
        Grant.family_id == reader.family_id, grant_is_live(reader.now),
        Grant.grantee_account_id == grantee.account_id
        if grantee.account_id else Grant.grantee_organisation_id == grantee.organisation_id))
    stopped = 0
    for grant in grants:
        grant.revoked_at, grant.revoked_by_id = reader.now, reader.account_id
        access_log.append(session, reader.family_id, reader.account_id, "revoke",
                          ((grant.entry_id, _ending(session, grant, grantee.name)),),
                          reader.now)
        stopped += 1
    session.flush()
    return stopped


def _ending(session: Session, grant: Grant, who: str) -> dict:
    """A log row for sharing that stops names what it covered, as the row that started it did."""
    if grant.entry_id is not None:
        scope = {"title": session.get(Entry, grant.entry_id).title}
    elif grant.category is not None:
        scope = {"category": grant.category}
    elif grant.from_date is not None:
        scope = {"from": grant.from_date}
    else:
        scope = {"plan_part": grant.plan_part}
    return {"who": who, "grant": grant.id, **scope}


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
    rows = session.execute(_grants_behind(rule_shape(reader)),
                           {**rule_values(reader), "entry_ids": entry_ids})
    return {entry_id: grant for entry_id, grant in rows}


@lru_cache(maxsize=None)
def _grants_behind(shape: tuple):
    """Built once per shape of reader, like the access rule itself."""
    reader = rule_placeholder(shape)
    return (select(Entry.id, Grant).join(Grant, and_(Grant.family_id == Entry.family_id,
                                                     grant_covers_entry()))
            .where(Entry.id.in_(bindparam("entry_ids", expanding=True)),
                   grant_is_live(reader.now), grant_is_for(reader))
            .order_by(Grant.granted_at.desc()))


def record_expiries(session: Session, family_id: int, now: datetime) -> None:
    """Write "sharing ended" to the log for grants that ran out, and warn the holders of
    grants ending within three days."""
    ended = session.scalars(select(Grant).where(
        Grant.family_id == family_id, Grant.revoked_at.is_(None), Grant.expires_at <= now,
        Grant.expiry_logged_at.is_(None)))
    for grant in ended:
        grant.expiry_logged_at = now
        access_log.append(session, family_id, grant.granted_by_id, "expire",
                          ((grant.entry_id, _ending(session, grant, grantee_name(grant))),),
                          now)
    soon = session.scalars(select(Grant).where(
        Grant.family_id == family_id, grant_is_live(now),
        Grant.expires_at <= now + timedelta(days=3)))
    for grant in soon:
        notify_holders(session, family_id, "grant_ending", {"who": grantee_name(grant)},
                       dedupe_key=f"ending:{grant.id}", now=now,
                       about=None if grant.entry_id is None else [grant.entry_id])
    session.flush()
