"""Sessions that really end: each one is a row on the server, so a copy of the cookie taken
before "Sign out", "Exit this page", a new password or a passkey change is refused; and a passkey
challenge lives on the server, works once, and cannot be brought back with a copied cookie."""

from datetime import timedelta

import pytest
from conftest import PASSWORD, sign_in
from sqlalchemy import func, select
from webauthn_authenticator import SoftAuthenticator

import record_book.accounts.passkeys
import record_book.accounts.sign_ins
from record_book.accounts.model import PasskeyChallenge
from record_book.accounts.sign_ins import SignIn
from record_book.clock import utcnow

RP_ID = "book.example.org"
ORIGIN = "https://book.example.org"


@pytest.fixture
def rp(app, monkeypatch):
    monkeypatch.setitem(app.config, "RP_ID", RP_ID)
    monkeypatch.setitem(app.config, "ORIGIN", ORIGIN)
    return app


def copy_of(app, client):
    """A second browser holding the same cookie, as someone who copied it would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def live_sign_ins(session, account) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(SignIn)
                          .where(SignIn.account_id == account.id))


def test_a_copied_cookie_dies_when_its_owner_signs_out(app, client, book, session):
    sign_in(client, book.holder)
    thief = copy_of(app, client)
    assert signed_in(thief)  # the copy works while the session is alive ...
    other_phone = sign_in(app.test_client(), book.holder)
    assert client.post("/sign-out").status_code == 302
    # ... and not a moment after.
    assert not signed_in(thief)
    assert thief.get(f"/families/{book.family.id}/").status_code == 302
    # Signing out here does not sign the person out on their other phone.
    assert signed_in(other_phone)
    assert live_sign_ins(session, book.holder) == 1


def test_a_copied_cookie_dies_when_its_owner_leaves_quickly(app, client, book):
    sign_in(client, book.holder)
    thief = copy_of(app, client)
    assert client.get("/leave").status_code == 303
    assert not signed_in(thief)


def test_a_copied_cookie_dies_at_the_time_out(app, client, book, monkeypatch, session):
    import portal.accounts.sessions

    sign_in(client, book.holder)
    thief = copy_of(app, client)
    moment = utcnow() + timedelta(minutes=16)
    monkeypatch.setattr(portal.accounts.sessions, "utcnow", lambda: moment)
    assert client.get("/account").status_code == 302  # timed out
    monkeypatch.undo()
    assert not signed_in(thief)
    assert live_sign_ins(session, book.holder) == 0


def test_a_new_password_kills_copies_of_every_session(app, book):
    here = sign_in(app.test_client(), book.holder)
    copy_here = copy_of(app, here)
    there = sign_in(app.test_client(), book.holder)
    copy_there = copy_of(app, there)
    response = here.post("/account/password", data={
        "password": "a brand new password", "password_again": "a brand new password",
        "current_password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(here)  # the person who changed it goes on, under a new token
    assert not signed_in(copy_here) and not signed_in(there) and not signed_in(copy_there)


def test_sign_out_everywhere_kills_every_copy(app, book):
    phone = sign_in(app.test_client(), book.holder)
    copy = copy_of(app, phone)
    library = sign_in(app.test_client(), book.holder)
    assert copy.post("/account/sign-out-everywhere").status_code == 302
    assert not signed_in(phone) and not signed_in(library) and not signed_in(copy)


def test_adding_or_removing_a_passkey_kills_copies(rp, app, book, session):
    phone = SoftAuthenticator(ORIGIN)
    here = sign_in(app.test_client(), book.holder)
    copy = copy_of(app, here)
    options = here.post("/account/passkeys/options").get_json()
    added = here.post("/account/passkeys", json={"credential": phone.create(options),
                                                 "name": "Phone"})
    assert added.status_code == 200, added.get_json()
    assert signed_in(here) and not signed_in(copy)
    copy = copy_of(app, here)
    passkey_id = session.scalar(select(record_book.accounts.model.Passkey.id))
    assert here.post(f"/account/passkeys/{passkey_id}/remove").status_code == 302
    assert signed_in(here) and not signed_in(copy)


def test_a_cookie_with_a_made_up_token_is_refused(app, client, book):
    sign_in(client, book.holder)
    with client.session_transaction() as cookie:
        cookie["sid"] = "a token nobody was given"
    assert not signed_in(client)


def test_old_rows_of_closed_browsers_are_cleared(app, book, session, monkeypatch):
    sign_in(app.test_client(), book.holder)
    assert live_sign_ins(session, book.holder) == 1
    later = utcnow() + timedelta(days=2)
    monkeypatch.setattr(record_book.accounts.sign_ins, "utcnow", lambda: later)
    sign_in(app.test_client(), book.second_holder)
    assert live_sign_ins(session, book.holder) == 0


# ---- passkey challenges ------------------------------------------------------------------------

@pytest.fixture
def synced_passkey(rp, app, book):
    """A synced passkey, as phones sync them: its counter is always 0, so the counter cannot
    tell a replay."""
    phone = SoftAuthenticator(ORIGIN, counter_step=0)
    client = sign_in(app.test_client(), book.holder)
    options = client.post("/account/passkeys/options").get_json()
    assert client.post("/account/passkeys", json={"credential": phone.create(options),
                                                  "name": "Synced"}).status_code == 200
    return phone


def test_a_replayed_assertion_with_a_copied_cookie_is_refused(synced_passkey, app, session):
    person = app.test_client()
    options = person.post("/sign-in/passkey/options").get_json()
    # Someone copies the cookie (which names the challenge) and watches the answer go by.
    thief = copy_of(app, person)
    answer = synced_passkey.get(options)
    assert person.post("/sign-in/passkey", json={"credential": answer}).status_code == 200
    replay = thief.post("/sign-in/passkey", json={"credential": answer})
    assert replay.status_code == 400 and "took too long" in replay.get_json()["problem"]
    assert not signed_in(thief)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(PasskeyChallenge)) == 0


def test_a_refused_answer_still_uses_the_challenge_up(synced_passkey, app):
    person = app.test_client()
    options = person.post("/sign-in/passkey/options").get_json()
    copy = copy_of(app, person)
    assert person.post("/sign-in/passkey", json={"credential": {"id": "nonsense"}}
                       ).status_code == 400
    # The good answer to the same challenge, from the copy, comes too late.
    late = copy.post("/sign-in/passkey", json={"credential": synced_passkey.get(options)})
    assert late.status_code == 400 and not signed_in(copy)


def test_a_challenge_expires_after_the_browsers_own_time_out(synced_passkey, app,
                                                             monkeypatch):
    person = app.test_client()
    options = person.post("/sign-in/passkey/options").get_json()
    later = utcnow() + timedelta(minutes=3)
    monkeypatch.setattr(record_book.accounts.passkeys, "utcnow", lambda: later)
    response = person.post("/sign-in/passkey", json={"credential": synced_passkey.get(options)})
    assert response.status_code == 400 and not signed_in(person)


def test_a_challenge_is_for_one_ceremony_and_one_account(session, book):
    from record_book.accounts.passkeys import (
        REGISTER,
        SIGN_IN,
        Challenge,
        keep_challenge,
        take_challenge,
    )

    now = utcnow()
    for_sign_in = keep_challenge(session, Challenge(b"x" * 32, now), SIGN_IN)
    assert take_challenge(session, for_sign_in, REGISTER) is None
    assert take_challenge(session, for_sign_in, SIGN_IN, book.holder) is None
    for_sam = keep_challenge(session, Challenge(b"y" * 32, now), REGISTER, book.holder)
    assert take_challenge(session, for_sam, REGISTER, book.second_holder) is None
    assert take_challenge(session, for_sam, REGISTER, book.holder).value == b"y" * 32
    assert take_challenge(session, for_sam, REGISTER, book.holder) is None
    assert take_challenge(session, "1", SIGN_IN) is None
    assert take_challenge(session, True, SIGN_IN) is None
