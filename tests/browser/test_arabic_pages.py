"""Every role's pages in Arabic on a 390×844 phone, on the demo family: right to left, nothing
off the side, no serious accessibility failure, and a picture of each kept in tests/artifacts/.

The journeys in the other files take their pictures in English; these are their Arabic twins,
walked over the demo book (where every capability has something to show) on a server of its own.
"""

import tempfile
import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from .conftest import _close, _context

DEMO_PASSWORD = "demo-password-2026"
WIDTH = 390


@pytest.fixture(scope="module")
def demo_site():
    """Its own app and SQLite file with the demo loaded, so no other journey meets the demo."""
    from werkzeug.serving import make_server

    from demo import family as demo
    from portal import create_app
    from portal.db import db
    from portal.migrate import upgrade
    from record_book.book.model import Entry, Family

    folder = tempfile.mkdtemp(prefix="record-book-arabic-")
    url = f"sqlite:///{folder}/demo.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "TESTING": False, "WTF_CSRF_ENABLED": True,
                      "DEMO_ACCOUNTS": True,
                      "SECRET_KEY": "arabic pages test secret, long enough to be taken seriously"})
    with app.app_context():
        session = db()
        demo.load(session)
        session.commit()
        family = session.scalar(select(Family.id))
        story = session.scalar(select(Entry.id).where(Entry.family_id == family,
                                                      Entry.kind == "story").order_by(Entry.id))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["EXIT_URL"] = f"http://127.0.0.1:{server.server_port}/sign-in?left=1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.server_port}", "family": family, "story": story}
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["db_engine"].dispose()


BOOK = "/families/{family}"
PAGES = {
    "holder": ["/", BOOK + "/", BOOK + "/people", BOOK + "/story", BOOK + "/entries/{story}",
               BOOK + "/entries/{story}/sharing", BOOK + "/new/story", BOOK + "/what-helps",
               BOOK + "/timeline", BOOK + "/services", BOOK + "/check-ins", BOOK + "/notes",
               BOOK + "/plan/", BOOK + "/plan/edit", BOOK + "/sharing", BOOK + "/access-log",
               BOOK + "/waiting", BOOK + "/inbox", BOOK + "/lead", BOOK + "/print",
               BOOK + "/your-data", "/account"],
    "young": [BOOK + "/", BOOK + "/story", BOOK + "/plan/", BOOK + "/sharing"],
    "advocate": [BOOK + "/", BOOK + "/story", BOOK + "/plan/", BOOK + "/plan/edit",
                 BOOK + "/write/story", BOOK + "/from-paper/story", BOOK + "/lead"],
    "teacher": ["/shared-with-me", BOOK + "/", BOOK + "/story", BOOK + "/plan/",
                BOOK + "/ask", BOOK + "/send-note", "/connect"],
    "orgadmin": ["/directory/manage/", "/directory"],
    "admin": ["/admin/", "/admin/glossary/"],
}


def _reads_right_to_left_on_a_phone(page, address: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= WIDTH, f"{address} is {wide} px wide on a {WIDTH} px phone"


def _the_family_s_numbers_keep_their_own_direction(page) -> None:
    """A phone number the family typed is isolated from the Arabic around it, so its groups
    are not swapped ("900417 07700")."""
    number = page.get_by_text("07700 900417").first
    expect(number).to_be_visible()
    assert number.evaluate("n => !!n.closest('[dir=auto], bdi, [dir=ltr]')")


@pytest.mark.parametrize("who", list(PAGES))
def test_each_role_s_pages_in_arabic_on_a_phone(browser, demo_site, request, shot, who):
    context = _context(browser, base_url=demo_site["url"], locale="ar",
                       viewport={"width": WIDTH, "height": 844}, has_touch=True, is_mobile=True,
                       device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto("/language/ar?next=/sign-in")
        _reads_right_to_left_on_a_phone(page, "/sign-in")
        shot(page, "sign-in")
        page.locator("#username").fill(who)
        page.locator("#password").fill(DEMO_PASSWORD)
        page.locator("#password").press("Enter")
        page.wait_for_load_state()
        for template in PAGES[who]:
            address = template.format(**demo_site)
            response = page.goto(address)
            assert response.ok, (who, address, response.status)
            _reads_right_to_left_on_a_phone(page, address)
            if address.endswith("/services"):
                _the_family_s_numbers_keep_their_own_direction(page)
            shot(page, address.strip("/").replace("/", "-") or "start")
    finally:
        _close(context, request)


def test_a_mistake_in_arabic_names_the_field_and_keeps_the_page_right_to_left(
        browser, demo_site, request, shot):
    context = _context(browser, base_url=demo_site["url"], locale="ar",
                       viewport={"width": WIDTH, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto("/language/ar?next=/sign-in")
        page.locator("#username").fill("holder")
        page.locator("#password").fill(DEMO_PASSWORD)
        page.locator("#password").press("Enter")
        page.goto(f"/families/{demo_site['family']}/new/story")
        page.locator("main form button[type=submit]").last.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        assert page.title().startswith("خطأ:"), page.title()
        _reads_right_to_left_on_a_phone(page, "new story with a mistake")
        shot(page, "new-story-mistake")
    finally:
        _close(context, request)
