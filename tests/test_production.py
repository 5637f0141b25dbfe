"""Running for real: the health check, request logs without personal data, a plain page when the
database is down with nothing half-saved, size limits, the reverse proxy, rate limits shared in
Redis, two app servers obeying one revoke at once, and a backup that restores.

Two app servers run against the suite's database, SQLite or PostgreSQL. The backup test runs on
PostgreSQL: the suite's own database when DATABASE_URL is PostgreSQL, otherwise a scratch one on
the local server (127.0.0.1:5432) when one answers, so `make test` runs it too where PostgreSQL
is installed (CI starts it first). The Redis test runs when Redis answers on 127.0.0.1:6379.
"""

import json
import logging
import os
import runpy
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest
from app_servers import REPO, Browser, app_servers
from conftest import PASSWORD, Book, empty_tables, sign_in
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from portal import create_app
from portal.migrate import upgrade
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry, Family
from record_book.policy import reader_for
from record_book.sharing.access_log import KEY, verify
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Connection

NOWHERE = "postgresql://postgres@127.0.0.1:9/nowhere"  # port 9 (discard): nothing listens


@pytest.fixture
def app_with():
    """Apps of the test's own, with their database connections closed at the end."""
    made = []

    def make(database_url, **settings):
        made.append(create_app({"DATABASE_URL": database_url, "TESTING": True,
                                "SECRET_KEY": "x" * 40, "WTF_CSRF_ENABLED": False,
                                **settings}))
        return made[-1]

    yield make
    for app in made:
        app.extensions["db_engine"].dispose()


def story_form(session, book, **changes):
    member = own_member_entry_id(session, reader_for(session, book.holder, book.family.id))
    return {"section": "story_so_far", "title": "Moving house", "category": "home",
            "text": "We moved to Elm Street.", "owner_member_id": str(member),
            "visibility": "family", **changes}


def shared_entry(session, book):
    """An entry of the Carter family's, shared with Ms Patel; returns (entry, grant)."""
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", story_form(session, book))
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    grant = share_entry(session, holder, entry,
                        Grantee(book.professional.id, None, book.professional.display_name))
    session.commit()
    return entry, grant


# The server's settings ------------------------------------------------------------------------

def test_gunicorn_takes_its_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("BIND", "10.0.0.5:8000")
    monkeypatch.setenv("WORKERS", "3")
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert (settings["bind"], settings["workers"], settings["wsgi_app"]) == (
        "10.0.0.5:8000", 3, "wsgi:app")
    # The access log, when switched on, carries the request id and never a query string.
    assert "x-request-id" in settings["access_log_format"]
    assert "%(q)s" not in settings["access_log_format"]
    assert "%(r)s" not in settings["access_log_format"]
    monkeypatch.setenv("WORKERS", "lots")
    assert 1 <= runpy.run_path(str(REPO / "gunicorn.conf.py"))["workers"] <= 8


# The health check ---------------------------------------------------------------------------

def test_healthz_says_ok_and_names_nobody(client, book):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
    assert "Carter" not in response.text and "sam" not in response.text


@pytest.mark.parametrize("database_url", [NOWHERE, "sqlite:////no/such/folder/book.sqlite3"])
def test_healthz_is_503_when_the_database_cannot_be_reached(app_with, database_url):
    response = app_with(database_url).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "unreachable"}


def test_healthz_is_never_rate_limited(app_with):
    limited = app_with(NOWHERE, RATELIMIT_ENABLED=True, RATE_LIMIT_PER_IP="2 per minute")
    client = limited.test_client()
    assert {client.get("/healthz").status_code for _n in range(6)} == {503}


# Request logs ---------------------------------------------------------------------------------

@pytest.fixture
def request_lines(caplog):
    """Every request-log line written during the test, as parsed JSON."""
    logger = logging.getLogger("portal.requests")
    # Read on the logger itself: an app made without TESTING stops it propagating.
    propagates = logger.propagate
    logger.propagate = False
    logger.addHandler(caplog.handler)
    yield lambda: [json.loads(record.getMessage()) for record in caplog.records
                   if record.name == "portal.requests"]
    logger.removeHandler(caplog.handler)
    logger.propagate = propagates


