"""The tables of the record book.

Entries keep their kind-specific fields in one JSON column, so that history, privacy, sharing and
conflict handling work the same way for a person, a story section or a service card.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from record_book.clock import utcnow
from record_book.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON}


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


ACCOUNT_KINDS = ("family", "professional", "org_admin", "portal_admin")


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(10))
    # Only for telling someone that something happened; never for record content.
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()


class Family(Base):
    __tablename__ = "families"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """An account's place in one family's book."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("family_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # The person in the book this account is, when there is one (an advocate has none).
    member_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship()


VISIBILITIES = ("family", "adults", "private")


class Entry(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(30))
    # The person the entry is about; a member entry owns itself, so this stays empty there.
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    # The account that decides who inside the family may read it.
    owner_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    visibility: Mapped[str] = mapped_column(String(10), default="family")
    title: Mapped[str] = mapped_column(String(300))
    sort_key: Mapped[str | None] = mapped_column(String(20))
    fields: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    # A professional whose words these are (a contribution the family accepted): their words stay
    # theirs, so nobody edits them; empty for the family's own words.
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    updated_by: Mapped[Account] = relationship(foreign_keys=[updated_by_id])
    written_by: Mapped[Account | None] = relationship(foreign_keys=[written_by_id])

    __mapper_args__ = {"version_id_col": version}


class EntryRevision(Base):
    """A full copy of an entry as it stood after each save: its history."""

    __tablename__ = "entry_revisions"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(30))
    owner_member_id: Mapped[int | None] = mapped_column(Integer)
    visibility: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    fields: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Account] = relationship()


PROPOSAL_STATUSES = ("waiting", "accepted", "refused")


class Proposal(Base):
    """An entry written by the advocate or a professional the family allows, or typed in from the
    family's paper book: not part of the book until someone in the family accepts it.

    Who wrote it is kept as it was at the time ("Ms Patel, Riverside School"), so the attribution
    survives a change of name or organisation. The family's answer is the family's own words,
    kept apart from the professional's and shown beside them."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(30))
    # The person it is about, when the writer could see them in the book; a young person
    # accepts (or refuses) what is about them.
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"))
    title: Mapped[str] = mapped_column(String(300))
    fields: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    author_organisation: Mapped[str] = mapped_column(String(200), default="")
    # The family's own words from its paper book, typed in by the author (the advocate).
    from_paper: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), index=True)
    family_answer: Mapped[str | None] = mapped_column(Text)

    author: Mapped[Account] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[Account | None] = relationship(foreign_keys=[decided_by_id])


class Attachment(Base):
    """A photo or PDF that belongs to an entry (or to a step of the plan): shared, read, printed
    and erased with it. Removing one keeps it in the entry's history until the book is erased."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), index=True)
    # A step of the plan: plans sit above the record book, so these name it without a key.
    plan_id: Mapped[int | None] = mapped_column(Integer)
    step_id: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(10))  # photo or pdf
    caption: Mapped[str] = mapped_column(String(200))
    # Where the cleaned file and its thumbnail are kept (record_book/book/file_stores.py).
    content_key: Mapped[str] = mapped_column(String(200))
    thumbnail_key: Mapped[str | None] = mapped_column(String(200))
    byte_size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    removed_at: Mapped[datetime | None] = mapped_column()

    added_by: Mapped[Account] = relationship(foreign_keys=[added_by_id])
    removed_by: Mapped[Account | None] = relationship(foreign_keys=[removed_by_id])

    @property
    def is_photo(self) -> bool:
        return self.kind == "photo"


class StoredFile(Base):
    """The bytes of an attachment (or its thumbnail) kept in the database, the default store."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class LocalTerm(Base):
    """A word used by local services, added by a portal admin, explained like the built-in ones."""

    __tablename__ = "local_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(80), unique=True)
    also: Mapped[str] = mapped_column(String(300), default="")  # other spellings, comma-separated
    meaning: Mapped[str] = mapped_column(String(300))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BookErasure(Base):
    """A family asked to delete its book.

    While `erased_at` is empty the book is closed to everyone outside the family, and the family
    can still keep it. Once erased, this row is all that is left: that a book existed, when it was
    deleted and by whom, and nothing that was in it.
    """

    __tablename__ = "book_erasures"
    # One request at a time: a second press of "Delete our book" finds the first.
    __table_args__ = (Index("uq_book_erasures_pending", "family_id", unique=True,
                            sqlite_where=text("erased_at IS NULL"),
                            postgresql_where=text("erased_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not a foreign key: this row outlives the family's row.
    family_id: Mapped[int] = mapped_column(Integer, index=True)
    book_started_at: Mapped[datetime] = mapped_column()
    requested_at: Mapped[datetime] = mapped_column()
    requested_by_name: Mapped[str] = mapped_column(String(200))
    erase_after: Mapped[datetime] = mapped_column()
    erased_at: Mapped[datetime | None] = mapped_column()
