"""Meetings around the family: who arranges them, prepares, records and reads them."""


from sqlalchemy.orm import Session

from record_book.policy.access import Reader
from record_book.policy.book import may_open_book
from record_book.policy.plan import may_edit_plan

# Meetings around the family ------------------------------------------------------------------

def may_arrange_meeting(reader: Reader) -> bool:
    """Holders and the advocate set up a meeting, change it, and record what was decided and
    who does what (the actions become plan steps, which they also write)."""
    return may_edit_plan(reader)


may_record_meeting = may_arrange_meeting


def may_prepare_meeting(reader: Reader) -> bool:
    """The family writes what it wants to say and ask; its advocate may help write it."""
    return reader.in_family or reader.is_advocate


def may_share_preparation(reader: Reader) -> bool:
    """Only the family chooses to share what it wants to say with those coming: a holder."""
    return reader.is_holder


def may_agree_meeting_notes(reader: Reader) -> bool:
    """The family reads the notes and says "this is right", or adds what was missed."""
    return reader.in_family


def reads_whole_meeting(reader: Reader) -> bool:
    """The family and its advocate read all of a meeting. Anyone else invited reads its time,
    place and purpose and what the family chose to share, and writes their own notes."""
    return reader.in_family or reader.is_advocate


def may_read_meeting(session: Session, reader: Reader, invited: bool) -> bool:
    """A meeting reaches someone outside the family only while they are invited and may open
    the book (connected, and the book not closing); the advocate while they lead."""
    if reader.in_family:
        return True
    if not may_open_book(session, reader):
        return False
    return reader.is_advocate or invited


def may_write_professional_note(session: Session, reader: Reader, invited: bool) -> bool:
    """An invited professional writes notes of their own, kept apart and attributed."""
    return (not reads_whole_meeting(reader) and reader.account_id is not None
            and may_read_meeting(session, reader, invited) and invited)
