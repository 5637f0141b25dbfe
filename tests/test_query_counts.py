"""A page asks the database the same number of questions however full the book is.

The small-data guard for bench/pages.py: each page the benchmark times sends as many SQL
statements for a family with 5 entries of each kind as for one with 50, and the "shared with me"
page as many for a professional with 2 families as with 20.
"""

from collections import Counter

from conftest import PASSWORD, sign_in
from sqlalchemy import event, select
from test_demo import loaded  # noqa: F401  (a fixture)
from test_demo import sign_in as demo_sign_in

from plans import editing
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry
from record_book.book.families import start_family
from record_book.book.model import Entry
from record_book.clock import utcnow
from record_book.policy import readable_entries, reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry

FAMILY_PAGES = ("", "story", "timeline", "services", "plan/", "access-log")
PROFESSIONAL_PAGES = ("", "story", "timeline", "services", "plan/")


def statements_with_values(app, client, path: str) -> list[tuple[str, str]]:
    """The SQL statements a page sends, each with its values."""
    engine = app.extensions["db_engine"]
    seen = []

    def _note(_connection, _cursor, statement, parameters, *_args):
        seen.append((statement, repr(parameters)))

    client.get(path)  # once before counting: a first read by someone new also tells the holders
    event.listen(engine, "before_cursor_execute", _note)
    try:
        assert client.get(path).status_code == 200, path
    finally:
        event.remove(engine, "before_cursor_execute", _note)
    return seen


def statements(app, client, path: str) -> list[str]:
    return [statement for statement, _values in statements_with_values(app, client, path)]


def queries(app, client, path: str) -> int:
    return len(statements(app, client, path))


def connect(session, holder, professional) -> None:
    connect_with_code(session, professional, new_connection_code(session, holder), utcnow())


def add_shared_entries(session, book, holder, how_many: int, start: int) -> None:
    """`how_many` story sections, timeline events and services, each shared with Ms Patel,
    and a plan goal each, shared as a whole plan."""
    me = str(session.scalar(readable_entries(holder, "member").with_only_columns(Entry.id)))
    patel = Grantee(book.professional.id, None, "Ms Patel")
    for n in range(start, start + how_many):
        for kind, fields in (
                ("story", {"section": "what_hard", "title": f"Hard time {n}", "text": "Words"}),
                ("event", {"title": f"Meeting {n}", "date-day": str(n % 28 + 1),
                           "date-month": "3", "date-year": "2025", "event_type": "meeting"}),
                ("service", {"agency": f"Service {n}", "why_our_words": "They help"})):
            entry = add_entry(session, holder, kind, {**fields, "category": "home",
                                                       "owner_member_id": me})
            share_entry(session, holder, entry, patel)
    plan = editing.open_plan(session, book.family.id) or editing.start_plan(session, holder)
    for n in range(start, start + how_many):
        content = editing.latest(session, plan).content
        mine = editing.read_form(session, holder, {"new-goal.title": f"Goal {n}",
                                                   "new-goal.area": "home"}, content)
        editing.save(session, holder, plan, mine, plan.revision)
    session.commit()


def counts(app, client, family_id: int, pages) -> dict[str, int]:
    return {page: queries(app, client, f"/families/{family_id}/{page}") for page in pages}


def test_family_and_professional_pages_ask_as_much_for_5_entries_as_for_50(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect(session, holder, book.professional)
    add_shared_entries(session, book, holder, 5, 0)
    from plans import sharing as plan_sharing

    plan_sharing.share(session, holder, editing.open_plan(session, book.family.id), "plan",
                       Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    family = sign_in(app.test_client(), book.holder)
    professional = sign_in(app.test_client(), book.professional)
    few = counts(app, family, book.family.id, FAMILY_PAGES)
    few_shared = counts(app, professional, book.family.id, PROFESSIONAL_PAGES)
    add_shared_entries(session, book, holder, 45, 5)
    assert "Hard time 49" in professional.get(f"/families/{book.family.id}/story").text
    assert counts(app, family, book.family.id, FAMILY_PAGES) == few
    assert counts(app, professional, book.family.id, PROFESSIONAL_PAGES) == few_shared


def test_shared_with_me_asks_as_much_for_2_families_as_for_20(app, session, book):
    def more_families(how_many: int, start: int) -> None:
        for n in range(start, start + how_many):
            parent = create_account(session, f"parent{n}", f"Parent {n}", "family", PASSWORD)
            family = start_family(session, f"Family {n}", parent,
                                  {"name": f"Parent {n}", "relationship": "Mum",
                                   "lives": "with_us"})
            connect(session, reader_for(session, parent, family.id), book.professional)
        session.commit()

    more_families(2, 0)
    professional = sign_in(app.test_client(), book.professional)
    few = queries(app, professional, "/shared-with-me")
    more_families(18, 2)
    page = professional.get("/shared-with-me").text
    assert "Family 19" in page
    assert queries(app, professional, "/shared-with-me") == few


def test_a_page_asks_once_whether_the_book_is_closing(app, session, book):
    """The plan page asks it of the book, of the plan and of what the reader may add: once."""
    holder = reader_for(session, book.holder, book.family.id)
    editing.start_plan(session, holder)
    session.commit()
    advocate = sign_in(app.test_client(), book.advocate)
    for page in ("", "plan/"):
        asked = [s for s in statements(app, advocate, f"/families/{book.family.id}/{page}")
                 if s.lstrip().upper().startswith("SELECT EXISTS") and "book_erasures" in s]
        assert len(asked) == 1, page


def test_no_page_asks_the_same_question_twice(app, session, loaded):  # noqa: F811
    """The same statement with the same values, twice in one page, is a question already
    answered. (Left out: the pages that log a read and then ask again whether the book is open
    to the reader, as every rule does once the session has written: a professional's plan, the
    advocate's meeting.)"""
    from plans.meetings.model import Meeting

    meeting = session.scalar(select(Meeting).where(Meeting.family_id == loaded.id))
    pages = {"holder": ["", "story", "timeline", "services", "plan/", "access-log", "people",
                        f"meetings/{meeting.id}"],
             "advocate": ["", "timeline", "plan/"],
             "teacher": ["", "story", "timeline"]}
    for username, paths in pages.items():
        client = demo_sign_in(app.test_client(), username)
        for path in paths:
            sent = statements_with_values(app, client, f"/families/{loaded.id}/{path}")
            repeated = [statement for statement, times in Counter(sent).items() if times > 1]
            assert repeated == [], (username, path)