def test_each_request_logs_one_json_line_with_no_personal_data(client, session, book,
                                                               request_lines):
    sign_in(client, book.holder)
    form = story_form(session, book, title="Maya's hospital stay",
                      text="Maya Carter was in St Mary's ward. Email maya@example.org")
    saved = client.post(f"/families/{book.family.id}/new/story?from=maya@example.org", data=form)
    assert saved.status_code == 302
    entry_id = session.scalar(select(Entry.id).where(Entry.title == "Maya's hospital stay"))
    page = client.get(f"/families/{book.family.id}/entries/{entry_id}",
                      headers={"X-Request-ID": "nginx-7f3a9c21"})
    assert page.headers["X-Request-ID"] == "nginx-7f3a9c21"

    lines = request_lines()
    assert [line["method"] for line in lines] == ["POST", "POST", "GET"]
    assert set(lines[0]) == {"time", "request_id", "method", "route", "status",
                             "duration_ms", "cpu_ms"}
    assert lines[1]["route"] == "/families/<int:family_id>/new/<kind_name>"
    assert lines[1]["status"] == 302
    assert lines[2]["route"] == "/families/<int:family_id>/entries/<int:entry_id>"
    assert lines[2]["request_id"] == "nginx-7f3a9c21"
    assert lines[1]["request_id"] == saved.headers["X-Request-ID"]
    assert all(isinstance(line["duration_ms"], float) for line in lines)
    # The server's own time: some CPU for every request, never more than the request took.
    assert all(0 < line["cpu_ms"] <= line["duration_ms"] + 1 for line in lines)
    written = json.dumps(lines)
    for personal in ("Maya", "Carter", "Sam", "sam", "example.org", "Mary", "Elm",
                     PASSWORD, "hospital", "?"):
        assert personal not in written


def test_a_request_id_that_could_forge_a_log_line_is_replaced(client, request_lines):
    forged = 'x" status=200\n{"route": "/admin"}'
    response = client.get("/healthz", environ_base={"HTTP_X_REQUEST_ID": forged})
    made = response.headers["X-Request-ID"]
    assert made != forged and made.isalnum()
    assert request_lines()[-1]["request_id"] == made


# When the database is down --------------------------------------------------------------------

SORRY = "Sorry, we cannot load this right now"


@pytest.mark.parametrize("database_url", [NOWHERE, "sqlite:////no/such/folder/book.sqlite3"])
def test_any_page_says_sorry_with_503_when_the_database_is_down(app_with, database_url):
    client = app_with(database_url).test_client()
    tried = client.post("/sign-in", data={"username": "sam", "password": PASSWORD})
    with client.session_transaction() as cookie:
        cookie["_user_id"], cookie["sid"] = "1", "a sign-in token"  # someone signed in
    home = client.get("/")
    for response in (tried, home):
        assert response.status_code == 503
        assert SORRY in response.text
        assert "Nothing you did has been lost" in response.text
        assert "Exit this page" in response.text
        assert "Traceback" not in response.text and "OperationalError" not in response.text
        assert response.headers["Retry-After"] == "120"


def test_sign_in_says_try_again_when_the_shared_rate_limit_counts_cannot_be_reached(
        app_with, database_url, book):
    # Not TESTING, which would hand the error to the test instead of the 500 handler.
    unreachable = app_with(database_url, TESTING=False, RATELIMIT_ENABLED=True,
                           RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0")
    response = unreachable.test_client().post("/sign-in", data={"username": "sam",
                                                                 "password": "wrong"})
    assert response.status_code == 503
    assert SORRY in response.text and "Traceback" not in response.text


def test_a_save_that_fails_at_commit_keeps_nothing(client, session, book, monkeypatch):
    sign_in(client, book.holder)

    def the_database_goes_away(_self):
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr("sqlalchemy.orm.Session.commit", the_database_goes_away)
    response = client.post(f"/families/{book.family.id}/new/story",
                           data=story_form(session, book, title="Half-saved?"))
    monkeypatch.undo()
    assert response.status_code == 503
    assert SORRY in response.text and "Traceback" not in response.text
    assert session.scalar(select(Entry.id).where(Entry.title == "Half-saved?")) is None
    # The next request works, on a clean session.
    assert client.get(f"/families/{book.family.id}/story").status_code == 200


def test_something_too_big_to_send_gets_a_plain_413_page(client, session, book):
    sign_in(client, book.holder)
    response = client.post(f"/families/{book.family.id}/new/story",
                           data=story_form(session, book, text="a" * 600_000))
    assert response.status_code == 413
    assert "Too much to send at once" in response.text
    assert "make it shorter" in response.text and "Traceback" not in response.text
    assert session.scalar(select(Entry.id).where(Entry.family_id == book.family.id,
                                                 Entry.kind == "story")) is None


# Behind a reverse proxy -----------------------------------------------------------------------

def test_behind_a_proxy_each_person_is_counted_by_their_own_address(app_with, database_url):
    limited = app_with(database_url, PROXY_FIX=1, RATELIMIT_ENABLED=True,
                       RATE_LIMIT_PER_IP="2 per minute", RATE_LIMIT_PER_ACCOUNT="100 per minute",
                       RATELIMIT_KEY_PREFIX=uuid.uuid4().hex)
    client = limited.test_client()

    def try_from(address):
        return client.post("/sign-in", data={"username": "nobody", "password": "x"},
                           headers={"X-Forwarded-For": address, "X-Forwarded-Proto": "https"})

    assert [try_from("203.0.113.7").status_code for _n in range(3)] == [400, 400, 429]
    # Someone else behind the same proxy is not held up.
    other = try_from("198.51.100.20")
    assert other.status_code == 400
    # The proxy said https, so the browser is told to keep to it.
    assert other.headers["Strict-Transport-Security"].startswith("max-age=")


# Several app servers --------------------------------------------------------------------------

def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_two_app_servers_sharing_redis_share_one_limit(app_with, database_url, book):
    shared = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
              # A fresh prefix: nothing counted before, and other test runs are not touched.
              "RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex,
              "RATE_LIMIT_PER_IP": "100 per minute", "RATE_LIMIT_PER_ACCOUNT": "3 per minute"}
    first = app_with(database_url, **shared).test_client()
    second = app_with(database_url, **shared).test_client()

    def wrong_password(client):
        return client.post("/sign-in", data={"username": "sam", "password": "wrong"}).status_code

    assert [wrong_password(first), wrong_password(second), wrong_password(first)] == [400] * 3
    assert wrong_password(second) == 429
    assert first.post("/sign-in", data={"username": "sam", "password": PASSWORD}
                      ).status_code == 429


