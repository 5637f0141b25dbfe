"""What is coming up, and for whom: the reminders a run of the command should send today.

A meeting tomorrow reaches everyone invited who has an account (a family member invited by
their place in the book, through their own account); a plan step due in two days reaches
whoever does it (the family member, or the advocate; a step for a service reaches the holders);
a review tomorrow reaches the holders and the advocate; a share ending tomorrow reaches the
family member who made it. Each is named by a key that says what and when, never how it reads.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.fields import steps
from plans.meetings.model import Meeting, MeetingInvite
from plans.model import Plan, PlanRevision
from plans.people import THE_ADVOCATE
from record_book.book.model import Membership
from record_book.policy import advocates_of, grant_is_live, holders_of
from record_book.sharing.model import Grant

TOMORROW, IN_TWO_DAYS = "tomorrow", "in_two_days"


@dataclass(frozen=True)
class Due:
    account_id: int
    about: str  # "meeting:12", "step:3:ab12cd34:2027-05-01", …
    when: str  # TOMORROW or IN_TWO_DAYS


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def _meetings(session: Session, today: date, zone: ZoneInfo) -> list[Due]:
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    found = []
    for meeting in session.scalars(select(Meeting).where(
            Meeting.starts_at >= start, Meeting.starts_at < start + timedelta(days=1))):
        invited = set(session.scalars(select(MeetingInvite.account_id).where(
            MeetingInvite.meeting_id == meeting.id, MeetingInvite.account_id.is_not(None))))
        invited |= set(session.scalars(select(Membership.account_id).where(
            Membership.family_id == meeting.family_id,
            Membership.member_entry_id.in_(select(MeetingInvite.member_entry_id).where(
                MeetingInvite.meeting_id == meeting.id)))))
        found += [Due(account, f"meeting:{meeting.id}", TOMORROW) for account in invited]
    return found


def _step_people(session: Session, family_id: int, who: str) -> set[int]:
    if who.startswith("member:") and who[7:].isascii() and who[7:].isdigit():
        people = set(session.scalars(select(Membership.account_id).where(
            Membership.family_id == family_id, Membership.member_entry_id == int(who[7:]))))
        if people:
            return people
    if who == THE_ADVOCATE:
        return set(session.scalars(advocates_of(family_id)))
    return set(session.scalars(holders_of(family_id)))


def _plans(session: Session, today: date) -> list[Due]:
    found = []
    rows = session.execute(select(Plan, PlanRevision).join(
        PlanRevision, (PlanRevision.plan_id == Plan.id) & (PlanRevision.number == Plan.revision))
        .where(Plan.open_family_id.is_not(None)))
    in_two_days, tomorrow = (today + timedelta(days=2)).isoformat(), (
        today + timedelta(days=1)).isoformat()
    for plan, revision in rows:
        content = revision.content
        for step in steps(content):
            if step.fields.get("by_when") == in_two_days and step.fields.get("status") != "done":
                found += [Due(account, f"step:{plan.id}:{step.id}:{in_two_days}", IN_TWO_DAYS)
                          for account in _step_people(session, plan.family_id,
                                                      step.fields.get("who", ""))]
        if content.get("header.review_date") == tomorrow:
            people = set(session.scalars(holders_of(plan.family_id))) | set(
                session.scalars(advocates_of(plan.family_id)))
            found += [Due(account, f"review:{plan.id}:{tomorrow}", TOMORROW)
                      for account in people]
    return found


def _grants(session: Session, now: datetime, today: date, zone: ZoneInfo) -> list[Due]:
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    return [Due(grant.granted_by_id, f"grant:{grant.id}:{_local_day(grant.expires_at, zone)}",
                TOMORROW)
            for grant in session.scalars(select(Grant).where(
                grant_is_live(now), Grant.expires_at >= start,
                Grant.expires_at < start + timedelta(days=1)))]


def coming_up(session: Session, now: datetime, zone: str) -> list[Due]:
    """Everything to remind anyone of on the family's day that `now` falls in."""
    clock = ZoneInfo(zone)
    today = _local_day(now, clock)
    found = (_meetings(session, today, clock) + _plans(session, today)
             + _grants(session, now, today, clock))
    return sorted(set(found), key=lambda due: (due.account_id, due.about))
