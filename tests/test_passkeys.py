"""Passkeys, run as the real ceremony: a software authenticator signs real registration and
assertion answers, and the server checks them with the `webauthn` package.

Every bad answer (replayed, tampered, expired, for another site, a counter going backwards) is
refused with a clear message, and nothing changes.
"""

import json
from datetime import timedelta

import pytest
from conftest import PASSWORD, sign_in
from sqlalchemy import select
from webauthn_authenticator import SoftAuthenticator, tamper

import record_book.accounts.passkeys
from portal import create_app
from record_book.accounts.model import Passkey
from record_book.clock import utcnow

RP_ID = "book.example.org"
ORIGIN = "https://book.example.org"


@pytest.fixture
def rp(app, monkeypatch):
    """This relying party, whatever the environment says."""
    monkeypatch.setitem(app.config, "RP_ID", RP_ID)
    monkeypatch.setitem(app.config, "ORIGIN", ORIGIN)
    return app


@pytest.fixture
def phone():
    return SoftAuthenticator(ORIGIN)


def add_passkey(client, phone, name="My phone"):
    options = client.post("/account/passkeys/options").get_json()
    return client.post("/account/passkeys", json={"credential": phone.create(options),
                                                   "name": name})


def passkey_sign_in(client, phone, **how):
    options = client.post("/sign-in/passkey/options").get_json()
    return client.post("/sign-in/passkey", json={"credential": phone.get(options, **how)})


def is_signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def stored(session, account):
    session.expire_all()
    return session.scalars(select(Passkey).where(Passkey.account_id == account.id)).all()


@pytest.fixture
def holder_with_passkey(rp, client, book, phone, session):
    sign_in(client, book.holder)
    response = add_passkey(client, phone)
    assert response.status_code == 200, response.get_json()
    return book.holder


def test_options_ask_for_a_discoverable_passkey_without_attestation(rp, client, book):
    sign_in(client, book.holder)
    options = client.post("/account/passkeys/options").get_json()
    assert options["rp"] == {"id": RP_ID, "name": "Family Record Book"}
    assert options["attestation"] == "none"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["user"]["name"] == "sam"
    # The user handle is random bytes, never the account's name or number.
    assert options["user"]["id"] not in ("sam", str(book.holder.id))
    sign_in_options = client.post("/sign-in/passkey/options").get_json()
    assert sign_in_options["rpId"] == RP_ID
    assert sign_in_options.get("allowCredentials", []) == []


def test_register_then_sign_in_without_a_username(holder_with_passkey, app, phone, session):
    saved = stored(session, holder_with_passkey)
    assert [p.name for p in saved] == ["My phone"]
    assert saved[0].last_used_at is None
    other = app.test_client()
    response = passkey_sign_in(other, phone)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["redirect"] == "/"
    assert is_signed_in(other)
    page = other.get("/account").text
    assert "My phone" in page and "Not used yet" not in page
    assert stored(session, holder_with_passkey)[0].sign_count == 1


def test_a_replayed_sign_in_is_refused(holder_with_passkey, app, phone, session):
    first = app.test_client()
    options = first.post("/sign-in/passkey/options").get_json()
    answer = phone.get(options)
    assert first.post("/sign-in/passkey", json={"credential": answer}).status_code == 200
    # The same answer again, from a fresh client with fresh options.
    thief = app.test_client()
    thief.post("/sign-in/passkey/options")
    replay = thief.post("/sign-in/passkey", json={"credential": answer})
    assert replay.status_code == 400
    assert "Nothing was changed" in replay.get_json()["problem"]
    assert not is_signed_in(thief)
    # And again in the first client, whose challenge was used up.
    again = first.post("/sign-in/passkey", json={"credential": answer})
    assert again.status_code == 400 and "took too long" in again.get_json()["problem"]
    assert stored(session, holder_with_passkey)[0].sign_count == 1


@pytest.mark.parametrize("part", ["signature", "authenticatorData", "clientDataJSON"])
def test_a_tampered_sign_in_is_refused(holder_with_passkey, app, phone, session, part):
    client = app.test_client()
    options = client.post("/sign-in/passkey/options").get_json()
    response = client.post("/sign-in/passkey",
                           json={"credential": tamper(phone.get(options), part)})
    assert response.status_code == 400
    assert "not right" in response.get_json()["problem"]
    assert not is_signed_in(client)
    assert stored(session, holder_with_passkey)[0].sign_count == 0
    assert stored(session, holder_with_passkey)[0].last_used_at is None


@pytest.mark.parametrize("where", [{"origin": "https://book.example.org.evil.test"},
                                   {"rp_id": "evil.test"}])
