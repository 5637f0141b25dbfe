"""Setting up a meeting and writing its notes. Every change is checked against the policy here,
whoever calls (a page, the demo, a test); nothing here commits.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Mapping
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.dates import parse_date
from plans.meetings.model import (
    ACTION,
    AFTER,
    AGREED,
    BEFORE,
    IN_PERSON,
    MISSED,
    PHONE,
    PROFESSIONAL_NOTE,
    VIDEO,
    Meeting,
    MeetingInvite,
    MeetingNote,
)
from plans.people import who_choices
from record_book import policy, reading
from record_book.book.model import Account, Membership
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader
from record_book.sharing.connections import grantees

WAYS = (
    (IN_PERSON, N_("In person")),
    (PHONE, N_("By phone")),
    (VIDEO, N_("By video call")),
)
LENGTHS = (30, 60, 90, 120)
PURPOSE_LIMIT, PLACE_LIMIT, NOTE_LIMIT = 1000, 300, 2000

# ASCII digits only: "\d" would take every script's digits unasked.
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$|^\s*(\d{1,2})\s*(am|pm)\s*$",
                   re.ASCII | re.IGNORECASE)


@dataclass(frozen=True)
class Invitee:
    key: str  # "m<entry id>" for a family member, "a<account id>" for someone with an account
    name: str


def invitee_choices(session: Session, reader: Reader) -> list[Invitee]:
    """Who may be invited: the family's people in the book, its advocate and the professionals
    connected to the book (each person, not a whole organisation)."""
    if reader.in_family:
        members = [Invitee(f"m{entry.id}", entry.title)
                   for entry in reading.entries(session, reader, "member")]
    else:
        # The advocate reads no member entry unless it is shared, but knows the family's people
        # with accounts by the names they use: inviting them shows nothing of their entries.
        members = [Invitee(f"m{entry_id}", name) for entry_id, name in session.execute(
            select(Membership.member_entry_id, Account.display_name)
            .join(Account, Account.id == Membership.account_id)
            .where(Membership.account_id.in_(policy.family_people_of(reader.family_id)),
                   Membership.family_id == reader.family_id,
                   Membership.member_entry_id.is_not(None)).order_by(Membership.id))]
    outside = [Invitee(g.key, g.name) for g in grantees(session, reader) if g.account_id]
    return members + outside


def parse_time(text: str) -> tuple[int, int] | None:
    """"14:30", "2.30pm" or "2pm" as (hour, minute); None if it is not a time of day."""
    match = _TIME.match(text or "")
    if not match:
        return None
    if match[4]:
        hour, minute, half = int(match[4]), 0, match[5].lower()
    else:
        hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


@dataclass(frozen=True)
class MeetingForm:
    """What someone typed to set up or change a meeting, checked and ready to keep."""

    starts_at: datetime
    minutes: int
    how: str
    place: str
    purpose: str
    invited: tuple[str, ...]


def read_meeting_form(session: Session, reader: Reader, raw: Mapping[str, str],
                      invited: list[str], zone: str) -> MeetingForm:
    """Check the form; raise Invalid with a problem against each field that is wrong. The day
    and time are the family's own clock (`zone`), kept in UTC."""
    problems: dict[str, Problem] = {}
    day = parse_date(raw.get("day", ""))
    if day is None:
        problems["day"] = Problem(N_("Enter the day of the meeting, like 27 3 2027"))
    at = parse_time(raw.get("time", ""))
    if at is None:
        problems["time"] = Problem(N_("Enter the time of the meeting, like 10:30 or 2pm"))
    how = raw.get("how", "")
    if how not in dict(WAYS):
        problems["how"] = Problem(N_("Choose how you will meet"))
    minutes = raw.get("minutes", "")
    if minutes not in {str(n) for n in LENGTHS}:
        problems["minutes"] = Problem(N_("Choose how long the meeting is"))
    purpose = clean_plain(raw.get("purpose", ""))
    if not purpose:
        problems["purpose"] = Problem(N_("Say what the meeting is for, in plain words"))
    elif len(purpose) > PURPOSE_LIMIT:
        problems["purpose"] = Problem(N_("Keep this to %(limit)s characters or fewer"),
                                      {"limit": PURPOSE_LIMIT})
    place = clean_plain(raw.get("place", ""))
    if len(place) > PLACE_LIMIT:
        problems["place"] = Problem(N_("Keep this to %(limit)s characters or fewer"),
                                    {"limit": PLACE_LIMIT})
    known = {invitee.key for invitee in invitee_choices(session, reader)}
    if not set(invited) <= known:
        problems["invited"] = Problem(N_("Choose who is invited from the list"))
    if problems:
        raise Invalid(problems)
    local = datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(
        hour=at[0], minute=at[1], tzinfo=ZoneInfo(zone))
    return MeetingForm(local.astimezone(timezone.utc), int(minutes), how, place, purpose,
                       tuple(dict.fromkeys(invited)))


def _invite(session: Session, meeting: Meeting, keys) -> None:
    for invite in session.scalars(select(MeetingInvite).where(
            MeetingInvite.meeting_id == meeting.id)):
        session.delete(invite)
    session.flush()
    for key in keys:
        number = int(key[1:])
        session.add(MeetingInvite(meeting_id=meeting.id,
                                  member_entry_id=number if key[0] == "m" else None,
                                  account_id=number if key[0] == "a" else None))
    session.flush()


def arrange(session: Session, reader: Reader, form: MeetingForm) -> Meeting:
    if not policy.may_arrange_meeting(reader):
        raise NotAllowed()
    meeting = Meeting(family_id=reader.family_id, starts_at=form.starts_at,
                      minutes=form.minutes, how=form.how, place=form.place,
                      purpose=form.purpose, created_by_id=reader.account_id,
                      created_at=reader.now, updated_at=reader.now)
    session.add(meeting)
    session.flush()
    _invite(session, meeting, form.invited)
    return meeting


