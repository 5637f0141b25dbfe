"""The invented demo family loads, reads as the README says, and keeps its privacy rules."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

import record_book.clock
from demo import family as demo
from record_book import reading
from record_book.accounts.accounts import authenticate, find_account
from record_book.book.model import Account, Entry, Family, Membership
from record_book.policy import readable_entries, readable_entry, readable_plan_parts, reader_for


@pytest.fixture
def loaded(session):
    demo.load(session)
    session.commit()
    family = session.scalars(select(Family)).one()
    return family


def reader(session, username, family):
    return reader_for(session, find_account(session, username), family.id)


def sign_in(client, username):
    response = client.post("/sign-in",
                           data={"username": username, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302, response.text[:500]
    return client


def test_the_demo_is_one_family_with_its_holder_and_young_person(session, loaded):
    roles = dict(session.execute(
        select(Account.username, Membership.role).join(Membership.account)
        .where(Membership.family_id == loaded.id)).all())
    assert roles == {"holder": "holder", "young": "young_person", "advocate": "advocate"}
    assert session.scalar(select(func.count()).select_from(Family)) == 1


def test_the_holder_reads_a_full_book(session, loaded):
    holder = reader(session, "holder", loaded)

    def count(kind):
        return len(reading.entries(session, holder, kind))

    assert count("event") >= 15
    assert 6 <= count("service") <= 8
    assert count("checkin") >= 6
    assert count("member") >= 4
    assert count("summary") == 1
    stories = reading.entries(session, holder, "story")
    assert {e.fields["section"] for e in stories} == {
        "story_so_far", "what_helped", "what_hard", "help_ourselves", "matters_now"}
    helps = reading.entries(session, holder, "helps")
    assert {e.fields["section"] for e in helps} == {"helps_us", "avoid"}
    checkins = reading.entries(session, holder, "checkin")
    assert {e.fields["feeling"] for e in checkins} == {"better", "same", "worse"}


def test_the_timeline_mixes_date_precisions_and_repeats(session, loaded):
    events = reading.entries(session, reader(session, "holder", loaded), "event")
    dates = [e.fields["date"] for e in events]
    assert any(d["day"] for d in dates)
    assert any(not d["day"] and not d["around"] for d in dates)
    assert any(d["around"] for d in dates)
    assert any(e.fields.get("occurrence_total", 0) > 1 for e in events)


def test_something_is_coming_up_whatever_the_day(session, loaded):
    holder = reader(session, "holder", loaded)
    coming = reading.home(session, holder, record_book.clock.today().isoformat()).coming
    assert coming
    assert any(e.fields["event_type"] == "meeting" for e in coming)


def test_people_include_children_by_birth_date_or_age_and_a_relative_elsewhere(session, loaded):
    members = reading.entries(session, reader(session, "holder", loaded), "member")
    assert any("date_of_birth" in m.fields for m in members)
    assert any("age" in m.fields and m.fields["lives"] == "with_us" for m in members)
    assert any(m.fields["lives"] != "with_us" for m in members)
    young_membership = session.scalars(select(Membership).where(
        Membership.account_id == find_account(session, "young").id)).one()
    zosia = session.get(Entry, young_membership.member_entry_id)
    assert zosia.kind == "member" and zosia.fields["name"] == "Zosia Hollis"


def test_the_young_persons_private_entry_is_hidden_from_the_holder(session, loaded):
    young_account = find_account(session, "young")
    private = session.scalars(select(Entry).where(
        Entry.owner_account_id == young_account.id, Entry.visibility == "private")).one()
    shared = session.scalars(select(Entry).where(
        Entry.owner_account_id == young_account.id, Entry.visibility == "family")).one()
    holder, young = reader(session, "holder", loaded), reader(session, "young", loaded)

    assert readable_entry(session, holder, private.id) is None
    assert private.id not in session.scalars(readable_entries(holder).with_only_columns(Entry.id))
    assert readable_entry(session, young, private.id) is not None
    assert readable_entry(session, holder, shared.id) is not None


def test_the_holders_adults_only_entry_is_hidden_from_the_young_person(session, loaded):
    adults_only = session.scalars(select(Entry).where(Entry.visibility == "adults")).all()
    assert adults_only
    young = reader(session, "young", loaded)
    assert all(readable_entry(session, young, e.id) is None for e in adults_only)


def test_professionals_exist_in_their_organisations_and_see_only_what_is_shared(session,
                                                                              loaded):
    expected = {"advocate": ("professional", "Northgate Family Support"),
                "teacher": ("professional", "Riverside School"),
                "nurse": ("professional", "Northgate Health Visiting"),
                "orgadmin": ("org_admin", "Riverside School"),
                "admin": ("portal_admin", None),
                "admin2": ("portal_admin", None)}
    for username, (kind, organisation) in expected.items():
        account = find_account(session, username)
        assert account.kind == kind
        assert (account.organisation.name if account.organisation else None) == organisation
        readable = session.scalars(readable_entries(reader(session, username, loaded))).all()
        if username == "teacher":  # the family shares the school part of its book with her
            assert readable and {entry.category for entry in readable} == {"school"}
        else:
            assert readable == []
    teacher = reader(session, "teacher", loaded)
    parts = readable_plan_parts(session, teacher)
    assert parts != "all" and len(parts) == 1  # the school goal, not the whole plan


@pytest.mark.parametrize("username", ["holder", "young", "advocate", "teacher", "nurse",
                                      "orgadmin", "admin", "admin2"])
def test_every_demo_account_takes_the_demo_password(session, loaded, username):
    assert authenticate(session, username, demo.DEMO_PASSWORD, demo_mode=True) is not None


def test_the_connected_teacher_opens_the_book_and_the_nurse_cannot(client, loaded):
    sign_in(client, "teacher")
    timeline = client.get(f"/families/{loaded.id}/timeline")
    assert timeline.status_code == 200
    assert "Zosia started missing school" in timeline.text  # about school: shared with her
    assert "Possession hearing" not in timeline.text  # about home: not shared
    sign_in(client, "nurse")
    assert client.get(f"/families/{loaded.id}/").status_code == 404


def test_the_teacher_sees_who_leads_for_the_family_and_since_when(client, loaded):
    sign_in(client, "teacher")
    card = client.get(f"/families/{loaded.id}/lead")
    assert card.status_code == 200
    text = " ".join(card.text.split())
    assert "Rosa Lindqvist (Northgate Family Support)" in text and "Since" in text
    assert "chose <bdi>Rosa Lindqvist (Northgate Family Support)</bdi> to lead for us" in text


def test_the_holder_signs_in_and_reads_the_summary_first(client, loaded):
    sign_in(client, "holder")
    page = client.get(f"/families/{loaded.id}/")
    assert page.status_code == 200
    assert demo.FAMILY_TITLE in page.text
    assert demo.SUMMARY.split(".")[0] in page.text
    assert "Nothing booked yet" not in page.text


def test_the_demo_loads_the_same_on_any_day(session, monkeypatch):
    """Dates are relative to today, so the data stays valid on a month's last or first day."""
    for moment in (datetime(2027, 3, 31, 23, 0, tzinfo=timezone.utc),
                   datetime(2028, 3, 1, 0, 5, tzinfo=timezone.utc)):
        monkeypatch.setattr(record_book.clock, "utcnow", lambda moment=moment: moment)
        monkeypatch.setattr("demo.family.utcnow", lambda moment=moment: moment)
        monkeypatch.setattr("demo.family.clock_today", lambda moment=moment: moment.date())
        demo.load(session)
        family = session.scalars(select(Family)).one()
        holder = reader(session, "holder", family)
        assert len(reading.entries(session, holder, "event")) >= 15
        assert reading.home(session, holder, moment.date().isoformat()).coming
        session.rollback()


