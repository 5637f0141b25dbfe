"""The booklet worker: takes booklets asked for on the print page off the queue and makes them.

`flask --app worker booklet-worker` runs one (`make run` starts one beside the web server; in
production a systemd unit, deploy/booklet-worker.service). Each booklet is made as the person who
asked reads the book at that moment, in one transaction: the access log's rows for what an
outsider printed, the PDF in the book's file store and the row marked ready are committed
together, or not at all, and the row is marked failed instead.
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

from print_templates.booklet import Options, build_booklet
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


def make_one(app: Flask, name: str | None = None) -> int | None:
    """Claim and make the oldest waiting booklet; gives back its number, or None if none waits."""
    with app.extensions["db_sessions"]() as session:
        job = booklet_jobs.claim(session, name or worker_name())
        session.commit()
        if job is None:
            return None
        job_id = job.id
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
    return job_id


def tidy(app: Flask) -> int:
    with app.extensions["db_sessions"]() as session:
        thrown = booklet_jobs.throw_away_old(session)
        session.commit()
    return thrown


def run(app: Flask, once: bool = False, stop: threading.Event | None = None) -> None:
    """Make booklets until stopped (Ctrl-C, SIGTERM, or the stop event set); with once, until
    none is waiting."""
    name, tidied, stop = worker_name(), 0.0, stop or threading.Event()
    app.logger.info("booklet worker %s started", name)
    while not stop.is_set():
        if time.monotonic() - tidied > TIDY_EVERY:
            tidy(app)
            tidied = time.monotonic()
        if make_one(app, name) is None:
            if once:
                return
            stop.wait(POLL_SECONDS)


def register_command(app: Flask) -> None:
    @app.cli.command("booklet-worker")
    @click.option("--once", is_flag=True, help="Make the booklets waiting now, then stop.")
    def booklet_worker(once: bool):
        """Make the booklets people ask for on the print page, one after another. Ctrl-C or
        SIGTERM lets the booklet being made finish first."""
        logging.basicConfig(level=logging.INFO)
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.set())
        # What is loaded now (the app, its modules) lives as long as the worker: the garbage
        # collector need not look through it again while each booklet is made.
        gc.collect()
        gc.freeze()
        run(current_app._get_current_object(), once=once, stop=stop)
        click.echo("The booklet worker stopped.")
