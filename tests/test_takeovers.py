"""The takeovers from issue 15, replayed step by step. Each fails at the step that must fail, and
the notices that must go out do.

1. A portal admin presses "New set-up code" for the family's advocate to claim it themselves.
2. The advocate makes a re-join code for the holder and claims it themselves.
"""

import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, log_rows, seen, sign_in
from sqlalchemy import select

import portal.sharing.notices
import record_book.accounts.invitations
from record_book.accounts.accounts import create_account
from record_book.accounts.model import Invitation, SetUpRequest
from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.sharing.model import Notification

CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")


class Outbox:
    """Stands in for smtplib.SMTP, as tests/test_notices.py does: every message is kept."""

    sent: list = []

    def __init__(self, host, port, timeout):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        Outbox.sent.append(message)


@pytest.fixture
def outbox(app, monkeypatch):
    monkeypatch.setattr(portal.sharing.notices.smtplib, "SMTP", Outbox)
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    Outbox.sent = []
    return Outbox.sent


def to(outbox, address):
    return [m for m in outbox if m["To"] == address]


def later(monkeypatch, hours):
    moment = utcnow() + timedelta(hours=hours)
    monkeypatch.setattr(record_book.accounts.invitations, "utcnow", lambda: moment)


def actions(session, family_id):
    session.expire_all()
    return [(row.action, row.actor_id) for row in log_rows(session, family_id)]


@pytest.fixture
def two_admins(session, book):
    first = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    second = create_account(session, "root2", "Rae Admin", "portal_admin", PASSWORD)
    session.get(Account, book.advocate.id).email = "ava@example.org"
    session.commit()
    return first, second


def test_an_admin_cannot_become_the_advocate(app, session, book, two_admins, outbox):
    first, second = two_admins
    admin = sign_in(app.test_client(), first)
    # Step 1: "New set-up code" for the advocate, who already has a way in.
    response = admin.post(f"/admin/accounts/{book.advocate.id}/set-up-code")
    assert response.status_code == 302
    page = admin.get(response.location).text
    # ... must not give the admin a code: none on the page, none made yet.
    assert not CODE.search(page) and "You will not see it" in page
    assert session.scalars(select(Invitation).where(Invitation.kind == "setup")).all() == []
    # The advocate is told at their own address, and the family is told and logged.
    [told] = to(outbox, "ava@example.org")
    assert "Robin Admin" in told.get_content() and not CODE.search(told.get_content())
    assert ("setup_asked", first.id) in actions(session, book.family.id)
    holders_told = session.scalars(select(Notification.account_id).where(
        Notification.kind == "setup_asked")).all()
    assert sorted(holders_told) == sorted([book.holder.id, book.second_holder.id])
    holder = sign_in(app.test_client(), book.holder)
    log = seen(holder.get(f"/families/{book.family.id}/access-log").text)
    assert "Robin Admin, an admin, asked" in log and "Ava Advocate" in log
    # Step 2: the same admin agrees to their own request: refused.
    assert "Approve" not in page and "I agree" not in page
    mine = session.scalar(select(SetUpRequest.id))
    refused = admin.post(f"/admin/set-up-requests/{mine}/agree")
    assert refused.status_code == 400 and "Another admin has to agree" in refused.text
    assert session.scalars(select(Invitation).where(Invitation.kind == "setup")).all() == []
    # Step 3: a second admin agrees; the code goes to the advocate's own email, and only there.
    other = sign_in(app.test_client(), second)
    waiting = other.get("/admin/").text
    assert "I agree: email Ava Advocate a code" in waiting
    agreed = other.post(f"/admin/set-up-requests/{mine}/agree")
    assert agreed.status_code == 302
    assert not CODE.search(other.get(agreed.location).text)
    code_mail = to(outbox, "ava@example.org")[-1]
    assert CODE.search(code_mail.get_content())
    assert ("setup_sent", second.id) in actions(session, book.family.id)
    # Nothing is waiting any more, for either admin.
    assert "I agree" not in other.get("/admin/").text
    assert other.post(f"/admin/set-up-requests/{mine}/agree").status_code == 404


def test_no_code_for_someone_with_a_way_in_and_no_email(app, session, book, two_admins,
                                                       outbox):
    first, _second = two_admins
    admin = sign_in(app.test_client(), first)
    response = admin.post(f"/admin/accounts/{book.professional.id}/set-up-code")
    assert response.status_code == 400 and "have not given one" in response.text
    assert not CODE.search(response.text)
    assert session.scalars(select(SetUpRequest)).all() == [] and outbox == []


def test_no_code_without_email_set_up(app, session, book, two_admins):
    first, _second = two_admins
    response = sign_in(app.test_client(), first).post(
        f"/admin/accounts/{book.advocate.id}/set-up-code")
    assert response.status_code == 400 and "cannot send email" in response.text
    assert not CODE.search(response.text)


