"""Journey 1: a professional starts a book; the family claims the invitation on the phone and
registers a passkey (Chromium's virtual authenticator); signs out; signs back in with it."""

import itertools
import re

from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account

from .test_passkeys import autofill_waiting, localhost, probe, virtual_authenticator  # noqa: F401  (fixture, helpers)

_numbers = itertools.count(1)


def _checked_professional(live_app) -> str:
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Start-a-book Family Support {n}")
        pro = create_account(s, f"startrosa{n}", "Rosa Lindqvist", "professional",
                             "demo-password-2026", org)
        verify_account(s, pro, None)
        s.commit()
        return pro.username


def test_professional_starts_a_book_and_the_family_claims_it_with_a_passkey(
        desktop, phone, live_app, localhost, shot):  # noqa: F811
    username = _checked_professional(live_app)
    pro = desktop.new_page()
    pro.goto(localhost + "/sign-in")
    pro.get_by_label("Username").fill(username)
    pro.get_by_label("Password").fill("demo-password-2026")
    pro.get_by_role("button", name="Sign in", exact=True).click()
    pro.goto(localhost + "/start-a-book")
    pro.get_by_label("A name for the book").fill("The Okafor family")
    pro.get_by_role("button", name="Make an invitation code").click()
    expect(pro.get_by_role("heading", level=1, name="Invitation code")).to_be_visible()
    expect(pro.get_by_role("img", name="QR code for the invitation")).to_be_visible()
    shot(pro, "invitation")
    code = pro.locator("code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code), code

    page = phone.new_page()
    cdp, authenticator = virtual_authenticator(phone, page)
    # The virtual authenticator would answer the sign-in page's autofill request at once.
    probe(page, "hold")
    page.goto(localhost + "/join")
    page.get_by_label("Invitation code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="Start your family's book")).to_be_visible()
    page.get_by_label("Your name").fill("Ada Okafor")
    page.get_by_label("Choose a username").fill(f"ada{username}")
    page.get_by_label("Who you are to the family").fill("Mum")
    page.get_by_role("radio", name="Yes, I choose them as my advocate").check()
    shot(page, "claim-filled")
    page.get_by_role("button", name="Set up with a passkey").click()
    # Straight after the first way in is set up, the family is offered recovery codes.
    expect(page.get_by_role("heading", level=1, name="Recovery codes")).to_be_visible()
    page.get_by_role("button", name="Make my recovery codes").click()
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)
    shot(page, "recovery-codes")
    page.get_by_role("link", name="I have kept my codes safe").click()
    page.goto(localhost + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("The Okafor family")
    assert len(cdp.send("WebAuthn.getCredentials",
                        {"authenticatorId": authenticator})["credentials"]) == 1
    shot(page, "book-claimed")

    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("You have signed out.")
    autofill_waiting(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The Okafor family")
    shot(page, "signed-in-with-passkey")
