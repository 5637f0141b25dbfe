"""Passkeys in a real Chromium, with its virtual authenticator (DevTools protocol, WebAuthn
domain): a family member adds a passkey on the phone, signs out, and signs back in with it
without typing a username.

WebAuthn does not accept an IP address as the site's identity, so these pages are opened at
http://localhost:<port> (a secure context) and the live app's relying party is set to match.
"""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def localhost(live_app, base_url, monkeypatch):
    url = base_url.replace("127.0.0.1", "localhost")
    monkeypatch.setitem(live_app.config, "RP_ID", "localhost")
    monkeypatch.setitem(live_app.config, "ORIGIN", url)
    return url


def virtual_authenticator(context, page) -> tuple:
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    made = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    return cdp, made["authenticatorId"]


def test_add_a_passkey_on_the_phone_then_sign_in_with_it(phone, family, localhost, shot):
    page = phone.new_page()
    cdp, authenticator = virtual_authenticator(phone, page)

    page.goto(localhost + "/sign-in")
    page.get_by_label("Username").fill(family.username)
    page.get_by_label("Password").fill(family.password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()

    page.get_by_role("link", name="Your ways to sign in").click()
    expect(page.get_by_role("heading", level=1, name="Your ways to sign in")).to_be_visible()
    expect(page.get_by_text("You have no passkeys yet.")).to_be_visible()
    shot(page, "account-before")
    page.get_by_label("A name for the new passkey").fill("My phone")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status")).to_contain_text("Passkey added")
    expect(page.get_by_role("heading", level=3, name="My phone")).to_be_visible()
    shot(page, "passkey-added")

    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1
    assert stored["credentials"][0]["isResidentCredential"] is True

    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    expect(page.get_by_label("Username")).to_have_value("")
    shot(page, "signed-out")
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()
    shot(page, "signed-in-with-passkey")

    # The account page now shows when the passkey was last used.
    page.get_by_role("link", name="Your ways to sign in").click()
    expect(page.get_by_text("Not used yet")).to_have_count(0)


def test_a_cancelled_passkey_prompt_says_what_to_do(phone, family, localhost, shot):
    page = phone.new_page()
    cdp, authenticator = virtual_authenticator(phone, page)
    # The person says no when the phone asks.
    cdp.send("WebAuthn.setUserVerified", {"authenticatorId": authenticator,
                                          "isUserVerified": False})
    page.goto(localhost + "/sign-in")
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("The passkey did not work")
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    shot(page, "passkey-refused")


def test_without_javascript_the_page_says_passkeys_need_it(new_context, family, localhost, shot):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(localhost + "/sign-in")
    # Chromium with scripts switched off by the DevTools protocol still parses <noscript> as if
    # scripts ran, so check the words are in the page rather than on screen.
    assert "Passkeys need JavaScript" in page.content()
    expect(page.get_by_role("button", name="Use a passkey")).to_be_hidden()
    page.get_by_label("Username").fill(family.username)
    page.get_by_label("Password").fill(family.password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()
    shot(page, "signed-in-without-javascript")
