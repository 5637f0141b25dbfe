"""Reading a meeting is logging it: the one way a meeting reaches anyone.

The family and its advocate read all of a meeting. Someone else invited (a teacher, a nurse)
reads only its time, place and purpose, what the family chose to share of what it wants to say
and ask, and their own notes; someone not invited learns nothing, not even that it exists. For
every reader outside the family (the advocate included) each read is written to the family's
access log in the same transaction (`record_book.reading.log`).
"""

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from plans.meetings.model import (
    AFTER,
    AGREEING,
    BEFORE,
    PROFESSIONAL_NOTE,
    Meeting,
    MeetingInvite,
    MeetingNote,
)
from record_book import reading
from record_book.book.model import Account, Entry
from record_book.policy import Reader, may_open_book, may_read_meeting, reads_whole_meeting

TITLE_LENGTH = 80


@dataclass
class MeetingRead:
    meeting: Meeting
    whole: bool  # the family or its advocate: all of it
    invited: list[str] = field(default_factory=list)  # names, for a reader of the whole
    before: list[MeetingNote] = field(default_factory=list)
    after: list[MeetingNote] = field(default_factory=list)
    professional: list[MeetingNote] = field(default_factory=list)
    agreeing: list[MeetingNote] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return self.meeting.shared_at is not None


def log_rows(meetings) -> list[tuple[None, dict]]:
    return [(None, {"title": meeting.purpose[:TITLE_LENGTH], "meeting": meeting.id})
            for meeting in meetings]


def _visible(reader: Reader):
    """The family's meetings this reader may know of, as a query."""
    query = select(Meeting).where(Meeting.family_id == reader.family_id)
    if reads_whole_meeting(reader):
        return query
    invited = select(MeetingInvite.meeting_id).where(
        MeetingInvite.account_id == reader.account_id)
    return query.where(Meeting.id.in_(invited))


def meetings(session: Session, reader: Reader, action: str = "read") -> list[Meeting]:
    """The meetings the reader may read, soonest first."""
    if not reader.in_family and (reader.account_id is None or not may_open_book(session, reader)):
        return []
    found = list(session.scalars(_visible(reader).order_by(Meeting.starts_at, Meeting.id)))
    reading.log(session, reader, action, log_rows(found))
    return found


def _invited_names(session: Session, meeting: Meeting) -> list[str]:
    rows = session.execute(
        select(Entry.title, Account.display_name).select_from(MeetingInvite)
        .outerjoin(Entry, Entry.id == MeetingInvite.member_entry_id)
        .outerjoin(Account, Account.id == MeetingInvite.account_id)
        .where(MeetingInvite.meeting_id == meeting.id).order_by(MeetingInvite.id))
    return [member or person for member, person in rows]


def meeting(session: Session, reader: Reader, meeting_id: int, action: str = "read"
            ) -> MeetingRead | None:
    """One meeting as far as the reader may read it; None when they may not know of it."""
    found = session.scalar(_visible(reader).where(Meeting.id == meeting_id))
    if found is None or not may_read_meeting(session, reader, invited=True):
        return None
    whole = reads_whole_meeting(reader)
    notes = list(session.scalars(select(MeetingNote).where(
        MeetingNote.meeting_id == found.id, MeetingNote.removed_at.is_(None),
        or_(MeetingNote.part != PROFESSIONAL_NOTE, MeetingNote.author_id == reader.account_id)
        if not whole else MeetingNote.id.is_not(None))
        .order_by(MeetingNote.created_at, MeetingNote.id)))

    def part(parts) -> list[MeetingNote]:
        return [note for note in notes if note.part in parts]

    read = MeetingRead(found, whole, professional=part((PROFESSIONAL_NOTE,)))
    if whole:
        read.invited = _invited_names(session, found)
        read.after, read.agreeing = part(AFTER), part(AGREEING)
    if whole or found.shared_at is not None:
        read.before = part(BEFORE)
    reading.log(session, reader, action, log_rows([found]))
    return read
