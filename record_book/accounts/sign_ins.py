"""Sign-ins kept on the server: a session is alive only while its row is here.

The signed cookie carries a random token; only its SHA-256 hash is stored. Signing out,
leaving quickly and timing out delete the row, so a copy of the cookie taken before is refused
on its next request. A new way in, "sign out everywhere" and a re-join delete every row of the
account at once.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, bindparam, delete, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from record_book.book.model import Account, Base
from record_book.clock import utcnow

# Rows are touched at most this often, so a busy page does not write on every request.
TOUCH_EVERY = timedelta(minutes=5)
# A row not used for this long belongs to a browser that was closed without signing out: it
# timed out long ago (the longest idle time is minutes), so it is removed.
STALE_AFTER = timedelta(days=1)


class SignIn(Base):
    __tablename__ = "sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column()
    last_used_at: Mapped[datetime] = mapped_column(index=True)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def begin(session: Session, account: Account, now: datetime | None = None) -> str:
    """A new sign-in for the account; gives back the token for the cookie."""
    now = now or utcnow()
    session.execute(delete(SignIn).where(SignIn.last_used_at < now - STALE_AFTER))
    token = secrets.token_urlsafe(32)
    session.add(SignIn(account_id=account.id, token_hash=_hash(token), started_at=now,
                       last_used_at=now))
    session.flush()
    return token


# Asked on every request: built once, with the account and token bound each time.
_SIGNED_IN = (select(Account, SignIn.id, SignIn.last_used_at)
              .join(SignIn, SignIn.account_id == Account.id)
              .where(Account.id == bindparam("account_id"),
                     SignIn.token_hash == bindparam("token_hash")))


def signed_in(session: Session, account_id: int, token: object,
              now: datetime | None = None) -> Account | None:
    """The account, if this token is one of its live sign-ins (one query), else None."""
    if not isinstance(token, str) or not token:
        return None
    found = session.execute(_SIGNED_IN, {"account_id": account_id,
                                         "token_hash": _hash(token)}).first()
    if found is None:
        return None
    account, sign_in_id, last_used = found
    now = now or utcnow()
    if now - last_used >= TOUCH_EVERY:
        session.execute(update(SignIn).where(SignIn.id == sign_in_id).values(last_used_at=now))
    return account


def end(session: Session, token: object) -> None:
    """This sign-in only: the person's other phones stay signed in."""
    if isinstance(token, str) and token:
        session.execute(delete(SignIn).where(SignIn.token_hash == _hash(token)))


def end_all(session: Session, account: Account, keep: object = None) -> None:
    """Every sign-in of the account, except the one whose token is `keep`."""
    query = delete(SignIn).where(SignIn.account_id == account.id)
    if isinstance(keep, str) and keep:
        query = query.where(SignIn.token_hash != _hash(keep))
    session.execute(query)
