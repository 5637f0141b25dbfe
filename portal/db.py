"""One database session per request, and one unit of work: the request commits once.

Views and domain code never commit or roll back. After a view returns its response, the
request's session is committed; if anything raised on the way (a "not found" included), it is
rolled back instead, so nothing is ever saved by halves. If the commit itself fails (the database
went away), the person gets the plain-words "try again" page, not a page that says "Saved".
"""

from contextlib import contextmanager

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from record_book.book import file_stores
from record_book.sharing import access_log


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})

        @event.listens_for(engine, "connect")
        def _sqlite_rules(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin_immediately(connection):
            # SQLite has one writer at a time. A request takes the write lock when its
            # transaction begins, not at its first write, so what it read is still true when it
            # writes: the access log's next number, an entry's version. Others wait their turn
            # (the 15 s timeout) instead of failing. (Other sessions, the commands' and the
            # tests', keep the driver's own way: a transaction from the first write.)
            if connection.get_execution_options().get("write_lock_first"):
                connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # A database that has gone quiet must give a "try again" page in seconds, not hold a
    # worker until gunicorn's timeout (libpq's connect_timeout is in seconds).
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def file_store(config) -> file_stores.FileStore:
    if config["ATTACHMENT_STORE"] == "s3":
        return file_stores.ObjectStore.from_setting(config["ATTACHMENT_BUCKET"],
                                                    config["S3_ENDPOINT_URL"])
    return file_stores.DATABASE


def init_app(app: Flask) -> None:
    import portal.schema  # noqa: F401  (every table known before the data-rights code walks them)

    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    # The access log's key and where letters and photos go travel with each session: the
    # domain never reads settings itself.
    info = {access_log.KEY: app.config["ACCESS_LOG_KEY"],
            file_stores.SESSION_KEY: file_store(app.config)}
    app.extensions["db_sessions"] = sessionmaker(engine, expire_on_commit=False, info=info)
    app.extensions["db_request_sessions"] = sessionmaker(
        engine.execution_options(write_lock_first=True), expire_on_commit=False, info=info)

    @app.teardown_appcontext
    def _close(_exc):
        discard()


def init_unit_of_work(app: Flask) -> None:
    """Called last by the app factory, so that the commit runs straight after the view, before
    any other after-request step (they write nothing to the database)."""
    for name in ("handle_user_exception", "handle_exception"):
        _mark_failures(app, name)

    @app.after_request
    def _commit(response):
        session = g.get("db_session")
        if session is None:
            return response
        if g.get("request_failed"):
            discard()
            return response
        try:
            session.commit()
        except DataError:
            # What was sent does not fit (a value longer than its column): nothing is saved,
            # and the person is told so in plain words, not that the service is down.
            discard()
            from portal.errors import not_kept_page

            return current_app.make_response(not_kept_page())
        except SQLAlchemyError:
            current_app.logger.exception("the request's commit failed")
            discard()
            from portal.errors import unavailable_page

            return current_app.make_response(unavailable_page())
        return response


def _mark_failures(app: Flask, name: str) -> None:
    handle = getattr(app, name)

    def marked(error):
        g.request_failed = True
        return handle(error)

    setattr(app, name, marked)


def discard() -> None:
    """Roll back and drop the request's session, even if its connection is broken."""
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.rollback()
    except SQLAlchemyError:
        # The connection is gone; the database drops the unfinished transaction itself.
        pass
    finally:
        session.close()


def db() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_request_sessions"]()
    return g.db_session


@contextmanager
def attempt():
    """What a view asks the domain to do inside this is undone if it raises, while the request
    goes on to show the person why (a field error, a code that did not work)."""
    with db().begin_nested():
        yield
