"""Invitations: a professional starts a book that the family owns from the first minute; holders
invite another holder or a young person; the advocate helps a holder who lost every way in.
Expired, used and guessed codes are refused, and nothing changes.
"""

import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, log_rows, sign_in
from sqlalchemy import func, select
from webauthn_authenticator import SoftAuthenticator

from portal import create_app
from record_book.accounts.accounts import create_account, find_account
from record_book.accounts.invitations import (
    ALPHABET,
    InvitationRefused,
    claim,
    code_hash,
    invite_to_join,
    invite_to_start_book,
    verify_account,
)
from record_book.accounts.model import Invitation, Passkey
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account, Family, Membership
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.model import Notification

CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")
NEW_PASSWORD = "our new family password"


def code_on(page: str) -> str:
    return CODE.search(page).group(1)


def count(session, model, *where):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def verified(session, book):
    verify_account(session, book.professional, None)
    session.commit()
    return book.professional


def start_book(app, professional) -> str:
    client = sign_in(app.test_client(), professional)
    page = client.post("/start-a-book", data={"book_title": "The Khan family"})
    assert page.status_code == 200, page.text[:300]
    assert "data:image/svg+xml" in page.text  # the QR code, inline
    assert "We will not show this code again" in page.text
    return code_on(page.text)


def open_code(client, code):
    return client.post("/join", data={"code": code})


