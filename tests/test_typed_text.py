"""Hidden control characters are refused in plain words wherever they are sent (form, query,
JSON), the username and email included; `next=` goes only to a path on this site; what people
typed is isolated inside the portal's own sentences, so an override cannot turn them around."""

import pytest
from conftest import PASSWORD, sign_in
from test_sharing import connected, pat, story  # noqa: F401 (connected is a fixture)

from portal.language import same_site_path
from portal.sharing.log_words import notice_sentence
from record_book.book.model import Account
from record_book.book.text import has_hidden_characters
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Notification

HIDDEN = ["\x00", "\x1b[31m", "\x7f", "\x85", "\x9b", "\x08", "\x0b"]
# Half a surrogate pair: a form cannot carry one (its bytes are read as U+FFFD), JSON can.
SURROGATE = "\ud800"
MESSAGE = "Something you typed has a hidden character in it"


def test_tab_and_line_breaks_are_typing_and_control_characters_are_not():
    for fine in ("a\tb", "a\r\nb", "a\nb", "ہم نے", "👨‍👩‍👧", "\u202eevil", ""):
        assert not has_hidden_characters(fine), repr(fine)
    for hidden in [*HIDDEN, SURROGATE]:
        assert has_hidden_characters(f"Sam{hidden}Carter"), repr(hidden)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_hidden_character_in_a_username_is_refused_in_plain_words(client, book, hidden):
    page = client.post("/sign-in", data={"username": f"sam{hidden}", "password": PASSWORD})
    assert page.status_code == 400
    assert MESSAGE in page.text and "Nothing was saved" in page.text


def test_a_hidden_character_in_an_email_or_any_field_is_refused(client, book):
    sign_in(client, book.holder)
    for form in ({"email": "sam\x00@example.org"},
                 {"title": "Moving\x00house", "text": "words"}):
        for url in ("/account/email", f"/families/{book.family.id}/new/story"):
            page = client.post(url, data=form)
            assert page.status_code == 400 and MESSAGE in page.text, (url, form)


def test_a_hidden_character_in_a_query_or_json_is_refused(client, book):
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/access-log?who=1\x00")
    assert page.status_code == 400 and MESSAGE in page.text
    for ident in ("x\x00", f"x{SURROGATE}"):
        answer = client.post("/sign-in/passkey", json={"credential": {"id": ident}})
        assert answer.status_code == 400 and MESSAGE in answer.get_json()["problem"]


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example/",
    "http:/evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1", "/\t/evil.example",
    "/\n/evil.example", "evil.example", "", "/" + "a" * 3000])
def test_next_goes_only_to_a_path_on_this_site(client, target):
    assert same_site_path(target) is None
    response = client.get("/language/cy", query_string={"next": target})
    assert response.status_code == 302
    assert response.location in ("/", "http://localhost/")


def test_next_keeps_a_path_of_this_site(client):
    assert same_site_path("/families/1/story?page=2") == "/families/1/story?page=2"
    response = client.get("/language/cy", query_string={"next": "/directory"})
    assert response.status_code == 302 and response.location.endswith("/directory")


RLO, PDF_, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


def test_an_override_in_a_title_and_a_name_stays_inside_them_in_the_portals_sentences(
        app, session, book, connected):
    title = f"{RLO}esuoh gnivoM"
    entry = story(session, connected, title)
    share_entry(session, connected, entry, pat(book), purpose=f"{RLO}school")
    session.get(Account, book.professional.id).display_name = f"{RLO}Ms Patel"
    session.commit()
    professional = sign_in(app.test_client(), book.professional)
    assert professional.get(f"/families/{book.family.id}/entries/{entry.id}").status_code == 200
    holder = sign_in(app.test_client(), book.holder)
    log = holder.get(f"/families/{book.family.id}/access-log").text
    # The portal's words ("read", "on", the date) sit outside every isolate; each typed value
    # is inside its own, its override ended by the isolate's end.
    assert f"{FSI}{RLO}Ms Patel (Riverside School){PDI} read “{FSI}{title}{PDI}” on" in log
    sharing = holder.get(f"/families/{book.family.id}/sharing").text
    assert f"For: {FSI}{RLO}school{PDI}" in sharing
    shared = holder.post(f"/families/{book.family.id}/sharing/whole", data={
        "grantee": f"a{book.professional.id}", "what": "category", "category": "money",
        "checked": "yes"},
        follow_redirects=True).text
    assert f"Shared with {FSI}{RLO}Ms Patel (Riverside School){PDI}." in shared


def test_a_notice_names_the_person_inside_an_isolate(app):
    notice = Notification(kind="grant_ending", params={"who": f"{RLO}Ms Patel"})
    with app.test_request_context():
        assert notice_sentence(notice) == (
            f"Sharing with {FSI}{RLO}Ms Patel{PDI} ends in the next three days.")
