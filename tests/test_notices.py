"""Email notices: sent only when SMTP is set up, to those who gave an address, with nothing
from the book in them."""

from conftest import sign_in

import portal.sharing.notices
from record_book.book.model import Account
from record_book.sharing.model import Notification
from record_book.sharing.notices import notify_holders


class FakeSMTP:
    sent: list = []

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_a_person_can_give_and_remove_an_email_address(app, session, book):
    client = sign_in(app.test_client(), book.holder)
    bad = client.post("/account/email", data={"email": "not an address"}, follow_redirects=True)
    assert "Type an email address like name@example.com" in bad.text
    client.post("/account/email", data={"email": "sam@example.com"})
    session.expire_all()
    assert session.get(Account, book.holder.id).email == "sam@example.com"
    client.post("/account/email", data={"email": ""})
    session.expire_all()
    assert session.get(Account, book.holder.id).email is None


def test_notices_are_emailed_once_without_record_content(app, session, book, monkeypatch):
    monkeypatch.setattr(portal.sharing.notices.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    session.get(Account, book.holder.id).email = "sam@example.com"
    notify_holders(session, book.family.id, "new_request", {"request": 1})
    session.commit()
    config = {**app.config, "SMTP_HOST": "127.0.0.1"}
    with app.test_request_context():
        assert portal.sharing.notices.send_pending(session, config) == 1
        assert portal.sharing.notices.send_pending(session, config) == 0
    [message] = FakeSMTP.sent
    assert message["To"] == "sam@example.com"
    body = message.get_content()
    assert "Someone asked to see more of your book" in body
    assert "never has anything from your book" in body
    assert "Carter" not in body and "Carter" not in message["Subject"]
    # Lee gave no address: nothing is sent to them, and nothing is lost either.
    assert session.query(Notification).filter(Notification.emailed_at.is_(None)).count() == 1


def test_nothing_is_sent_without_smtp(app, session, book):
    with app.test_request_context():
        assert portal.sharing.notices.send_pending(session, app.config) == 0