def test_an_entry_from_the_teacher_waits_for_the_familys_answer(session, loaded):
    from record_book.book.proposals import waiting

    holder = reader(session, "holder", loaded)
    (proposal,) = waiting(session, holder)
    assert proposal.author_name == "Ms Helen Brooks" and proposal.category == "school"
    # Waiting is not in the book: the teacher, who sees the school part, does not see it there.
    teacher = reader(session, "teacher", loaded)
    titles = {entry.title for entry in session.scalars(readable_entries(teacher))}
    assert proposal.title not in titles


def test_the_demo_admin_has_a_set_up_code_waiting_for_their_yes(client, loaded):
    sign_in(client, "admin")
    page = client.get("/admin/").text
    assert "Waiting for a second admin" in page
    assert "I agree: email Grace Mensah a code" in page


def test_the_demo_has_a_photo_of_a_letter_that_the_teacher_can_open(app, session, loaded):
    from record_book.book.model import Attachment

    letter = session.scalar(select(Attachment).where(
        Attachment.caption == "Letter from Riverside School about the meeting"))
    assert letter is not None and letter.is_photo
    teacher = sign_in(app.test_client(), "teacher")
    page = teacher.get(f"/families/{loaded.id}/entries/{letter.entry_id}").text
    assert "Letter from Riverside School about the meeting" in page
    opened = teacher.get(f"/families/{loaded.id}/attachments/{letter.id}")
    assert opened.status_code == 200 and opened.mimetype == "image/jpeg"
    mould = session.scalar(select(Attachment).where(
        Attachment.caption == "Photo of the mould by Mia's bed"))
    assert teacher.get(f"/families/{loaded.id}/attachments/{mould.id}").status_code == 404


