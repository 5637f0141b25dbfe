"""Never lose typing at a time-out: the words are kept on the server for that person alone,
offered back after the next sign-in, saved through their own form, and erased with the book."""

import re
from datetime import timedelta

from conftest import sign_in
from sqlalchemy import func, select

import portal.accounts.sessions
from record_book.accounts.drafts import Draft
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.clock import utcnow
from record_book.data_rights.erasure import ask_to_delete, erase_due_books
from record_book.data_rights.export import export_family
from record_book.policy import reader_for

STORY = ("We moved to the flat on Mill Lane in March. The landlord has not fixed the damp in "
         "Mia's room and I have asked three times.")


def later(monkeypatch, minutes: float):
    moment = utcnow() + timedelta(minutes=minutes)
    monkeypatch.setattr(portal.accounts.sessions, "utcnow", lambda: moment)


def story_form(session, book) -> dict:
    reader = reader_for(session, book.holder, book.family.id)
    return {"section": "story_so_far", "title": "Moving house", "text": STORY,
            "category": "home", "owner_member_id": str(own_member_entry_id(session, reader)),
            "visibility": "family"}


def test_a_form_sent_after_the_time_out_is_kept_and_offered_back_after_signing_in(
        app, client, session, book, monkeypatch):
    sign_in(client, book.holder)
    path = f"/families/{book.family.id}/new/story"
    assert client.get(path).status_code == 200
    later(monkeypatch, 16)
    sent = client.post(path, data=story_form(session, book))
    assert sent.status_code == 302 and sent.location.endswith("/sign-in")
    assert "We kept what you typed" in client.get("/sign-in").text
    assert session.scalar(select(func.count()).select_from(Entry).where(
        Entry.family_id == book.family.id, Entry.kind == "story")) == 0
    monkeypatch.undo()

    first = sign_in(client, book.holder).get("/")
    assert first.location.endswith("/drafts")
    offer = client.get("/drafts").text
    assert STORY.replace("'", "&#39;") in offer and f'action="{path}"' in offer
    draft_id = re.search(r'name="draft_id" value="(\d+)"', offer).group(1)

    saved = client.post(path, data={**story_form(session, book), "draft_id": draft_id})
    assert saved.status_code == 302
    assert session.scalar(select(func.count()).select_from(Entry).where(
        Entry.family_id == book.family.id, Entry.kind == "story")) == 1
    assert session.scalar(select(func.count()).select_from(Draft)) == 0
    assert client.get("/").location.endswith(f"/families/{book.family.id}/")


def test_the_page_sends_its_typing_in_the_last_seconds_and_is_signed_out(app, client, session,
                                                                         book):
    sign_in(client, book.young)
    sent = client.post("/session/time-out", json={
        "form_path": f"/families/{book.family.id}/new/story", "page_title": "Add to our story",
        "fields": [["title", "Just for me"], ["text", "Something private."],
                   ["visibility", "private"]],
        "labels": {"text": "What happened"}})
    assert sent.status_code == 200 and sent.json["redirect"] == "/session/timed-out"
    assert client.get("/account").status_code == 302
    draft = session.scalar(select(Draft))
    assert draft.account_id == book.young.id and draft.family_id == book.family.id
    assert draft.labels == {"text": "What happened"}


def test_a_draft_is_offered_only_to_the_person_who_typed_it(app, client, session, book):
    sign_in(client, book.young)
    client.post("/session/time-out", json={
        "form_path": f"/families/{book.family.id}/new/story", "page_title": "Add to our story",
        "fields": [["text", "Something private."]], "labels": {}})
    draft = session.scalar(select(Draft))
    holder = sign_in(app.test_client(), book.holder)
    assert holder.get("/").location.endswith(f"/families/{book.family.id}/")
    assert "Something private" not in holder.get("/drafts", follow_redirects=True).text
    assert holder.post(f"/drafts/{draft.id}/throw-away").status_code == 404
    assert session.scalar(select(func.count()).select_from(Draft)) == 1
    # Not in the holder's copy of the book either.
    assert "drafts" not in export_family(session, book.family.id)["tables"]


def test_an_empty_form_keeps_nothing_and_a_thrown_away_draft_goes(app, client, session, book):
    sign_in(client, book.holder)
    client.post("/session/time-out", json={"form_path": "/families/1/new/story",
                                           "fields": [["text", "   "]], "labels": {}})
    assert session.scalar(select(func.count()).select_from(Draft)) == 0
    sign_in(client, book.holder)
    client.post("/session/time-out", json={"form_path": f"/families/{book.family.id}/new/story",
                                           "fields": [["text", "Keep me"]], "labels": {}})
    sign_in(client, book.holder)
    draft = session.scalar(select(Draft))
    assert client.post(f"/drafts/{draft.id}/throw-away").status_code == 302
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Draft)) == 0


def test_drafts_are_erased_with_the_book(app, client, session, book):
    sign_in(client, book.young)
    client.post("/session/time-out", json={"form_path": "/account", "fields": [["x", "outside"]],
                                           "labels": {}})
    sign_in(client, book.holder)
    client.post("/session/time-out", json={"form_path": f"/families/{book.family.id}/new/story",
                                           "fields": [["text", "In the book"]], "labels": {}})
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Draft)) == 2
    ask_to_delete(session, reader_for(session, book.holder, book.family.id))
    session.commit()
    erase_due_books(session, utcnow() + timedelta(days=15))
    session.commit()
    assert session.scalar(select(func.count()).select_from(Draft)) == 0


def test_a_draft_is_kept_30_days_then_no_longer_offered_and_removed(session, book):
    from record_book.accounts import drafts

    kept = drafts.keep(session, book.holder.id, book.family.id, "/families/1/new/story",
                       "Add to our story", [("text", "Old words")])
    session.commit()
    assert drafts.waiting(session, book.holder.id) == [kept]
    later = utcnow() + timedelta(days=drafts.DRAFT_DAYS, minutes=1)
    assert drafts.waiting(session, book.holder.id, later) == []
    assert drafts.own_draft(session, book.holder.id, kept.id, later) is None
    assert drafts.remove_expired(session, later) == 1
