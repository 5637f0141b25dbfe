"""The family's access log: append-only, hash-chained, written in the same transaction as the
thing it records.

No code path updates or deletes a row, except erasing a whole book at the family's request
(record_book/erasure.py), which takes the whole chain with it. Each row's hash covers its content
and the previous row's hash, so `verify` finds the first row that was changed, removed or
inserted afterwards.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import exists, func, insert, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.model import EntryRevision, Family
from record_book.clock import utcnow
from record_book.policy import Reader, readable_revisions
from record_book.sharing.model import AccessLogRow

GENESIS = "0" * 64

ACTIONS = ("read", "grant", "revoke", "expire", "request", "accept", "decline", "print",
           "export", "connect", "note", "rejoin", "lead", "disconnect")


def _digest(prev_hash: str, family_id: int, seq: int, actor_id: int, action: str,
            entry_id: int | None, details: dict, created_at: datetime) -> str:
    content = json.dumps([prev_hash, family_id, seq, actor_id, action, entry_id, details,
                          created_at.isoformat(timespec="microseconds")],
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def lock_family(session: Session, family_id: int) -> None:
    """One writer at a time per family (PostgreSQL: the family's row is locked until the
    transaction ends); SQLite requests write one at a time anyway. The access log's chain and a
    request to delete the book use it; the unique (family, seq) pair refuses a fork on either."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Family.id).where(Family.id == family_id).with_for_update())


def append(session: Session, family_id: int, actor_id: int, action: str,
           entries: Iterable[tuple[int | None, dict]] = ((None, {}),),
           now: datetime | None = None) -> None:
    """Add one row per (entry id, details) pair, chained after the family's last row, in one
    statement however many entries a page showed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown access-log action {action!r}")
    now = now or utcnow()
    lock_family(session, family_id)
    last = session.execute(
        select(AccessLogRow.seq, AccessLogRow.hash).where(AccessLogRow.family_id == family_id)
        .order_by(AccessLogRow.seq.desc()).limit(1)).first()
    seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
    rows = []
    for entry_id, details in entries:
        seq += 1
        digest = _digest(prev_hash, family_id, seq, actor_id, action, entry_id, details, now)
        rows.append({"family_id": family_id, "seq": seq, "actor_id": actor_id, "action": action,
                     "entry_id": entry_id, "details": details, "created_at": now,
                     "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    session.flush()
    session.execute(insert(AccessLogRow), rows)


@dataclass(frozen=True)
class Break:
    family_id: int
    seq: int
    reason: str


def verify(session: Session, family_id: int | None = None) -> list[Break]:
    """The first broken link of each family's chain (an empty list when every chain holds)."""
    families = ([family_id] if family_id is not None else
                session.scalars(select(AccessLogRow.family_id).distinct()).all())
    breaks = []
    for fid in families:
        prev_hash, expected_seq = GENESIS, 1
        for row in session.scalars(select(AccessLogRow).where(AccessLogRow.family_id == fid)
                                   .order_by(AccessLogRow.seq)):
            if row.seq != expected_seq:
                breaks.append(Break(fid, row.seq, "a row is missing before this one"))
                break
            if row.prev_hash != prev_hash:
                breaks.append(Break(fid, row.seq, "does not follow the row before it"))
                break
            if row.hash != _digest(prev_hash, fid, row.seq, row.actor_id, row.action,
                                   row.entry_id, row.details, row.created_at):
                breaks.append(Break(fid, row.seq, "its content was changed"))
                break
            prev_hash, expected_seq = row.hash, expected_seq + 1
    return breaks


def readable_rows(reader: Reader) -> ColumnElement[bool]:
    """The rows a family reader may see: about no entry, or about an entry as the reader may
    read it at the row's time. A row says the title the entry had then, so a young person's
    entry kept private when it was read keeps that title from a parent even once it is shown
    to the family (and a parent's adults-only one from the young person)."""
    earlier = aliased(EntryRevision)
    saved_by_then = select(func.coalesce(func.max(earlier.version), 1)).where(
        earlier.entry_id == AccessLogRow.entry_id,
        earlier.created_at <= AccessLogRow.created_at).correlate(AccessLogRow).scalar_subquery()
    return or_(AccessLogRow.entry_id.is_(None), exists(
        readable_revisions(reader).with_only_columns(EntryRevision.id).where(
            EntryRevision.entry_id == AccessLogRow.entry_id,
            EntryRevision.version == saved_by_then)))


def rows_for(session: Session, family_id: int, actor_id: int | None = None,
             entry_id: int | None = None, limit: int = 200,
             reader: Reader | None = None) -> list[AccessLogRow]:
    """The newest rows first; given a family reader, only the `readable_rows`: a parent does
    not learn of a young person's private entry, nor a young person of a parent's adults-only
    one, from who read it."""
    query = select(AccessLogRow).where(AccessLogRow.family_id == family_id)
    if reader is not None:
        query = query.where(readable_rows(reader))
    if actor_id is not None:
        query = query.where(AccessLogRow.actor_id == actor_id)
    if entry_id is not None:
        query = query.where(AccessLogRow.entry_id == entry_id)
    return list(session.scalars(query.order_by(AccessLogRow.seq.desc()).limit(limit)))


def count(session: Session, family_id: int) -> int:
    return session.scalar(select(func.count()).select_from(AccessLogRow)
                          .where(AccessLogRow.family_id == family_id))
