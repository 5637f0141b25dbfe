"""Meetings around the family: set up by the advocate or a holder, prepared by the family in
private until it shares, recorded with decisions and actions that become plan steps, agreed by
the family, and read by an invited professional only as far as the family shared, logged."""

from datetime import date, timedelta, timezone

import pytest
from conftest import PASSWORD
from icalendar import Calendar
from sqlalchemy import select

from plans import editing
from plans.fields import goals, steps
from plans.meetings import actions, arranging, calendar_file
from plans.meetings import reading as meeting_reading
from plans.meetings.model import AGREED, MISSED
from record_book.accounts.accounts import create_account
from record_book.book.families import own_member_entry_id
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import NotAllowed, reader_for
from record_book.sharing.model import AccessLogRow, Connection

ZONE = "Europe/London"


@pytest.fixture
def world(session, book):
    """The Carters' advocate sets up a meeting with Ms Patel (connected) invited, and Sam."""
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    advocate = reader_for(session, book.advocate, book.family.id)
    sam = own_member_entry_id(session, reader_for(session, book.holder, book.family.id))
    form = arranging.read_meeting_form(session, advocate, {
        "day": "14 7 2027", "time": "2.30pm", "how": "in_person", "minutes": "60",
        "place": "Riverside School", "purpose": "How Jo is getting on at school"},
        [f"m{sam}", f"a{book.professional.id}"], ZONE)
    meeting = arranging.arrange(session, advocate, form)
    session.commit()
    return meeting


def reader(session, account, book):
    return reader_for(session, account, book.family.id)


def log_rows(session, book, actor):
    return list(session.scalars(select(AccessLogRow).where(
        AccessLogRow.family_id == book.family.id, AccessLogRow.actor_id == actor.id)))


def test_the_time_is_the_familys_clock_kept_in_utc(session, book, world):
    # 2.30pm in London in July is 13:30 UTC (summer time).
    assert world.starts_at.astimezone(timezone.utc).hour == 13
    assert world.starts_at.minute == 30
    assert arranging.invite_keys(session, world) == [
        f"m{own_member_entry_id(session, reader(session, book.holder, book))}",
        f"a{book.professional.id}"]


@pytest.mark.parametrize("typed,expected", [
    ("14:30", (14, 30)), ("9.05", (9, 5)), ("2pm", (14, 0)), ("12am", (0, 0)),
    ("25:00", None), ("13pm", None), ("١٤:٣٠", None), ("soon", None)])
def test_times_as_people_type_them(typed, expected):
    assert arranging.parse_time(typed) == expected


def test_a_form_with_nothing_right_names_each_problem(session, book, world):
    with pytest.raises(Invalid) as wrong:
        arranging.read_meeting_form(session, reader(session, book.holder, book), {
            "day": "31 2 2027", "time": "later", "how": "carrier pigeon", "minutes": "7",
            "purpose": ""}, ["a999999"], ZONE)
    assert set(wrong.value.problems) == {"day", "time", "how", "minutes", "purpose", "invited"}


def test_only_holders_and_the_advocate_set_up_meetings(session, book, world):
    form = arranging.read_meeting_form(session, reader(session, book.holder, book), {
        "day": "1 8 2027", "time": "10:00", "how": "phone", "minutes": "30",
        "purpose": "Money"}, [], ZONE)
    assert arranging.arrange(session, reader(session, book.holder, book), form).id
    for account in (book.young, book.professional):
        with pytest.raises(NotAllowed):
            arranging.arrange(session, reader(session, account, book), form)


def test_what_the_family_wants_to_say_is_private_until_a_holder_shares_it(
        session, book, world):
    sam = reader(session, book.holder, book)
    arranging.prepare(session, sam, world, {"part": "say", "text": "Jo is tired after PE"})
    arranging.prepare(session, reader(session, book.advocate, book), world,
                      {"part": "ask", "text": "Can Jo have a quiet space?"})
    session.commit()
    patel = reader(session, book.professional, book)
    seen = meeting_reading.meeting(session, patel, world.id)
    assert seen.meeting.purpose == "How Jo is getting on at school"
    assert seen.before == [] and not seen.whole and seen.invited == []
    with pytest.raises(NotAllowed):
        arranging.share_preparation(session, reader(session, book.young, book), world)
    with pytest.raises(NotAllowed):
        arranging.share_preparation(session, reader(session, book.advocate, book), world)
    arranging.share_preparation(session, sam, world)
    session.commit()
    shared = meeting_reading.meeting(session, reader(session, book.professional, book), world.id)
    assert [note.text for note in shared.before] == ["Jo is tired after PE",
                                                     "Can Jo have a quiet space?"]


def test_an_invited_professional_reads_only_through_the_log(session, book, world):
    arranging.record(session, reader(session, book.advocate, book), world,
                     {"part": "decided", "text": "Jo gets a quiet space", "why": "Tired"})
    session.commit()
    before = len(log_rows(session, book, book.professional))
    seen = meeting_reading.meeting(session, reader(session, book.professional, book), world.id)
    assert seen.after == [] and seen.agreeing == []
    rows = log_rows(session, book, book.professional)
    assert len(rows) == before + 1
    assert rows[-1].details == {"title": "How Jo is getting on at school", "meeting": world.id}
    assert [m.id for m in meeting_reading.meetings(
        session, reader(session, book.professional, book))] == [world.id]


