"""Ten one-time recovery codes: shown once, printable, stored only as hashes.

Each code is 12 characters from the same look-alike-free alphabet as invitations (about 59 bits),
so a SHA-256 hash is enough: the codes are random, not words people choose.
"""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from record_book import policy
from record_book.accounts.accounts import find_account
from record_book.accounts.invitations import ALPHABET, normalise
from record_book.accounts.model import RecoveryCode
from record_book.book.model import Account
from record_book.clock import utcnow

CODE_COUNT = 10
CODE_LENGTH = 12


def _hash(typed: str) -> str:
    return hashlib.sha256(("recovery:" + normalise(typed)).encode("ascii", "replace")).hexdigest()


def _grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def new_codes(session: Session, account: Account, now: datetime | None = None) -> list[str]:
    """Ten fresh codes; any old ones stop working."""
    now = now or utcnow()
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
             for _ in range(CODE_COUNT)]
    session.add_all(RecoveryCode(account_id=account.id, code_hash=_hash(code), created_at=now)
                    for code in codes)
    session.flush()
    return [_grouped(code) for code in codes]


def codes_left(session: Session, account: Account) -> int:
    return session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None)))


def has_codes(session: Session, account: Account) -> bool:
    return session.scalar(select(RecoveryCode.id).where(RecoveryCode.account_id == account.id)
                          .limit(1)) is not None


def use_code(session: Session, username: str, typed: str, now: datetime | None = None
             ) -> Account | None:
    """The account, if the code is one of its unused codes; the code is then used up.

    Only family accounts sign in with a code: professionals and admins get a new set-up
    invitation from their admin instead, so their sign-in stays phishing-resistant."""
    now = now or utcnow()
    account = find_account(session, username) if username.strip() else None
    if account is None or not policy.is_family_account(account) or len(normalise(typed)) != CODE_LENGTH:
        return None
    used = session.execute(update(RecoveryCode).where(
        RecoveryCode.account_id == account.id, RecoveryCode.code_hash == _hash(typed),
        RecoveryCode.used_at.is_(None)).values(used_at=now))
    if used.rowcount != 1:
        return None
    session.flush()
    return account


def remove_all(session: Session, account: Account) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    session.flush()
