"""The family's access log: append-only, hash-chained, written in the same transaction as the
thing it records.

No code path updates or deletes a row, except erasing a whole book at the family's request
(record_book/erasure.py), which takes the whole chain with it. Each row's hash is an HMAC, keyed
with the portal's `ACCESS_LOG_KEY`, of its content and the previous row's hash, so `verify` finds
the first row that was changed, removed or inserted afterwards, and someone who can write to the
database but does not hold the key cannot chain a rewritten history again.

The chain's head (its row count and last hash, sealed with the same key) is kept apart in
`access_log_heads`, written only by `append` and `start`: deleting the newest rows, or a family's
whole log, leaves a head that says more rows than there are. The family's booklet and downloaded
copy carry the head too, and `verify_against` checks a head kept on paper.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Iterable

from sqlalchemy import bindparam, exists, func, insert, or_, select, union
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.model import Account, EntryRevision, Family
from record_book.clock import utcnow
from record_book.policy import (
    Reader,
    readable_revisions,
    rule_shape,
    rule_statement,
    rule_values,
)
from record_book.sharing.model import AccessLogHead, AccessLogRow

GENESIS = "0" * 64
# Where a session carries the key (portal/db.py puts it there from the settings), so the domain
# never reads settings itself.
KEY = "access_log_key"
# The shortest part of a chain value from paper that `verify_against` accepts: 64 bits.
SHORTEST_PAPER_VALUE = 16

ACTIONS = ("read", "grant", "revoke", "expire", "request", "accept", "decline", "print",
           "export", "connect", "note", "rejoin", "lead", "disconnect", "propose",
           "accept_entry", "refuse_entry", "allow", "disallow", "rejoin_stop", "rejoined",
           "setup_asked", "setup_sent", "open", "mark_step")


def _key(session: Session) -> bytes:
    key = session.info.get(KEY)
    if not key:
        raise RuntimeError("This database session has no access-log key (ACCESS_LOG_KEY).")
    return key.encode("utf-8") if isinstance(key, str) else key


def _mac(key: bytes, content: list) -> str:
    message = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def _digest(key: bytes, prev_hash: str, family_id: int, seq: int, actor_id: int, action: str,
            entry_id: int | None, details: dict, created_at: datetime) -> str:
    return _mac(key, [prev_hash, family_id, seq, actor_id, action, entry_id, details,
                      created_at.isoformat(timespec="microseconds")])


def _seal(key: bytes, family_id: int, row_count: int, chain: str) -> str:
    # "head" keeps a seal from ever being taken for a row's hash, or the other way round.
    return _mac(key, ["head", family_id, row_count, chain])


def lock_family(session: Session, family_id: int) -> None:
    """One writer at a time per family (PostgreSQL: the family's row is locked until the
    transaction ends); SQLite requests write one at a time anyway. The access log's chain and a
    request to delete the book use it; the unique (family, seq) pair refuses a fork on either."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Family.id).where(Family.id == family_id).with_for_update())


def _set_head(session: Session, family_id: int, row_count: int, chain: str,
              head: AccessLogHead | None) -> None:
    seal = _seal(_key(session), family_id, row_count, chain)
    if head is None:
        session.add(AccessLogHead(family_id=family_id, row_count=row_count, chain=chain,
                                  seal=seal))
    else:
        head.row_count, head.chain, head.seal = row_count, chain, seal
    session.flush()


def start(session: Session, family_id: int) -> None:
    """A new book's empty chain: its head says "no rows yet", so a log emptied later is told
    apart from one that never had a row."""
    _set_head(session, family_id, 0, GENESIS, None)


def head_of(session: Session, family_id: int) -> AccessLogHead | None:
    return session.scalar(select(AccessLogHead).where(AccessLogHead.family_id == family_id))


