"""Sign-in limits slow a guesser and never lock the owner out: tries are counted per account and
address together with growing waits, per account only from addresses and browsers it never
signed in from, and per address; /connect and every code typed are limited the same way."""

import time

import pytest
from conftest import PASSWORD, sign_in
from test_passkeys import ORIGIN, RP_ID, add_passkey, is_signed_in, passkey_sign_in
from webauthn_authenticator import SoftAuthenticator

from portal import create_app

HOME, GUESSER = "10.0.0.1", "10.6.6.6"


def limited_app(database_url, **limits):
    return create_app({"DATABASE_URL": database_url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                       "SECRET_KEY": "x" * 40, "RP_ID": RP_ID, "ORIGIN": ORIGIN,
                       "DEMO_ACCOUNTS": True,
                       "RATELIMIT_ENABLED": True, "RATE_LIMIT_PER_IP": "100 per minute",
                       "RATE_LIMIT_PER_PAIR": "2 per minute;3 per hour",
                       "RATE_LIMIT_PER_ACCOUNT": "3 per minute", **limits})


def try_password(app, password, address, username="sam"):
    return app.test_client().post("/sign-in", data={"username": username, "password": password},
                                  environ_base={"REMOTE_ADDR": address})


def test_the_owner_at_their_own_address_gets_in_while_a_guesser_is_held_up(database_url, book):
    app = limited_app(database_url)
    assert try_password(app, PASSWORD, HOME).status_code == 302  # Sam at home, once before
    assert [try_password(app, "guess", GUESSER).status_code for _n in range(3)] == [400, 400, 429]
    # A guesser at another address uses up Sam's account limit (3, with the first two)...
    assert try_password(app, "guess", "10.7.0.1").status_code == 400
    new_place = try_password(app, PASSWORD, "10.7.0.99")
    assert new_place.status_code == 429 and "too many tries" in new_place.text
    # ...but Sam at home, with the right password, is let in at once.
    assert try_password(app, PASSWORD, HOME).status_code == 302
    # And Lee, another account, is not held up at all.
    assert try_password(app, PASSWORD, "10.7.0.98", username="lee").status_code == 302


def test_the_owners_own_phone_gets_in_on_a_network_it_never_used(database_url, book):
    app = limited_app(database_url)
    phone = app.test_client()
    assert phone.post("/sign-in", data={"username": "sam", "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": HOME}).status_code == 302
    # What the phone keeps names nobody: a keyed hash, not the username.
    kept = phone.get_cookie("known_browser")
    assert kept is not None and "sam" not in kept.value
    assert phone.post("/sign-out").status_code == 302
    for n in range(3):
        assert try_password(app, f"guess {n}", f"10.7.2.{n}").status_code == 400
    assert try_password(app, PASSWORD, "10.7.2.99").status_code == 429
    # The same phone on mobile data (a new address) is Sam's own browser.
    assert phone.post("/sign-in", data={"username": "sam", "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": "10.8.0.1"}).status_code == 302
    # A made-up mark is not one.
    forged = app.test_client()
    forged.set_cookie("known_browser", "0" * 24)
    assert forged.post("/sign-in", data={"username": "sam", "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.8.0.2"}).status_code == 429


def test_the_owners_passkey_works_whatever_guessers_do(database_url, book):
    app = limited_app(database_url)
    phone = SoftAuthenticator(ORIGIN)
    assert add_passkey(sign_in(app.test_client(), book.holder), phone).status_code == 200
    for n in range(3):
        assert try_password(app, f"guess {n}", f"10.7.1.{n}").status_code == 400
    assert try_password(app, PASSWORD, "10.7.1.99").status_code == 429
    client = app.test_client()
    assert passkey_sign_in(client, phone).status_code == 200 and is_signed_in(client)


def test_waits_grow_for_a_guesser_who_keeps_trying(database_url, book, monkeypatch):
    app = limited_app(database_url)
    first = [try_password(app, "guess", GUESSER) for _n in range(3)]
    assert [r.status_code for r in first] == [400, 400, 429]
    assert "Wait 1 minute," in first[-1].text
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 61)
    later = [try_password(app, "guess", GUESSER) for _n in range(2)]
    assert [r.status_code for r in later] == [400, 429]
    waited = int(later[-1].text.split("Wait ")[1].split(" ")[0])
    assert 50 <= waited <= 60  # the hour's limit now: the wait has grown


def test_a_right_password_from_a_guessers_address_still_counts_as_their_try(database_url, book):
    app = limited_app(database_url)
    for _n in range(2):
        try_password(app, "guess", GUESSER)
    assert try_password(app, PASSWORD, GUESSER).status_code == 429


@pytest.fixture
def professional_client(database_url, book):
    app = limited_app(database_url)
    return sign_in(app.test_client(), book.professional)


def test_a_professional_typing_family_codes_at_connect_is_held_up(professional_client):
    tries = [professional_client.post("/connect", data={"code": f"WRONG-{n:05d}"}).status_code
             for n in range(4)]
    assert tries == [400, 400, 429, 429]
    page = professional_client.post("/connect", data={"code": "WRONG-99999"})
    assert page.status_code == 429 and "too many tries" in page.text


def test_codes_at_join_are_held_up_per_address_whatever_the_code(database_url, book):
    app = limited_app(database_url, RATE_LIMIT_PER_IP="3 per minute")
    client = app.test_client()
    tries = [client.post("/join", data={"code": code}).status_code
             for code in ("AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC", "DDDDD-DDDDD")]
    assert tries == [400, 400, 400, 429]


def test_leaving_quickly_takes_away_the_mark_that_this_phone_signed_in_here(database_url, book):
    # On a phone someone else may pick up, leaving quickly leaves no sign of this site.
    app = limited_app(database_url)
    phone = app.test_client()
    assert phone.post("/sign-in", data={"username": "sam", "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": HOME}).status_code == 302
    assert phone.get_cookie("known_browser") is not None
    left = phone.get("/leave")
    assert left.status_code == 303
    assert phone.get_cookie("known_browser") is None
    assert phone.get_cookie("session") is None or not phone.get_cookie("session").value
    assert left.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
