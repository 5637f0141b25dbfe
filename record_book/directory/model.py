"""The tables of the directory of local help: listings, and the listings a family keeps.

Nothing here is about any family except `ChosenListing`, which only says that a family keeps a
listing for its booklet; the listings themselves are public.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Base, Organisation
from record_book.clock import utcnow


class Listing(Base):
    """One service an organisation offers, in plain words.

    The words people typed live in `fields` (described once by `directory.LISTING`), like an
    entry's; the life areas it helps with are a list of the plan's area codes."""

    __tablename__ = "listings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    fields: Mapped[dict] = mapped_column(JSON)
    areas: Mapped[list] = mapped_column(JSON)
    reviewed_on: Mapped[date] = mapped_column(Date)
    # Raised by every save, so an editor who started from an older version is told.
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))

    organisation: Mapped[Organisation] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ChosenListing(Base):
    """A listing a family keeps, to print in its booklet with the contacts in large type."""

    __tablename__ = "chosen_listings"
    __table_args__ = (UniqueConstraint("family_id", "listing_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), index=True)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