def test_an_organisation_admin_asks_and_a_portal_admin_agrees(app, session, book, two_admins,
                                                              outbox):
    first, _second = two_admins
    from record_book.accounts.invitations import verify_account

    org_admin = create_account(session, "oa", "Olive Admin", "org_admin", PASSWORD,
                               book.professional.organisation)
    verify_account(session, org_admin, first)
    session.get(Account, book.professional.id).email = "pat@example.org"
    session.commit()
    olive = sign_in(app.test_client(), org_admin)
    assert olive.post(f"/admin/accounts/{book.professional.id}/set-up-code").status_code == 302
    assert "I agree" not in olive.get("/admin/").text
    robin = sign_in(app.test_client(), first)
    request_id = session.scalar(select(SetUpRequest.id))
    assert robin.post(f"/admin/set-up-requests/{request_id}/agree").status_code == 302
    assert CODE.search(to(outbox, "pat@example.org")[-1].get_content())


def test_the_advocate_cannot_take_over_the_holder(app, session, book, outbox, monkeypatch):
    session.get(Account, book.holder.id).email = "sam@example.com"
    session.commit()
    holders_phone = sign_in(app.test_client(), book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    # Step 1: the advocate makes a re-join code for the holder.
    page = advocate.post(f"/families/{book.family.id}/rejoin",
                         data={"holder": str(book.holder.id)})
    assert page.status_code == 200 and "starts working on" in page.text
    code = CODE.search(page.text).group(1)
    # Step 2: and claims it at once on their own: refused, it waits 72 hours.
    thief = app.test_client()
    claim = thief.post("/join", data={"code": code})
    assert claim.status_code == 400 and "This code starts working on" in claim.text
    later(monkeypatch, 71)
    assert thief.post("/join", data={"code": code}).status_code == 400
    # Meanwhile the holder's old ways in keep working ...
    assert holders_phone.get("/account").status_code == 200
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 302
    # ... and every holder is told, in the book and by email to whoever gave an address.
    told = session.scalars(select(Notification.account_id).where(
        Notification.kind == "rejoin_issued")).all()
    assert sorted(told) == sorted([book.holder.id, book.second_holder.id])
    with app.test_request_context():
        portal.sharing.notices.send_pending(session, app.config)
    [mail] = to(outbox, "sam@example.com")
    assert "new way into your book" in mail.get_content()
    home = holders_phone.get(f"/families/{book.family.id}/").text
    assert "Someone is getting a new way into this book" in home and "Stop this code" in home
    # Step 3: any holder stops it; neither the advocate nor the young person can.
    invitation_id = session.scalar(select(Invitation.id).where(Invitation.kind == "rejoin"))
    stop = f"/families/{book.family.id}/rejoin/{invitation_id}/stop"
    for someone in (book.advocate, book.young):
        assert sign_in(app.test_client(), someone).post(stop).status_code == 404
    lee = sign_in(app.test_client(), book.second_holder)
    assert lee.post(stop).status_code == 302
    assert lee.post(stop).status_code == 404
    later(monkeypatch, 73)
    refused = thief.post("/join", data={"code": code})
    assert refused.status_code == 400 and "stopped that code" in refused.text
    assert holders_phone.get("/account").status_code == 200
    # Each step is in the family's log under the name of whoever did it.
    steps = [step for step in actions(session, book.family.id) if step[0].startswith("rejoin")]
    assert sorted(steps) == [("rejoin", book.advocate.id),
                             ("rejoin_stop", book.second_holder.id)]
    log = seen(holders_phone.get(f"/families/{book.family.id}/access-log").text)
    assert "Ava Advocate (Riverside School) made a code" in log
    assert "Lee Carter stopped a code" in log


def test_after_the_wait_the_new_way_in_replaces_the_old(app, session, book, monkeypatch):
    holders_phone = sign_in(app.test_client(), book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    page = advocate.post(f"/families/{book.family.id}/rejoin",
                         data={"holder": str(book.holder.id)})
    code = CODE.search(page.text).group(1)
    later(monkeypatch, 73)
    client = app.test_client()
    assert client.post("/join", data={"code": code}).status_code == 302
    new_password = "a new password after the wait"
    assert client.post("/join/set-up", data={"password": new_password,
                                             "password_again": new_password}
                       ).status_code == 302
    assert holders_phone.get("/account").status_code == 302
    assert app.test_client().post("/sign-in", data={"username": "sam", "password": PASSWORD}
                                  ).status_code == 400
    assert ("rejoined", book.holder.id) in actions(session, book.family.id)
    told = session.scalars(select(Notification.account_id).where(
        Notification.kind == "rejoin_used")).all()
    assert sorted(told) == sorted([book.holder.id, book.second_holder.id])
