"""The tables of plans.

A plan's words live in its revisions: each save stores the whole plan, flattened to a dict of
field keys ("goal.<id>.title", "step.<id>.status", ...), so merging, history and comparing two
revisions work on plain dicts. Agreements and reviews are kept forever.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from record_book.book.model import Account, Base
from record_book.clock import utcnow


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    # The family's id while the plan is open, empty once closed: one open plan per family.
    open_family_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    # The number of the latest revision.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    close_reason: Mapped[str | None] = mapped_column(String(30))
    # Six months after closing: a reminder to check in again.
    check_in_on: Mapped[date | None] = mapped_column(Date)
    # The family chose to have its young people (12 and over) agree the plan too.
    young_people_agree: Mapped[bool] = mapped_column(default=False)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PlanRevision(Base):
    __tablename__ = "plan_revisions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    content: Mapped[dict] = mapped_column(JSON)
    # What changed, as [message, params] pairs the portal words in the reader's language.
    summary: Mapped[list] = mapped_column(JSON, default=list)

    author: Mapped[Account] = relationship()


class PlanAgreement(Base):
    """"We agree to this plan", by one person, on one revision. Never changed or removed."""

    __tablename__ = "plan_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    revision_number: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    role: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship()


class PlanReview(Base):
    """One side's rating of one goal at one review: 1 is far away, 10 is done."""

    __tablename__ = "plan_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    goal_id: Mapped[str] = mapped_column(String(16))
    reviewed_on: Mapped[date] = mapped_column(Date)
    rater_role: Mapped[str] = mapped_column(String(10))  # family or advocate
    rating: Mapped[int] = mapped_column(Integer)
    working: Mapped[str] = mapped_column(Text, default="")
    not_working: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Account] = relationship()


class GoalComment(Base):
    """A young person's (or anyone's in the family) comment on a goal."""

    __tablename__ = "plan_goal_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    goal_id: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Account] = relationship()


class StepMark(Base):
    """A service's word on one step of the plan that names it: done, started or stuck (and
    why). Kept apart from the family's words, which only the family and its advocate change,
    and never changed: each mark is a new row, the newest is what the service says now."""

    __tablename__ = "plan_step_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    step_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    # Who marked it, as they were then ("Ms Patel, Riverside School"), like a proposal's writer.
    author_name: Mapped[str] = mapped_column(String(200))
    author_organisation: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)
