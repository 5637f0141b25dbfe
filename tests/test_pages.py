"""The book's pages, as a family member uses them: good input, bad input, and other people's ids."""

import re

from conftest import sign_in
from test_markup_everywhere import running_code

from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.policy import readable_entries, reader_for


def member_id(session, book):
    return own_member_entry_id(session, reader_for(session, book.holder, book.family.id))


def story_form(session, book, **changes):
    form = {"section": "story_so_far", "title": "Moving house", "text": "We moved.\nIt was hard.",
            "category": "home", "owner_member_id": str(member_id(session, book)),
            "visibility": "family"}
    form.update(changes)
    return form


def test_signing_in_lands_on_the_family_home_page(client, book):
    response = sign_in(client, book.holder).get("/", follow_redirects=True)
    assert response.status_code == 200
    assert "The Carter family book" in response.text
    assert "Read this first" in response.text


def test_a_wrong_password_says_so_plainly(client, book):
    response = client.post("/sign-in", data={"username": "sam", "password": "nope"})
    assert response.status_code == 400
    assert "The username or password is not right" in response.text


def test_a_story_section_with_any_script_is_saved_and_shown(client, session, book):
    sign_in(client, book.holder)
    text = "ہم نے نیا گھر ڈھونڈ لیا 🎉\nZażółć gęślą jaźń"
    response = client.post(f"/families/{book.family.id}/new/story",
                           data=story_form(session, book, text=text))
    assert response.status_code == 302
    page = client.get(f"/families/{book.family.id}/story").text
    assert "ہم نے نیا گھر ڈھونڈ لیا 🎉<br>Zażółć gęślą jaźń" in page


def test_markup_typed_into_any_field_is_neutralised(client, session, book):
    sign_in(client, book.holder)
    client.post(f"/families/{book.family.id}/new/story", data=story_form(
        session, book, title='<img src=x onerror="alert(1)">Our <b>move</b>',
        text="<script>alert('x')</script><strong>Bold</strong> words"))
    page = client.get(f"/families/{book.family.id}/story").text
    assert running_code(page) == []
    assert "<strong>Bold</strong> words" in page
    # The title is plain text: what was typed is shown, as text.
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;Our &lt;b&gt;move&lt;/b&gt;" in page


