"""Passkeys in a real Chromium, with its virtual authenticator (DevTools protocol, WebAuthn
domain): a family member adds a passkey on the phone, signs out, and signs back in with it
without typing a username: with the button, or by picking it from the username field's
suggestions (passkey autofill, "conditional mediation").

Chromium's virtual authenticator has no suggestions list: it answers an autofill request at
once, as if the person had picked their passkey. To test the button while an autofill request
waits, PROBE stands in for that request and notes when it starts and is stopped.

WebAuthn does not accept an IP address as the site's identity, so these pages are opened at
http://localhost:<port> (a secure context) and the live app's relying party is set to match.
"""

import re
import time

import pytest
from playwright.sync_api import expect


@pytest.fixture
def localhost(live_app, base_url, monkeypatch):
    url = base_url.replace("127.0.0.1", "localhost")
    monkeypatch.setitem(live_app.config, "RP_ID", "localhost")
    monkeypatch.setitem(live_app.config, "ORIGIN", url)
    return url


# Notes each navigator.credentials.get() call in sessionStorage (it outlives a page change):
# "autofill" (conditional mediation), "autofill-stopped" (aborted) and "button" (modal).
# hold: the autofill request waits, as if nobody had touched the username field yet.
# pass: it goes to the real browser. no-autofill: the browser cannot do autofill.
PROBE = """(how) => {
  const note = (what) => sessionStorage.setItem("probe",
    JSON.stringify(JSON.parse(sessionStorage.getItem("probe") || "[]").concat([what])));
  if (how === "no-autofill") { delete PublicKeyCredential.isConditionalMediationAvailable; }
  const real = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = (options) => {
    if (options.mediation !== "conditional") { note("button"); return real(options); }
    note("autofill");
    options.signal.addEventListener("abort", () => note("autofill-stopped"));
    if (how === "pass") { return real(options); }
    return new Promise((resolve, reject) => options.signal.addEventListener(
      "abort", () => reject(new DOMException("stopped", "AbortError"))));
  };
}"""


def probe(page, how: str) -> None:
    page.add_init_script(script=f"({PROBE})({how!r})")


def noted(page) -> list:
    return page.evaluate("JSON.parse(sessionStorage.getItem('probe') || '[]')")


def virtual_authenticator(context, page) -> tuple:
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    made = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    return cdp, made["authenticatorId"]


def add_a_passkey_then_sign_out(page, localhost, family, shot=lambda page, name: None):
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
    expect(page.get_by_role("alert")).to_contain_text("Passkey added")
    expect(page.get_by_role("heading", level=3, name="My phone")).to_be_visible()
    shot(page, "passkey-added")
    page.evaluate("sessionStorage.removeItem('probe')")
    page.get_by_role("button", name="Sign out", exact=True).click()


def wait_until(page, expression: str, seconds: float = 10) -> None:
    """Poll the page with evaluate (the devtools protocol, which our CSP allows), not
    wait_for_function, whose string predicate is an eval the CSP refuses when it is retried."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(50)


def autofill_waiting(page) -> None:
    wait_until(page, "(sessionStorage.getItem('probe') || '').includes('autofill')")


def test_add_a_passkey_on_the_phone_then_sign_in_with_it(phone, family, localhost, shot):
    page = phone.new_page()
    cdp, authenticator = virtual_authenticator(phone, page)
    probe(page, "hold")
    add_a_passkey_then_sign_out(page, localhost, family, shot)

    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1
    assert stored["credentials"][0]["isResidentCredential"] is True

    expect(page.get_by_role("alert")).to_contain_text("You have signed out.")
    expect(page.get_by_label("Username")).to_have_value("")
    shot(page, "signed-out")
    autofill_waiting(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()
    shot(page, "signed-in-with-passkey")
    # The waiting autofill request was stopped before the button asked the phone.
    assert noted(page) == ["autofill", "autofill-stopped", "button"]

    # The account page now shows when the passkey was last used.
    page.get_by_role("link", name="Your ways to sign in").click()
    expect(page.get_by_text("Not used yet")).to_have_count(0)


def test_pick_the_passkey_from_the_username_field_to_sign_in(phone, family, localhost):
    page = phone.new_page()
    virtual_authenticator(phone, page)
    probe(page, "pass")
    add_a_passkey_then_sign_out(page, localhost, family)
    # The sign-in page asks for autofill as it opens; the virtual authenticator "picks" at once.
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()
    assert noted(page) == ["autofill"]


def test_a_cancelled_passkey_prompt_says_what_to_do(phone, family, localhost, shot):
    page = phone.new_page()
    cdp, authenticator = virtual_authenticator(phone, page)
    probe(page, "hold")
    # The person says no when the phone asks.
    cdp.send("WebAuthn.setUserVerified", {"authenticatorId": authenticator,
                                          "isUserVerified": False})
    page.goto(localhost + "/sign-in")
    autofill_waiting(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("The passkey did not work")
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    shot(page, "passkey-refused")
    # The username field offers passkeys again.
    wait_until(page, "JSON.parse(sessionStorage.getItem('probe')).length === 4")
    assert noted(page) == ["autofill", "autofill-stopped", "button", "autofill"]


def test_a_browser_without_passkey_autofill_keeps_the_button(phone, localhost):
    page = phone.new_page()
    virtual_authenticator(phone, page)
    probe(page, "no-autofill")
    page.goto(localhost + "/sign-in")
    expect(page.get_by_label("Username")).to_have_attribute("autocomplete", "username webauthn")
    page.get_by_role("button", name="Use a passkey").click()
    # No passkey on this phone yet.
    expect(page.get_by_role("alert")).to_contain_text("The passkey did not work")
    assert noted(page) == ["button"]


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