def claim_with_password(client, code, advocate="yes", username="amira"):
    assert open_code(client, code).status_code == 302
    return client.post("/join/set-up", data={
        "display_name": "Amira Khan", "username": username, "relationship": "Mum",
        "book_title": "The Khan family", "advocate": advocate,
        "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})


def test_a_code_is_short_unambiguous_grouped_and_stored_hashed(app, verified, session):
    code = start_book(app, verified)
    letters = code.replace("-", "")
    assert len(letters) == 10 and all(ch in ALPHABET for ch in letters)
    assert not set("01OIL") & set(letters)
    invitation = session.scalars(select(Invitation)).one()
    assert invitation.code_hash == code_hash(code) and letters not in invitation.code_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert invitation.family_id is None and invitation.kind == "start_book"


def test_a_family_claims_the_book_and_chooses_its_advocate(app, verified, session):
    families_before = count(session, Family)
    code = start_book(app, verified)
    # Until it is claimed there is no book, so the professional has nothing to write in.
    assert count(session, Family) == families_before
    family_phone = app.test_client()
    # Small letters and spaces work too.
    response = claim_with_password(family_phone, code.lower().replace("-", " "))
    assert response.status_code == 302 and response.location.endswith("/account/recovery-codes")
    amira = find_account(session, "amira")
    assert amira.kind == "family"
    family = session.scalars(select(Family).where(Family.title == "The Khan family")).one()
    roles = dict(session.execute(select(Membership.account_id, Membership.role)
                                 .where(Membership.family_id == family.id)).all())
    assert roles == {amira.id: "holder", verified.id: "advocate"}
    assert family_phone.get(f"/families/{family.id}/").status_code == 200
    pro = sign_in(app.test_client(), verified)
    assert pro.get(f"/families/{family.id}/").status_code == 200
    # The advocate sees nothing the family has not shared.
    holder = reader_for(session, amira, family.id)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Leaving home", "text": "We left.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    assert "Leaving home" not in pro.get(f"/families/{family.id}/story").text
    assert pro.get(f"/families/{family.id}/entries/{entry.id}").status_code == 404
    # The code page of the professional says what happened, and nothing of the book.
    assert "chose you as advocate" in pro.get("/start-a-book").text


def test_a_family_may_refuse_the_professional(app, verified, session):
    code = start_book(app, verified)
    assert claim_with_password(app.test_client(), code, advocate="no").status_code == 302
    family = session.scalars(select(Family).where(Family.title == "The Khan family")).one()
    assert count(session, Membership, Membership.family_id == family.id) == 1
    pro = sign_in(app.test_client(), verified)
    assert pro.get(f"/families/{family.id}/").status_code == 404


def test_claiming_with_a_passkey(app, verified, session, monkeypatch):
    monkeypatch.setitem(app.config, "RP_ID", "book.example.org")
    monkeypatch.setitem(app.config, "ORIGIN", "https://book.example.org")
    code = start_book(app, verified)
    phone = SoftAuthenticator("https://book.example.org")
    client = app.test_client()
    open_code(client, code)
    fields = {"display_name": "Amira Khan", "username": "amira", "relationship": "Mum",
              "advocate": "yes"}
    missing = client.post("/join/passkey/options", json={"fields": {**fields, "username": ""}})
    assert missing.status_code == 400 and "username" in missing.get_json()["problems"]
    options = client.post("/join/passkey/options", json={"fields": fields}).get_json()
    response = client.post("/join/passkey", json={"credential": phone.create(options)})
    assert response.status_code == 200, response.get_json()
    amira = find_account(session, "amira")
    assert amira.password_hash is None
    assert count(session, Passkey, Passkey.account_id == amira.id) == 1
    # Signed in now; and later with the passkey, no username typed.
    assert client.get("/account").status_code == 200
    later = app.test_client()
    options = later.post("/sign-in/passkey/options").get_json()
    assert later.post("/sign-in/passkey", json={"credential": phone.get(options)}
                      ).status_code == 200


def test_a_used_code_is_refused(app, verified, session):
    code = start_book(app, verified)
    assert claim_with_password(app.test_client(), code).status_code == 302
    accounts = count(session, Account)
    again = open_code(app.test_client(), code)
    assert again.status_code == 400 and "used already" in again.text
    assert count(session, Account) == accounts


def test_a_code_used_meanwhile_is_refused_at_the_last_step(app, verified, session):
    code = start_book(app, verified)
    slow = app.test_client()
    assert open_code(slow, code).status_code == 302
    assert claim_with_password(app.test_client(), code).status_code == 302
    accounts, families = count(session, Account), count(session, Family)
    response = slow.post("/join/set-up", data={
        "display_name": "Someone", "username": "someone", "relationship": "Dad",
        "advocate": "yes", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/join")
    assert "used already" in slow.get("/join").text
    assert (count(session, Account), count(session, Family)) == (accounts, families)


def test_an_expired_code_is_refused(app, verified, session):
    code = start_book(app, verified)
    invitation = session.scalars(select(Invitation)).one()
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    families = count(session, Family)
    response = open_code(app.test_client(), code)
    assert response.status_code == 400 and "too old" in response.text
    assert count(session, Family) == families


@pytest.mark.parametrize("guess", ["AAAAA-AAAAA", "", "short", "0OIL1-0OIL1", "ABCDE-FGHJK-M"])
def test_a_guessed_code_is_refused(app, verified, guess):
    start_book(app, verified)
    response = open_code(app.test_client(), guess)
    assert response.status_code == 400 and "We do not know that code" in response.text


def test_an_unverified_professional_cannot_start_a_book(app, book, session):
    client = sign_in(app.test_client(), book.professional)
    page = client.get("/start-a-book")
    assert "has not been checked yet" in page.text and "book_title" not in page.text
    assert client.post("/start-a-book", data={"book_title": "X"}).status_code == 400
    assert count(session, Invitation) == 0
    family = sign_in(app.test_client(), book.holder)
    assert family.get("/start-a-book").status_code == 404


def test_a_holder_invites_another_holder_and_a_young_person(app, book, session):
    holder = sign_in(app.test_client(), book.holder)
    url = f"/families/{book.family.id}/invite"
    assert holder.get(url).status_code == 200
    page = holder.post(url, data={"role": "holder"})
    assert page.status_code == 200
    assert claim_with_password(app.test_client(), code_on(page.text), username="dee"
                               ).status_code == 302
    dee = find_account(session, "dee")
    assert reader_for(session, dee, book.family.id).role == "holder"
    # A young person: only once the holder says they are 12 or older.
    refused = holder.post(url, data={"role": "young_person"})
    assert refused.status_code == 400 and "from the age of 12" in refused.text
    page = holder.post(url, data={"role": "young_person", "twelve_or_older": "yes"})
    assert claim_with_password(app.test_client(), code_on(page.text), username="kai"
                               ).status_code == 302
    assert reader_for(session, find_account(session, "kai"), book.family.id).role == "young_person"
    # Only a holder invites.
    young = sign_in(app.test_client(), book.young)
    assert young.get(url).status_code == 404
    assert young.post(url, data={"role": "holder"}).status_code == 404


def test_a_child_under_12_cannot_be_invited(app, book, session):
    holder = reader_for(session, book.holder, book.family.id)
    child = add_entry(session, holder, "member", {
        "name": "Tia", "relationship": "daughter", "age": "9", "lives": "with_us",
        "category": "family_life", "owner_member_id": ""})
    session.commit()
    from record_book.accounts.invitations import InvitationRefused

    with pytest.raises(InvitationRefused) as refused:
        invite_to_join(session, holder, "young_person", child.id, True)
    assert refused.value.reason == "too_young"
    client = sign_in(app.test_client(), book.holder)
    response = client.post(f"/families/{book.family.id}/invite",
                           data={"role": "young_person", "member": str(child.id),
                                 "twelve_or_older": "yes"})
    assert response.status_code == 400
    session.rollback()
    assert count(session, Invitation) == 0


def test_the_advocate_helps_a_holder_back_in(app, book, session, monkeypatch):
    monkeypatch.setitem(app.config, "RP_ID", "book.example.org")
    monkeypatch.setitem(app.config, "ORIGIN", "https://book.example.org")
    old_phone = sign_in(app.test_client(), book.holder)
    url = f"/families/{book.family.id}/rejoin"
    advocate = sign_in(app.test_client(), book.advocate)
    assert advocate.get(url).status_code == 200
    page = advocate.post(url, data={"holder": str(book.holder.id)})
    assert page.status_code == 200
    code = code_on(page.text)
    # During the wait the old ways in go on working (tests/test_takeovers.py has the wait).
    assert old_phone.get("/account").status_code == 200
    # It is in the family's access log, and every holder is told.
    rows = [r for r in log_rows(session, book.family.id) if r.action == "rejoin"]
    assert len(rows) == 1 and rows[0].actor_id == book.advocate.id
    assert rows[0].details["account_id"] == book.holder.id
    told = session.scalars(select(Notification.account_id)
                           .where(Notification.kind == "rejoin_issued")).all()
    assert sorted(told) == sorted([book.holder.id, book.second_holder.id])
    after_the_wait(monkeypatch)
    # The holder adds a new passkey; the old password stops working, and so do old sessions.
    phone = SoftAuthenticator("https://book.example.org")
    client = app.test_client()
    open_code(client, code)
    setup = client.get("/join/set-up")
    assert "Your old ways to sign in will stop working" in setup.text
    options = client.post("/join/passkey/options", json={"fields": {}}).get_json()
    assert options["user"]["name"] == "sam"
    response = client.post("/join/passkey", json={"credential": phone.create(options)})
    assert response.status_code == 200, response.get_json()
    assert client.get(f"/families/{book.family.id}/").status_code == 200
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 400
    assert old_phone.get("/account").status_code == 302
    # Only an advocate can do this.
    for person in (book.holder, book.second_holder, book.young, book.professional):
        other = sign_in(app.test_client(), person) if person is not book.holder else client
        assert other.get(url).status_code == 404


def after_the_wait(monkeypatch, hours=73):
    import record_book.accounts.invitations

    moment = utcnow() + timedelta(hours=hours)
    monkeypatch.setattr(record_book.accounts.invitations, "utcnow", lambda: moment)


def test_a_rejoin_code_with_a_new_password(app, book, session, monkeypatch):
    advocate = sign_in(app.test_client(), book.advocate)
    page = advocate.post(f"/families/{book.family.id}/rejoin",
                         data={"holder": str(book.holder.id)})
    after_the_wait(monkeypatch)
    client = app.test_client()
    open_code(client, code_on(page.text))
    response = client.post("/join/set-up", data={"password": NEW_PASSWORD,
                                                 "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 400
    assert app.test_client().post("/sign-in", data={"username": "sam",
                                                    "password": NEW_PASSWORD}).status_code == 302


def test_the_advocate_cannot_pick_someone_who_is_not_a_holder(app, book, session):
    advocate = sign_in(app.test_client(), book.advocate)
    for target in (book.young, book.other_holder, book.advocate):
        response = advocate.post(f"/families/{book.family.id}/rejoin",
                                 data={"holder": str(target.id)})
        assert response.status_code == 400
    assert count(session, Invitation) == 0
    assert [r for r in log_rows(session, book.family.id) if r.action == "rejoin"] == []


def test_claims_are_rate_limited_with_a_plain_message(database_url, book):
    limited = create_app({"DATABASE_URL": database_url, "TESTING": True,
                          "WTF_CSRF_ENABLED": False, "SECRET_KEY": "x" * 40,
                          "RATELIMIT_ENABLED": True, "RATE_LIMIT_PER_IP": "3 per minute",
                          "RATE_LIMIT_PER_ACCOUNT": "100 per minute"})
    client = limited.test_client()
    for guess in ("AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC"):
        assert client.post("/join", data={"code": guess}).status_code == 400
    blocked = client.post("/join", data={"code": "DDDDD-DDDDD"})
    assert blocked.status_code == 429
    assert "too many tries" in blocked.text and "Wait 1 minute," in blocked.text
    # Another address is not held up.
    other = client.post("/join", data={"code": "EEEEE-EEEEE"},
                        environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 400


def test_only_a_familys_own_account_starts_or_joins_a_book_with_a_code(app, book, verified,
                                                                        session):
    # A professional or an admin who got hold of a family's code is not let in as its member.
    holder = reader_for(session, book.holder, book.family.id)
    joining, _code = invite_to_join(session, holder, "holder", None, False)
    starting, _code = invite_to_start_book(session, verified, "The Khan family")
    admin = create_account(session, "pa", "Portal Admin", "portal_admin", PASSWORD)
    session.commit()
    for invitation in (joining, starting):
        for outsider in (book.professional, admin):
            with pytest.raises(InvitationRefused) as refused:
                claim(session, invitation, outsider)
            assert refused.value.args[0] == "wrong_account"
            session.rollback()
    assert session.get(Invitation, joining.id).claimed_at is None
    assert reader_for(session, book.professional, book.family.id).role is None
    # The family's own new account may.
    family_account = create_account(session, "dee", "Dee Carter", "family", PASSWORD)
    assert claim(session, joining, family_account).id == book.family.id
    assert reader_for(session, family_account, book.family.id).role == "holder"
