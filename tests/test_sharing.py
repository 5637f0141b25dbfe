"""Sharing as a family and a professional live it: connect, share, read, stop, ask, send."""

import json
import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, seen, sign_in
from sqlalchemy import event, text, update

from record_book import reading
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry
from record_book.book.families import join_family, own_member_entry_id
from record_book.book.model import Entry
from record_book.clock import utcnow
from record_book.policy import NotAllowed, readable_entries, readable_entry, reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import (
    record_expiries,
    share_category,
    share_entry,
    share_present_and_future,
    stop_all_sharing,
    stop_grant,
)
from record_book.sharing.model import AccessLogRow, Notification


def story(session, reader, title, category="home", **extra):
    someone = session.scalar(readable_entries(reader, "member").with_only_columns(Entry.id))
    return add_entry(session, reader, "story", {
        "section": "story_so_far", "title": title, "text": f"Words of {title}",
        "category": category, "owner_member_id": str(someone), **extra})


@pytest.fixture
def connected(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    code = new_connection_code(session, holder)
    connect_with_code(session, book.professional, code, utcnow())
    session.commit()
    return holder


def pat(book):
    return Grantee(book.professional.id, None, "Ms Patel")


def test_an_unconnected_professional_cannot_find_the_book(app, book):
    client = sign_in(app.test_client(), book.professional)
    assert client.get(f"/families/{book.family.id}/").status_code == 404


def test_a_code_connects_once_and_shows_nothing_until_shared(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    story(session, holder, "Moving house")
    code = new_connection_code(session, holder)
    session.commit()
    client = sign_in(app.test_client(), book.professional)
    assert client.post("/connect", data={"code": code.lower()}).status_code == 302
    page = client.get(f"/families/{book.family.id}/story").text
    assert "Moving house" not in page and "Nothing here has been shared with you" in page
    again = sign_in(app.test_client(), book.advocate).post("/connect", data={"code": code})
    assert again.status_code == 400 and "That code does not work" in again.text


def test_shared_entry_is_read_logged_and_gone_the_moment_sharing_stops(app, session, book,
                                                                       connected):
    entry = story(session, connected, "Moving house")
    story(session, connected, "Not for school")
    grant = share_entry(session, connected, entry, pat(book),
                        until=(utcnow() + timedelta(days=10)).date())
    session.commit()
    pro = sign_in(app.test_client(), book.professional)
    page = seen(pro.get(f"/families/{book.family.id}/story").text)
    assert "Moving house" in page and "Not for school" not in page
    assert re.search(r"Shared by Sam Carter on \d+ \w+ \d{4}, until", page)
    family = sign_in(app.test_client(), book.holder)
    log = seen(family.get(f"/families/{book.family.id}/access-log").text)
    assert re.search(r"Ms Patel \(Riverside School\) read “Moving house” on \d+ \w+ \d{4} at "
                     r"\d\d:\d\d", log)
    stop = family.post(f"/families/{book.family.id}/grants/{grant.id}/stop")
    assert stop.status_code == 302
    assert "Moving house" not in pro.get(f"/families/{book.family.id}/story").text
    assert pro.get(f"/families/{book.family.id}/entries/{entry.id}").status_code == 404


def test_every_read_writes_exactly_one_row_and_the_chain_holds(app, session, book, connected):
    entries = [story(session, connected, f"Entry {i}") for i in range(3)]
    share_category(session, connected, "home", pat(book))
    session.commit()
    before = access_log.count(session, book.family.id)
    pro = sign_in(app.test_client(), book.professional)
    pro.get(f"/families/{book.family.id}/story")
    pro.get(f"/families/{book.family.id}/entries/{entries[0].id}")
    reads = session.query(AccessLogRow).filter_by(action="read").all()
    assert access_log.count(session, book.family.id) - before == 4 == len(reads)
    assert sorted(r.entry_id for r in reads) == sorted([e.id for e in entries] + [entries[0].id])
    assert access_log.verify(session) == []


def test_tampering_with_any_row_is_caught(app, session, book, connected):
    entry = story(session, connected, "Moving house")
    share_entry(session, connected, entry, pat(book))
    session.commit()
    sign_in(app.test_client(), book.professional).get(f"/families/{book.family.id}/story")
    rows = session.query(AccessLogRow).order_by(AccessLogRow.seq).all()
    assert len(rows) >= 3
    target = rows[1]
    session.execute(update(AccessLogRow).where(AccessLogRow.id == target.id)
                    .values(details={"title": "Something else"}))
    session.commit()
    found = access_log.verify(session, book.family.id)
    assert [(b.seq, b.reason) for b in found] == [(target.seq, "its content was changed")]
    result = app.test_cli_runner().invoke(args=["verify-access-log"])
    assert result.exit_code == 1 and f"row {target.seq}" in result.output


def test_a_removed_row_is_caught(app, session, book, connected):
    for title in ("One", "Two"):
        share_entry(session, connected, story(session, connected, title), pat(book))
    session.commit()
    middle = session.query(AccessLogRow).filter_by(seq=2).one()
    session.execute(text("DELETE FROM access_log WHERE id = :id"), {"id": middle.id})
    session.commit()
    assert [b.reason for b in access_log.verify(session)] == ["a row is missing before this one"]


def test_a_category_share_never_includes_a_young_persons_words(session, book, connected):
    young = reader_for(session, book.young, book.family.id)
    theirs = story(session, young, "Jo's school", category="school", visibility="family")
    mine = story(session, connected, "School meeting", category="school")
    share_category(session, connected, "school", pat(book))
    as_pat = reader_for(session, book.professional, book.family.id)
    seen = set(session.scalars(readable_entries(as_pat).with_only_columns(Entry.id)))
    assert mine.id in seen and theirs.id not in seen
    # Jo can share their own words.
    share_entry(session, young, theirs, pat(book))
    assert session.scalar(readable_entries(as_pat).where(Entry.id == theirs.id)) is not None


def test_present_and_future_only_leaves_the_past_out(session, book, connected):
    old = add_entry(session, connected, "event", {
        "title": "Old court case", "date-day": "1", "date-month": "1", "date-year": "2015",
        "event_type": "court", "category": "safety",
        "owner_member_id": str(own_member_entry_id(session, connected))})
    recent = story(session, connected, "This month")
    share_present_and_future(session, connected, 3, pat(book))
    as_pat = reader_for(session, book.professional, book.family.id)
    seen = set(session.scalars(readable_entries(as_pat).with_only_columns(Entry.id)))
    assert recent.id in seen and old.id not in seen


def test_who_can_see_what_and_stop_everything_in_one_step(app, session, book, connected):
    story(session, connected, "Moving house")
    share_category(session, connected, "home", pat(book))
    session.commit()
    family = sign_in(app.test_client(), book.holder)
    page = family.get(f"/families/{book.family.id}/sharing").text
    assert "Ms Patel (Riverside School)" in page and "Moving house" in page
    assert family.post(f"/families/{book.family.id}/sharing/stop-all",
                       data={"grantee": f"a{book.professional.id}"}).status_code == 302
    after = family.get(f"/families/{book.family.id}/sharing").text
    assert "They cannot see anything." in after


def test_sharing_form_refuses_a_past_end_date_in_plain_words(app, session, book, connected):
    entry = story(session, connected, "Moving house")
    session.commit()
    family = sign_in(app.test_client(), book.holder)
    response = family.post(f"/families/{book.family.id}/entries/{entry.id}/sharing",
                           data={"grantee": f"a{book.professional.id}", "until": "2001-01-01"})
    assert response.status_code == 400
    # The words alone, in the error summary and by the field: nothing added around them.
    assert len(re.findall(r">\s*The end date must be in the future\s*<", response.text)) == 2


def test_a_request_can_be_accepted_with_chosen_entries_or_declined(app, session, book,
                                                                   connected):
    entry = story(session, connected, "School worries", category="school")
    session.commit()
    pro = sign_in(app.test_client(), book.professional)
    bad = pro.post(f"/families/{book.family.id}/ask", data={"purpose": ""})
    assert bad.status_code == 400 and "Say why you need to see it" in bad.text
    assert pro.post(f"/families/{book.family.id}/ask", data={
        "purpose": "Preparing the school support meeting on 12 May",
        "category": ["school"]}).status_code == 302
    assert session.query(Notification).filter_by(kind="new_request").count() == 2
    family = sign_in(app.test_client(), book.holder)
    page = family.get(f"/families/{book.family.id}/requests").text
    assert "Preparing the school support meeting on 12 May" in page
    request_id = int(re.search(r"/requests/(\d+)/answer", page).group(1))
    family.post(f"/families/{book.family.id}/requests/{request_id}/answer",
                data={"answer": "accept", "entry": str(entry.id)})
    assert "School worries" in pro.get(f"/families/{book.family.id}/story").text


def test_a_note_joins_the_book_only_if_the_family_adds_it_in_the_professionals_words(
        app, session, book, connected):
    pro = sign_in(app.test_client(), book.professional)
    assert pro.post(f"/families/{book.family.id}/send-note", data={
        "title": "Assessment result", "body": "Jo is doing well <script>x</script>"}
    ).status_code == 302
    family = sign_in(app.test_client(), book.holder)
    inbox = family.get(f"/families/{book.family.id}/inbox").text
    assert "Assessment result" in inbox and "<script>" not in inbox
    assert "A professional sent you a note." in inbox
    note_id = int(re.search(r"/inbox/(\d+)", inbox).group(1))
    family.post(f"/families/{book.family.id}/inbox/{note_id}", data={"answer": "add"})
    entry = session.query(Entry).filter_by(kind="note").one()
    assert entry.fields["from_name"] == "Ms Patel" and entry.updated_by_id == book.professional.id
    assert family.get(f"/families/{book.family.id}/entries/{entry.id}/edit").status_code == 404
    assert "Assessment result" in family.get(f"/families/{book.family.id}/notes").text


def test_first_read_and_ending_soon_tell_the_holders_without_record_content(
        app, session, book, connected):
    entry = story(session, connected, "Secret title")
    share_entry(session, connected, entry, pat(book), until=(utcnow() + timedelta(days=2)).date())
    session.commit()
    pro = sign_in(app.test_client(), book.professional)
    pro.get(f"/families/{book.family.id}/story")
    pro.get(f"/families/{book.family.id}/story")
    record_expiries(session, book.family.id, utcnow())
    session.commit()
    notices = session.query(Notification).filter_by(account_id=book.holder.id).all()
    assert sorted(n.kind for n in notices) == ["first_read", "grant_ending"]
    inbox = sign_in(app.test_client(), book.holder).get(f"/families/{book.family.id}/inbox").text
    assert "Secret title" not in inbox.split("What has happened")[1]


def test_an_ended_grant_is_written_to_the_log_once(session, book, connected):
    entry = story(session, connected, "Moving house")
    share_entry(session, connected, entry, pat(book), until=(utcnow() + timedelta(days=1)).date())
    later = utcnow() + timedelta(days=3)
    record_expiries(session, book.family.id, later)
    record_expiries(session, book.family.id, later)
    assert session.query(AccessLogRow).filter_by(action="expire").count() == 1


def test_a_professionals_list_page_uses_the_same_number_of_queries_for_3_or_30_entries(
        app, session, book, connected):
    share_category(session, connected, "home", pat(book))
    session.commit()
    engine = app.extensions["db_engine"]
    pro = sign_in(app.test_client(), book.professional)

    def queries_for_story_page():
        count = {"n": 0}

        def _count(*_args):
            count["n"] += 1

        event.listen(engine, "before_cursor_execute", _count)
        try:
            assert pro.get(f"/families/{book.family.id}/story").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", _count)
        return count["n"]

    for i in range(3):
        story(session, connected, f"Few {i}")
    session.commit()
    queries_for_story_page()  # the first read by someone new also tells the holders, once
    few = queries_for_story_page()
    for i in range(27):
        story(session, connected, f"Many {i}")
    session.commit()
    assert queries_for_story_page() == few


def test_the_sharing_overview_never_names_what_the_viewer_may_not_read(app, session, book,
                                                                      connected):
    """A young person's private entry, shared by them, stays out of a parent's overview; an
    adults-only entry, shared by a parent, stays out of the young person's."""
    young = reader_for(session, book.young, book.family.id)
    secret = story(session, young, "Only for my counsellor", visibility="private")
    share_entry(session, young, secret, pat(book))
    grown_up = story(session, connected, "Our money troubles", visibility="adults")
    share_entry(session, connected, grown_up, pat(book))
    session.commit()

    holder_view = sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/sharing").text
    assert "Our money troubles" in holder_view
    assert "Only for my counsellor" not in holder_view
    young_view = sign_in(app.test_client(), book.young).get(
        f"/families/{book.family.id}/sharing").text
    assert "Only for my counsellor" in young_view
    assert "Our money troubles" not in young_view
    # Each sees only the stop buttons for grants on what they can read.
    stop_one = re.compile(r"/grants/\d+/stop")
    assert len(stop_one.findall(holder_view)) == len(stop_one.findall(young_view)) == 1


def test_only_a_holder_shares_or_stops_whole_parts_of_the_book(app, session, book, connected):
    """A young person shares their own entries one by one; sharing a whole category (which
    reaches a parent's adults-only entries), or stopping a parent's sharing, is for holders."""
    grown_up = story(session, connected, "Our money troubles", category="money",
                     visibility="adults")
    by_parent = share_category(session, connected, "school", pat(book))
    young = reader_for(session, book.young, book.family.id)
    with pytest.raises(NotAllowed):
        share_category(session, young, "money", pat(book))
    with pytest.raises(NotAllowed):
        share_present_and_future(session, young, 3, pat(book))
    with pytest.raises(NotAllowed):
        stop_grant(session, young, by_parent)
    with pytest.raises(NotAllowed):
        stop_all_sharing(session, young, pat(book))
    session.commit()
    jo = sign_in(app.test_client(), book.young)
    url = f"/families/{book.family.id}/sharing"
    assert jo.post(f"{url}/whole", data={"category": "money", "grantee": pat(book).key}
                   ).status_code == 404
    assert jo.post(f"{url}/stop-all", data={"grantee": pat(book).key}).status_code == 404
    page = jo.get(url).text
    assert "Share a whole part of your book" not in page and "Stop this" not in page
    as_pat = reader_for(session, book.professional, book.family.id)
    assert readable_entry(session, as_pat, grown_up.id) is None


def test_who_has_looked_and_the_holders_copy_keep_a_young_persons_private_titles_private(
        app, session, book, connected):
    from record_book.data_rights.export import export_family

    young = reader_for(session, book.young, book.family.id)
    secret = story(session, young, "Only for my counsellor", visibility="private")
    share_entry(session, young, secret, pat(book))
    as_pat = reader_for(session, book.professional, book.family.id)
    reading.handed_out(session, as_pat, [secret])
    session.commit()

    url = f"/families/{book.family.id}/access-log"
    assert "Only for my counsellor" in sign_in(app.test_client(), book.young).get(url).text
    parent_log = sign_in(app.test_client(), book.holder).get(url).text
    assert "Only for my counsellor" not in parent_log
    copy = export_family(session, book.family.id, connected)
    assert "Only for my counsellor" not in json.dumps(copy, ensure_ascii=False)
    withheld = [row for row in copy["tables"]["access_log"] if row["details"] == {"withheld": True}]
    assert len(withheld) == 2 and all(row["entry_id"] is None for row in withheld)


def test_a_category_share_covers_the_other_parents_entries_but_not_a_young_persons(
        session, book, connected):
    """Whatever anyone else in the portal wrote: each entry is judged on who owns it."""
    lee = reader_for(session, book.second_holder, book.family.id)
    young = reader_for(session, book.young, book.family.id)
    others = reader_for(session, book.other_holder, book.other_family.id)
    by_lee = story(session, lee, "Lee's school worry", category="school")
    by_jo = story(session, young, "Jo's own school words", category="school",
                  visibility="family")
    story(session, others, "Another family's school day", category="school")
    share_category(session, connected, "school", pat(book))
    as_pat = reader_for(session, book.professional, book.family.id)
    seen = set(session.scalars(readable_entries(as_pat).with_only_columns(Entry.id)))
    assert by_lee.id in seen and by_jo.id not in seen


def test_sharing_an_entry_asks_first_what_with_whom_and_until_when(app, session, book,
                                                                   connected):
    entry = story(session, connected, "Moving house")
    session.commit()
    family = sign_in(app.test_client(), book.holder)
    url = f"/families/{book.family.id}/entries/{entry.id}/sharing"
    form = family.get(url).text
    # Nobody is chosen until the family chooses.
    assert 'name="grantee"' in form and "checked" not in form.split('name="grantee"')[1][:80]
    unchosen = family.post(url, data={})
    assert unchosen.status_code == 400 and "Choose who to share with" in unchosen.text
    until = (utcnow() + timedelta(days=30)).date()
    check = family.post(url, data={"grantee": f"a{book.professional.id}",
                                   "until": until.isoformat()})
    assert check.status_code == 200
    question = re.search(r"<h1[^>]*>(.*?)</h1>", check.text, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", question)).strip() == (
        f"Share “Moving house” with Ms Patel (Riverside School) until "
        f"{until.day} {until.strftime('%B %Y')}?")
    assert session.scalar(readable_entries(reader_for(session, book.professional, book.family.id),
                                           "story").with_only_columns(Entry.id)) is None
    shared = family.post(url, data={"grantee": f"a{book.professional.id}",
                                    "until": until.isoformat(), "checked": "yes"})
    assert shared.status_code == 302
    session.expire_all()
    assert session.scalar(readable_entries(reader_for(session, book.professional, book.family.id),
                                           "story").with_only_columns(Entry.id)) == entry.id


def test_a_young_persons_private_entry_offers_showing_it_to_the_family(app, session, book,
                                                                       connected):
    jo = reader_for(session, book.young, book.family.id)
    entry = story(session, jo, "Just mine", _visibility="private")
    session.commit()
    page = sign_in(app.test_client(), book.young).get(
        f"/families/{book.family.id}/entries/{entry.id}/sharing").text
    assert "Only you can see this." in page
    assert "Nobody outside your family can see this." not in page
    assert f"/families/{book.family.id}/entries/{entry.id}/edit#visibility" in page


@pytest.mark.parametrize("form, field, words", [
    ({"what": "recent", "months": "0"}, "part-months", "Choose between 1 and 24 months"),
    ({"what": "recent", "months": "25"}, "part-months", "Choose between 1 and 24 months"),
    ({"what": "recent", "months": "3", "until": "2001-01-01"}, "part-until",
     "The end date must be in the future"),
    ({"what": "category", "category": "everything"}, "category", "Choose what to share"),
    ({"what": "category", "category": "home", "purpose": "x" * 301}, "purpose",
     "Keep what it is for to 300 characters or fewer"),
    ({"what": "category", "category": "home", "until": "2001-01-01"}, "until",
     "The end date must be in the future"),
])
def test_sharing_a_whole_part_refused_says_what_to_put_right_in_its_own_words(
        app, book, connected, form, field, words):
    family = sign_in(app.test_client(), book.holder)
    response = family.post(f"/families/{book.family.id}/sharing/whole",
                           data={"grantee": f"a{book.professional.id}", **form})
    assert response.status_code == 400
    # In the error summary, and beside the question in the form that was sent (not the other).
    assert len(re.findall(rf">\s*{re.escape(words)}\s*<", response.text)) == 2
    assert f'<a href="#{field}">{words}</a>' in response.text
    assert f'id="{field}"' in response.text and f'id="{field}-error"' in response.text


def test_another_familys_advocate_is_not_someone_this_family_can_share_with(app, session, book,
                                                                          connected):
    theirs = create_account(session, "oma", "Oma Other-Advocate", "professional", PASSWORD)
    join_family(session, book.other_family, theirs, "advocate")
    session.commit()
    family = sign_in(app.test_client(), book.holder)
    page = seen(family.get(f"/families/{book.family.id}/sharing").text)
    assert "Ava Advocate" in page and "Ms Patel" in page, "this family's own are offered"
    assert "Oma Other-Advocate" not in page
    refused = family.post(f"/families/{book.family.id}/sharing/whole",
                          data={"grantee": f"a{theirs.id}", "what": "category",
                                "category": "home", "checked": "yes"})
    assert refused.status_code == 400
