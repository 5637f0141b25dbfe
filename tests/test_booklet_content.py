"""What the booklet holds: the plan as agreed (and changed since), why a step is stuck, a
professional's booklet without empty parts, a calendar with the family's own dates, and the
cover's word on an unchecked translation."""

import re
from datetime import date
from io import BytesIO

import pytest
from conftest import log_rows
from pypdf import PdfReader
from sqlalchemy import select

from demo import family as demo
from plans import editing
from plans import sharing as plan_sharing
from plans.fields import goals
from print_templates.booklet import Options, build_booklet
from print_templates.calendar import months_ahead
from print_templates.content import gather, partial_date_text
from print_templates.covers import chain_groups
from print_templates.i18n import words_for
from record_book.book.dates import PartialDate
from record_book.book.model import Account, Entry, Family
from record_book.clock import today
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


@pytest.fixture
def family(session):
    demo.load(session)
    session.commit()
    people = {a.username: a for a in session.scalars(select(Account))}
    found = session.scalar(select(Family))
    return found, people, lambda who: reader_for(session, people[who], found.id)


def test_the_plan_on_paper_says_who_agreed_which_version_and_why_a_step_is_stuck(
        session, family):
    found, people, reader = family
    text = text_of(build_booklet(session, reader("holder"),
                                 Options(sections=frozenset({"plan"}))).pdf)
    assert "Changed since you all agreed on" in text
    assert re.search(r"Marta Hollis agreed to version \d+ on", text)
    assert re.search(r"Zosia Hollis agreed to version \d+ on", text)
    # The school's word beside its step, apart from the family's own status.
    assert "Done said Riverside School (Ms Helen Brooks) on" in text
    assert re.search(r"Rosa Lindqvist agreed to version \d+ on", text)
    plan = editing.open_plan(session, found.id)
    stuck = [v for k, v in editing.latest(session, plan).content.items()
             if k.endswith(".stuck_reason") and v]
    assert stuck
    assert "Why it is stuck:" in text
    assert " ".join(stuck[0].split()[:4]) in text
    for status in ("Done", "Stuck"):
        assert status in text


def test_a_professionals_booklet_leaves_out_empty_parts_and_says_once_what_it_holds(
        session, family):
    found, people, reader = family
    nurse = people["nurse"]
    empty = build_booklet(session, reader("nurse"), Options())
    nothing = text_of(empty.pdf)
    assert "Nothing in the book is shared with you now." in nothing
    assert "Nothing in this part is shared with you." not in nothing
    printed = {key for key, _title, _page in empty.sections}
    assert not printed & {"summary", "people", "story", "timeline", "services", "helps",
                          "plan", "listings"}

    shared = session.scalar(select(Entry).where(Entry.family_id == found.id,
                                                Entry.kind == "service"))
    share_entry(session, reader("holder"), shared, Grantee(nurse.id, None, nurse.display_name))
    session.commit()
    booklet = build_booklet(session, reader("nurse"), Options())
    some = text_of(booklet.pdf)
    assert some.count("It holds:") == 1
    assert "It holds: Services involved with us." in some
    assert "Nothing in this part is shared with you." not in some
    assert [key for key, _title, _page in booklet.sections if key in (
        "summary", "people", "story", "timeline", "helps", "plan", "listings", "services")] \
        == ["services"]


def test_the_calendar_shows_the_next_two_months_with_the_familys_own_dates(session, family):
    found, people, reader = family
    booklet = build_booklet(session, reader("holder"), Options(
        language="pl", sections=frozenset({"calendar"})))
    text = text_of(booklet.pdf)
    joined = re.sub(r"(\w)- (\w)", r"\1\2", text)  # words hyphenated in narrow day boxes
    words = words_for("pl")
    for month in months_ahead(today()):
        assert words.date(month, "LLLL yyyy") in text
    plan = editing.latest(session, editing.open_plan(session, found.id)).content
    review = date.fromisoformat(plan["header.review_date"])
    first, *_rest = months_ahead(today())
    if review >= first:
        assert words("Next review") in joined
    due = [v for k, v in plan.items() if k.endswith(".by_when") and v
           and first <= date.fromisoformat(v)]
    events = [e for e in session.scalars(select(Entry).where(Entry.kind == "event"))
              if (d := PartialDate.from_json(e.fields.get("date"))) and d.day
              and first <= d.earliest and not d.around]
    assert due or events
    for entry in events[:3]:
        assert " ".join(entry.fields["title"].split()[:2]) in joined


