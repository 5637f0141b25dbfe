"""The meeting pages as people use them: the advocate sets one up with the teacher invited, the
holder prepares and shares, the advocate records two actions that become plan steps, the teacher
reads only what was shared (and the family sees that in its log), the holder agrees the notes
and prints the one page."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from conftest import field_value, sign_in, summary_links
from pypdf import PdfReader
from sqlalchemy import select

from plans import editing
from plans.fields import steps
from plans.meetings.model import Meeting
from record_book.book.families import own_member_entry_id
from record_book.policy import reader_for
from record_book.sharing.model import AccessLogRow, Connection


@pytest.fixture
def carters(session, book):
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    plan = editing.start_plan(session, reader_for(session, book.holder, book.family.id))
    holder = reader_for(session, book.holder, book.family.id)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Jo enjoys school", "new-goal.area": "school"}, {}), 1)
    session.commit()
    return book


def _words(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.text).split())


def _set_up(app, book, session):
    advocate = sign_in(app.test_client(), book.advocate)
    sam = own_member_entry_id(session, reader_for(session, book.holder, book.family.id))
    page = advocate.get(f"/families/{book.family.id}/meetings/new")
    assert page.status_code == 200 and "Ms Patel" in page.text
    response = advocate.post(f"/families/{book.family.id}/meetings/new", data={
        "purpose": "How Jo is getting on at school", "day": "14 7 2031", "time": "2.30pm",
        "minutes": "60", "how": "in_person", "place": "Riverside School",
        "invited": [f"m{sam}", f"a{book.professional.id}"]})
    assert response.status_code == 302, response.text[:500]
    meeting = session.scalar(select(Meeting).where(Meeting.family_id == book.family.id))
    return advocate, f"/families/{book.family.id}/meetings/{meeting.id}"


def test_a_form_with_problems_says_what_to_fix_and_keeps_what_was_typed(app, carters):
    advocate = sign_in(app.test_client(), carters.advocate)
    response = advocate.post(f"/families/{carters.family.id}/meetings/new", data={
        "purpose": "Money worries", "day": "31 2 2031", "time": "", "minutes": "60",
        "how": "phone"})
    assert response.status_code == 400
    text = _words(response)
    assert "There is a problem" in text and "Enter the day of the meeting" in text
    assert "Money worries" in response.text


def test_the_whole_journey(app, carters, session):
    book = carters
    advocate, url = _set_up(app, book, session)
    holder = sign_in(app.test_client(), book.holder)
    teacher = sign_in(app.test_client(), book.professional)
    assert holder.post(url + "/prepare", data={"part": "say", "text": "Jo is tired after PE"}
                       ).status_code == 302
    assert holder.post(url + "/prepare", data={"part": "ask", "text": "Is there a quiet room?"}
                       ).status_code == 302
    assert "Jo is tired after PE" not in teacher.get(url).text
    assert holder.post(url + "/share").status_code == 302
    seen = _words(teacher.get(url))
    assert "Jo is tired after PE" in seen and "How Jo is getting on at school" in seen
    for text, who in (("Ask for a quiet room", "advocate"), ("Check in each Friday", "advocate")):
        assert advocate.post(url + "/record", data={"part": "action", "text": text, "who": who,
                                                    "by_when": "1 9 2031"}).status_code == 302
    assert advocate.post(url + "/record", data={"part": "decided", "text": "Jo gets a quiet room",
                                                "why": "She is tired"}).status_code == 302
    page = advocate.get(url).text
    goal = re.search(r'<option value="([a-z0-9]{8})">Jo enjoys school', page)[1]
    forms = re.findall(r'action="(/families/\d+/meetings/\d+/actions/\d+/step)"', page)
    assert len(forms) == 2
    assert advocate.post(forms[0], data={"goal": goal}).status_code == 302
    assert advocate.post(forms[1], data={"goal": "new", "new_goal": "Fridays go well",
                                         "area": "school"}).status_code == 302
    content = editing.latest(session, editing.open_plan(session, book.family.id)).content
    assert sorted(s.fields["what"] for s in steps(content)) == [
        "Ask for a quiet room", "Check in each Friday"]
    assert all(s.fields["who"] == "advocate" for s in steps(content))
    # The teacher is never shown what was decided, and writes her own notes, kept apart.
    assert "Jo gets a quiet room" not in teacher.get(url).text
    assert teacher.post(url + "/professional-notes", data={"text": "Jo did well in maths"}
                        ).status_code == 302
    assert holder.post(url + "/agree").status_code == 302
    assert holder.post(url + "/agree", data={"kind": "missed", "missed": "Jo likes art"}
                       ).status_code == 302
    page = _words(holder.get(url))
    assert "Ms Patel Jo did well in maths" in page and "Jo likes art" in page
    reads = session.scalars(select(AccessLogRow).where(
        AccessLogRow.actor_id == book.professional.id)).all()
    assert {row.details.get("title") for row in reads} == {"How Jo is getting on at school"}
    assert "Ms Patel" in _words(holder.get(f"/families/{book.family.id}/access-log"))
    printed = holder.get(url + "/print")
    assert printed.mimetype == "application/pdf"
    pdf = PdfReader(BytesIO(printed.data))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for words in ("Jo is tired after PE", "Ask for a quiet room", "Jo did well in maths",
                  "Jo likes art", "Riverside School"):
        assert words in text, words


def test_the_print_is_in_the_readers_language(app, carters, session):
    _advocate, url = _set_up(app, carters, session)
    holder = sign_in(app.test_client(), carters.holder)
    holder.get("/language/cy?next=/")
    printed = holder.get(url + "/print")
    text = PdfReader(BytesIO(printed.data)).pages[0].extract_text()
    assert "How we meet" not in text and "How Jo is getting on at school" in text


def test_someone_not_invited_is_told_it_is_not_there(app, carters, session):
    _advocate, url = _set_up(app, carters, session)
    other = sign_in(app.test_client(), carters.other_holder)
    assert other.get(url).status_code == 404
    young = sign_in(app.test_client(), carters.young)
    assert young.post(url + "/share").status_code == 404
    assert young.post(url + "/record", data={"part": "decided", "text": "x"}).status_code == 404


def test_add_to_my_calendar_says_only_the_chosen_title_unless_details_are_ticked(
        app, carters, session):
    from icalendar import Calendar

    _advocate, url = _set_up(app, carters, session)
    teacher = sign_in(app.test_client(), carters.professional)
    plain = teacher.get(url + "/calendar.ics?title=Dentist")
    assert plain.mimetype == "text/calendar"
    event = Calendar.from_ical(plain.data).walk("VEVENT")[0]
    assert str(event["summary"]) == "Dentist" and "description" not in event
    assert "Jo" not in plain.text and "Riverside" not in plain.text
    assert event.decoded("dtstart").isoformat() == "2031-07-14T13:30:00+00:00"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    detailed = Calendar.from_ical(teacher.get(url + "/calendar.ics?details=yes").data)
    event = detailed.walk("VEVENT")[0]
    assert str(event["summary"]) == "Appointment"
    assert str(event["description"]) == "How Jo is getting on at school"
    assert str(event["location"]) == "In person, Riverside School"
    # The next two months hold no meeting years away; an outsider not invited gets nothing.
    ahead = teacher.get(f"/families/{carters.family.id}/meetings/calendar.ics")
    assert Calendar.from_ical(ahead.data).walk("VEVENT") == []
    other = sign_in(app.test_client(), carters.other_holder)
    assert other.get(url + "/calendar.ics").status_code == 404


def test_names_and_places_read_in_their_own_direction_and_are_never_markup(app, carters,
                                                                           session):
    advocate, url = _set_up(app, carters, session)
    page = advocate.get(url).text
    assert "<bdi>Riverside School</bdi>" in page and "<bdi>Sam Carter</bdi>, <bdi>Ms Patel" in page
    assert "<bdi>Ms Patel" in advocate.get(url + "/edit").text
    carters.professional.display_name = "<script>x</script>"
    session.commit()
    for shown in (advocate.get(url + "/edit").text, advocate.get(url).text):
        assert "<script>x" not in shown and "&lt;script&gt;x" in shown


# Several forms on one meeting page: a problem comes back to the form that was sent, with what
# was typed there, and to no other.

LONG = "Jo " * 700  # over the 2,000 characters a note may have


def _selected(page: str, field_id: str) -> str | None:
    select = re.search(rf'<select[^>]*id="{field_id}".*?</select>', page, re.S)[0]
    chosen = re.search(r'<option value="([^"]*)" selected', select)
    return chosen[1] if chosen else None


def test_an_action_with_a_wrong_date_keeps_the_action_and_who(app, carters, session):
    advocate, url = _set_up(app, carters, session)
    sent = advocate.post(url + "/record", data={
        "part": "action", "text": "Ask for a quiet room", "who": "advocate",
        "by_when": "31 2 2031"})
    assert sent.status_code == 400
    page = sent.text
    assert summary_links(page) == ["action-by_when"]
    assert 'id="action-by_when-error"' in page
    assert field_value(page, "action-text") == "Ask for a quiet room"
    assert field_value(page, "action-by_when") == "31 2 2031"
    assert _selected(page, "action-who") == "advocate"
    assert '<details class="govuk-details" open>' in page  # the action's form stays open
    # Not in the other forms that have a "text" field.
    assert field_value(page, "decided-text") == "" and field_value(page, "text") == ""


def test_a_decision_too_long_keeps_its_words_and_why(app, carters, session):
    advocate, url = _set_up(app, carters, session)
    sent = advocate.post(url + "/record", data={"part": "decided", "text": LONG,
                                                "why": "She is tired"})
    assert sent.status_code == 400
    page = sent.text
    assert summary_links(page) == ["decided-text"]
    assert "Keep this to 2000 characters or fewer" in _words(sent)
    assert field_value(page, "decided-text") == LONG.strip()
    assert field_value(page, "decided-why") == "She is tired"
    assert field_value(page, "action-text") == ""


def test_a_new_goal_without_its_part_of_life_keeps_the_goal_for_that_action(
        app, carters, session):
    advocate, url = _set_up(app, carters, session)
    for text in ("Ask for a quiet room", "Check in each Friday"):
        advocate.post(url + "/record", data={"part": "action", "text": text, "who": "advocate"})
    forms = re.findall(r'action="/families/\d+/meetings/\d+/actions/(\d+)/step"',
                       advocate.get(url).text)
    first, second = forms
    sent = advocate.post(f"{url}/actions/{first}/step",
                         data={"goal": "new", "new_goal": "Fridays go well", "area": ""})
    assert sent.status_code == 400
    page = sent.text
    assert summary_links(page) == [f"step-{first}-area"]
    assert field_value(page, f"step-{first}-new_goal") == "Fridays go well"
    assert _selected(page, f"step-{first}-goal") == "new"
    assert f'id="step-{first}-area-error"' in page
    assert field_value(page, f"step-{second}-new_goal") == ""
    assert f'id="step-{second}-area-error"' not in page


def test_notes_too_long_come_back_to_their_own_box(app, carters, session):
    _advocate, url = _set_up(app, carters, session)
    teacher = sign_in(app.test_client(), carters.professional)
    sent = teacher.post(url + "/professional-notes", data={"text": LONG})
    assert sent.status_code == 400
    assert summary_links(sent.text) == ["professional-text"]
    assert field_value(sent.text, "professional-text") == LONG.strip()
    holder = sign_in(app.test_client(), carters.holder)
    sent = holder.post(url + "/agree", data={"kind": "missed", "missed": LONG})
    assert sent.status_code == 400
    assert summary_links(sent.text) == ["missed"]
    assert field_value(sent.text, "missed") == LONG.strip()
    assert field_value(sent.text, "text") == ""  # not in "what we want to say"
