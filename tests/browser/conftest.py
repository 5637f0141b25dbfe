"""A real Chromium driving a live server: the harness for the browser journeys.

The live server has its own app object and its own fresh SQLite file, whatever DATABASE_URL says,
so it never meets the database the rest of the suite empties after each test. Playwright only ever
drives Debian's Chromium at /usr/bin/chromium; it never downloads a browser.
"""

import itertools
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from .accessibility import serious_violations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run", "--disable-sync"]
PASSWORD = "a long enough browser test password"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

# Belt and braces: nothing in this harness may make Playwright fetch a browser.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_browser_{report.when}_failed", report.failed)
    return report


def _artifact_folder(node) -> Path:
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", node.name)


def _close(context, request) -> None:
    """Close a context; if the test failed, first keep a picture of each page it left open."""
    if getattr(request.node, "_browser_call_failed", False):
        folder = _artifact_folder(request.node)
        folder.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(context.pages, 1):
            try:
                page.screenshot(path=str(folder / f"failure-{number}.png"), full_page=True)
            except Exception:  # a picture is a bonus; never hide the real failure
                pass
    context.close()


@pytest.fixture(autouse=True)
def _empty_database():
    """Replaces the main suite's autouse fixture of the same name: browser tests never touch the
    main suite's database (and must not create or wipe it, e.g. on PostgreSQL)."""
    yield


def _require_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    message = (f"Chromium is not installed at {CHROMIUM}; "
               "install Chromium: apt-get install -y chromium")
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def live_app():
    """The browser tests' own app, on its own fresh SQLite file, with CSRF switched on."""
    from portal import create_app
    from portal.migrate import upgrade

    folder = tempfile.mkdtemp(prefix="record-book-browser-")
    url = f"sqlite:///{folder}/browser.sqlite3"
    upgrade(url)
    return create_app({
        "DATABASE_URL": url,
        "TESTING": False,
        "WTF_CSRF_ENABLED": True,
        "DEMO_ACCOUNTS": True,
        "SECRET_KEY": "browser test secret, long enough to be taken seriously",
    })


@pytest.fixture(scope="session")
def base_url(live_app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    # No internet here: "Exit this page" goes to a neutral page on this server (the journeys in
    # test_phone_first.py set an exit address on another origin).
    live_app.config["EXIT_URL"] = url + "/sign-in?left=1"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    # One booklet worker beside the server, as `make run` starts one.
    from portal.booklet_worker import run

    stop = threading.Event()
    worker = threading.Thread(target=run, args=(live_app,), kwargs={"stop": stop},
                              name="booklet-worker", daemon=True)
    worker.start()
    try:
        yield url
    finally:
        stop.set()
        worker.join(timeout=30)
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        live_app.extensions["db_engine"].dispose()


@dataclass
class TestFamily:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    id: int
    title: str
    username: str
    password: str
    display_name: str


_numbers = itertools.count(1)


@pytest.fixture
def family(live_app) -> TestFamily:
    """A fresh family with one holder, made through the domain API, with a unique username."""
    from portal.db import db
    from record_book.accounts.accounts import create_account
    from record_book.book.families import start_family

    n = next(_numbers)
    username = f"browser{n}"
    title = f"The Browser family book {n}"
    with live_app.app_context():
        s = db()
        holder = create_account(s, username, f"Rubina Browser {n}", "family", PASSWORD)
        book = start_family(s, title, holder, {"name": f"Rubina Browser {n}", "relationship": "Mum",
                                               "lives": "with_us"})
        s.commit()
        return TestFamily(id=book.id, title=title, username=username, password=PASSWORD,
                          display_name=holder.display_name)


def _context(browser, **options):
    # A phone in the UK, where the portal runs.
    options = {"locale": "en-GB", "timezone_id": "Europe/London", **options}
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def phone(browser, base_url, request):
    context = _context(browser, base_url=base_url, viewport={"width": 390, "height": 844},
                       has_touch=True, is_mobile=True, device_scale_factor=2)
    yield context
    _close(context, request)


@pytest.fixture
def desktop(browser, base_url, request):
    context = _context(browser, base_url=base_url, viewport={"width": 1280, "height": 800})
    yield context
    _close(context, request)


@pytest.fixture
def new_context(browser, base_url, request):
    """Other contexts a test needs (no JavaScript, very narrow screens), closed after the test."""
    made = []

    def make(**options):
        context = _context(browser, base_url=base_url, **options)
        context.without_javascript = options.get("java_script_enabled") is False
        made.append(context)
        return context

    yield make
    for context in made:
        _close(context, request)


@pytest.fixture
def shot(request):
    """shot(page, name): a full-page PNG at tests/artifacts/<test name>/<NN>-<name>.png."""
    folder = _artifact_folder(request.node)
    if folder.exists():
        for old in folder.glob("*.png"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    numbers = itertools.count(1)

    checked: set[str] = set()

    def take(page, name: str) -> Path:
        path = folder / f"{next(numbers):02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        # Every page a journey visits is checked once for serious accessibility failures.
        # (axe needs JavaScript: pages opened with it switched off are checked in other journeys.)
        if (page.url not in checked and page.url.startswith("http://127.0.0.1")
                and not getattr(page.context, "without_javascript", False)):
            checked.add(page.url)
            problems = serious_violations(page)
            assert problems == [], f"{page.url}: " + "\n".join(problems)
        return path

    return take