def test_a_draft_translation_says_so_on_the_cover_in_its_own_language(session, family):
    _found, _people, reader = family
    arabic = build_booklet(session, reader("holder"), Options(
        language="ar", sections=frozenset({"summary"})))
    cover = PdfReader(BytesIO(arabic.pdf)).pages[0].extract_text()
    line = words_for("ar")("This translation has not been checked by a speaker yet.")
    assert line != "This translation has not been checked by a speaker yet."
    assert all(word in cover for word in line.rstrip(".").split())
    english = build_booklet(session, reader("holder"), Options(sections=frozenset({"summary"})))
    assert "has not been checked" not in PdfReader(BytesIO(english.pdf)).pages[0].extract_text()


def test_the_booklet_says_whose_words_an_entry_is(session, family):
    """An entry the teacher wrote prints "Written by Ms Helen Brooks, Riverside School, on …";
    a page typed in from paper prints "From our paper book, typed by Rosa Lindqvist on …"."""
    from record_book.book import proposals

    found, people, reader = family
    marta = reader("holder")
    someone = str(session.scalar(select(Entry.id).where(Entry.family_id == found.id,
                                                         Entry.kind == "member")))
    proposals.accept(session, marta, proposals.waiting(session, marta)[0],
                     owner_member_id=someone)
    typed = proposals.propose(session, reader("advocate"), "helps", {
        "section": "helps_us", "title": "Walking to school with Babcia",
        "text": "Zosia is calmer when Babcia walks her in.", "category": "school"},
        from_paper=True)
    proposals.accept(session, marta, typed, owner_member_id=someone)
    session.commit()
    text = text_of(build_booklet(session, marta, Options(sections=frozenset({"helps"}))).pdf)
    assert "Written by Ms Helen Brooks, Riverside School, on" in text
    assert "From our paper book, typed by Rosa Lindqvist on" in text
    # The family's own entries carry no such line.
    assert text.count("Written by") == 1


def test_the_calendar_shows_the_meetings_the_reader_may_know_of(session, family):
    found, people, reader = family
    for who in ("holder", "teacher"):
        booklet = build_booklet(session, reader(who), Options(sections=frozenset({"calendar"})))
        assert "Meeting at 10:00" in re.sub(r"(\w)- (\w)", r"\1\2", text_of(booklet.pdf)), who
    # The plan's writers' meeting words stay off the wall: only "Meeting at" and the time.
    assert "Team around the family" not in text_of(booklet.pdf)


@pytest.mark.parametrize("value, english", [
    ({"year": 2026, "month": 3, "day": 5, "around": False}, "5 March 2026"),
    ({"year": 2026, "month": 3, "day": None, "around": False}, "March 2026"),
    ({"year": 2026, "month": 3, "day": 5, "around": True}, "around 5 March 2026"),
    ({"year": 2019, "month": 11, "day": None, "around": True}, "around November 2019"),
    (None, ""),
])
def test_dates_on_paper_say_what_the_family_knows_of_them(value, english):
    assert partial_date_text(value, words_for("en")) == english


def test_dates_on_paper_are_in_the_booklets_language():
    welsh = partial_date_text({"year": 2026, "month": 3, "day": None, "around": True},
                              words_for("cy"))
    assert "2026" in welsh and "Mawrth" in welsh and "March" not in welsh
    assert welsh != "Mawrth 2026", "the 'around' is said in Welsh too"