def test_marta_checks_the_polish_words_and_has_said_one_draft_is_right(client, loaded):
    sign_in(client, "holder")
    assert 'href="/languages/pl/check"' in client.get("/languages").text
    found = client.get("/languages/pl/check?q=answers+above").text
    assert "Marta Hollis said the draft is right, on" in found
    assert client.get("/languages/ur/check").status_code == 404
    sign_in(client, "admin")
    assert "Marta Hollis checks Polski" in client.get("/admin/language-reviewers").text


def test_the_demo_shows_promises_and_an_agreement_by_all(app, session, loaded):
    """The teacher's mark beside the school's step, a service's step past its date on Rosa's
    home page, promises kept on the school's card, and Zosia among those who agreed."""
    holder = sign_in(app.test_client(), "holder")
    plan = holder.get(f"/families/{loaded.id}/plan/").text
    assert "said Riverside School (Ms Helen Brooks)" in plan
    assert "Zosia Hollis agreed to version" in plan
    assert "Changed since you all agreed on" in plan
    school = session.scalar(select(Entry.id).where(Entry.family_id == loaded.id,
                                                   Entry.title == "Riverside School"))
    assert "Promises kept: 0 of 1" in holder.get(f"/families/{loaded.id}/entries/{school}").text
    advocate = sign_in(app.test_client(), "advocate")
    home = advocate.get(f"/families/{loaded.id}/").text
    assert "step is past its date" in home
    assert "Send the part-time timetable home in writing" in home
    teacher = sign_in(app.test_client(), "teacher")
    assert "Say how this step is going" in teacher.get(f"/families/{loaded.id}/plan/").text


def test_the_family_has_a_meeting_past_with_its_notes_and_one_coming(session, loaded):
    from plans.meetings import reading as meeting_reading
    from record_book.clock import utcnow

    marta = reader(session, "holder", loaded)
    past, coming = meeting_reading.meetings(session, marta)
    assert past.starts_at < utcnow() < coming.starts_at
    held = meeting_reading.meeting(session, marta, past.id)
    assert len(held.after) == 4 and any(note.step_id for note in held.after)
    assert held.professional and {note.part for note in held.agreeing} == {"agreed", "missed"}
    teacher = meeting_reading.meeting(session, reader(session, "teacher", loaded), past.id)
    assert teacher.before and not teacher.after and not teacher.agreeing
    assert meeting_reading.meeting(session, reader(session, "nurse", loaded), past.id) is None
    # Marta has not shared what she wants to ask at the next one yet.
    assert meeting_reading.meeting(session, reader(session, "teacher", loaded),
                                   coming.id).before == []


def test_the_holder_chose_text_reminders_and_the_coming_meeting_will_send_one(session, loaded):
    from datetime import timedelta

    from plans.reminders.due import coming_up
    from plans.reminders.model import ReminderChoice
    from record_book.clock import utcnow

    marta = find_account(session, "holder")
    choice = session.scalars(select(ReminderChoice)).one()
    assert choice.account_id == marta.id and choice.by_text and choice.phone == "+447700900461"
    # The day before the video meeting, Marta is among those it reminds.
    before = [due for days in range(12) for due in coming_up(
        session, utcnow() + timedelta(days=days), "Europe/London") if due.account_id == marta.id
        and due.about.startswith("meeting:")]
    assert before
