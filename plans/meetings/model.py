"""The tables of meetings: the meeting, who is invited, and every note written about it.

Notes are kept, never rewritten: a "this is right" and a "you missed this" both stay, and a
professional's note stays theirs, apart from the family's words.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Account, Base
from record_book.clock import utcnow

# How people meet.
IN_PERSON, PHONE, VIDEO = "in_person", "phone", "video"

# What a note is. Before the meeting the family (and its advocate) write what to say and ask;
# afterwards the advocate or a holder records what was decided and who does what; a professional
# who came writes their own notes; the family agrees the notes or says what was missed.
SAY, ASK = "say", "ask"
DECIDED, ACTION = "decided", "action"
PROFESSIONAL_NOTE = "professional"
AGREED, MISSED = "agreed", "missed"
BEFORE = (SAY, ASK)
AFTER = (DECIDED, ACTION)
AGREEING = (AGREED, MISSED)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column()
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    how: Mapped[str] = mapped_column(String(10), default=IN_PERSON)
    # An address, a phone number or a video link, in the arranger's words.
    place: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the family shared what it wants to say and ask with those invited, and who did.
    shared_at: Mapped[datetime | None] = mapped_column()
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class MeetingInvite(Base):
    """One person invited: a member of the family (by their entry in the book) or someone with
    an account (the advocate, a connected professional)."""

    __tablename__ = "meeting_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    account: Mapped[Account | None] = relationship()


class MeetingNote(Base):
    __tablename__ = "meeting_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    part: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, default="")
    # A decision's reasons.
    why: Mapped[str] = mapped_column(Text, default="")
    # An action's owner, as the plan names who does a step ("member:12", "advocate", ...).
    who: Mapped[str] = mapped_column(String(40), default="")
    by_when: Mapped[date | None] = mapped_column(Date)
    # The plan step an action became.
    step_id: Mapped[str | None] = mapped_column(String(16))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A note taken back before the meeting (only what to say or ask): kept, not shown.
    removed_at: Mapped[datetime | None] = mapped_column()

    author: Mapped[Account] = relationship()
