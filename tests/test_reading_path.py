"""Reading is logging: the pages and the booklet get the book's words only through the reading
path (record_book.reading, plans.reading), which logs what an outsider is handed.

The table of routes in tests/test_routes_by_role.py checks the other half: each page that shows
an outsider the book's words grows the family's access log.
"""

import ast
from pathlib import Path

import made_files
import pytest
from conftest import log_rows
from sqlalchemy import select

from record_book import reading
from record_book.book.attachments import Upload, add_attachment, remove_attachment
from record_book.book.entries import add_entry, update_entry
from record_book.book.families import own_member_entry_id
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log, leads
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Notification

REPO = Path(__file__).resolve().parent.parent
# The read rule and the raw reads that come before logging: only the reading path calls them.
BEHIND_THE_READING_PATH = {
    "readable_entries", "readable_entry", "readable_revisions", "readable_by_both",
    "readable_plan_parts", "visible", "latest", "revisions", "compare", "grants_for_reader",
}
# Who may call them anyway, and why.
ALLOWED = {
    # The grant behind each entry a page already read: which share shows it, not the words.
    ("portal/book/opening.py", "grants_for_reader"),
}


def _uses(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in BEHIND_THE_READING_PATH:
            names.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in BEHIND_THE_READING_PATH:
            names.add(node.func.id)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names
                      if alias.name in BEHIND_THE_READING_PATH}
    return names


def test_pages_and_the_booklet_read_only_through_the_reading_path():
    offenders = []
    for package in ("portal", "print_templates"):
        for path in sorted((REPO / package).rglob("*.py")):
            where = str(path.relative_to(REPO))
            offenders += [f"{where}: {name}" for name in sorted(_uses(path))
                          if (where, name) not in ALLOWED]
    assert offenders == []


