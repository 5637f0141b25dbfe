"""The tables of signing in: passkeys, recovery codes, invitations and who verified whom.

Secrets are never stored as typed: invitation and recovery codes are kept as SHA-256 hashes of
high-entropy random codes; a passkey is stored as its public key only.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Account, Base
from record_book.clock import utcnow


class Passkey(Base):
    """A WebAuthn credential: the phone (or key) holds the private key, we hold the public one."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    # base64url of the credential id, as the browser sends it back.
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    # The random WebAuthn user handle of the account (the same on each of its passkeys).
    user_handle: Mapped[bytes] = mapped_column(LargeBinary)
    name: Mapped[str] = mapped_column(String(100))
    transports: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()

    account: Mapped[Account] = relationship()


class PasskeyChallenge(Base):
    """What the server asked a passkey to sign: kept here, not in the cookie, so a copy of the
    cookie cannot bring back a used challenge. Deleted as it is used, or when stale."""

    __tablename__ = "passkey_challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sign_in or register: an answer to one ceremony cannot be used for the other.
    purpose: Mapped[str] = mapped_column(String(20))
    value: Mapped[bytes] = mapped_column(LargeBinary)
    # The signed-in account adding a passkey; empty for signing in and for joining.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    issued_at: Mapped[datetime] = mapped_column(index=True)


class RecoveryCode(Base):
    """One of ten one-time codes for getting back in when every other way is lost."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column()


INVITATION_KINDS = ("start_book", "join", "rejoin", "setup")


class Invitation(Base):
    """A one-time code that lets someone in.

    start_book: a professional starts a book; whoever claims it becomes its first holder.
    join: a holder invites another holder or a young person into the book.
    rejoin: the advocate lets a holder who lost every way in add a new one.
    setup: an admin lets a new professional or admin add their first passkey.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Empty for start_book until it is claimed: the book is made by the family, not before.
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(20))
    book_title: Mapped[str | None] = mapped_column(String(200))
    # The person in the book the new account will be (join), when the holder chose one.
    member_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    # The existing account that gets a new way in (rejoin, setup).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    claimed_at: Mapped[datetime | None] = mapped_column()
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # start_book: whether the family chose the professional who started it as their advocate.
    advocate_confirmed: Mapped[bool | None] = mapped_column()
    # rejoin: the code works only from here on, after the holders have had time to stop it.
    usable_from: Mapped[datetime | None] = mapped_column()
    cancelled_at: Mapped[datetime | None] = mapped_column()
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    invited_by: Mapped[Account] = relationship(foreign_keys=[invited_by_id])
    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])


class SetUpRequest(Base):
    """An admin asked for a new set-up code for someone who already has a way in. Nothing is
    issued until a second admin approves; the code then goes to the person's own email."""

    __tablename__ = "set_up_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    asked_at: Mapped[datetime] = mapped_column()
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    approved_at: Mapped[datetime | None] = mapped_column()
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"))

    account: Mapped[Account] = relationship(foreign_keys=[account_id])
    asked_by: Mapped[Account] = relationship(foreign_keys=[asked_by_id])


class Verification(Base):
    """An admin checked who this professional or organisation admin is."""

    __tablename__ = "verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    verified_at: Mapped[datetime] = mapped_column(default=utcnow)