def append(session: Session, family_id: int, actor_id: int, action: str,
           entries: Iterable[tuple[int | None, dict]] = ((None, {}),),
           now: datetime | None = None) -> None:
    """Add one row per (entry id, details) pair, chained after the family's head, in one
    statement however many entries a page showed, and move the head on.

    The next row follows the head, not the last row found: after the newest rows were deleted,
    the gap stays where `verify` sees it instead of being papered over."""
    if action not in ACTIONS:
        raise ValueError(f"unknown access-log action {action!r}")
    now = now or utcnow()
    key = _key(session)
    lock_family(session, family_id)
    head = head_of(session, family_id)
    if head is not None:
        seq, prev_hash = head.row_count, head.chain
    else:
        # A book started before heads were kept: its head starts with this append.
        last = session.execute(
            select(AccessLogRow.seq, AccessLogRow.hash).where(AccessLogRow.family_id == family_id)
            .order_by(AccessLogRow.seq.desc()).limit(1)).first()
        seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
    rows = []
    for entry_id, details in entries:
        seq += 1
        digest = _digest(key, prev_hash, family_id, seq, actor_id, action, entry_id, details,
                         now)
        rows.append({"family_id": family_id, "seq": seq, "actor_id": actor_id, "action": action,
                     "entry_id": entry_id, "details": details, "created_at": now,
                     "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    session.flush()
    session.execute(insert(AccessLogRow), rows)
    _set_head(session, family_id, seq, prev_hash, head)


@dataclass(frozen=True)
class Break:
    family_id: int
    seq: int
    reason: str


def _families(session: Session) -> list[int]:
    # A family whose rows (or whose head) were all deleted is still checked.
    return sorted(session.scalars(union(select(Family.id), select(AccessLogHead.family_id),
                                        select(AccessLogRow.family_id))))


def _first_break(session: Session, key: bytes, fid: int) -> Break | None:
    head = head_of(session, fid)
    if head is None:
        return Break(fid, 1, "cannot be checked: the log's head is missing")
    if not hmac.compare_digest(head.seal, _seal(key, fid, head.row_count, head.chain)):
        return Break(fid, head.row_count, "cannot be checked: the log's head was changed")
    prev_hash, last_seq = GENESIS, 0
    for row in session.scalars(select(AccessLogRow).where(AccessLogRow.family_id == fid)
                               .order_by(AccessLogRow.seq)):
        if row.seq != last_seq + 1:
            return Break(fid, row.seq, "a row is missing before this one")
        if row.prev_hash != prev_hash:
            return Break(fid, row.seq, "does not follow the row before it")
        expected = _digest(key, prev_hash, fid, row.seq, row.actor_id, row.action,
                           row.entry_id, row.details, row.created_at)
        if not hmac.compare_digest(row.hash, expected):
            return Break(fid, row.seq, "its content was changed")
        prev_hash, last_seq = row.hash, row.seq
    if last_seq < head.row_count:
        return Break(fid, last_seq + 1, f"is missing: the log's head says it has "
                                        f"{head.row_count} rows")
    if last_seq > head.row_count:
        return Break(fid, head.row_count + 1, f"was added after the log's head "
                                              f"({head.row_count} rows)")
    if prev_hash != head.chain:
        return Break(fid, last_seq, "is not the row the log's head recorded")
    return None


def verify(session: Session, family_id: int | None = None) -> list[Break]:
    """The first broken link of each family's chain, including its head (an empty list when
    every chain holds)."""
    key = _key(session)
    families = [family_id] if family_id is not None else _families(session)
    return [found for fid in families if (found := _first_break(session, key, fid))]


def paper_value(value: str) -> str:
    """A chain value as copied from paper: spaces and case do not matter."""
    return "".join(value.split()).lower()


@dataclass(frozen=True)
class PaperCheck:
    family_id: int | None  # the family whose log holds the value, if one does
    seq: int | None  # the row whose hash the value is
    breaks: list[Break]


def verify_against(session: Session, value: str, family_id: int | None = None) -> PaperCheck:
    """Whether a chain value kept on paper (the booklet, the downloaded copy) is still a row of
    the family's log, and the chain from there on holds. Raises ValueError for a value that
    cannot be one: it must be at least 16 of the value's hexadecimal digits."""
    wanted = paper_value(value)
    if len(wanted) < SHORTEST_PAPER_VALUE or len(wanted) > 64 or any(
            c not in "0123456789abcdef" for c in wanted):
        raise ValueError("A chain value is 16 to 64 of the letters a to f and digits 0 to 9.")
    query = select(AccessLogRow.family_id, AccessLogRow.seq).where(
        AccessLogRow.hash.startswith(wanted, autoescape=True))
    if family_id is not None:
        query = query.where(AccessLogRow.family_id == family_id)
    found = session.execute(query.order_by(AccessLogRow.family_id, AccessLogRow.seq)).first()
    if found is None:
        return PaperCheck(family_id, None, verify(session, family_id) if family_id else [])
    return PaperCheck(found.family_id, found.seq, verify(session, found.family_id))


def readable_rows(reader: Reader) -> ColumnElement[bool]:
    """The rows a family reader may see: about no entry, or about an entry as the reader may
    read it at the row's time. A row says the title the entry had then, so a young person's
    entry kept private when it was read keeps that title from a parent even once it is shown
    to the family (and a parent's adults-only one from the young person)."""
    return _rows_rule(readable_revisions(reader))


@lru_cache(maxsize=None)
def _readable_rows(shape: tuple) -> ColumnElement[bool]:
    return _rows_rule(rule_statement(shape, "revisions"))


def _rows_rule(revisions) -> ColumnElement[bool]:
    earlier = aliased(EntryRevision)
    saved_by_then = select(func.coalesce(func.max(earlier.version), 1)).where(
        earlier.entry_id == AccessLogRow.entry_id,
        earlier.created_at <= AccessLogRow.created_at).correlate(AccessLogRow).scalar_subquery()
    return or_(AccessLogRow.entry_id.is_(None), exists(
        revisions.with_only_columns(EntryRevision.id).where(
            EntryRevision.entry_id == AccessLogRow.entry_id,
            EntryRevision.version == saved_by_then)))


# The log page's two statements are built once per shape of reader and of choice ("show only"
# one person or one entry) and bound per request, as the reading path's are.

def _chosen(query, actor: bool, entry: bool):
    if actor:
        query = query.where(AccessLogRow.actor_id == bindparam("log_actor"))
    if entry:
        query = query.where(AccessLogRow.entry_id == bindparam("log_entry"))
    return query


@lru_cache(maxsize=None)
def _page(shape: tuple, actor: bool, entry: bool):
    query = select(AccessLogRow).where(AccessLogRow.family_id == bindparam("log_family"),
                                       _readable_rows(shape))
    return (_chosen(query, actor, entry).order_by(AccessLogRow.seq.desc())
            .offset(bindparam("skip")).limit(bindparam("take"))
            .options(selectinload(AccessLogRow.actor).selectinload(Account.organisation)))


def page_for(session: Session, reader: Reader, family_id: int, page: int,
             actor_id: int | None = None, entry_id: int | None = None,
             per_page: int = 50) -> tuple[list[AccessLogRow], bool]:
    """One page of the rows the reader may see (`readable_rows`), newest first, and whether
    older rows follow."""
    statement = _page(rule_shape(reader), actor_id is not None, entry_id is not None)
    # One row more than a page says whether there is another page, without counting them all.
    rows = list(session.scalars(statement, {
        **rule_values(reader), "log_family": family_id, "log_actor": actor_id,
        "log_entry": entry_id, "skip": (page - 1) * per_page, "take": per_page + 1}))
    return rows[:per_page], len(rows) > per_page


@lru_cache(maxsize=None)
def _actors(shape: tuple):
    return (select(Account.id, Account.display_name).where(Account.id.in_(
        select(AccessLogRow.actor_id).where(AccessLogRow.family_id == bindparam("log_family"),
                                            _readable_rows(shape))))
            .order_by(Account.display_name))


def actors_for(session: Session, reader: Reader, family_id: int) -> list[tuple[int, str]]:
    """Everyone who appears in the rows this reader may see, for the "Show only" choice."""
    return list(session.execute(_actors(rule_shape(reader)),
                                {**rule_values(reader), "log_family": family_id}).all())


def count(session: Session, family_id: int) -> int:
    return session.scalar(select(func.count()).select_from(AccessLogRow)
                          .where(AccessLogRow.family_id == family_id))
