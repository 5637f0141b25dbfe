"""The tables of speakers' reviews: who checks which language, and what they said of each message.

Reviews stay here until `flask write-language-reviews` writes them into the catalogs, so what the
portal shows in a language only changes through files that are read and committed.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Account, Base
from record_book.clock import utcnow

ACCEPTED, CHANGED = "accepted", "changed"


class LanguageReviewer(Base):
    """A person a portal admin asked to check one language's words."""

    __tablename__ = "language_reviewers"
    __table_args__ = (UniqueConstraint("account_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    given_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship(foreign_keys=[account_id])
    given_by: Mapped[Account] = relationship(foreign_keys=[given_by_id])


class LanguageReview(Base):
    """One speaker's word on one message: the draft accepted, or a better text. The newest
    review of a message is the one that counts."""

    __tablename__ = "language_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(10), index=True)
    msgid: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(10))  # accepted or changed
    # The reviewer's account (named so erasing a family's book takes its people's reviews too).
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)

    reviewer: Mapped[Account] = relationship()