def test_each_step_on_paper_names_who_does_it(session, family):
    """The family member, the advocate or the service, by name, as the plan page names them."""
    _found, _people, reader = family
    text = text_of(build_booklet(session, reader("holder"),
                                 Options(sections=frozenset({"plan"}))).pdf)
    for step, who in (("Babcia does the Tuesday school run", "Halina Nowicka"),
                      ("Write to the landlord with photos of the mould", "Marta Hollis"),
                      ("Landlord sends someone to fix the wall", "Northgate Homes (our landlord)"),
                      ("Tell the library staff Zosia is coming at lunchtime", "Rosa Lindqvist")):
        assert f"{step} {who} " in text


def test_a_person_shared_with_a_professional_is_on_their_cover_and_logged_as_printed(
        session, family):
    """The cover names the people the reader may read, whichever parts are printed; for someone
    outside the family that is a print of each of those entries, in the family's log."""
    found, people, reader = family
    nurse = people["nurse"]
    zosia = session.scalar(select(Entry).where(Entry.family_id == found.id,
                                               Entry.kind == "member",
                                               Entry.title == "Zosia Hollis"))
    share_entry(session, reader("holder"), zosia, Grantee(nurse.id, None, nurse.display_name))
    session.commit()
    text = text_of(build_booklet(session, reader("nurse"),
                                 Options(sections=frozenset({"services"}))).pdf)
    assert "This book belongs to Zosia Hollis " in text
    assert "Marta Hollis" not in text
    # Just that print: no word of a booklet holding nothing, as if nothing had been shared.
    assert [(row.action, row.entry_id) for row in log_rows(session, found.id, nurse.id)] == [
        ("print", zosia.id)]
    assert "record of who has looked" not in text, "the family's own log is the family's"


def test_our_people_on_paper_hold_a_childs_page_in_their_own_words(session, family):
    _found, _people, reader = family
    text = text_of(build_booklet(session, reader("holder"),
                                 Options(sections=frozenset({"people"}))).pdf)
    assert "A garden with a swing. For Mummy to be better." in text
    story = text_of(build_booklet(session, reader("holder"),
                                  Options(sections=frozenset({"story"}))).pdf)
    assert "A garden with a swing" not in story


def test_the_familys_copy_holds_the_count_and_check_number_of_its_log(session, family):
    """What a later rewrite of the log would have to match, on paper, in the family's hands."""
    found, _people, reader = family
    head = access_log.head_of(session, found.id)
    text = text_of(build_booklet(session, reader("holder"),
                                 Options(sections=frozenset({"summary"}))).pdf)
    assert "Our record of who has looked" in text
    assert f"had {head.row_count} lines. Its check number was: {chain_groups(head.chain)}" in text


def test_a_read_this_first_page_shared_with_a_professional_is_what_their_print_logs(
        session, family):
    found, people, reader = family
    nurse = people["nurse"]
    summary = session.scalar(select(Entry).where(Entry.family_id == found.id,
                                                 Entry.kind == "summary"))
    share_entry(session, reader("holder"), summary, Grantee(nurse.id, None, nurse.display_name))
    session.commit()
    text = text_of(build_booklet(session, reader("nurse"),
                                 Options(sections=frozenset({"summary"}))).pdf)
    assert "Nothing in the book is shared with you now." not in text
    assert [(row.action, row.entry_id) for row in log_rows(session, found.id, nurse.id)] == [
        ("print", summary.id)]


PARTS = {"people": "voices", "story": "story", "helps": "helps", "timeline": "events",
         "services": "services"}


@pytest.mark.parametrize("part", ["people", "story", "helps", "timeline", "services",
                                  "summary", "plan", "calendar"])
def test_a_booklet_of_one_part_holds_that_part_and_the_cover_still_names_everyone(
        session, family, part):
    """Printing only the timeline gives the timeline, not the story; the cover's people and the
    family's kept listings come whichever part is chosen."""
    found, _people, reader = family
    everything = gather(session, reader("holder"))
    one = gather(session, reader("holder"), sections=[part])
    assert [e.id for e in one.members] == [e.id for e in everything.members]
    assert {e.kind for e in one.members} == {"member"} and len(one.members) == 5
    assert [x.id for x in one.listings] == [x.id for x in everything.listings] != []
    for key, attribute in PARTS.items():
        held = getattr(one, attribute)
        if key == part or (part == "calendar" and attribute == "events"):
            assert [e.id for e in held] == [e.id for e in getattr(everything, attribute)] != []
        else:
            assert held == [], attribute
    assert (one.summary is not None) == (part == "summary")
    assert (one.plan is not None) == (part in ("plan", "calendar"))
    assert bool(one.meetings) == (part == "calendar")