def change(session: Session, reader: Reader, meeting: Meeting, form: MeetingForm) -> None:
    _require(policy.may_arrange_meeting(reader), reader, meeting)
    meeting.starts_at, meeting.minutes, meeting.how = form.starts_at, form.minutes, form.how
    meeting.place, meeting.purpose, meeting.updated_at = form.place, form.purpose, reader.now
    _invite(session, meeting, form.invited)


def invite_keys(session: Session, meeting: Meeting) -> list[str]:
    return [f"m{member}" if member else f"a{account}" for member, account in session.execute(
        select(MeetingInvite.member_entry_id, MeetingInvite.account_id)
        .where(MeetingInvite.meeting_id == meeting.id).order_by(MeetingInvite.id))]


def is_invited(session: Session, meeting: Meeting, account_id: int | None) -> bool:
    return account_id is not None and session.scalar(select(MeetingInvite.id).where(
        MeetingInvite.meeting_id == meeting.id, MeetingInvite.account_id == account_id)
        .limit(1)) is not None


# Notes ----------------------------------------------------------------------------------------

def _words(raw: Mapping[str, str], name: str, required: str | None) -> str:
    text = clean_plain(raw.get(name, ""))
    if required and not text:
        raise Invalid({name: Problem(required)})
    if len(text) > NOTE_LIMIT:
        raise Invalid({name: Problem(N_("Keep this to %(limit)s characters or fewer"),
                                     {"limit": NOTE_LIMIT})})
    return text


def _require(allowed: bool, reader: Reader, meeting: Meeting) -> None:
    if not allowed or meeting.family_id != reader.family_id:
        raise NotAllowed()


def _note(session: Session, reader: Reader, meeting: Meeting, part: str, **values
          ) -> MeetingNote:
    note = MeetingNote(meeting_id=meeting.id, part=part, author_id=reader.account_id,
                       created_at=reader.now, **values)
    session.add(note)
    session.flush()
    return note


def prepare(session: Session, reader: Reader, meeting: Meeting, raw: Mapping[str, str]
            ) -> MeetingNote:
    """One thing the family wants to say, or to ask."""
    _require(policy.may_prepare_meeting(reader), reader, meeting)
    part = raw.get("part", "")
    if part not in BEFORE:
        raise Invalid({"part": Problem(N_("Choose whether you want to say this or ask it"))})
    return _note(session, reader, meeting, part,
                 text=_words(raw, "text", N_("Write what you want to say or ask")))


def take_back(session: Session, reader: Reader, meeting: Meeting, note_id: int) -> None:
    """Take back something the family was going to say or ask."""
    note = session.get(MeetingNote, note_id)
    if (note is None or note.meeting_id != meeting.id or note.part not in BEFORE
            or not policy.may_prepare_meeting(reader) or meeting.family_id != reader.family_id):
        raise NotAllowed()
    note.removed_at = reader.now


def share_preparation(session: Session, reader: Reader, meeting: Meeting) -> None:
    """From now on, those invited read what the family wants to say and ask."""
    _require(policy.may_share_preparation(reader), reader, meeting)
    meeting.shared_at, meeting.shared_by_id = reader.now, reader.account_id


def stop_sharing_preparation(session: Session, reader: Reader, meeting: Meeting) -> None:
    _require(policy.may_share_preparation(reader), reader, meeting)
    meeting.shared_at = meeting.shared_by_id = None


def record(session: Session, reader: Reader, meeting: Meeting, raw: Mapping[str, str]
           ) -> MeetingNote:
    """What was decided and why, or who will do what by when."""
    _require(policy.may_record_meeting(reader), reader, meeting)
    part = raw.get("part", "")
    if part not in AFTER:
        raise Invalid({"part": Problem(N_("Choose whether this is a decision or an action"))})
    if part != ACTION:
        return _note(session, reader, meeting, part,
                     text=_words(raw, "text", N_("Write what was decided")),
                     why=_words(raw, "why", None))
    text = _words(raw, "text", N_("Write what will be done"))
    who = raw.get("who", "")
    if who not in {value for value, _name in who_choices(session, reader, {})}:
        raise Invalid({"who": Problem(N_("Choose who will do it from the list"))})
    by_when = parse_date(raw.get("by_when", "")) if raw.get("by_when", "").strip() else ""
    if by_when is None:
        raise Invalid({"by_when": Problem(N_('"%(label)s" must be a real date, like 27 3 2024'),
                                          {"label": N_("By when")})})
    return _note(session, reader, meeting, ACTION, text=text, who=who,
                 by_when=date.fromisoformat(by_when) if by_when else None)


def write_professional_note(session: Session, reader: Reader, meeting: Meeting,
                            raw: Mapping[str, str]) -> MeetingNote:
    if (meeting.family_id != reader.family_id or not policy.may_write_professional_note(
            session, reader, is_invited(session, meeting, reader.account_id))):
        raise NotAllowed()
    return _note(session, reader, meeting, PROFESSIONAL_NOTE,
                 text=_words(raw, "text", N_("Write your notes")))


def agree(session: Session, reader: Reader, meeting: Meeting, raw: Mapping[str, str]
          ) -> MeetingNote:
    """"This is right", or what the family thinks was missed. Both are kept."""
    _require(policy.may_agree_meeting_notes(reader), reader, meeting)
    missed = _words(raw, "missed", N_("Write what you think was missed")
                    if raw.get("kind") == MISSED else None)
    return _note(session, reader, meeting, MISSED if missed else AGREED, text=missed)
