"""Booklets made by the background worker: queued by the page, made, handed out only to the
person who asked, failures said in plain words, and never one booklet taken by two workers."""

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
import test_sharing_edges
from conftest import PASSWORD, log_rows, sign_in
from pypdf import PdfReader
from sqlalchemy import func, select
from test_booklet_page import shared_with_pat  # noqa: F401  (a fixture)
from test_sharing import pat, story

import print_templates.booklet
import print_templates.shaping
from portal.booklet_worker import make_one, run, tidy
from record_book.accounts.accounts import create_account
from record_book.book import booklet_jobs
from record_book.book.booklet_jobs import BookletJob
from record_book.book.model import StoredFile
from record_book.clock import utcnow
from record_book.policy import may_collect_booklet, reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry, stop_all_sharing, stop_grant

ROOT = Path(__file__).resolve().parent.parent
CHOICES = {"language": "en", "size": "a4", "sections": ["people"]}


def _ask(client, book, data=CHOICES) -> str:
    asked = client.post(f"/families/{book.family.id}/print", data=data)
    assert asked.status_code == 302
    return asked.location


def _pdf_text(body: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(body)).pages)


def test_the_page_queues_the_worker_makes_and_the_person_downloads(app, client, book):
    sign_in(client, book.holder)
    where = _ask(client, book)
    waiting = client.get(where)
    assert waiting.status_code == 200
    assert "Your booklet is being made" in waiting.text and "Check again" in waiting.text
    assert "booklet-wait.js" in waiting.text and "<meta" not in waiting.text.split("<body")[1]
    assert client.get(where, headers={"Accept": "application/json"}).json == {"state": "waiting"}
    assert client.get(where + "/booklet.pdf").status_code == 404  # not made yet

    run(app, once=True)  # the worker, in this process, until nothing waits
    ready = client.get(where)
    assert "Your booklet is ready" in ready.text and "Download the booklet (PDF)" in ready.text
    assert client.get(where, headers={"Accept": "application/json"}).json == {"state": "ready"}
    pdf = client.get(where + "/booklet.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Cache-Control"] == "no-store"
    assert "Sam Carter" in _pdf_text(pdf.data)
    assert make_one(app) is None  # nothing left waiting


def test_only_the_person_who_asked_gets_the_booklet(app, client, book):
    sign_in(client, book.holder)
    where = _ask(client, book)
    make_one(app)
    for someone in (book.second_holder, book.young, book.advocate, book.other_holder):
        other = sign_in(app.test_client(), someone)
        assert other.get(where).status_code == 404
        assert other.get(where + "/booklet.pdf").status_code == 404
        assert other.post(where + "/again").status_code == 404
    assert client.get(where + "/booklet.pdf").status_code == 200


