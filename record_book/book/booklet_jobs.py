"""Booklets made in the background: the queue of asks, a worker's claim, and the finished PDF.

A person asks for a booklet (a row, "waiting"); a worker claims the oldest waiting row
("making"), builds it as that person reads the book, keeps the PDF in the book's file store and
marks it "ready", or "failed" with the reason for the logs. The queue is the database itself, so
it needs nothing beside it and any app server can hand out the result. On PostgreSQL a claim
skips rows another worker has locked (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a
time, so there a claim is one conditional UPDATE. A row is part of the book (its family_id), so
erasing the book erases its booklets. Nothing here commits: the worker commits each step.
"""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from record_book.book import file_stores
from record_book.book.model import Base
from record_book.clock import utcnow
from record_book.policy import Reader

WAITING, MAKING, READY, FAILED = "waiting", "making", "ready", "failed"
# A worker that stopped (restarted, killed) mid-build leaves its row "making": after this long
# another worker takes it again.
GIVE_UP_ON_WORKER = timedelta(minutes=10)
# A finished booklet is a copy of the book: handed out for a day, then its PDF is thrown away.
KEPT_FOR = timedelta(days=1)


class BookletJob(Base):
    __tablename__ = "booklet_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    # The print options as chosen on the page (language, size, parts…), in plain JSON.
    options: Mapped[dict] = mapped_column()
    state: Mapped[str] = mapped_column(String(10), default=WAITING, index=True)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    worker: Mapped[str | None] = mapped_column(String(100))
    file_key: Mapped[str | None] = mapped_column(String(200))
    pages: Mapped[int | None] = mapped_column(Integer)
    failure: Mapped[str | None] = mapped_column(String(500))  # for the logs, never shown


def ask(session: Session, reader: Reader, options: dict) -> BookletJob:
    job = BookletJob(family_id=reader.family_id, asked_by_id=reader.account_id,
                     options=options, state=WAITING, asked_at=reader.now)
    session.add(job)
    session.flush()
    return job


def claim(session: Session, worker: str, now: datetime | None = None) -> BookletJob | None:
    """Take the oldest waiting booklet for this worker, or none. The caller commits at once,
    so other workers see it taken."""
    now = now or utcnow()
    claimable = or_(BookletJob.state == WAITING,
                    (BookletJob.state == MAKING) & (BookletJob.started_at < now - GIVE_UP_ON_WORKER))
    if session.get_bind().dialect.name == "postgresql":
        job = session.scalar(select(BookletJob).where(claimable).order_by(BookletJob.id)
                             .limit(1).with_for_update(skip_locked=True))
        if job is None:
            return None
        job.state, job.started_at, job.worker = MAKING, now, worker
        session.flush()
        return job
    oldest = select(BookletJob.id).where(claimable).order_by(BookletJob.id).limit(1)
    taken = session.execute(
        update(BookletJob).where(BookletJob.id == oldest.scalar_subquery(), claimable)
        .values(state=MAKING, started_at=now, worker=worker)
        .returning(BookletJob.id)).scalar()
    return session.get(BookletJob, taken, populate_existing=True) if taken else None


def finish(session: Session, job: BookletJob, pdf: bytes, pages: int,
           now: datetime | None = None) -> None:
    job.file_key = file_stores.put(session, job.family_id, pdf)
    job.state, job.pages, job.finished_at = READY, pages, now or utcnow()
    session.flush()


def fail(session: Session, job_id: int, reason: str, now: datetime | None = None) -> None:
    job = session.get(BookletJob, job_id, populate_existing=True)
    job.state, job.failure, job.finished_at = FAILED, reason[:500], now or utcnow()
    session.flush()


def _still_making(job_id: int, worker: str):
    """A change to a booklet this worker took and has not finished; none to one since made,
    failed or taken by another worker."""
    return update(BookletJob).where(BookletJob.id == job_id, BookletJob.state == MAKING,
                                    BookletJob.worker == worker)


def fail_unfinished(session: Session, job_id: int, worker: str, reason: str,
                    now: datetime | None = None) -> None:
    """Mark failed a booklet this worker took and did not finish."""
    session.execute(_still_making(job_id, worker).values(
        state=FAILED, failure=reason[:500], finished_at=now or utcnow()))


def put_back(session: Session, job_id: int, worker: str) -> None:
    """A booklet this worker took but could not start making goes back to the queue as it was."""
    session.execute(_still_making(job_id, worker).values(state=WAITING, started_at=None,
                                                         worker=None))


def job_for(session: Session, reader: Reader, job_id: int) -> BookletJob | None:
    """One of the reader's own booklets for this book; anyone else's is not there."""
    job = session.get(BookletJob, job_id)
    if job is None or job.family_id != reader.family_id or job.asked_by_id != reader.account_id:
        return None
    return job


def expired(job: BookletJob, now: datetime) -> bool:
    return job.finished_at is not None and job.finished_at + KEPT_FOR < now


def pdf_of(session: Session, job: BookletJob) -> bytes | None:
    return file_stores.get(session, job.file_key) if job.file_key else None


def throw_away_old(session: Session, now: datetime | None = None) -> int:
    """Forget the PDFs of booklets finished more than a day ago; gives back how many."""
    now = now or utcnow()
    old = list(session.scalars(select(BookletJob).where(
        BookletJob.file_key.is_not(None), BookletJob.finished_at < now - KEPT_FOR)))
    for job in old:
        file_stores.discard(session, job.file_key)
        job.file_key = None
    session.flush()
    return len(old)