def test_bad_input_keeps_what_was_typed_and_explains_beside_the_field(client, session, book):
    sign_in(client, book.holder)
    response = client.post(f"/families/{book.family.id}/new/event", data={
        "title": "Moved to Elm Road", "date-day": "31", "date-month": "2", "date-year": "2021",
        "event_type": "housing", "category": "home",
        "owner_member_id": str(member_id(session, book)), "visibility": "family"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert re.search(r'id="date-error".*must be a real date', response.text, re.S)
    assert 'value="Moved to Elm Road"' in response.text
    assert session.query(Entry).filter_by(kind="event").count() == 0


def test_a_person_can_be_added_and_their_age_is_shown(client, book):
    sign_in(client, book.holder)
    response = client.post(f"/families/{book.family.id}/new/member", data={
        "name": "Mia", "relationship": "Daughter", "date_of_birth-day": "2",
        "date_of_birth-month": "5", "date_of_birth-year": "2015", "lives": "other_parent",
        "category": "family_life"})
    assert response.status_code == 302
    page = client.get(f"/families/{book.family.id}/people").text
    assert "Mia" in page and "With the other parent" in page and "Age 1" in page


def test_services_and_check_ins_are_listed(client, session, book):
    sign_in(client, book.holder)
    owner = str(member_id(session, book))
    assert client.post(f"/families/{book.family.id}/new/service", data={
        "agency": "Riverside School", "contact_name": "Ms Patel", "contact_how": "01632 960123",
        "chosen": "required", "helpful": "yes", "category": "school",
        "owner_member_id": owner}).status_code == 302
    for day, feeling in (("1", "worse"), ("8", "same"), ("15", "better")):
        assert client.post(f"/families/{book.family.id}/new/checkin", data={
            "date-day": day, "date-month": "3", "date-year": "2024", "feeling": feeling,
            "category": "family_life", "owner_member_id": owner}).status_code == 302
    services = client.get(f"/families/{book.family.id}/services").text
    assert "Riverside School" in services and "01632 960123" in services
    # Each value is an isolate in its own direction: on an Arabic or Urdu page a bare phone
    # number is not read as a right-to-left run ("960123 01632").
    assert 'dir="auto"><bdi>01632 960123</bdi></dd>' in services
    checkins = client.get(f"/families/{book.family.id}/check-ins").text
    assert "oldest to newest: Getting worse, About the same, Getting better" in checkins


def test_read_this_first_shows_on_the_home_page_and_there_is_only_one(client, session, book):
    sign_in(client, book.holder)
    form = {"text": "Please talk to me, not about me.", "category": "family_life",
            "owner_member_id": str(member_id(session, book))}
    assert client.post(f"/families/{book.family.id}/new/summary", data=form).status_code == 302
    assert "Please talk to me, not about me." in client.get(f"/families/{book.family.id}/").text
    again = client.get(f"/families/{book.family.id}/new/summary")
    assert again.status_code == 302 and "/edit" in again.location


def test_editing_shows_the_history_with_earlier_versions(client, session, book):
    sign_in(client, book.holder)
    client.post(f"/families/{book.family.id}/new/story", data=story_form(session, book))
    entry = session.query(Entry).filter_by(kind="story").one()
    client.post(f"/families/{book.family.id}/entries/{entry.id}/edit",
                data=story_form(session, book, title="Our move", base_version="1"))
    history = client.get(f"/families/{book.family.id}/entries/{entry.id}/history").text
    assert "Version 2" in history and "Changed: Title" in history
    first = client.get(f"/families/{book.family.id}/entries/{entry.id}/history/1").text
    assert "Moving house" in first and "earlier version" in first


def test_a_second_save_of_the_same_field_shows_both_versions_to_choose(client, app, session, book):
    sign_in(client, book.holder)
    client.post(f"/families/{book.family.id}/new/story", data=story_form(session, book))
    entry = session.query(Entry).filter_by(kind="story").one()
    other = sign_in(app.test_client(), book.second_holder)
    url = f"/families/{book.family.id}/entries/{entry.id}/edit"
    assert other.post(url, data=story_form(session, book, text="Lee's version",
                                           base_version="1")).status_code == 302
    response = client.post(url, data=story_form(session, book, text="Sam's version",
                                                 base_version="1"))
    assert response.status_code == 409
    assert "Someone else changed this while you were writing" in response.text
    assert re.search(r"conflict__theirs.*Lee's version.*conflict__mine.*Sam's version",
                     response.text, re.S)
    assert 'value="mine" checked' in response.text
    assert 'name="base_version" value="2"' in response.text
    # Sam keeps Lee's saved words this time.
    resolved = client.post(url, data=story_form(session, book, text="Sam's version",
                                                base_version="2", **{"resolve-text": "saved"}))
    assert resolved.status_code == 302
    session.expire_all()
    assert session.get(Entry, entry.id).fields["text"] == "Lee's version"


def test_other_families_and_missing_ids_are_not_found(client, session, book):
    other = reader_for(session, book.other_holder, book.other_family.id)
    foreign = session.scalar(readable_entries(other, "member").with_only_columns(Entry.id))
    sign_in(client, book.holder)
    for url in (f"/families/{book.other_family.id}/",
                f"/families/{book.family.id}/entries/{foreign}",
                f"/families/{book.family.id}/entries/{foreign}/edit",
                f"/families/{book.family.id}/entries/{foreign}/history",
                f"/families/{book.family.id}/entries/999999",
                f"/families/{book.family.id}/entries/{foreign}/history/1",
                f"/families/{book.family.id}/new/not-a-kind",
                "/families/999999/people"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in response.text
        assert "Olu" not in response.text


def test_a_young_persons_private_entry_is_not_found_by_their_parent(client, session, book):
    young = reader_for(session, book.young, book.family.id)
    entry = add_entry(session, young, "story", story_form(session, book, visibility="private",
                                                          title="My secret"))
    session.commit()
    sign_in(client, book.holder)
    assert client.get(f"/families/{book.family.id}/entries/{entry.id}").status_code == 404
    assert "My secret" not in client.get(f"/families/{book.family.id}/story").text
    assert "My secret" not in client.get(f"/families/{book.family.id}/").text


def test_book_pages_are_never_cached_and_carry_security_headers(client, book):
    sign_in(client, book.holder)
    response = client.get(f"/families/{book.family.id}/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(client, book):
    sign_in(client, book.holder)
    for path in ("/", "/people", "/story", "/timeline", "/services", "/check-ins",
                 "/new/event", "/new/service"):
        html = client.get(f"/families/{book.family.id}{path}").text
        assert "<script>" not in html and " style=" not in html and "<style" not in html, path


def test_leaving_quickly_ends_the_session(client, book):
    sign_in(client, book.holder)
    response = client.post("/leave")
    assert response.status_code == 303 and response.location.startswith("https://")
    assert client.get(f"/families/{book.family.id}/").status_code == 302


def test_a_new_check_in_is_dated_today(client, book):
    from record_book.clock import today

    page = sign_in(client, book.holder).get(f"/families/{book.family.id}/new/checkin").text
    now = today()
    for part, value in (("day", now.day), ("month", now.month), ("year", now.year)):
        assert re.search(rf'<input[^>]*name="date-{part}"[^>]*value="{value}"', page), part