def test_an_outsiders_booklet_is_logged_and_not_handed_out_once_sharing_stops(
        app, session, book, shared_with_pat):  # noqa: F811
    client = sign_in(app.test_client(), book.professional)
    where = _ask(client, book, {"language": "en", "size": "a4", "sections": ["story"]})
    before = [row for row in log_rows(session, book.family.id) if row.action == "print"]
    assert before == []  # asking reads nothing
    make_one(app)
    session.expire_all()
    printed = [row.entry_id for row in log_rows(session, book.family.id) if row.action == "print"]
    assert shared_with_pat.id in printed
    pdf = client.get(where + "/booklet.pdf")
    assert "Moving house" in _pdf_text(pdf.data) and "Money worries" not in _pdf_text(pdf.data)

    stop_all_sharing(session, reader_for(session, book.holder, book.family.id),
                     Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    assert client.get(where + "/booklet.pdf").status_code == 404
    again = client.get(where)
    assert "Make your booklet again" in again.text and "What the family shares with you has changed" in again.text
    remade = client.post(where + "/again")
    assert remade.status_code == 302 and remade.location != where
    make_one(app)
    assert "Moving house" not in _pdf_text(client.get(remade.location + "/booklet.pdf").data)


def test_a_failed_build_says_so_logs_nothing_and_can_be_tried_again(
        app, session, book, shared_with_pat, monkeypatch):  # noqa: F811
    def font_gone(*_args):
        raise OSError("NotoSans-Regular.ttf: no such file")

    monkeypatch.setattr(print_templates.booklet, "_build", font_gone)
    client = sign_in(app.test_client(), book.professional)
    where = _ask(client, book, {"language": "en", "size": "a4", "sections": ["story"]})
    make_one(app)
    failed = client.get(where)
    assert "We could not make your booklet" in failed.text and "Try again" in failed.text
    assert "NotoSans" not in failed.text and "OSError" not in failed.text
    assert client.get(where + "/booklet.pdf").status_code == 404
    session.expire_all()
    assert [row for row in log_rows(session, book.family.id) if row.action == "print"] == []
    job = session.scalar(select(BookletJob))
    assert job.state == "failed" and "no such file" in job.failure

    monkeypatch.undo()
    again = client.post(where + "/again")
    assert again.status_code == 302
    make_one(app)
    assert "Your booklet is ready" in client.get(again.location).text


# Each booklet in a process of its own, as `flask booklet-worker` makes them ---------------------

def _build_unless(language, then):
    """The real booklet, except in one language, where the process making it does `then`."""
    real = print_templates.booklet.build_booklet

    def build(session, reader, options):
        if options.language == language:
            then()
        return real(session, reader, options)
    return build


def test_a_booklet_made_in_its_own_process_reaches_the_person_and_leaves_the_worker_as_it_was(
        app, session, book, shared_with_pat):  # noqa: F811
    client = sign_in(app.test_client(), book.professional)
    where = _ask(client, book, {"language": "en", "size": "a4", "sections": ["story"]})
    print_templates.shaping.shape.cache_clear()
    run(app, once=True, own_processes=True)
    assert "Your booklet is ready" in client.get(where).text
    assert client.get(where + "/booklet.pdf").status_code == 200
    session.expire_all()
    assert [row.action for row in log_rows(session, book.family.id)].count("print") == 1
    # The words it shaped went with the process that made it: the worker keeps none of them.
    assert print_templates.shaping.shape.cache_info().currsize == 0


def test_a_process_killed_mid_booklet_fails_that_booklet_at_once_and_the_next_is_made(
        app, book, monkeypatch):
    monkeypatch.setattr("portal.booklet_worker.build_booklet",
                        _build_unless("cy", lambda: os.kill(os.getpid(), signal.SIGKILL)))
    client = sign_in(app.test_client(), book.holder)
    killed = _ask(client, book, {**CHOICES, "language": "cy"})
    made = _ask(client, book)
    run(app, once=True, own_processes=True)
    failed = client.get(killed)
    assert "We could not make your booklet" in failed.text and "Try again" in failed.text
    assert "Your booklet is ready" in client.get(made).text


def test_a_stop_signal_reaching_the_booklets_process_lets_it_finish(app, book, monkeypatch):
    # systemd signals every process of the worker's group; the booklet started is made.
    monkeypatch.setattr("portal.booklet_worker.build_booklet",
                        _build_unless("en", lambda: os.kill(os.getpid(), signal.SIGTERM)))
    client = sign_in(app.test_client(), book.holder)
    where = _ask(client, book)
    run(app, once=True, own_processes=True)
    assert "Your booklet is ready" in client.get(where).text


def test_a_booklet_no_process_could_be_started_for_goes_back_and_is_made_next_time(
        app, book, monkeypatch):
    real_fork, tries = os.fork, []

    def fork_once_refused():
        tries.append(1)
        if len(tries) == 1:
            raise OSError(12, "Cannot allocate memory")
        return real_fork()

    monkeypatch.setattr("portal.booklet_worker.os.fork", fork_once_refused)
    monkeypatch.setattr("portal.booklet_worker.POLL_SECONDS", 0.01)
    client = sign_in(app.test_client(), book.holder)
    where = _ask(client, book)
    run(app, once=True, own_processes=True)
    assert len(tries) == 2
    assert "Your booklet is ready" in client.get(where).text


def test_a_worker_that_died_mid_build_leaves_its_booklet_for_another(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    job = booklet_jobs.ask(session, holder, {"language": "en", "large_print": False,
                                             "size": "a4", "folded": False,
                                             "sections": ["people"], "online_url": ""})
    session.commit()
    assert booklet_jobs.claim(session, "died").id == job.id
    session.commit()
    assert booklet_jobs.claim(session, "second") is None  # still being made
    later = utcnow() + booklet_jobs.GIVE_UP_ON_WORKER + timedelta(seconds=1)
    assert booklet_jobs.claim(session, "second", later).id == job.id
    session.rollback()


def test_a_day_old_booklet_is_thrown_away(app, client, session, book):
    sign_in(client, book.holder)
    where = _ask(client, book)
    make_one(app)
    job = session.scalar(select(BookletJob))
    kept = session.scalar(select(func.count()).select_from(StoredFile))
    assert kept == 1
    job.finished_at = utcnow() - booklet_jobs.KEPT_FOR - timedelta(minutes=1)
    session.commit()
    assert "no longer kept" in client.get(where).text
    assert client.get(where + "/booklet.pdf").status_code == 404
    assert tidy(app) == 1
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 0


def _asked(session, book, count: int) -> list[int]:
    holder = reader_for(session, book.holder, book.family.id)
    ids = [booklet_jobs.ask(session, holder, {"n": n}).id for n in range(count)]
    session.commit()
    return ids


def test_two_connections_never_take_the_same_booklet(app, session, book):
    first, second = _asked(session, book, 2)
    other = app.extensions["db_sessions"]()
    try:
        taken = booklet_jobs.claim(session, "one")
        if session.get_bind().dialect.name == "postgresql":
            # The first claim is not committed yet: the second skips its locked row.
            assert booklet_jobs.claim(other, "two").id == second
        else:
            session.commit()  # SQLite: one writer at a time, so the first commits first
            assert booklet_jobs.claim(other, "two").id == second
        assert taken.id == first
        other.commit()
        session.commit()
        assert booklet_jobs.claim(other, "two") is None
    finally:
        other.rollback()
        other.close()


CLAIMER = """
import json, sys
from sqlalchemy.orm import Session
import portal.schema
from portal.db import make_engine
from record_book.book.booklet_jobs import claim
session = Session(make_engine(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
taken = []
while (job := claim(session, sys.argv[2])) is not None:
    taken.append(job.id)
    session.commit()
print(json.dumps(taken))
"""


def test_two_worker_processes_never_take_the_same_booklet(database_url, session, book):
    ids = _asked(session, book, 40)
    workers = [subprocess.Popen([sys.executable, "-c", CLAIMER, database_url, name],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                cwd=ROOT) for name in ("one", "two")]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:  # both start claiming at once
        worker.stdin.write("go\n")
        worker.stdin.flush()
    taken = [json.loads(worker.communicate(timeout=60)[0].splitlines()[-1])
             for worker in workers]
    assert not set(taken[0]) & set(taken[1])
    assert sorted(taken[0] + taken[1]) == ids


def test_a_booklet_whose_language_went_away_fails_in_plain_words(app, client, session, book):
    sign_in(client, book.holder)
    where = _ask(client, book)
    job = session.scalar(select(BookletJob))
    job.options = {**job.options, "language": "xx"}  # its catalog removed since it was asked
    session.commit()
    make_one(app)
    assert "We could not make your booklet" in client.get(where).text


# Who may collect a booklet ---------------------------------------------------------------------

# Who may collect a booklet the worker made: only the person who asked, and someone outside the
# family only while nothing shared with them has stopped or run out since it was made. A share
# stopped at the very instant the booklet was made counts as stopped since; other people's shares,
# and other families', change nothing.

holder = test_sharing_edges.holder  # a fixture: the holder, with Ms Patel connected
MADE = utcnow().replace(microsecond=0) - timedelta(hours=1)


def pat_collects(session, book, made_at=MADE):
    as_pat = reader_for(session, book.professional, book.family.id)
    return may_collect_booklet(session, as_pat, book.professional.id, made_at)


def stop_at(session, book, grant, when):
    stop_grant(session, reader_for(session, book.holder, book.family.id, now=when), grant)


@pytest.fixture
def shared(session, book, holder):
    return share_entry(session, holder, story(session, holder, "Moving house"), pat(book))


def test_the_person_who_asked_collects_it_while_nothing_changed(session, book, shared):
    assert pat_collects(session, book)


def test_nobody_else_collects_it_even_one_who_may_print_the_book(session, book, holder, shared):
    colleague = create_account(session, "cat", "Cat Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    connect_with_code(session, colleague, new_connection_code(session, holder), utcnow())
    as_colleague = reader_for(session, colleague, book.family.id)
    assert not may_collect_booklet(session, as_colleague, book.professional.id, MADE)
    as_holder = reader_for(session, book.holder, book.family.id)
    assert may_collect_booklet(session, as_holder, book.holder.id, MADE)
    assert not may_collect_booklet(session, as_holder, book.second_holder.id, MADE)


@pytest.mark.parametrize("stopped, collects", [
    (MADE - timedelta(minutes=5), True),
    (MADE - timedelta(microseconds=1), True),
    (MADE, False),
    (MADE + timedelta(minutes=5), False),
])
def test_a_share_stopped_since_it_was_made_sends_them_to_make_it_again(
        session, book, shared, stopped, collects):
    stop_at(session, book, shared, stopped)
    assert pat_collects(session, book) is collects


@pytest.mark.parametrize("ran_out, collects", [
    (MADE - timedelta(minutes=5), True),
    (MADE, False),
    (MADE + timedelta(minutes=5), False),
    (utcnow() + timedelta(days=2), True),
])
def test_a_share_that_ran_out_since_it_was_made_sends_them_to_make_it_again(
        session, book, shared, ran_out, collects):
    shared.expires_at = ran_out
    session.flush()
    assert pat_collects(session, book) is collects


def test_a_share_that_runs_out_at_this_very_instant_has_run_out(session, book, shared):
    as_pat = reader_for(session, book.professional, book.family.id)
    shared.expires_at = as_pat.now
    session.flush()
    assert not may_collect_booklet(session, as_pat, book.professional.id, MADE)


def test_someone_elses_share_stopping_changes_nothing(session, book, holder, shared):
    other = share_entry(session, holder, story(session, holder, "School"),
                        Grantee(book.advocate.id, None, "Ava Advocate"))
    stop_at(session, book, other, MADE + timedelta(minutes=5))
    assert pat_collects(session, book)


def test_another_familys_share_stopping_changes_nothing(session, book, shared):
    other_holder = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, other_holder),
                      utcnow())
    theirs = share_entry(session, other_holder, story(session, other_holder, "Theirs"),
                         pat(book))
    stop_grant(session, reader_for(session, book.other_holder, book.other_family.id,
                                   now=MADE + timedelta(minutes=5)), theirs)
    assert pat_collects(session, book)


def test_the_worker_as_make_run_starts_it_makes_the_booklet_without_the_pages_libraries(
        app, client, database_url, book):
    """`flask --app worker booklet-worker`: the settings, the database and the worker alone, so
    a worker is some 50 MB smaller than the web app, and still makes what the page asked for."""
    sign_in(client, book.holder)
    where = _ask(client, book)
    env = {"PATH": str(Path(sys.executable).parent), "DATABASE_URL": database_url,
           "SECRET_KEY": app.config["SECRET_KEY"], "PYTHONPATH": str(ROOT)}
    worker = subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "worker",
                             "booklet-worker", "--once"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert worker.returncode == 0, worker.stderr
    assert "The booklet worker stopped." in worker.stdout
    pdf = client.get(where + "/booklet.pdf")
    assert pdf.status_code == 200 and "Sam Carter" in _pdf_text(pdf.data)
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, worker; print(' '.join(sys.modules))"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    modules = set(loaded.stdout.split())
    assert "print_templates.booklet" in modules
    assert not modules & {"webauthn", "zxcvbn", "alembic", "icalendar", "flask_limiter"}
