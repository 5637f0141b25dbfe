"""Notices to a family's holders ("someone read your book for the first time", "sharing ends
soon"): never anything written in the book, and never about what a holder may not read."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.model import Entry
from record_book.policy import holder_reader, holders_of, readable_entries
from record_book.sharing.model import Notification


def holders(session: Session, family_id: int, about: list[int] | None = None) -> list[int]:
    """The book's holders; given entries, only those who may read one of them, so a notice
    never tells a parent of a young person's private sharing."""
    holders = list(session.scalars(holders_of(family_id)))
    if about is None:
        return holders
    return [account_id for account_id in holders if session.scalar(
        readable_entries(holder_reader(account_id, family_id)).where(Entry.id.in_(about))
        .with_only_columns(Entry.id).limit(1)) is not None]


def notify_holders(session: Session, family_id: int, kind: str, params: dict,
                   dedupe_key: str | None = None, now: datetime | None = None,
                   about: list[int] | None = None) -> None:
    for account_id in holders(session, family_id, about):
        if dedupe_key and session.scalar(select(Notification.id).where(
                Notification.account_id == account_id, Notification.dedupe_key == dedupe_key)):
            continue
        session.add(Notification(account_id=account_id, family_id=family_id, kind=kind,
                                 params=params, dedupe_key=dedupe_key,
                                 created_at=now or datetime.now().astimezone()))