def test_a_sign_in_for_another_site_is_refused(holder_with_passkey, app, phone, session, where):
    client = app.test_client()
    response = passkey_sign_in(client, phone, **where)
    assert response.status_code == 400
    assert not is_signed_in(client)
    assert stored(session, holder_with_passkey)[0].sign_count == 0


def test_an_expired_challenge_is_refused(holder_with_passkey, app, phone, session, monkeypatch):
    client = app.test_client()
    options = client.post("/sign-in/passkey/options").get_json()
    later = utcnow() + timedelta(minutes=6)
    monkeypatch.setattr(record_book.accounts.passkeys, "utcnow", lambda: later)
    response = client.post("/sign-in/passkey", json={"credential": phone.get(options)})
    assert response.status_code == 400
    assert "took too long" in response.get_json()["problem"]
    assert not is_signed_in(client)
    assert stored(session, holder_with_passkey)[0].sign_count == 0


def test_a_counter_going_backwards_is_refused(holder_with_passkey, app, phone, session):
    assert passkey_sign_in(app.test_client(), phone).status_code == 200
    assert passkey_sign_in(app.test_client(), phone).status_code == 200
    assert stored(session, holder_with_passkey)[0].sign_count == 2
    copy = app.test_client()
    response = passkey_sign_in(copy, phone, sign_count=1)
    assert response.status_code == 400
    assert "copy" in response.get_json()["problem"]
    assert not is_signed_in(copy)
    assert stored(session, holder_with_passkey)[0].sign_count == 2
    # The same count again is no better.
    assert passkey_sign_in(app.test_client(), phone, sign_count=2).status_code == 400


