"""The booklet worker: takes booklets asked for on the print page off the queue and makes them.

`flask --app worker booklet-worker` runs one (`make run` starts one beside the web server; in
production a systemd unit, deploy/booklet-worker.service). Each booklet is made as the person who
asked reads the book at that moment, in one transaction: the access log's rows for what an
outsider printed, the PDF in the book's file store and the row marked ready are committed
together, or not at all, and the row is marked failed instead. The CLI makes each booklet in a
child process of its own (make_in_own_process), so the worker keeps nothing a booklet loaded.
"""

import gc
import logging
import os
import signal
import socket
import threading
import time
from pathlib import Path

import click
from flask import Flask, current_app

from print_templates.booklet import Options, build_booklet, prepare
from record_book.book import booklet_jobs
from record_book.book.booklet_jobs import BookletJob
from record_book.book.model import Account
from record_book.policy import NotAllowed, may_print, reader_for

# How often an idle worker looks for work, and how often it throws away day-old PDFs.
POLL_SECONDS = 1.0
TIDY_EVERY = 300


def job_options(options: Options) -> dict:
    """The print options as kept on the queue's row (plain JSON)."""
    return {"language": options.language, "large_print": options.large_print,
            "size": options.size, "folded": options.folded,
            "sections": sorted(options.sections), "online_url": options.online_url}


def print_options(values: dict, translations_dir: Path | None) -> Options:
    return Options(language=values["language"], large_print=values["large_print"],
                   size=values["size"], folded=values["folded"],
                   sections=frozenset(values["sections"]), online_url=values["online_url"],
                   translations_dir=translations_dir)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _translations(app: Flask) -> Path | None:
    folder = app.config.get("BABEL_TRANSLATION_DIRECTORIES")
    return Path(folder) if folder else None


def claim_next(app: Flask, name: str | None = None) -> int | None:
    """Claim the oldest waiting booklet; gives back its number, or None if none waits."""
    with app.extensions["db_sessions"]() as session:
        job = booklet_jobs.claim(session, name or worker_name())
        session.commit()
        return None if job is None else job.id


def make(app: Flask, job_id: int) -> None:
    """Make a claimed booklet, as the person who asked reads the book now; a failure is marked
    on its row and logged."""
    # Like a request: the write lock from the start, so the access log's next number read
    # while printing is still the next one when the rows are written.
    with app.extensions["db_request_sessions"]() as session:
        try:
            job = session.get(BookletJob, job_id)
            reader = reader_for(session, session.get(Account, job.asked_by_id), job.family_id)
            if not may_print(session, reader):
                raise NotAllowed("the person who asked may no longer open the book")
            booklet = build_booklet(session, reader, print_options(job.options,
                                                                   _translations(app)))
            booklet_jobs.finish(session, job, booklet.pdf, booklet.pages)
            session.commit()
        except Exception as problem:  # any failure is the family's "try again", and logged
            session.rollback()
            app.logger.exception("booklet %s could not be made", job_id)
            booklet_jobs.fail(session, job_id, f"{type(problem).__name__}: {problem}")
            session.commit()


def make_one(app: Flask, name: str | None = None) -> int | None:
    """Claim and make the oldest waiting booklet, in this process; gives back its number, or
    None if none waits."""
    job_id = claim_next(app, name)
    if job_id is not None:
        make(app, job_id)
    return job_id


def make_in_own_process(app: Flask, job_id: int, name: str) -> bool:
    """Make a claimed booklet in a child process, which gives all its memory back when it ends.

    A worker that made booklets itself kept every script's fonts, babel's locale data and the
    words it had shaped once used; the parent stays as it started and each booklet costs only
    its own (bench/worker_memory.py). A child that dies mid-booklet (killed for
    its memory, say) has its booklet marked failed at once, not after GIVE_UP_ON_WORKER. If no
    child can be started (no memory or processes left), the booklet goes back to the queue and
    this gives False.
    """
    try:
        child = os.fork()
    except OSError:
        app.logger.exception("booklet %s: no process could be started to make it", job_id)
        with app.extensions["db_sessions"]() as session:
            booklet_jobs.put_back(session, job_id, name)
            session.commit()
        return False
    if child == 0:
        code = 1
        try:
            # The worker's stop signals are for the parent: the booklet being made is finished.
            for number in (signal.SIGINT, signal.SIGTERM):
                signal.signal(number, signal.SIG_IGN)
            # The parent's pooled connections stay the parent's (SQLAlchemy's advice for fork).
            app.extensions["db_engine"].dispose(close=False)
            make(app, job_id)
            code = 0
        finally:
            logging.shutdown()
            os._exit(code)
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        app.logger.error("booklet %s: the process making it ended with %s", job_id,
                         os.waitstatus_to_exitcode(status))
        with app.extensions["db_sessions"]() as session:
            booklet_jobs.fail_unfinished(session, job_id, name,
                                         "the process making it ended before it was done")
            session.commit()
    return True


def tidy(app: Flask) -> int:
    with app.extensions["db_sessions"]() as session:
        thrown = booklet_jobs.throw_away_old(session)
        session.commit()
    return thrown


def run(app: Flask, once: bool = False, stop: threading.Event | None = None,
        own_processes: bool = False) -> None:
    """Make booklets until stopped (Ctrl-C, SIGTERM, or the stop event set); with once, until
    none is waiting. With own_processes, each booklet is made in a child process of its own."""
    name, tidied, stop = worker_name(), 0.0, stop or threading.Event()
    app.logger.info("booklet worker %s started", name)
    while not stop.is_set():
        if time.monotonic() - tidied > TIDY_EVERY:
            tidy(app)
            tidied = time.monotonic()
        job_id = claim_next(app, name)
        if job_id is None:
            if once:
                return
            stop.wait(POLL_SECONDS)
        elif own_processes:
            if not make_in_own_process(app, job_id, name):
                stop.wait(POLL_SECONDS)  # let the machine free some memory first
        else:
            make(app, job_id)


def register_command(app: Flask) -> None:
    @app.cli.command("booklet-worker")
    @click.option("--once", is_flag=True, help="Make the booklets waiting now, then stop.")
    @click.option("--in-one-process", is_flag=True,
                  help="Make every booklet in the worker's own process, which then keeps what "
                       "each loaded (to follow one in a debugger, or to compare).")
    def booklet_worker(once: bool, in_one_process: bool):
        """Make the booklets people ask for on the print page, one after another. Ctrl-C or
        SIGTERM lets the booklet being made finish first."""
        logging.basicConfig(level=logging.INFO)
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.set())
        app = current_app._get_current_object()
        with app.extensions["db_sessions"]() as session:
            prepare(session, _translations(app))
        # What is loaded now (the app, its modules) lives as long as the worker: the garbage
        # collector need not look through it again while each booklet is made.
        gc.collect()
        gc.freeze()
        run(app, once=once, stop=stop, own_processes=not in_one_process)
        click.echo("The booklet worker stopped.")
