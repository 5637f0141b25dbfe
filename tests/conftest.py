import functools
import os
import re
import secrets
import sys
import tempfile

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from sqlalchemy import select, text

import record_book.accounts.accounts
from portal import create_app
from portal.migrate import upgrade
from portal.schema import Base
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.families import join_family, start_family
from record_book.sharing.model import AccessLogRow

# Real argon2id, but cheap enough that a test suite can make hundreds of accounts.
record_book.accounts.accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

PASSWORD = "a long enough test password"

# A key of the tests' own for the access log's chain, in the environment so that every app and
# every gunicorn process a test starts shares it, as a real deployment's servers do.
os.environ.setdefault("ACCESS_LOG_KEY", secrets.token_hex(32))

# bench/mutation.py runs the tests at the lowest CPU priority on a shared machine, where drawing
# examples is slow: there the same examples are drawn, with no time limits.
settings.register_profile("slow-machine", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

OUR_PACKAGES = ("record_book", "plans", "print_templates", "portal", "demo")


def pytest_runtest_setup(item):
    """Under mutmut (bench/mutation.py), each test starts with our memoised statements, matchers
    and word lists empty. mutmut learns which tests call a function by running the tests once,
    then runs only those against the function's mutants, in processes forked from that run: a
    memoised function would be seen called by the first test only, and its mutants never called."""
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in OUR_PACKAGES:
            for memo in list(vars(module).values()):
                if isinstance(memo, functools._lru_cache_wrapper):
                    memo.cache_clear()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    folder = tempfile.mkdtemp(prefix="record-book-tests-")
    return f"sqlite:///{folder}/test.sqlite3"


@pytest.fixture(scope="session")
def database_url():
    url = _database_url()
    if url.startswith("postgresql"):
        from portal.db import make_engine

        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url):
    return create_app({
        "DATABASE_URL": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "DEMO_ACCOUNTS": True,
        "SECRET_KEY": "test secret, long enough to be taken seriously",
    })


@pytest.fixture(autouse=True)
def _empty_database(request, database_url):
    yield
    if "app" not in request.fixturenames and "session" not in request.fixturenames:
        return
    empty_tables(request.getfixturevalue("app").extensions["db_engine"])


def empty_tables(engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def session(app):
    """The test's own session, apart from the ones requests use, as another person's would be."""
    own = app.extensions["db_sessions"]()
    yield own
    own.rollback()
    own.close()


@pytest.fixture
def client(app):
    return app.test_client()


class Book:
    """One family with a holder, a second holder, a young person and an advocate, plus a
    second family and a professional outside both."""

    def __init__(self, session):
        self.session = session
        org = create_organisation(session, "Riverside School")
        self.holder = create_account(session, "sam", "Sam Carter", "family", PASSWORD)
        self.family = start_family(session, "The Carter family book", self.holder,
                                   {"name": "Sam Carter", "relationship": "Mum",
                                    "lives": "with_us"})
        self.second_holder = create_account(session, "lee", "Lee Carter", "family", PASSWORD)
        join_family(session, self.family, self.second_holder, "holder")
        self.young = create_account(session, "jo", "Jo Carter", "family", PASSWORD)
        join_family(session, self.family, self.young, "young_person")
        self.advocate = create_account(session, "ava", "Ava Advocate", "professional",
                                       PASSWORD, org)
        join_family(session, self.family, self.advocate, "advocate")
        self.professional = create_account(session, "pat", "Ms Patel", "professional",
                                           PASSWORD, org)
        self.other_holder = create_account(session, "olu", "Olu Other", "family", PASSWORD)
        self.other_family = start_family(session, "Another family's book", self.other_holder,
                                         {"name": "Olu Other", "relationship": "Dad",
                                          "lives": "with_us"})
        session.commit()

    @property
    def accounts(self):
        return {"holder": self.holder, "second_holder": self.second_holder,
                "young_person": self.young, "advocate": self.advocate,
                "professional": self.professional, "other_family": self.other_holder}


@pytest.fixture
def book(session):
    return Book(session)


def sign_in(client, account):
    response = client.post("/sign-in", data={"username": account.username, "password": PASSWORD})
    assert response.status_code == 302, response.data[:500]
    return client


def log_rows(session, family_id: int, actor_id: int | None = None) -> list:
    """A family's access log rows, newest first, as the database holds them (of one actor)."""
    query = select(AccessLogRow).where(AccessLogRow.family_id == family_id)
    if actor_id is not None:
        query = query.where(AccessLogRow.actor_id == actor_id)
    return list(session.scalars(query.order_by(AccessLogRow.seq.desc())))


def seen(page: str) -> str:
    """A page's text as a person sees it: the isolates around names and titles draw nothing."""
    return page.replace("\u2068", "").replace("\u2069", "")


def summary_links(page: str) -> list[str]:
    """Where the links of a page's "There is a problem" summary go (none without a summary)."""
    if "govuk-error-summary__list" not in page:
        return []
    summary = page.split("govuk-error-summary__list")[1].split("</ul>")[0]
    return re.findall(r'href="#([^"]+)"', summary)


def field_value(page: str, field_id: str) -> str:
    """What a field on the page holds: a textarea's text or an input's value."""
    found = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    if found:
        return found[1].strip()
    found = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', found[0]) if found else None
    return value[1] if value else ""