def test_someone_not_invited_or_no_longer_connected_learns_nothing(session, book, world):
    other = create_account(session, "ned", "Ned Nurse", "professional", PASSWORD,
                           book.professional.organisation)
    session.add(Connection(family_id=book.family.id, account_id=other.id,
                           created_by_id=book.holder.id))
    session.flush()
    assert meeting_reading.meeting(session, reader(session, other, book), world.id) is None
    assert meeting_reading.meetings(session, reader(session, other, book)) == []
    session.scalar(select(Connection).where(
        Connection.account_id == book.professional.id)).ended_at = utcnow()
    session.flush()
    assert meeting_reading.meeting(session, reader(session, book.professional, book),
                                   world.id) is None
    with pytest.raises(NotAllowed):
        arranging.write_professional_note(session, reader(session, book.professional, book),
                                          world, {"text": "Notes"})


def test_professional_notes_stay_theirs_and_apart(session, book, world):
    patel = reader(session, book.professional, book)
    arranging.write_professional_note(session, patel, world, {"text": "Jo did well in maths"})
    with pytest.raises(NotAllowed):
        arranging.record(session, patel, world, {"part": "decided", "text": "Anything"})
    with pytest.raises(NotAllowed):
        arranging.write_professional_note(session, reader(session, book.advocate, book), world,
                                          {"text": "Not the advocate's place"})
    session.commit()
    whole = meeting_reading.meeting(session, reader(session, book.holder, book), world.id)
    assert [(n.text, n.author.display_name) for n in whole.professional] == [
        ("Jo did well in maths", "Ms Patel")]
    assert whole.before == [] and whole.after == []


def test_two_actions_become_plan_steps_with_their_owners(session, book, world):
    advocate = reader(session, book.advocate, book)
    sam_key = f"member:{own_member_entry_id(session, reader(session, book.holder, book))}"
    plan = editing.start_plan(session, advocate)
    editing.save(session, advocate, plan, editing.read_form(session, advocate, {
        "new-goal.title": "Jo enjoys school", "new-goal.area": "school"}, {}), 1)
    first = arranging.record(session, advocate, world, {
        "part": "action", "text": "Ask for a quiet room", "who": "advocate",
        "by_when": "1 9 2027"})
    # The plan names who does a step from what the writer may read: the advocate is shown no
    # member entry unless it is shared, so Sam names herself.
    second = arranging.record(session, reader(session, book.holder, book), world, {
        "part": "action", "text": "Walk Jo to school", "who": sam_key, "by_when": ""})
    goal = goals(editing.latest(session, plan).content)[0]
    step_id = actions.make_step(session, advocate, world, first.id, goal.id)
    assert actions.make_step(session, advocate, world, first.id, goal.id) == step_id
    actions.make_step(session, reader(session, book.holder, book), world, second.id,
                      actions.NEW_GOAL, "Mornings go smoothly", "everyday")
    session.commit()
    content = editing.latest(session, plan).content
    made = {step.fields["what"]: step.fields for step in steps(content)}
    assert made["Ask for a quiet room"]["who"] == "advocate"
    assert made["Ask for a quiet room"]["by_when"] == "2027-09-01"
    assert made["Ask for a quiet room"]["goal"] == goal.id
    assert made["Walk Jo to school"]["who"] == sam_key
    new_goal = made["Walk Jo to school"]["goal"]
    assert content[f"goal.{new_goal}.title"] == "Mornings go smoothly"
    with pytest.raises(NotAllowed):
        actions.make_step(session, reader(session, book.young, book), world, first.id, goal.id)


def test_an_action_needs_an_owner_from_the_list(session, book, world):
    with pytest.raises(Invalid) as wrong:
        arranging.record(session, reader(session, book.advocate, book), world, {
            "part": "action", "text": "Something", "who": "member:999999"})
    assert "who" in wrong.value.problems


def test_the_family_agrees_and_adds_what_was_missed_and_both_stay(session, book, world):
    with pytest.raises(NotAllowed):
        arranging.agree(session, reader(session, book.advocate, book), world, {})
    arranging.agree(session, reader(session, book.holder, book), world, {})
    arranging.agree(session, reader(session, book.young, book), world,
                    {"missed": "I said I like art"})
    session.commit()
    whole = meeting_reading.meeting(session, reader(session, book.advocate, book), world.id)
    assert [(n.part, n.text) for n in whole.agreeing] == [(AGREED, ""),
                                                         (MISSED, "I said I like art")]


def test_taking_back_a_thing_to_say_hides_it_but_keeps_it(session, book, world):
    sam = reader(session, book.holder, book)
    note = arranging.prepare(session, sam, world, {"part": "say", "text": "Never mind"})
    arranging.take_back(session, sam, world, note.id)
    session.commit()
    assert meeting_reading.meeting(session, sam, world.id).before == []
    assert note.removed_at is not None


def test_the_calendar_file_holds_the_next_two_months_and_no_words_unasked(session, book,
                                                                          world):
    soon = arranging.arrange(session, reader(session, book.holder, book),
                             arranging.read_meeting_form(session, reader(session, book.holder,
                                                                         book), {
                                 "day": (date.today() + timedelta(days=20)).strftime("%d %m %Y"),
                                 "time": "09:00", "how": "phone", "minutes": "30",
                                 "purpose": "Money worries"}, [], ZONE))
    found = calendar_file.coming([world, soon], utcnow())
    assert found == [soon]
    events = Calendar.from_ical(calendar_file.calendar_file(
        found, calendar_file.title_from("  "), False, utcnow())).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Appointment"]
    assert b"Money" not in calendar_file.calendar_file(found, "x", False, utcnow())
