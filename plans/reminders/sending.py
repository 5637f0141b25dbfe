"""Sending what is coming up: each reminder once, never in a person's quiet hours, never to
someone who did not choose it, retried with backoff when the provider fails.

A run reserves each reminder's row first (its key is unique) and the command commits that
before sending, so two runs at once, or a run after a crash, never send one twice: at worst a
reminder whose send was cut off is not sent. A failure is kept with when to try again; after
`GIVE_UP_AFTER` tries, or at once for an address or number that cannot be reached, it is given
up. A number that cannot be reached (refused at once, or reported later as a permanent failure
by `check_deliveries`) is not texted again, and the person is told on their next visit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plans.reminders.channels import Channel, TryLater, Undeliverable
from plans.reminders.due import Due, coming_up
from plans.reminders.model import (
    EMAIL,
    FAILED,
    GAVE_UP,
    SENDING,
    SENT,
    TEXT,
    ReminderChoice,
    SentReminder,
)
from record_book.book.model import Account

GIVE_UP_AFTER = 5
FIRST_WAIT = timedelta(minutes=10)
# How long to keep asking whether a text reached the phone.
DELIVERY_WATCH = timedelta(days=3)


def backoff(tries: int) -> timedelta:
    """10 minutes after the first failure, then 20, 40, 80."""
    return FIRST_WAIT * (2 ** (tries - 1))


def in_quiet_hours(choice: ReminderChoice, now: datetime, zone: str) -> bool:
    hour = now.astimezone(ZoneInfo(zone)).hour
    start, end = choice.quiet_from, choice.quiet_until
    if start == end:
        return False
    return start <= hour < end if start < end else hour >= start or hour < end


@dataclass(frozen=True)
class Reminder:
    row: SentReminder
    account: Account
    due: Due
    to: str


def _addresses(account: Account, choice: ReminderChoice) -> dict[str, str]:
    found = {}
    if choice.by_email and account.email:
        found[EMAIL] = account.email
    if choice.by_text and choice.phone and choice.bounced_at is None:
        found[TEXT] = choice.phone
    return found


def _reserve(session: Session, key: str, account_id: int, channel: str, now: datetime
             ) -> SentReminder | None:
    """The row for this reminder, if it is to be tried now: new, or failed and due again."""
    row = session.scalar(select(SentReminder).where(SentReminder.key == key))
    if row is None:
        row = SentReminder(key=key, account_id=account_id, channel=channel, status=SENDING,
                           created_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            # Another run reserved it a moment ago.
            return None
        return row
    if row.status == FAILED and row.next_try_at is not None and row.next_try_at <= now:
        row.status = SENDING
        return row
    return None


def to_send(session: Session, now: datetime, zone: str) -> list[Reminder]:
    """Reserve the reminders to send now. The caller commits, then `deliver`s each."""
    due = coming_up(session, now, zone)
    people = {account.id: account for account in session.scalars(
        select(Account).where(Account.id.in_({d.account_id for d in due})))}
    choices = {choice.account_id: choice for choice in session.scalars(
        select(ReminderChoice).where(ReminderChoice.account_id.in_(people)))}
    reserved = []
    for item in due:
        choice, account = choices.get(item.account_id), people.get(item.account_id)
        if choice is None or account is None or in_quiet_hours(choice, now, zone):
            continue
        for channel, to in _addresses(account, choice).items():
            row = _reserve(session, f"{item.about}:{account.id}:{channel}", account.id,
                           channel, now)
            if row is not None:
                reserved.append(Reminder(row, account, item, to))
    session.flush()
    return reserved


def _bounced(session: Session, row: SentReminder, now: datetime) -> None:
    """A text that can never reach the number: stop texting it, and tell the person."""
    if row.channel != TEXT:
        return
    choice = session.scalar(select(ReminderChoice).where(
        ReminderChoice.account_id == row.account_id))
    if choice is not None and choice.bounced_at is None:
        choice.bounced_at, choice.bounce_told_at = now, None


def check_deliveries(session: Session, channels: dict[str, Channel], now: datetime) -> int:
    """Ask the provider what became of the texts sent in the last few days, until it knows;
    a text that bounced marks its number. The caller commits. Returns how many bounced."""
    channel = channels.get(TEXT)
    if channel is None:
        return 0
    bounced = 0
    for row in session.scalars(select(SentReminder).where(
            SentReminder.channel == TEXT, SentReminder.status == SENT,
            SentReminder.provider_id.is_not(None), SentReminder.delivery_checked.is_(False),
            SentReminder.sent_at >= now - DELIVERY_WATCH)):
        answer = channel.bounced(row.provider_id)
        if answer is None:
            continue
        row.delivery_checked = True
        if answer:
            row.problem = "bounced"
            _bounced(session, row, now)
            bounced += 1
    return bounced


def deliver(session: Session, reminder: Reminder, channel: Channel, subject: str, body: str,
            now: datetime) -> None:
    """Send one reserved reminder and keep what happened. The caller commits."""
    row = reminder.row
    row.tries += 1
    try:
        row.provider_id = channel.send(reminder.to, subject, body)
    except Undeliverable as failed:
        row.status, row.problem, row.next_try_at = GAVE_UP, str(failed)[:500], None
        _bounced(session, row, now)
        return
    except TryLater as failed:
        row.problem = str(failed)[:500]
        if row.tries >= GIVE_UP_AFTER:
            row.status, row.next_try_at = GAVE_UP, None
        else:
            row.status, row.next_try_at = FAILED, now + backoff(row.tries)
        return
    row.status, row.sent_at, row.next_try_at, row.problem = SENT, now, None, ""
