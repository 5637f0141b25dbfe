""""Who has looked" as a family reads it: by day and by person, the same read once, in pages."""

import re
from datetime import datetime, timedelta, timezone

from conftest import seen, sign_in
from test_sharing import connected, pat, story  # noqa: F401  (connected is a fixture)

from record_book.sharing import access_log
from record_book.sharing.grants import share_entry, stop_grant


def _reads(session, book, entry, times, when):
    access_log.append(session, book.family.id, book.professional.id, "read",
                      [(entry.id, {"title": entry.title})] * times, when)


def _page(client, book, query=""):
    response = client.get(f"/families/{book.family.id}/access-log{query}")
    assert response.status_code == 200
    return seen(response.get_data(as_text=True))


def _moving_house_read(app, session, book, connected, times, when) -> str:
    """"Moving house" shared with Ms Patel and read `times` at `when`: the holder's log page."""
    moving = story(session, connected, "Moving house")
    share_entry(session, connected, moving, pat(book))
    _reads(session, book, moving, times, when)
    session.commit()
    return _page(sign_in(app.test_client(), book.holder), book)


def test_forty_reads_on_one_visit_are_one_line_that_says_how_often(app, session, book, connected):
    page = _moving_house_read(app, session, book, connected, 40,
                              datetime(2026, 3, 3, 10, 14, tzinfo=timezone.utc))
    assert page.count("read “Moving house”") == 1
    assert "(and 39 more times that day)" in page
    assert "Tuesday 3 March 2026" in page
    assert "Ms Patel shared “Moving house”" in page or "shared “Moving house” with" in page


def test_each_day_has_its_own_heading_and_each_person_their_own_card(app, session, book,
                                                                     connected):
    moving = story(session, connected, "Moving house")
    share_entry(session, connected, moving, pat(book))
    _reads(session, book, moving, 2, datetime(2026, 3, 3, 9, 0, tzinfo=timezone.utc))
    _reads(session, book, moving, 1, datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc))
    session.commit()
    page = _page(sign_in(app.test_client(), book.holder), book)
    newer, older = page.index("Wednesday 4 March 2026"), page.index("Tuesday 3 March 2026")
    assert newer < older
    assert "(and 1 more time that day)" in page[older:]
    assert "more time" not in page[newer:older]


def test_the_list_comes_in_pages_of_fifty_newest_first(app, session, book, connected):
    entries = [story(session, connected, f"Letter {n:03}") for n in range(60)]
    start = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
    for n, entry in enumerate(entries):
        _reads(session, book, entry, 1, start + timedelta(minutes=n))
    session.commit()
    client = sign_in(app.test_client(), book.holder)
    first = _page(client, book)
    assert "read “Letter 059”" in first and "read “Letter 000”" not in first
    assert "Older" in first and ">Newer" not in first
    older = re.search(r'href="([^"]*page=2[^"]*)"', first).group(1).replace("&amp;", "&")
    second = seen(client.get(older).get_data(as_text=True))
    assert "read “Letter 000”" in second and "read “Letter 059”" not in second
    assert "Newer" in second


def test_the_page_weighs_the_same_for_a_long_log_as_for_a_short_one(app, session, book,
                                                                    connected):
    client = sign_in(app.test_client(), book.holder)
    entries = [story(session, connected, f"Letter {n:03}") for n in range(50)]
    start = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
    for n, entry in enumerate(entries):
        _reads(session, book, entry, 1, start + timedelta(hours=n))
    session.commit()
    short = len(_page(client, book))
    for day in range(1, 20):
        for n, entry in enumerate(entries):
            _reads(session, book, entry, 1, start + timedelta(days=day, hours=n))
    session.commit()
    assert len(_page(client, book)) < short * 1.1


def test_stopping_a_share_names_what_was_shared(app, session, book, connected):
    moving = story(session, connected, "Moving house")
    grant = share_entry(session, connected, moving, pat(book))
    stop_grant(session, connected, grant)
    session.commit()
    page = _page(sign_in(app.test_client(), book.holder), book)
    assert "stopped sharing “Moving house” with Ms Patel" in page


def test_show_only_one_person_keeps_to_that_person_across_pages(app, session, book, connected):
    moving = story(session, connected, "Moving house")
    share_entry(session, connected, moving, pat(book))
    _reads(session, book, moving, 1, datetime(2026, 3, 3, 9, 0, tzinfo=timezone.utc))
    session.commit()
    page = _page(sign_in(app.test_client(), book.holder), book, f"?who={book.holder.id}")
    assert "read “Moving house”" not in page
    assert "shared “Moving house”" in page


def test_a_day_is_the_family_s_own_day_in_summer_time(app, session, book, connected):
    # 23:30 in UTC is half past midnight the next day in London in July.
    page = _moving_house_read(app, session, book, connected, 1,
                              datetime(2026, 7, 6, 23, 30, tzinfo=timezone.utc))
    assert "Tuesday 7 July 2026" in page and "Monday 6 July 2026" not in page
    assert "read “Moving house” on 7 July 2026 at 00:30" in page
