"""Each person chooses their own reminders: by email, by text message, both or neither (the
default), and their quiet hours. One press stops them all."""

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.reminders.model import ReminderChoice
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_

# A UK mobile number as people type it (07700 900123, +44 7700 900123) or as Notify sends a
# reply's number (447700900123); ASCII digits only.
_MOBILE = re.compile(r"^(?:\+44|0044|44|0)7\d{9}$", re.ASCII)


def mobile_number(typed: str) -> str | None:
    """The number in the form Notify takes (+447700900123), or None if it is not a UK mobile."""
    compact = re.sub(r"[\s()-]", "", typed or "")
    if not _MOBILE.match(compact):
        return None
    return "+44" + compact[-10:]


def choice_of(session: Session, account_id: int) -> ReminderChoice:
    found = session.scalar(select(ReminderChoice).where(ReminderChoice.account_id == account_id))
    if found is None:
        found = ReminderChoice(account_id=account_id, by_email=False, by_text=False,
                               quiet_from=21, quiet_until=8)
        session.add(found)
        session.flush()
    return found


def choose(session: Session, account_id: int, has_email: bool, by_email: bool, by_text: bool,
           phone: str, quiet_from: str, quiet_until: str, now: datetime) -> ReminderChoice:
    problems = {}
    if by_email and not has_email:
        problems["by_email"] = Problem(N_("Add your email address first, then choose email"))
    number = mobile_number(phone) if phone.strip() else None
    if by_text and number is None:
        problems["phone"] = Problem(N_("Enter a UK mobile number, like 07700 900123"))
    hours = {str(hour) for hour in range(24)}
    if quiet_from not in hours or quiet_until not in hours:
        problems["quiet_from"] = Problem(N_("Choose the hours with no reminders"))
    if problems:
        raise Invalid(problems)
    choice = choice_of(session, account_id)
    if number != choice.phone:
        # A new number is tried afresh.
        choice.bounced_at = choice.bounce_told_at = None
    choice.by_email, choice.by_text, choice.phone = by_email, by_text, number
    choice.quiet_from, choice.quiet_until = int(quiet_from), int(quiet_until)
    choice.updated_at = now
    return choice


def stop(session: Session, account_id: int, now: datetime) -> None:
    choice = choice_of(session, account_id)
    choice.by_email = choice.by_text = False
    choice.updated_at = now


def stop_by_reply(session: Session, phone: str, text: str, now: datetime) -> bool:
    """A text message that says STOP, from a number that gets reminders, stops them."""
    number = mobile_number(phone)
    if number is None or text.strip().upper() not in ("STOP", "STOPALL", "UNSUBSCRIBE"):
        return False
    stopped = False
    for choice in session.scalars(select(ReminderChoice).where(ReminderChoice.phone == number)):
        choice.by_email = choice.by_text = False
        choice.updated_at, stopped = now, True
    return stopped


def bounce_to_tell(session: Session, account_id: int, now: datetime) -> bool:
    """Whether to tell the person their number could not be reached; told once."""
    choice = session.scalar(select(ReminderChoice).where(ReminderChoice.account_id == account_id))
    if choice is None or choice.bounced_at is None or choice.bounce_told_at is not None:
        return False
    choice.bounce_told_at = now
    return True