def test_the_check_sees_a_page_that_reads_around_the_path(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("from record_book.policy import readable_entries\n"
                    "rev = editing.latest(db(), plan)\n"
                    "found = visible(db(), reader, content)\n"
                    "revisions = reading.history(db(), reader, entry)\n")
    assert _uses(page) == {"readable_entries", "latest", "visible"}


# What the reading path hands out, and the rows it writes -----------------------------------

def _carters(session, book):
    return reader_for(session, book.holder, book.family.id)


def _patel(session, book, holder):
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    return reader_for(session, book.professional, book.family.id)


def _summary(session, holder):
    return add_entry(session, holder, "summary", {
        "text": "We are a family of five.", "category": "family_life",
        "owner_member_id": str(own_member_entry_id(session, holder))})


def _event(session, holder, title, day):
    year, month, date = day.split("-")
    return add_entry(session, holder, "event", {
        "title": title, "date-day": str(int(date)), "date-month": str(int(month)),
        "date-year": year, "event_type": "referral", "category": "home",
        "owner_member_id": str(own_member_entry_id(session, holder))})


def test_read_this_first_reaches_only_whom_it_is_shared_with_and_their_read_is_logged(
        session, book):
    holder = _carters(session, book)
    summary = _summary(session, holder)
    _event(session, holder, "Moved to the new flat", "2026-03-03")
    patel = _patel(session, book, holder)
    assert reading.first_of_kind(session, patel, "summary") is None, "not shared yet"
    share_entry(session, holder, summary, Grantee(book.professional.id, None, "Ms Patel"))
    before = access_log.count(session, book.family.id)
    assert reading.first_of_kind(session, patel, "summary") == summary
    assert access_log.count(session, book.family.id) == before + 1
    read = log_rows(session, book.family.id)[0]
    assert (read.action, read.actor_id, read.entry_id) == (
        "read", book.professional.id, summary.id)


def test_the_front_page_has_read_this_first_the_eight_latest_saves_and_five_coming_up(
        session, book):
    holder = _carters(session, book)
    summary = _summary(session, holder)
    for day in range(1, 8):
        _event(session, holder, f"Meeting {day}", f"2024-01-0{day}")
    _event(session, holder, "Long ago", "2020-05-05")
    page = reading.home(session, holder, "2024-01-01")
    assert page.summary == summary
    assert [title for _saved, _kind, title in page.changes] == [
        "Long ago", *(f"Meeting {day}" for day in range(7, 0, -1))]
    assert [entry.title for entry in page.coming] == [f"Meeting {day}" for day in range(1, 6)]


@pytest.mark.parametrize("events, older", [(3, False), (4, True)])
def test_a_page_of_events_says_older_ones_follow_only_when_they_do(session, book, events, older):
    holder = _carters(session, book)
    for day in range(1, events + 1):
        _event(session, holder, f"Meeting {day}", f"2024-01-0{day}")
    shown, more = reading.page_of(session, holder, "event", 1, 3)
    assert ([entry.title for entry in shown], more) == (
        [f"Meeting {day}" for day in range(events, events - 3, -1)], older)


def test_the_second_page_of_events_goes_on_where_the_first_stopped_and_logs_only_itself(
        session, book):
    holder = _carters(session, book)
    for day in range(1, 8):
        _event(session, holder, f"Meeting {day}", f"2024-01-0{day}")
    patel = _patel(session, book, holder)
    for meeting in reading.entries(session, holder, "event"):
        share_entry(session, holder, meeting, Grantee(book.professional.id, None, "Ms Patel"))
    before = access_log.count(session, book.family.id)
    shown, more = reading.page_of(session, patel, "event", 2, 3)
    assert ([entry.title for entry in shown], more) == (
        ["Meeting 4", "Meeting 3", "Meeting 2"], True)
    read = log_rows(session, book.family.id)[:access_log.count(session, book.family.id) - before]
    assert sorted((row.action, row.details["title"]) for row in read) == [
        ("read", "Meeting 2"), ("read", "Meeting 3"), ("read", "Meeting 4")]
    last, more = reading.page_of(session, patel, "event", 3, 3)
    assert ([entry.title for entry in last], more) == (["Meeting 1"], False)


def _a_letter_shared_with_patel(session, book):
    """The council's letter on an event the Carters share with Ms Patel."""
    holder = _carters(session, book)
    entry = _event(session, holder, "Letter from the council", "2026-03-03")
    letter = add_attachment(session, holder, entry,
                            Upload("letter.pdf", made_files.plain_pdf(), "Rent letter"))
    patel = _patel(session, book, holder)
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    return holder, entry, letter, patel


def test_opening_a_letter_names_the_letter_and_its_entry_and_its_thumbnail_the_entry(
        session, book):
    holder, entry, letter, patel = _a_letter_shared_with_patel(session, book)
    assert reading.attachment(session, patel, letter.id) == letter
    opened = log_rows(session, book.family.id)[0]
    assert (opened.action, opened.entry_id, opened.details) == (
        "open", entry.id, {"title": "Rent letter", "entry": "Letter from the council"})
    assert reading.attachment(session, patel, letter.id, "read") == letter
    thumbnail = log_rows(session, book.family.id)[0]
    assert (thumbnail.action, thumbnail.entry_id, thumbnail.details) == (
        "read", entry.id, {"title": "Letter from the council"})


def test_the_advocate_reading_the_handover_note_is_logged_as_the_handover_note(session, book):
    holder = _carters(session, book)
    _patel(session, book, holder)
    change = leads.change_advocate(session, holder, f"a{book.professional.id}",
                                   "Ring before 10, please.")
    patel = reader_for(session, book.professional, book.family.id)
    assert reading.handover_notes(session, patel, leads.history(session, book.family.id)) == {
        change.id: "Ring before 10, please."}
    read = log_rows(session, book.family.id)[0]
    assert (read.action, read.actor_id, read.entry_id, read.details) == (
        "read", book.professional.id, None, {"title": "Handover note", "lead_change": change.id})


def test_a_handover_note_is_read_only_by_the_family_and_the_advocate_it_was_left_for(
        session, book):
    holder = _carters(session, book)
    _patel(session, book, holder)
    change = leads.change_advocate(session, holder, f"a{book.professional.id}",
                                   "Ring before 10, please.")
    changes = leads.history(session, book.family.id)
    before = access_log.count(session, book.family.id)
    stepped_down = reader_for(session, book.advocate, book.family.id)
    assert reading.handover_notes(session, stepped_down, changes) == {}
    assert reading.handover_notes(session, holder, changes) == {
        change.id: "Ring before 10, please."}
    assert access_log.count(session, book.family.id) == before, "nobody outside read it"


def test_a_letter_taken_off_an_entry_stays_the_familys_alone(session, book):
    holder, entry, letter, patel = _a_letter_shared_with_patel(session, book)
    remove_attachment(session, holder, letter)
    assert reading.attachment(session, patel, letter.id) is None
    assert reading.removed_attachments(session, patel, entry) == []
    assert reading.attachment(session, holder, letter.id) is letter
    assert reading.removed_attachments(session, holder, entry) == [letter]


def test_earlier_versions_are_the_familys_even_of_a_shared_entry(session, book):
    holder = _carters(session, book)
    entry = _event(session, holder, "First meeting", "2026-03-03")
    session.flush()
    update_entry(session, holder, entry, {
        **entry.fields, "title": "First meeting at school", "date-day": "3", "date-month": "3",
        "date-year": "2026", "category": "home",
        "owner_member_id": str(entry.owner_member_id)}, entry.version)
    patel = _patel(session, book, holder)
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    assert [saved.version for saved in reading.history(session, holder, entry)] == [2, 1]
    assert reading.version(session, holder, entry, 1).title == "First meeting"
    assert reading.history(session, patel, entry) == []
    assert reading.version(session, patel, entry, 1) is None


def test_the_first_read_by_someone_new_tells_each_holder_once_who_may_read_it(session, book):
    """Printing is not reading for the first time, a read of a young person's private entry
    tells no parent, and the family reading its own book writes nothing to its log."""
    holder = _carters(session, book)
    jo = reader_for(session, book.young, book.family.id)
    patel = _patel(session, book, holder)
    moving = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    secret = add_entry(session, jo, "story", {
        "section": "story_so_far", "title": "Only for my counsellor", "text": "Words.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder)),
        "visibility": "private"})
    share_entry(session, holder, moving, Grantee(book.professional.id, None, "Ms Patel"))
    share_entry(session, jo, secret, Grantee(book.professional.id, None, "Ms Patel"))

    def told():
        return sorted((n.account_id, n.kind, n.params) for n in session.scalars(
            select(Notification).where(Notification.family_id == book.family.id)))

    reading.handed_out(session, patel, [moving], "print")
    reading.handed_out(session, patel, [secret])
    assert told() == []
    reading.handed_out(session, patel, [moving])
    reading.handed_out(session, patel, [moving])
    who = {"who": book.professional.id}
    assert told() == [(book.holder.id, "first_read", who),
                      (book.second_holder.id, "first_read", who)]
    before = access_log.count(session, book.family.id)
    assert reading.entry(session, holder, moving.id) == moving
    assert reading.entry(session, jo, secret.id) == secret
    assert access_log.count(session, book.family.id) == before


def test_entries_come_in_the_books_order_and_what_is_printed_is_logged_as_printed(
        session, book):
    holder = _carters(session, book)
    march = _event(session, holder, "Referral", "2026-03-03")
    same_day = _event(session, holder, "Letter the same day", "2026-03-03")
    may = _event(session, holder, "Meeting", "2026-05-05")
    story = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    assert reading.entries(session, holder, "event") == [march, same_day, may]
    assert reading.entries(session, holder, "event", newest_first=True) == [may, march, same_day]
    everything = reading.every_entry(session, holder)
    assert [entry.kind for entry in everything] == sorted(entry.kind for entry in everything)
    assert story in everything and may in everything
    patel = _patel(session, book, holder)
    share_entry(session, holder, may, Grantee(book.professional.id, None, "Ms Patel"))
    assert reading.entries(session, patel, "event", action="print") == [may]
    printed = log_rows(session, book.family.id)[0]
    assert (printed.action, printed.entry_id) == ("print", may.id)


def test_an_outsiders_front_page_logs_each_recently_changed_entry_it_shows(session, book):
    holder = _carters(session, book)
    moving = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    patel = _patel(session, book, holder)
    share_entry(session, holder, moving, Grantee(book.professional.id, None, "Ms Patel"))
    page = reading.home(session, patel, "2026-01-01")
    assert [title for _saved, _kind, title in page.changes] == ["Moving house"]
    assert page.shown == [moving]
    read = log_rows(session, book.family.id)[0]
    assert (read.action, read.actor_id, read.entry_id) == ("read", book.professional.id, moving.id)
