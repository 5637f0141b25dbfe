"""Phone-first journeys at 390×844: an exit that reaches another site, a first page for every
kind of account, and typing that survives the time-out."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account
from record_book.book.model import Account
from record_book.sharing.connections import new_connection_code

from .conftest import PASSWORD
from .test_journeys import sign_in

WEATHER = "Weather for London: sunny spells"


class _Weather(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"<!doctype html><title>Weather</title><h1>{WEATHER}</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def exit_site(live_app, base_url):
    """A neutral site on another origin (127.0.0.2, its own port), as the real exit is."""
    server = ThreadingHTTPServer(("127.0.0.2", 0), _Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.2:{server.server_port}/weather"
    before = live_app.config["EXIT_URL"]
    live_app.config["EXIT_URL"] = address
    assert not address.startswith(base_url)
    try:
        yield address
    finally:
        live_app.config["EXIT_URL"] = before
        server.shutdown()
        server.server_close()


def _book_is_gone(page, family) -> None:
    page.go_back()
    expect(page.get_by_role("heading", name=family.title)).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).not_to_have_text(family.title)


def test_exit_this_page_reaches_another_site_and_back_does_not_show_the_book(
        phone, new_context, family, exit_site, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    page.get_by_role("button", name=re.compile("Exit this page")).click()
    expect(page).to_have_url(exit_site)
    expect(page.get_by_role("heading", name=WEATHER)).to_be_visible()
    _book_is_gone(page, family)
    shot(page, "back-after-exit")

    # The keyboard shortcut: Shift three times.
    sign_in(page, family, shot)
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(exit_site)
    _book_is_gone(page, family)

    # Without JavaScript it is a plain link that does the same.
    plain = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = plain.new_page()
    sign_in(page, family, shot)
    page.get_by_role("button", name=re.compile("Exit this page")).click()
    expect(page).to_have_url(exit_site)
    _book_is_gone(page, family)


def test_exit_this_page_blanks_the_screen_at_once(phone, family, exit_site, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    # The page tells us the moment the blank cover goes over it, before the exit site loads.
    covers = []
    page.expose_function("coverShown", lambda width, height: covers.append((width, height)))
    page.evaluate("""() => new MutationObserver(() => {
        const cover = document.querySelector('.govuk-exit-this-page-overlay');
        if (cover) { const box = cover.getBoundingClientRect(); coverShown(box.width, box.height); }
    }).observe(document.body, {childList: true})""")
    page.get_by_role("button", name=re.compile("Exit this page")).click()
    expect(page).to_have_url(exit_site)
    assert covers and covers[0][0] >= 390 and covers[0][1] >= 844, covers


@pytest.fixture
def staff(live_app, family):
    """A professional the family connected, an organisation's admin and a portal admin."""
    from record_book.policy import holder_reader

    with live_app.app_context():
        s = db()
        n = family.id
        org = create_organisation(s, f"Riverside School {n}")
        portal_admin = create_account(s, f"padmin{n}", f"Pat Admin {n}", "portal_admin", PASSWORD)
        org_admin = create_account(s, f"oadmin{n}", f"Olu Org {n}", "org_admin", PASSWORD, org)
        teacher = create_account(s, f"teacher{n}", f"Ms Brooks {n}", "professional", PASSWORD,
                                 org)
        for account in (org_admin, teacher):
            verify_account(s, account, portal_admin)
        holder = s.scalar(select(Account).where(Account.username == family.username))
        code = new_connection_code(s, holder_reader(holder.id, family.id))
        s.commit()
        return {"teacher": teacher.username, "org_admin": org_admin.username,
                "portal_admin": portal_admin.username, "code": code}


def _staff_sign_in(page, username) -> None:
    """By the fields' ids, so the same steps work on the Arabic page."""
    page.goto("/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_kind_of_account_starts_at_its_own_work(phone, family, staff, shot, lang):
    page = phone.new_page()
    page.goto(f"/language/{lang}?next=/sign-in")

    _staff_sign_in(page, staff["portal_admin"])
    expect(page).to_have_url(re.compile(r"/admin/$"))
    shot(page, f"portal-admin-home-{lang}")

    page = phone.new_page()
    page.context.clear_cookies()
    page.goto(f"/language/{lang}?next=/sign-in")
    _staff_sign_in(page, staff["org_admin"])
    expect(page).to_have_url(re.compile(r"/directory/manage/$"))
    shot(page, f"org-admin-listings-{lang}")

    page.context.clear_cookies()
    page.goto(f"/language/{lang}?next=/sign-in")
    _staff_sign_in(page, staff["teacher"])
    expect(page).to_have_url(re.compile(r"/shared-with-me$"))
    shot(page, f"professional-first-page-{lang}")
    if lang == "en":
        expect(page.get_by_role("link", name="I have a code from a family")).to_be_visible()
        # One tap to connect (the code), the second to the family's book.
        page.get_by_role("link", name="I have a code from a family").click()
        page.get_by_label("Code", exact=True).fill(staff["code"])
        page.get_by_role("button", name=re.compile("Connect")).click()
        expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
        shot(page, "professional-in-the-book")


@pytest.fixture
def short_time_out(live_app):
    """A 30-second time-out with a 24-second warning, so the test need not wait 15 minutes."""
    before = {k: live_app.config[k] for k in ("IDLE_TIMEOUT_MINUTES", "IDLE_WARNING_MINUTES")}
    live_app.config.update(IDLE_TIMEOUT_MINUTES=0.5, IDLE_WARNING_MINUTES=0.4)
    yield 30
    live_app.config.update(before)


SLOW_WORDS = "The damp in the back bedroom came back after the landlord painted over it"


def test_slow_typing_past_the_time_out_comes_back_after_signing_in(phone, family, short_time_out,
                                                                     shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    page.goto(f"/families/{family.id}/new/story")
    box = page.get_by_label("What you want to say")
    box.click()
    # One word every two seconds for 40 seconds: longer than the time-out, and it counts as use.
    for word in SLOW_WORDS.split()[:20]:
        page.keyboard.type(word + " ")
        expect(box).to_be_focused()  # the warning never takes the focus
        page.wait_for_timeout(2000)
    expect(page).to_have_url(re.compile(r"/new/story$"))
    shot(page, "typing-still-signed-in")
    # Then the phone is put down: the page keeps the words and signs out.
    expect(page).to_have_url(re.compile(r"/session/timed-out$"), timeout=45_000)
    expect(page.get_by_text(SLOW_WORDS[:20])).to_have_count(0)
    shot(page, "timed-out")

    sign_in_again = page
    sign_in_again.goto("/sign-in")
    sign_in_again.get_by_label("Username").fill(family.username)
    sign_in_again.get_by_label("Password").fill(family.password)
    sign_in_again.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/drafts$"))
    typed = " ".join(SLOW_WORDS.split()[:20])
    expect(page.get_by_label("What you want to say")).to_have_value(re.compile(re.escape(typed)))
    shot(page, "words-offered-back")
