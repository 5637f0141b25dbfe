"""Sessions: a new one at every sign-in, an idle time-out with a warning, sign out everywhere,
leaving quickly, safe cookies and headers, and rate-limited sign-in."""

import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, sign_in

import portal.accounts.sessions
from portal import create_app
from portal.config import from_environment
from record_book.clock import utcnow


def later(monkeypatch, minutes: float):
    moment = utcnow() + timedelta(minutes=minutes)
    monkeypatch.setattr(portal.accounts.sessions, "utcnow", lambda: moment)


def signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_sign_in_starts_a_new_session(app, client, book):
    with client.session_transaction() as planted:
        planted["sid"] = "planted by someone else"
        planted["something"] = "left over"
        planted["locale"] = "cy"
    sign_in(client, book.holder)
    with client.session_transaction() as fresh:
        assert fresh["sid"] != "planted by someone else" and len(fresh["sid"]) > 16
        assert "something" not in fresh
        assert fresh["locale"] == "cy"  # the language chosen before signing in is kept
        first = fresh["sid"]
    sign_in(client, book.holder)
    with client.session_transaction() as again:
        assert again["sid"] != first


def test_family_sessions_time_out_after_15_idle_minutes(app, client, book, monkeypatch):
    sign_in(client, book.holder)
    later(monkeypatch, 14)
    assert signed_in(client)  # using the page resets the clock
    later(monkeypatch, 14 + 16)
    response = client.get(f"/families/{book.family.id}/")
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    assert "not used for a while" in client.get("/sign-in").text
    assert not signed_in(client)


def test_professionals_have_a_longer_idle_time(app, client, book, monkeypatch):
    sign_in(client, book.professional)
    later(monkeypatch, 16)
    assert signed_in(client)
    later(monkeypatch, 16 + 31)
    assert not signed_in(client)


def test_the_idle_time_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "5")
    assert from_environment(str(tmp_path))["IDLE_TIMEOUT_MINUTES"] == 5
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "nonsense")
    assert from_environment(str(tmp_path))["IDLE_TIMEOUT_MINUTES"] == 15


def test_pages_carry_the_warning_and_a_no_script_fallback(app, client, book, monkeypatch):
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 10)
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/").text
    assert 'id="idle-warning"' in page and 'data-timeout="600"' in page
    assert 'data-warning="120"' in page and "Stay signed in" in page
    assert "js/session-timeout.js" in page and "<script>" not in page
    # Without JavaScript the page replaces itself when the time is up.
    assert 'http-equiv="refresh" content="605;url=/session/timed-out"' in page


def test_asking_for_the_time_left_does_not_keep_the_session_alive(app, client, book,
                                                                   monkeypatch):
    sign_in(client, book.holder)
    later(monkeypatch, 10)
    status = client.get("/session/status").get_json()
    assert status["signed_in"] and 290 <= status["seconds_left"] <= 300
    later(monkeypatch, 16)
    assert client.get("/session/status").get_json() == {"signed_in": True, "seconds_left": 0}
    timed_out = client.get("/session/timed-out")
    assert timed_out.status_code == 200 and "You were signed out" in timed_out.text
    assert not signed_in(client)


def test_stay_signed_in(app, client, book, monkeypatch):
    sign_in(client, book.holder)
    later(monkeypatch, 14)
    response = client.post("/session/stay", headers={"X-Requested-With": "fetch"})
    assert response.get_json()["seconds_left"] == 15 * 60
    later(monkeypatch, 14 + 14)
    assert signed_in(client)
    # Without JavaScript the button is a plain form.
    assert client.post("/session/stay").status_code == 302


def test_sign_out_everywhere(app, book):
    phone = sign_in(app.test_client(), book.holder)
    library_computer = sign_in(app.test_client(), book.holder)
    response = phone.post("/account/sign-out-everywhere")
    assert response.status_code == 302
    assert not signed_in(phone) and not signed_in(library_computer)
    # Other people are not affected.
    lee = sign_in(app.test_client(), book.second_holder)
    assert signed_in(lee)


