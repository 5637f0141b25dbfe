"""Sharing: who shares, stops, sees who can see what, asks and answers."""


from sqlalchemy.orm import Session

from record_book.book.model import (
    Account,
    Entry,
)
from record_book.policy.access import YOUNG_PERSON, Reader, _role_of, readable_entry
from record_book.policy.accounts import is_professional

# Sharing ------------------------------------------------------------------------------------

def may_share(session: Session, reader: Reader, entry: Entry) -> bool:
    """Only the family shares: a holder shares the holders' entries, a young person their own."""
    if not reader.in_family:
        return False
    if entry.owner_account_id == reader.account_id:
        return True
    owner_role = _role_of(session, entry.family_id, entry.owner_account_id)
    return reader.is_holder and owner_role != YOUNG_PERSON and entry.visibility != "private"


def may_share_whole_parts(reader: Reader) -> bool:
    """Sharing a whole category, everything from a date, or the plan reaches the parents'
    adults-only entries, so only a holder may; a young person shares their own entries one at a
    time. The same goes for connecting someone new and stopping all sharing with someone."""
    return reader.is_holder


may_connect_others = may_stop_all_sharing = may_share_plan = may_share_whole_parts


def may_stop(session: Session, reader: Reader, grant) -> bool:
    """Whoever may share an entry may stop its sharing; sharing of a whole part of the book (a
    category, a date, the plan) a holder stops."""
    if not reader.in_family or grant.family_id != reader.family_id:
        return False
    if grant.entry_id is None:
        return may_share_whole_parts(reader)
    entry = readable_entry(session, reader, grant.entry_id)
    return entry is not None and may_share(session, reader, entry)


def may_change_advocate(reader: Reader) -> bool:
    """Only the family chooses who leads for it: a holder names a different connected
    professional as the advocate, or none, and ends any connection."""
    return reader.is_holder


may_end_connection = may_change_advocate


def may_lead(account: Account) -> bool:
    """Who a family may choose as its advocate: a professional already connected to the book."""
    return is_professional(account)


def reads_handover_note(reader: Reader, advocate_id: int | None) -> bool:
    """A handover note is the family's words for the advocate it chose: the family reads it,
    and that advocate while they lead; nobody else."""
    return reader.in_family or (reader.is_advocate and advocate_id == reader.account_id)


def may_choose_listings(reader: Reader) -> bool:
    """Holders choose which directory listings the family keeps for its booklet."""
    return reader.is_holder


def may_rejoin_holder(reader: Reader) -> bool:
    """The advocate lets a holder who lost every way in back in (after a wait)."""
    return reader.is_advocate


def may_cancel_rejoin(reader: Reader) -> bool:
    """Any holder stops a re-join code: the one it is for, from a phone that still works, or
    another holder."""
    return reader.is_holder