LOCAL_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432"


def _local_postgresql_answers() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 5432)) == 0


@pytest.fixture
def postgresql_book(database_url):
    """(database url, session, book) on PostgreSQL: the suite's database when it is PostgreSQL,
    otherwise a scratch database on the local server, dropped afterwards."""
    if database_url.startswith("postgresql"):
        engine, scratch = create_engine(database_url.replace(
            "postgresql://", "postgresql+psycopg://", 1)), None
        url = database_url
    elif _local_postgresql_answers():
        scratch = f"record_book_backup_test_{os.getpid()}"
        url = f"{LOCAL_POSTGRESQL}/{scratch}"
        _on_the_server(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)',
                       f'CREATE DATABASE "{scratch}"')
        upgrade(url)
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    else:
        pytest.skip("no PostgreSQL: DATABASE_URL is SQLite and none answers on 127.0.0.1:5432")
    own = Session(engine, info={KEY: os.environ["ACCESS_LOG_KEY"]})
    try:
        yield url, own, Book(own)
    finally:
        own.close()
        if scratch is None:
            empty_tables(engine)
        engine.dispose()
        if scratch is not None:
            _on_the_server(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _on_the_server(*statements: str) -> None:
    """Statements run from the local server's maintenance database (CREATE, DROP DATABASE)."""
    admin = _admin(f"{LOCAL_POSTGRESQL}/postgres")
    with admin.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    admin.dispose()


def _admin(database_url: str):
    return create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1),
                         isolation_level="AUTOCOMMIT")


def test_a_revoke_on_one_app_server_is_obeyed_by_the_other_at_once(database_url, session, book):
    entry, grant = shared_entry(session, book)
    secret = "two servers share one secret key, long enough"
    entry_page = f"/families/{book.family.id}/entries/{entry.id}"
    with app_servers(2, database_url, secret) as (first, second):
        family = Browser(first)
        family.sign_in(book.holder.username, PASSWORD)
        professional = Browser(second)
        professional.sign_in(book.professional.username, PASSWORD)

        status, page = professional.get(entry_page)
        assert status == 200 and "We moved to Elm Street." in page

        status, _page = family.post(f"/families/{book.family.id}/grants/{grant.id}/stop", {})
        assert status == 302
        status, page = professional.get(entry_page)
        assert status == 404
        assert "Elm Street" not in page and "Moving house" not in page


# Backups --------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_a_backup_restores_into_another_database_with_the_book_whole(postgresql_book, tmp_path):
    database_url, session, book = postgresql_book
    shared_entry(session, book)
    dump = tmp_path / "book.dump"
    backed_up = subprocess.run([REPO / "deploy/backup.sh", str(dump)], capture_output=True,
                               text=True, env={**os.environ, "DATABASE_URL": database_url})
    assert backed_up.returncode == 0, backed_up.stderr
    assert oct(dump.stat().st_mode & 0o777) == "0o600"

    server, _slash, name = database_url.rpartition("/")
    restored_name = f"{name}_restored_{os.getpid()}"
    admin = _admin(database_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}"'))
        connection.execute(text(f'CREATE DATABASE "{restored_name}"'))
    restored_url = f"{server}/{restored_name}"
    try:
        restore = [REPO / "deploy/restore.sh", str(dump), restored_url]
        done = subprocess.run(restore, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        restored = create_engine(restored_url.replace("postgresql://", "postgresql+psycopg://"))
        with Session(restored, info=session.info) as other:
            assert other.scalar(select(Family.title).where(Family.id == book.family.id)) == (
                "The Carter family book")
            assert other.scalar(select(Entry.fields).where(Entry.title == "Moving house"))[
                "text"].startswith("We moved to Elm Street.")
            assert verify(other, book.family.id) == []
        restored.dispose()
        # A second restore into the same, no longer empty, database is refused.
        again = subprocess.run(restore, capture_output=True, text=True)
        assert again.returncode == 1 and "empty database" in again.stderr
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'))
        admin.dispose()


def test_the_backup_script_refuses_anything_but_postgresql(tmp_path):
    done = subprocess.run([Path(REPO) / "deploy/backup.sh", str(tmp_path / "x.dump")],
                          capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": "sqlite:///book.sqlite3"})
    assert done.returncode == 2 and "PostgreSQL only" in done.stderr
