"""Words kept when a person was signed out while typing, to offer back after they sign in.

A draft belongs to one person and is only ever offered to that person: a young person's draft
of a private entry never reaches anyone else. It is kept on the server, never in the browser,
because the phone may be shared. A draft about a book carries the book's family_id, so erasing
the book erases it; it is left out of the book's copy (record_book/data_rights/export.py), as it
is one person's unsaved words, not the book. Drafts last DRAFT_DAYS and go when used or thrown
away.
"""

from datetime import datetime, timedelta

from sqlalchemy import JSON, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from record_book.book.model import Base
from record_book.clock import utcnow

DRAFT_DAYS = 30
MAX_FIELDS = 200
MAX_CHARACTERS = 100_000


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    # Where the form is sent: the same address takes the words when the person sends them again.
    form_path: Mapped[str] = mapped_column(String(500))
    # What the page was called, so the offer can say which form the words came from.
    page_title: Mapped[str] = mapped_column(String(300))
    # name -> value, in the form's own order; labels: name -> the label the person saw.
    fields: Mapped[list] = mapped_column(JSON)
    labels: Mapped[dict] = mapped_column(JSON, default=dict)
    kept_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column(index=True)


def has_words(fields: list[tuple[str, str]]) -> bool:
    return any(value.strip() for _name, value in fields)


def keep(session: Session, account_id: int, family_id: int | None, form_path: str,
         page_title: str, fields: list[tuple[str, str]], labels: dict | None = None,
         now: datetime | None = None) -> Draft | None:
    """Keep what was typed in one form (one draft per person and form: the newest wins).
    Nothing is kept for a form with no words in it, or one too big to be typing. The caller
    leaves out the form's one-time keys: a draft is sent again with new ones."""
    fields = [(str(n), str(v)) for n, v in fields][:MAX_FIELDS]
    if not has_words(fields) or sum(len(v) for _n, v in fields) > MAX_CHARACTERS:
        return None
    now = now or utcnow()
    session.execute(delete(Draft).where(Draft.account_id == account_id,
                                        Draft.form_path == form_path))
    draft = Draft(account_id=account_id, family_id=family_id, form_path=form_path[:500],
                  page_title=page_title[:300], fields=[list(f) for f in fields],
                  labels={str(k): str(v)[:300] for k, v in (labels or {}).items()},
                  kept_at=now, expires_at=now + timedelta(days=DRAFT_DAYS))
    session.add(draft)
    session.flush()
    return draft


def waiting(session: Session, account_id: int, now: datetime | None = None) -> list[Draft]:
    """This person's drafts that have not expired, newest first."""
    return list(session.scalars(select(Draft).where(
        Draft.account_id == account_id, Draft.expires_at > (now or utcnow()))
        .order_by(Draft.kept_at.desc(), Draft.id.desc())))


def own_draft(session: Session, account_id: int, draft_id: int,
              now: datetime | None = None) -> Draft | None:
    """The draft, only if it is this person's and still kept."""
    draft = session.get(Draft, draft_id)
    if draft is None or draft.account_id != account_id or draft.expires_at <= (now or utcnow()):
        return None
    return draft


def throw_away(session: Session, draft: Draft) -> None:
    session.delete(draft)
    session.flush()


def remove_expired(session: Session, now: datetime | None = None) -> int:
    return session.execute(delete(Draft).where(Draft.expires_at <= (now or utcnow()))).rowcount
