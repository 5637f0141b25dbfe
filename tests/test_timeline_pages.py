"""The timeline a page at a time: newest first, under month headings, as light for a long book
as for a short one — and an outsider's log holds only what they were shown."""

import re

import pytest
from conftest import log_rows, sign_in

from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_category


def _events(session, holder, count, start_year=2000):
    me = str(own_member_entry_id(session, holder))
    for n in range(count):
        add_entry(session, holder, "event", {
            "title": f"Meeting {n:04}", "date-day": str(n % 28 + 1),
            "date-month": str(n // 28 % 12 + 1), "date-year": str(start_year + n // 336),
            "event_type": "meeting", "details": "<p>We talked about school.</p>",
            "category": "school", "owner_member_id": me})
    session.commit()


def _timeline(client, book, query=""):
    response = client.get(f"/families/{book.family.id}/timeline{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def holder(session, book):
    return reader_for(session, book.holder, book.family.id)


def test_the_newest_events_come_first_under_their_month(app, session, book, holder):
    _events(session, holder, 30)
    page = _timeline(sign_in(app.test_client(), book.holder), book)
    titles = re.findall(r"Meeting (\d{4})", page)
    assert titles[0] == "0029" and len(titles) == 25
    # 30 events from 1 January 2000: the newest two are in February, the rest in January.
    assert (page.index("February 2000") < page.index("Meeting 0028") < page.index("January 2000")
            < page.index("Meeting 0027"))


def test_older_events_are_one_tap_away_and_none_is_lost(app, session, book, holder):
    _events(session, holder, 60)
    client = sign_in(app.test_client(), book.holder)
    seen, query = [], ""
    while True:
        page = _timeline(client, book, query)
        seen += re.findall(r"Meeting (\d{4})", page)
        older = re.search(r'href="[^"]*\?page=(\d+)"[^>]*rel="next"', page)
        if older is None:
            break
        query = f"?page={older.group(1)}"
    assert sorted(seen) == [f"{n:04}" for n in range(60)]
    assert len(seen) == 60


def test_a_long_timeline_weighs_what_a_short_one_does(app, session, book, holder):
    _events(session, holder, 40)
    client = sign_in(app.test_client(), book.holder)
    short = len(_timeline(client, book))
    _events(session, holder, 960, start_year=2004)
    assert len(_timeline(client, book)) < short * 1.1


def test_a_professional_is_logged_for_the_page_they_were_shown_only(app, session, book, holder):
    _events(session, holder, 40)
    code = new_connection_code(session, holder)
    connect_with_code(session, book.professional, code, utcnow())
    share_category(session, holder, "school", Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    before = access_log.count(session, book.family.id)
    page = _timeline(sign_in(app.test_client(), book.professional), book)
    shown = set(re.findall(r"Meeting (\d{4})", page))
    assert len(shown) == 25
    session.expire_all()
    read = [row.details.get("title") for row in log_rows(session, book.family.id)
            if row.action == "read"]
    assert access_log.count(session, book.family.id) - before == 25
    assert {title.removeprefix("Meeting ") for title in read} == shown
