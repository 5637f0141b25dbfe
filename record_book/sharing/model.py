"""The tables of sharing: connections, grants, requests, notes, notifications and the access log."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Account, Base, Organisation
from record_book.clock import utcnow


class Connection(Base):
    """A professional or an organisation the family has let into its book (seeing nothing yet)."""

    __tablename__ = "connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column()

    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])
    organisation: Mapped[Organisation | None] = relationship()


class ContributionPermission(Base):
    """A holder lets a connected professional write entries about one part of the family's life
    ("may add entries about school"). What they write waits for the family to accept it."""

    __tablename__ = "contribution_permissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    category: Mapped[str] = mapped_column(String(30))
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    account: Mapped[Account] = relationship(foreign_keys=[account_id])


class ConnectionCode(Base):
    """A one-time code a family gives a professional so they can connect to the book."""

    __tablename__ = "connection_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class Grant(Base):
    """This entry, or this category, or recent entries, may be read by this person or
    organisation, until it ends or is stopped."""

    __tablename__ = "grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(30))
    # "Present and future only": entries dated from this day on (ISO date), and nothing older.
    from_date: Mapped[str | None] = mapped_column(String(10))
    recent_months: Mapped[int | None] = mapped_column(Integer)
    grantee_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    grantee_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"),
                                                                index=True)
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("access_requests.id"))
    expiry_logged_at: Mapped[datetime | None] = mapped_column()
    plan_part: Mapped[str | None] = mapped_column(String(40))
    # What the family shares it for ("for the school support meeting on 12 May"), shown to the
    # reader and in the log.
    purpose: Mapped[str | None] = mapped_column(String(300))  # 'plan' for the whole plan, 'goal:<id>' for one goal

    granted_by: Mapped[Account] = relationship(foreign_keys=[granted_by_id])
    grantee_account: Mapped[Account | None] = relationship(foreign_keys=[grantee_account_id])
    grantee_organisation: Mapped[Organisation | None] = relationship()


class AccessRequest(Base):
    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    purpose: Mapped[str] = mapped_column(Text)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column()
    message: Mapped[str | None] = mapped_column(Text)

    requester: Mapped[Account] = relationship(foreign_keys=[requester_id])


class Note(Base):
    """Something a professional sends to the family; it becomes an entry only if the family
    adds it, attributed to the professional."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="new")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()

    author: Mapped[Account] = relationship()


class Notification(Base):
    """A line in someone's portal inbox. It never holds record content, only what happened."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"))
    kind: Mapped[str] = mapped_column(String(30))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()
    emailed_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (UniqueConstraint("account_id", "dedupe_key"),)


class AccessLogRow(Base):
    """Append-only and hash-chained per family: each row's hash covers its content and the
    previous row's hash, so a changed or removed row breaks the chain."""

    __tablename__ = "access_log"
    __table_args__ = (UniqueConstraint("family_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    actor: Mapped[Account] = relationship()


class LeadChange(Base):
    """Who leads for the family: each time a holder chose an advocate, a different one, or none.
    Kept forever, so every connected professional sees since when and who led before."""

    __tablename__ = "lead_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    # The new advocate; empty when the family chose to have none for now.
    advocate_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What the family wants the new advocate to know, in its words; read only by the family
    # and the advocate it was written for.
    handover_note: Mapped[str | None] = mapped_column(Text)

    advocate: Mapped[Account | None] = relationship(foreign_keys=[advocate_id])
    previous: Mapped[Account | None] = relationship(foreign_keys=[previous_id])
    changed_by: Mapped[Account] = relationship(foreign_keys=[changed_by_id])


class AccessLogHead(Base):
    """Each family's chain head: how many rows its log has and the last row's hash, sealed with
    the log's key. Written only by `access_log.append`, so removing the newest rows (or all of
    them) leaves a head that says more rows than there are."""

    __tablename__ = "access_log_heads"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), unique=True)
    row_count: Mapped[int] = mapped_column(Integer)
    chain: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str] = mapped_column(String(64))
