"""The tables of reminders: each person's choice, and every reminder sent or tried."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from record_book.book.model import Base
from record_book.clock import utcnow

EMAIL, TEXT = "email", "text"
CHANNELS = (EMAIL, TEXT)
# What happened to a reminder: being sent now (a run that stops here never sends it again),
# sent, failed and to be tried again, or given up on.
SENDING, SENT, FAILED, GAVE_UP = "sending", "sent", "failed", "gave_up"


class ReminderChoice(Base):
    """One person's reminders: off until they choose them."""

    __tablename__ = "reminder_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    by_email: Mapped[bool] = mapped_column(Boolean, default=False)
    by_text: Mapped[bool] = mapped_column(Boolean, default=False)
    # Only for reminders; never shown to anyone else.
    phone: Mapped[str | None] = mapped_column(String(20))
    # No reminder from this hour until that one, on the family's clock (21 to 8: the night).
    quiet_from: Mapped[int] = mapped_column(Integer, default=21)
    quiet_until: Mapped[int] = mapped_column(Integer, default=8)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The number could not be reached: the person is told on their next visit, once.
    bounced_at: Mapped[datetime | None] = mapped_column()
    bounce_told_at: Mapped[datetime | None] = mapped_column()


class SentReminder(Base):
    """One reminder to one person by one channel. The key is unique, so however often the
    command runs (or two machines run it at once), a reminder is sent once."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column()
    # What went wrong, in the provider's words (never the message, which says nothing anyway).
    problem: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
    # The provider's id for a text message, to ask later whether it reached the phone.
    provider_id: Mapped[str | None] = mapped_column(String(64))
    delivery_checked: Mapped[bool] = mapped_column(Boolean, default=False)
