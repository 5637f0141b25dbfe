"""Meetings as an .ics file for a phone's own calendar: each titled with the words the person
chose ("Appointment"), and nothing else from the book unless they ticked "include the details".

A phone's calendar is often seen by others and synced to other services, so by default an
event holds only its time and the chosen title: no purpose, no place, no names.
"""

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from plans.meetings.model import Meeting
from record_book.book.text import clean_plain

DEFAULT_TITLE = "Appointment"
TITLE_LIMIT = 60
AHEAD = timedelta(days=61)


def title_from(typed: str) -> str:
    return clean_plain(typed or "")[:TITLE_LIMIT] or DEFAULT_TITLE


def calendar_file(meetings: list[Meeting], title: str, details: bool, now: datetime,
                  places: dict[str, str] | None = None) -> bytes:
    """The events, in UTC. `places` words how people meet ("By phone"), for the details."""
    calendar = Calendar()
    calendar.add("prodid", "-//Family Record Book//Meetings//EN")
    calendar.add("version", "2.0")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@family-record-book")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.minutes))
        event.add("summary", title)
        if details:
            event.add("description", meeting.purpose)
            where = ", ".join(part for part in (
                (places or {}).get(meeting.how, ""), meeting.place) if part)
            if where:
                event.add("location", where)
        calendar.add_component(event)
    return calendar.to_ical()


def coming(meetings: list[Meeting], now: datetime) -> list[Meeting]:
    """The meetings from now until two months ahead."""
    return [m for m in meetings if now <= m.starts_at <= now + AHEAD]
