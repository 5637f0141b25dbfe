"""Accounts and password sign-in.

Passwords are hashed with argon2id. Professionals and admins may use a password only while the
portal runs with demo accounts switched on; otherwise they must use a passkey.
"""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book import policy
from record_book.book.model import ACCOUNT_KINDS, Account, Organisation

_hasher = PasswordHasher()
# Verifying against a hash of no one's password when the username is unknown keeps the answer
# time the same, so the time taken does not tell whether an account exists. It is written out
# here, made with PasswordHasher()'s own settings, rather than made at import: hashing takes
# 64 MB, which every process that imports accounts (the booklet worker, the CLI) would hold as
# its peak memory.
STAND_IN_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$KsSSUEQA4ni7xDLEN5bUIg"
                 "$GcCkNLLWT9S+0T98FwAktpg5Jde+k11LfJDZFUvVlik")


def stand_in_hash() -> str:
    """A hash of no one's password that costs what the hasher's own hashes cost to verify."""
    if not _hasher.check_needs_rehash(STAND_IN_HASH):
        return STAND_IN_HASH
    return _stand_in_made_by(_hasher)  # a hasher of other settings (the tests' cheap one)


@cache
def _stand_in_made_by(hasher: PasswordHasher) -> str:
    return hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_account(session: Session, username: str) -> Account | None:
    # Usernames are stored normalised, so the lookup uses the unique index (no table scan).
    return session.scalar(select(Account).where(Account.username == normalise_username(username)))


def create_account(session: Session, username: str, display_name: str, kind: str,
                   password: str | None = None, organisation: Organisation | None = None,
                   ) -> Account:
    if kind not in ACCOUNT_KINDS:
        raise ValueError(f"unknown account kind {kind!r}")
    if find_account(session, username) is not None:
        raise ValueError(f"the username {username!r} is taken")
    account = Account(
        username=normalise_username(username), display_name=display_name, kind=kind,
        organisation=organisation,
        password_hash=hash_password(password) if password else None,
    )
    session.add(account)
    session.flush()
    return account


def password_matches(account: Account | None, password: str) -> bool:
    """Whether this is the account's password; False for no account or no password, after the
    same work, so the time taken tells nothing."""
    stored = account.password_hash if account is not None else None
    try:
        _hasher.verify(stored or stand_in_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def authenticate(session: Session, username: str, password: str, demo_mode: bool
                 ) -> Account | None:
    account = find_account(session, username)
    if not password_matches(account, password) or not policy.may_use_password(account, demo_mode):
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    return account


def create_organisation(session: Session, name: str) -> Organisation:
    organisation = Organisation(name=name.strip())
    session.add(organisation)
    session.flush()
    return organisation