def test_a_new_password_ends_other_sessions_but_not_this_one(app, book):
    here = sign_in(app.test_client(), book.holder)
    there = sign_in(app.test_client(), book.holder)
    too_short = here.post("/account/password", data={"password": "short",
                                                      "password_again": "short",
                                                      "current_password": PASSWORD})
    assert too_short.status_code == 400 and "at least 8 characters" in too_short.text
    differ = here.post("/account/password", data={"password": "a brand new password",
                                                   "password_again": "a brand new passwort",
                                                   "current_password": PASSWORD})
    assert differ.status_code == 400
    assert signed_in(there)
    new = {"password": "a brand new password", "password_again": "a brand new password"}
    for wrong in ({}, {"current_password": "not my password at all"}):
        refused = here.post("/account/password", data={**new, **wrong})
        assert refused.status_code == 400
        assert "That is not your current password" in refused.text
    assert signed_in(there)
    response = here.post("/account/password", data={**new, "current_password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(here) and not signed_in(there)
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 400


EXIT_LINK = re.compile(r'<a href="/leave"[^>]*class="[^"]*govuk-exit-this-page__button[^"]*"[^>]*>\s*'
                       r'<span class="govuk-visually-hidden">Emergency</span> Exit this page')


def test_exit_this_page_is_a_link_that_ends_the_session_without_javascript_or_token(app, client,
                                                                                     book):
    sign_in(client, book.holder)
    home = client.get(f"/families/{book.family.id}/")
    # A link, not a form: the Content-Security-Policy's form-action 'self' would stop a form's
    # redirect to the exit site on another origin, and leave the book on the screen.
    assert EXIT_LINK.search(home.text)
    response = client.get("/leave")
    assert response.status_code == 303 and response.location == app.config["EXIT_URL"]
    assert not signed_in(client)
    assert client.get(f"/families/{book.family.id}/").status_code == 302
    page = client.get("/sign-in")
    assert EXIT_LINK.search(page.text)
    assert page.headers["Cache-Control"] == "no-store"


def test_cookies_and_headers(database_url, book):
    secure = create_app({"DATABASE_URL": database_url, "TESTING": True,
                         "WTF_CSRF_ENABLED": False, "SECRET_KEY": "x" * 40,
                         "SESSION_COOKIE_SECURE": True})
    client = secure.test_client()
    response = client.post("/sign-in", data={"username": "sam", "password": PASSWORD},
                           base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    page = client.get("/account", base_url="https://localhost")
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "Permissions-Policy" in page.headers
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    assert page.headers["Cache-Control"] == "no-store"


@pytest.fixture
def limited(database_url):
    return create_app({"DATABASE_URL": database_url, "TESTING": True,
                       "WTF_CSRF_ENABLED": False, "SECRET_KEY": "x" * 40,
                       "RATELIMIT_ENABLED": True, "RATE_LIMIT_PER_IP": "4 per minute",
                       "RATE_LIMIT_PER_ACCOUNT": "3 per minute"})


def test_sign_in_is_rate_limited_per_account(limited, book):
    for n in range(3):
        response = limited.test_client().post(
            "/sign-in", data={"username": "sam", "password": "wrong password"},
            environ_base={"REMOTE_ADDR": f"10.1.0.{n}"})
        assert response.status_code == 400
    blocked = limited.test_client().post("/sign-in", data={"username": "sam",
                                                           "password": PASSWORD},
                                         environ_base={"REMOTE_ADDR": "10.1.0.99"})
    assert blocked.status_code == 429
    assert "too many tries" in blocked.text and "Wait 1 minute," in blocked.text
    assert EXIT_LINK.search(blocked.text)
    # Lee is not held up by tries at Sam's account.
    assert limited.test_client().post("/sign-in", data={"username": "lee", "password": PASSWORD},
                                      environ_base={"REMOTE_ADDR": "10.1.0.98"}
                                      ).status_code == 302


def test_sign_in_is_rate_limited_per_address_and_successes_do_not_count(limited, book):
    client = limited.test_client()
    for _n in range(6):
        assert client.post("/sign-in", data={"username": "sam", "password": PASSWORD}
                           ).status_code == 302
    for username in ("a1", "a2", "a3", "a4"):
        assert client.post("/sign-in", data={"username": username, "password": "x"}
                           ).status_code == 400
    assert client.post("/sign-in", data={"username": "a5", "password": "x"}).status_code == 429
    # Passkey sign-in from this address is limited too, with the message as JSON.
    client.post("/sign-in/passkey/options")
    for n in range(4):
        assert client.post("/sign-in/passkey", json={"credential": {"id": f"x{n}"}},
                           environ_base={"REMOTE_ADDR": "10.2.0.1"}).status_code == 400
    response = client.post("/sign-in/passkey", json={"credential": {"id": "y"}},
                           environ_base={"REMOTE_ADDR": "10.2.0.1"})
    assert response.status_code == 429 and "too many tries" in response.get_json()["problem"]


def test_guessing_the_current_password_is_rate_limited_per_account(database_url, book):
    limited = create_app({"DATABASE_URL": database_url, "TESTING": True,
                          "WTF_CSRF_ENABLED": False, "SECRET_KEY": "x" * 40,
                          "RATELIMIT_ENABLED": True, "RATE_LIMIT_PER_IP": "100 per minute",
                          "RATE_LIMIT_PER_ACCOUNT": "3 per minute"})
    client = sign_in(limited.test_client(), book.holder)
    guess = {"password": "a brand new password", "password_again": "a brand new password"}
    for n in range(3):
        assert client.post("/account/password", data={
            **guess, "current_password": f"guess number {n}"}).status_code == 400
    blocked = client.post("/account/password", data={**guess, "current_password": PASSWORD})
    assert blocked.status_code == 429 and "too many tries" in blocked.text
    # Another person signed in on the same connection is not held up.
    lee = sign_in(limited.test_client(), book.second_holder)
    assert lee.post("/account/password", data={**guess, "current_password": PASSWORD}
                    ).status_code == 302