def test_the_whole_booklet_holds_every_part_the_family_wrote(session, family):
    found, people, reader = family
    content = gather(session, reader("holder"))
    assert content.family_title == found.title == "The Hollis family book"
    assert content.reader_name == "Marta Hollis"
    assert content.for_family is True
    kinds = {"voices": "voice", "story": "story", "helps": "helps", "events": "event",
             "services": "service"}
    for attribute, kind in kinds.items():
        held = getattr(content, attribute)
        assert held and {e.kind for e in held} == {kind}, attribute
    assert content.summary.kind == "summary"
    assert content.plan.whole and content.plan.goals and content.meetings
    # Each photo comes with its picture; entries with nothing attached are not listed.
    assert content.attachments
    for entry_id, files in content.attachments.items():
        assert files and entry_id in {e.id for e in content.all_entries()}
        for file, picture in files:
            assert file.is_photo and picture and picture[:2] in (b"\xff\xd8", b"\x89P")


def test_the_plan_on_the_familys_paper_has_every_goals_review_and_who_agreed(session, family):
    found, _people, reader = family
    plan = editing.open_plan(session, found.id)
    latest = editing.latest(session, plan)
    printed = gather(session, reader("holder"), sections=["plan"]).plan
    assert printed.whole is True
    assert printed.revision == latest.number
    assert printed.content == latest.content
    assert {g.id for g in printed.goals} == set(printed.ratings) and len(printed.goals) == 5
    assert printed.agreement is not None and printed.agreement.agreements
    assert printed.names["advocate"] == "Rosa Lindqvist"
    assert printed.marks


def test_a_professional_with_one_goal_prints_that_goal_alone_and_the_family_sees_the_print(
        session, family):
    found, people, reader = family
    nurse = people["nurse"]
    plan = editing.open_plan(session, found.id)
    goal = goals(editing.latest(session, plan).content)[0]
    plan_sharing.share(session, reader("holder"), plan, f"goal:{goal.id}",
                       Grantee(nurse.id, None, nurse.display_name))
    session.commit()
    content = gather(session, reader("nurse"), sections=["plan"])
    assert content.for_family is False and content.reader_name == nurse.display_name
    assert content.plan.whole is False
    assert [g.id for g in content.plan.goals] == [goal.id]
    assert {s.goal_id for s in content.plan.steps} <= {goal.id}
    assert set(content.plan.ratings) == {goal.id}
    assert content.plan.agreement is None, "who agreed is the family's and its advocate's"
    assert content.listings == [] and content.log_head is None
    assert [(row.action, row.entry_id, row.details.get("plan_part"))
            for row in log_rows(session, found.id, nurse.id)] == [
        ("print", None, f"goal:{goal.id}")]


def test_a_professional_with_nothing_shared_prints_an_empty_booklet_the_family_hears_of(
        session, family):
    found, people, reader = family
    nurse = people["nurse"]
    content = gather(session, reader("nurse"))
    assert content.all_entries() == [] and content.plan is None
    assert content.members == [] and content.meetings == [] and content.attachments == {}
    assert content.listings == [] and content.log_head is None
    assert [(row.action, row.entry_id) for row in log_rows(session, found.id, nurse.id)] == [
        ("print", None)]


def test_a_teachers_calendar_print_is_in_the_familys_log_as_printed_meetings(session, family):
    found, people, reader = family
    teacher = people["teacher"]
    before = {row.id for row in log_rows(session, found.id, teacher.id)}
    content = gather(session, reader("teacher"), sections=["calendar"])
    assert content.meetings
    new = [row for row in log_rows(session, found.id, teacher.id) if row.id not in before]
    assert new and {row.action for row in new} == {"print"}
