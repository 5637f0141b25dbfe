"""A request commits once, or not at all; error pages never fail themselves; a button pressed
twice does its work once."""

import pytest
from conftest import PASSWORD, sign_in
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from portal import create_app
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.policy import reader_for

SORRY = "Sorry, something went wrong"


def _story_form(session, book, **changes):
    member = own_member_entry_id(session, reader_for(session, book.holder, book.family.id))
    return {"section": "story_so_far", "title": "Moving house", "category": "home",
            "text": "We moved.", "owner_member_id": str(member), "visibility": "family",
            **changes}


@pytest.fixture
def quiet_app(database_url):
    """An app that shows its own error pages, as in production (tests normally re-raise)."""
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "x" * 40,
                      "WTF_CSRF_ENABLED": False, "PROPAGATE_EXCEPTIONS": False})
    yield app
    app.extensions["db_engine"].dispose()


def _stories(session, book):
    session.expire_all()
    return session.scalars(select(Entry).where(Entry.family_id == book.family.id,
                                               Entry.kind == "story")).all()


def test_a_second_press_of_the_same_form_returns_the_first_result_and_saves_once(
        client, session, book):
    sign_in(client, book.holder)
    form = {**_story_form(session, book), "form_once": "one-press-of-save"}
    first = client.post(f"/families/{book.family.id}/new/story", data=form)
    second = client.post(f"/families/{book.family.id}/new/story", data=form)
    assert first.status_code == 302 and second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert len(_stories(session, book)) == 1
    # A new form (a new token) is a new entry.
    client.post(f"/families/{book.family.id}/new/story", data={**form, "form_once": "again"})
    assert len(_stories(session, book)) == 2


def test_a_form_sent_back_with_a_problem_goes_through_once_put_right(client, session, book):
    sign_in(client, book.holder)
    form = {**_story_form(session, book), "form_once": "put-right"}
    wrong = client.post(f"/families/{book.family.id}/new/story", data={**form, "title": ""})
    assert wrong.status_code == 400 and _stories(session, book) == []
    right = client.post(f"/families/{book.family.id}/new/story", data=form)
    assert right.status_code == 302 and len(_stories(session, book)) == 1


def test_someone_elses_form_token_does_nothing(app, session, book):
    first, other = app.test_client(), app.test_client()
    sign_in(first, book.holder)
    sign_in(other, book.second_holder)
    form = {**_story_form(session, book), "form_once": "not-yours"}
    assert first.post(f"/families/{book.family.id}/new/story", data=form).status_code == 302
    answer = other.post(f"/families/{book.family.id}/new/story", data=form)
    assert answer.status_code == 400 and "Sorry, we could not use what was sent" in answer.text
    assert len(_stories(session, book)) == 1


def test_every_form_carries_a_one_time_token(client, book):
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/new/story").text
    assert page.count('name="form_once"') == page.count('name="csrf_token"') >= 1


def test_the_error_page_renders_even_when_the_session_is_broken(quiet_app, book, monkeypatch):
    client = quiet_app.test_client()
    client.post("/sign-in", data={"username": book.holder.username, "password": PASSWORD})

    def broken(*_args, **_kwargs):
        raise RuntimeError("something in the page broke")

    def cannot_roll_back(_self):
        raise OperationalError("ROLLBACK", {}, Exception("server closed the connection"))

    monkeypatch.setattr("record_book.reading.home", broken)
    monkeypatch.setattr("sqlalchemy.orm.Session.rollback", cannot_roll_back)
    response = client.get(f"/families/{book.family.id}/")
    monkeypatch.undo()
    assert response.status_code == 500
    assert SORRY in response.text and "Traceback" not in response.text
    assert "Internal Server Error" not in response.text


def test_a_commit_and_rollback_that_both_fail_give_the_plain_try_again_page(
        quiet_app, session, book, monkeypatch):
    client = quiet_app.test_client()
    client.post("/sign-in", data={"username": book.holder.username, "password": PASSWORD})

    def the_database_restarts(_self):
        raise OperationalError("COMMIT", {}, Exception("the database system is starting up"))

    monkeypatch.setattr("sqlalchemy.orm.Session.commit", the_database_restarts)
    monkeypatch.setattr("sqlalchemy.orm.Session.rollback", the_database_restarts)
    response = client.post(f"/families/{book.family.id}/new/story",
                           data=_story_form(session, book, title="Never half-saved"))
    monkeypatch.undo()
    assert response.status_code == 503
    assert "Sorry, we cannot load this right now" in response.text
    assert _stories(session, book) == []


def test_a_request_that_cannot_be_used_gets_a_plain_400_page(client, session, book):
    sign_in(client, book.holder)
    entry = client.post(f"/families/{book.family.id}/new/story", data=_story_form(session, book))
    entry_id = entry.headers["Location"].rsplit("-", 1)[1]
    answer = client.post(f"/families/{book.family.id}/entries/{entry_id}/edit",
                         data={**_story_form(session, book), "base_version": "not a number"})
    assert answer.status_code == 400
    assert "Sorry, we could not use what was sent" in answer.text
    assert "Bad Request" not in answer.text
