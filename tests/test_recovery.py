"""Recovery codes: ten, shown once, stored hashed, each working once."""

import re

from conftest import sign_in
from sqlalchemy import select

from portal import create_app
from record_book.accounts.model import RecoveryCode
from record_book.accounts.recovery import codes_left, new_codes, use_code

CODE = re.compile(r"<code>([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})</code>")


def make_codes(client) -> list[str]:
    page = client.post("/account/recovery-codes")
    assert page.status_code == 200
    assert "We will not show them again" in page.text
    return CODE.findall(page.text)


def test_ten_codes_shown_once_and_stored_hashed(app, client, book, session):
    sign_in(client, book.holder)
    assert "Make my recovery codes" in client.get("/account/recovery-codes").text
    codes = make_codes(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    hashes = session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(hashes) == 10
    assert not any(code.replace("-", "") in h for code in codes for h in hashes)
    # Afterwards the page only says how many are left; the codes are never shown again.
    page = client.get("/account/recovery-codes").text
    assert not CODE.search(page) and "10 recovery codes left" in page


def test_each_code_works_once(app, client, book, session):
    sign_in(client, book.holder)
    codes = make_codes(client)
    phone = app.test_client()
    response = phone.post("/sign-in/recovery", data={"username": "SAM", "code": codes[3].lower()})
    assert response.status_code == 302 and response.location.endswith("/account")
    assert phone.get("/account").status_code == 200
    session.expire_all()
    assert codes_left(session, book.holder) == 9
    again = app.test_client().post("/sign-in/recovery", data={"username": "sam",
                                                              "code": codes[3]})
    assert again.status_code == 400 and "used before" in again.text
    session.expire_all()
    assert codes_left(session, book.holder) == 9


def test_wrong_codes_and_other_peoples_codes_are_refused(app, client, book, session):
    sign_in(client, book.holder)
    codes = make_codes(client)
    for username, code in (("sam", "AAAA-BBBB-CCCC"), ("lee", codes[0]), ("nobody", codes[0]),
                           ("sam", ""), ("", codes[0])):
        response = app.test_client().post("/sign-in/recovery",
                                          data={"username": username, "code": code})
        assert response.status_code == 400
    session.expire_all()
    assert codes_left(session, book.holder) == 10


def test_new_codes_stop_the_old_ones(session, book):
    old = new_codes(session, book.holder)
    new = new_codes(session, book.holder)
    session.commit()
    assert use_code(session, "sam", old[0]) is None
    assert use_code(session, "sam", new[0]).id == book.holder.id


def test_professionals_get_back_in_through_their_admin_not_codes(app, book, session):
    client = sign_in(app.test_client(), book.professional)
    assert client.get("/account/recovery-codes").status_code == 404
    assert client.post("/account/recovery-codes").status_code == 404
    new_codes(session, book.professional)  # even if some existed
    assert use_code(session, "pat", "AAAA-BBBB-CCCC") is None


def test_recovery_is_rate_limited_per_account(database_url, book, session):
    limited = create_app({"DATABASE_URL": database_url, "TESTING": True,
                          "WTF_CSRF_ENABLED": False, "SECRET_KEY": "x" * 40,
                          "RATELIMIT_ENABLED": True, "RATE_LIMIT_PER_IP": "100 per minute",
                          "RATE_LIMIT_PER_ACCOUNT": "2 per minute"})
    codes = new_codes(session, book.holder)
    session.commit()
    for n in range(2):
        response = limited.test_client().post(
            "/sign-in/recovery", data={"username": "sam", "code": "AAAA-BBBB-CCCC"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
        assert response.status_code == 400
    # From yet another address, even the right code waits: the account is being guessed at.
    blocked = limited.test_client().post("/sign-in/recovery",
                                         data={"username": "sam", "code": codes[0]},
                                         environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert blocked.status_code == 429 and "too many tries" in blocked.text
    # Another account is not held up.
    assert limited.test_client().post("/sign-in/recovery",
                                      data={"username": "lee", "code": "AAAA-BBBB-CCCC"}
                                      ).status_code == 400
    session.expire_all()
    assert codes_left(session, book.holder) == 10