def test_an_unknown_passkey_is_refused(rp, app, book):
    stranger = SoftAuthenticator(ORIGIN)
    stranger.create({"rp": {"id": RP_ID}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    client = app.test_client()
    response = passkey_sign_in(client, stranger)
    assert response.status_code == 400
    assert "not known here" in response.get_json()["problem"]


@pytest.mark.parametrize("bad", [None, "not json", {"id": "x"}, {"id": 1, "rawId": 2}])
def test_a_malformed_answer_is_refused(rp, app, bad):
    client = app.test_client()
    client.post("/sign-in/passkey/options")
    assert client.post("/sign-in/passkey", json={"credential": bad}).status_code == 400
    client.post("/sign-in/passkey/options")
    assert client.post("/sign-in/passkey", data="nonsense").status_code == 400


def test_registration_answers_that_are_wrong_add_nothing(rp, client, book, phone, session):
    sign_in(client, book.holder)
    # For another site.
    options = client.post("/account/passkeys/options").get_json()
    answer = phone.create(options, origin="https://evil.test")
    assert client.post("/account/passkeys", json={"credential": answer}).status_code == 400
    # Tampered: what the browser saw (challenge, origin) no longer matches. (With attestation
    # "none" nothing signs the new key itself: a key changed on the way fails at sign-in.)
    options = client.post("/account/passkeys/options").get_json()
    answer = tamper(phone.create(options), "clientDataJSON")
    assert client.post("/account/passkeys", json={"credential": answer}).status_code == 400
    # Not a registration at all.
    options = client.post("/account/passkeys/options").get_json()
    answer = phone.create(options)
    answer["response"]["attestationObject"] = answer["response"]["clientDataJSON"]
    assert client.post("/account/passkeys", json={"credential": answer}).status_code == 400
    # Replayed: a good answer, used twice.
    options = client.post("/account/passkeys/options").get_json()
    answer = phone.create(options)
    assert client.post("/account/passkeys", json={"credential": answer}).status_code == 200
    client.post("/account/passkeys/options")
    again = client.post("/account/passkeys", json={"credential": answer})
    assert again.status_code == 400
    assert len(stored(session, book.holder)) == 1


def test_rename_and_remove_with_the_last_way_in_kept(holder_with_passkey, client, session,
                                                     phone):
    passkey = stored(session, holder_with_passkey)[0]
    response = client.post(f"/account/passkeys/{passkey.id}/rename", data={"name": "  Old  Nokia "})
    assert response.status_code == 302
    assert stored(session, holder_with_passkey)[0].name == "Old Nokia"
    assert client.post(f"/account/passkeys/{passkey.id}/rename", data={"name": " "}
                       ).status_code == 400
    # With a password as well, the passkey may go.
    assert client.post(f"/account/passkeys/{passkey.id}/remove").status_code == 302
    assert stored(session, holder_with_passkey) == []


def test_the_last_way_in_cannot_be_removed(holder_with_passkey, client, session):
    # Remove the password first: then the passkey is the only way in.
    assert client.post("/account/password/remove").status_code == 302
    passkey = stored(session, holder_with_passkey)[0]
    response = client.post(f"/account/passkeys/{passkey.id}/remove")
    assert response.status_code == 400
    assert "cannot remove your last way to sign in" in response.text
    assert len(stored(session, holder_with_passkey)) == 1
    assert client.post("/account/password/remove").status_code == 404


def test_someone_elses_passkey_cannot_be_touched(holder_with_passkey, app, book, session):
    passkey = stored(session, holder_with_passkey)[0]
    other = sign_in(app.test_client(), book.second_holder)
    assert other.post(f"/account/passkeys/{passkey.id}/rename", data={"name": "x"}
                      ).status_code == 404
    assert other.post(f"/account/passkeys/{passkey.id}/remove").status_code == 404
    assert stored(session, holder_with_passkey)[0].name == "My phone"


def test_adding_or_removing_a_passkey_ends_other_sessions(rp, app, book, phone, session):
    here = sign_in(app.test_client(), book.holder)
    elsewhere = sign_in(app.test_client(), book.holder)
    assert add_passkey(here, phone).status_code == 200
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    elsewhere = sign_in(app.test_client(), book.holder)
    passkey = stored(session, book.holder)[0]
    assert here.post(f"/account/passkeys/{passkey.id}/remove").status_code == 302
    assert is_signed_in(here) and not is_signed_in(elsewhere)


def test_professionals_must_use_a_passkey(rp, app, book, phone, monkeypatch):
    monkeypatch.setitem(app.config, "DEMO_ACCOUNTS", True)
    client = sign_in(app.test_client(), book.professional)
    assert add_passkey(client, phone).status_code == 200
    monkeypatch.setitem(app.config, "DEMO_ACCOUNTS", False)
    refused = app.test_client().post("/sign-in", data={"username": "pat", "password": PASSWORD})
    assert refused.status_code == 400
    client = app.test_client()
    assert passkey_sign_in(client, phone).status_code == 200
    page = client.get("/account").text
    assert "Professionals and admins must sign in with a passkey." in page
    # A professional has no password to set or fall back on.
    assert client.post("/account/password", data={"password": "x" * 12,
                                                   "password_again": "x" * 12}
                       ).status_code == 404
    # Family members may still use a password.
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 302


def test_pages_say_plainly_that_passkeys_need_javascript(rp, client, book):
    page = client.get("/sign-in").text
    assert "<noscript>" in page and "Passkeys need JavaScript" in page
    assert "js/passkeys.js" in page and "<script>" not in page
    sign_in(client, book.holder)
    assert "Passkeys need JavaScript" in client.get("/account").text


def test_the_username_field_offers_passkeys_in_its_suggestions(rp, client):
    page = client.get("/sign-in").text
    # Browsers that can list passkeys under the username field look for this word.
    assert 'id="username" name="username" type="text" value="" ' \
           'autocomplete="username webauthn"' in page
    # passkeys.js finds the sign-in box and asks the same URLs as the button.
    assert 'data-passkey="sign-in" data-options-url="/sign-in/passkey/options" ' \
           'data-verify-url="/sign-in/passkey"' in page
    assert "js/passkeys.js" in page and "<script>" not in page
    # The password form is untouched: without JavaScript it is the way in.
    assert 'name="password" type="password" autocomplete="current-password"' in page


def test_only_the_newest_challenge_counts(holder_with_passkey, app, phone, session):
    """The autofill request asks for options as the page opens; the button, used instead, asks
    again. The first challenge is then gone, so an answer to it cannot sign anyone in."""
    client = app.test_client()
    autofill = client.post("/sign-in/passkey/options").get_json()
    button = client.post("/sign-in/passkey/options").get_json()
    assert autofill["challenge"] != button["challenge"]
    assert autofill.get("allowCredentials", []) == []
    stale = client.post("/sign-in/passkey", json={"credential": phone.get(autofill)})
    assert stale.status_code == 400
    assert not is_signed_in(client)
    # The refused answer used up the button's challenge too: the next try asks afresh.
    assert passkey_sign_in(client, phone).status_code == 200
    assert is_signed_in(client)


def test_the_json_posts_need_the_form_token(database_url, book):
    strict = create_app({"DATABASE_URL": database_url, "TESTING": True,
                         "WTF_CSRF_ENABLED": True, "SECRET_KEY": "x" * 40})
    client = strict.test_client()
    assert client.post("/sign-in/passkey/options").status_code == 400
    page = client.get("/sign-in").text
    token = page.split('data-csrf="')[1].split('"')[0]
    response = client.post("/sign-in/passkey/options", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert json.loads(response.data)["userVerification"] == "preferred"
