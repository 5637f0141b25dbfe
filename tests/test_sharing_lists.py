"""What a family is told about its shares: an entry's page lists every live share that reaches
it (named one by one, by its category or by a date), oldest first, and none of another entry's,
a stopped one's or another family's; "from now on" starts the day it says, ends when asked and
keeps its reason, and the log names that day."""

from datetime import timedelta

import test_sharing_edges
from conftest import seen, sign_in
from test_sharing import pat, story

from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import (
    share_category,
    share_entry,
    share_present_and_future,
    stop_grant,
    who_can_see,
)

holder = test_sharing_edges.holder  # a fixture: the holder, with Ms Patel connected


def test_an_entrys_page_lists_each_live_share_that_reaches_it_oldest_first(
        session, book, holder):
    entry = story(session, holder, "Moving house", category="home")
    other = story(session, holder, "School", category="school")
    later = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=1))
    latest = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=2))
    # Made in another order than they were dated: the list goes by when each was made.
    from_a_date = share_present_and_future(session, latest, 3, pat(book))
    by_category = share_category(session, later, "home", Grantee(book.advocate.id, None, "Ava"))
    by_name = share_entry(session, holder, entry, pat(book))
    share_entry(session, holder, other, pat(book))
    stopped = share_category(session, holder, "home", pat(book))
    stop_grant(session, holder, stopped)
    assert [g.id for g in who_can_see(session, latest, entry)] == [
        by_name.id, by_category.id, from_a_date.id]


def test_another_familys_share_of_the_same_category_is_not_listed(session, book, holder):
    entry = story(session, holder, "Moving house", category="home")
    theirs = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, theirs), utcnow())
    share_category(session, theirs, "home", pat(book))
    assert who_can_see(session, holder, entry) == []


def test_from_now_on_starts_as_many_months_back_as_chosen(session, book, holder):
    for months, days in ((1, 30), (3, 91), (12, 365), (24, 731)):
        grant = share_present_and_future(session, holder, months, pat(book))
        assert grant.from_date == (holder.now - timedelta(days=days)).date().isoformat()


def test_from_now_on_ends_when_asked_and_keeps_its_reason(app, session, book, holder):
    last_day = (holder.now + timedelta(days=10)).date()
    grant = share_present_and_future(session, holder, 3, pat(book), until=last_day,
                                     purpose="For the school move")
    assert grant.expires_at.date() == last_day + timedelta(days=1)
    assert grant.purpose == "For the school move"
    session.commit()
    page = seen(sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/access-log").get_data(as_text=True))
    assert f"everything from {grant.from_date} on" in page
    assert "For the school move" in page
