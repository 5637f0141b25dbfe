"""Reminders for a seeded week: exactly the right messages go out (a meeting tomorrow, a step due
in two days, a review tomorrow, a share ending tomorrow), none twice on a second run, none in
quiet hours, none to someone who stopped them, and no message holds any of the book's words.
Email goes to a real SMTP server; texts to a server that checks Notify's request shape."""

import re
from datetime import datetime, timezone

import pytest
from conftest import sign_in
from reminder_servers import API_KEY, TEMPLATE_ID, NotifyServer, SmtpServer
from sqlalchemy import select

from plans import editing
from plans.fields import goals
from plans.meetings import arranging
from plans.meetings.model import Meeting, MeetingNote
from plans.model import PlanRevision
from plans.reminders import choices
from plans.reminders.model import GAVE_UP, SentReminder
from plans.reminders.sending import backoff, in_quiet_hours
from portal.reminders import send_reminders, stop_link
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry, Family
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Connection

# A Monday at noon in London (GMT): the meeting, the review and the share's end are tomorrow,
# and two steps are due on Wednesday.
NOW = datetime(2030, 3, 4, 12, 0, tzinfo=timezone.utc)
SAM_PHONE, PAT_PHONE = "+447700900001", "+447700900002"


@pytest.fixture
def week(session, book):
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    sam = reader_for(session, book.holder, book.family.id)
    ava = reader_for(session, book.advocate, book.family.id)
    sam_member = own_member_entry_id(session, sam)
    entry = add_entry(session, sam, "story", {
        "section": "story_so_far", "title": "Moving to Elmfield Road", "text": "Quinton helped.",
        "category": "home", "owner_member_id": str(sam_member)})
    share_entry(session, sam, entry, Grantee(book.professional.id, None, "Ms Patel")
                ).expires_at = datetime(2030, 3, 5, 17, 0, tzinfo=timezone.utc)
    meeting = arranging.arrange(session, ava, arranging.read_meeting_form(session, ava, {
        "day": "5 3 2030", "time": "10:00", "how": "in_person", "minutes": "60",
        "place": "Larkspur Centre", "purpose": "Jo's attendance at Brightwater"},
        [f"m{sam_member}", f"a{book.professional.id}"], "Europe/London"))
    arranging.prepare(session, sam, meeting, {"part": "say", "text": "Mornings are hard"})
    plan = editing.start_plan(session, sam)
    editing.save(session, sam, plan, editing.read_form(session, sam, {
        "new-goal.title": "Jo at Brightwater every day", "new-goal.area": "school",
        "header.review_date": "5 3 2030"}, {}), 1)
    goal = goals(editing.latest(session, plan).content)[0]
    for what, who in (("Ring Mrs Okonkwo", "advocate"),
                      ("Buy a Brightwater jumper", f"member:{sam_member}"),
                      ("Finished already", "advocate")):
        editing.save(session, sam, plan, editing.read_form(session, sam, {
            f"new-step.{goal.id}.what": what, f"new-step.{goal.id}.who": who,
            f"new-step.{goal.id}.by_when": "6 3 2030",
            f"new-step.{goal.id}.status": "done" if what == "Finished already" else "started",
        }, editing.latest(session, plan).content), plan.revision)
    for account, email, text, phone in ((book.holder, True, True, SAM_PHONE),
                                        (book.advocate, True, False, ""),
                                        (book.professional, False, True, PAT_PHONE),
                                        (book.second_holder, True, False, "")):
        account.email = f"{account.username}@example.org"
        choices.choose(session, account.id, True, email, text, phone, "21", "8", NOW)
    session.commit()
    return book


def config(app, smtp, notify):
    return {**app.config, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp.port,
            "SMTP_STARTTLS": False, "SMTP_USER": "", "SMTP_FROM": "reminders@example.org",
            "NOTIFY_API_KEY": API_KEY, "NOTIFY_SMS_TEMPLATE_ID": TEMPLATE_ID,
            "NOTIFY_BASE_URL": notify.url}


def run(app, session, smtp, notify, now=NOW):
    with app.test_request_context():
        return send_reminders(session, config(app, smtp, notify), now)


def sent(smtp, notify):
    emails = sorted((m["To"], m.get_content().splitlines()[0]) for m in smtp.mailbox.messages)
    texts = sorted((t["phone_number"], t["personalisation"]["body"].splitlines()[0])
                   for t in notify.texts)
    return emails, texts


def book_words(session, family_id) -> set[str]:
    """Every word of five letters or more that the family's book holds anywhere."""
    texts = [session.get(Family, family_id).title]
    for entry in session.scalars(select(Entry).where(Entry.family_id == family_id)):
        texts += [entry.title] + [str(value) for value in entry.fields.values()]
    for revision in session.scalars(select(PlanRevision)):
        texts += [str(value) for value in revision.content.values()]
    for meeting in session.scalars(select(Meeting)):
        texts += [meeting.purpose, meeting.place]
    texts += [note.text for note in session.scalars(select(MeetingNote))]
    return {word.casefold() for text in texts for word in re.findall(r"\w{5,}", text)}


TOMORROW = "You have something coming up in your Family Record Book tomorrow."
IN_TWO_DAYS = "You have something coming up in your Family Record Book in two days."


def test_a_seeded_week_sends_exactly_the_right_reminders_once(app, session, week):
    # Lee (a holder: the review is his too) chose email, then stopped it from a reminder's link.
    with app.test_request_context():
        link = stop_link(week.second_holder.id).removeprefix(app.config["ORIGIN"])
    assert app.test_client().post(link).status_code == 200
    # Ms Patel keeps quiet from 11 until 13.
    choices.choose(session, week.professional.id, True, False, True, PAT_PHONE, "11", "13", NOW)
    session.commit()
    with SmtpServer() as smtp, NotifyServer() as notify:
        count = run(app, session, smtp, notify)
        emails, texts = sent(smtp, notify)
        # Sam: the meeting, her step, the review, the share ending, by email and by text;
        # Ava: her step and the review, by email. Not Lee (stopped), not Ms Patel (quiet
        # hours), nothing for the step that is done.
        assert emails == sorted(
            [("ava@example.org", IN_TWO_DAYS), ("ava@example.org", TOMORROW)]
            + [("sam@example.org", TOMORROW)] * 3 + [("sam@example.org", IN_TWO_DAYS)])
        assert texts == sorted([(SAM_PHONE, TOMORROW)] * 3 + [(SAM_PHONE, IN_TWO_DAYS)])
        assert count == 10 and notify.problems == []
        # A second run at once sends nothing again.
        assert run(app, session, smtp, notify) == 0
        assert len(smtp.mailbox.messages) == 6 and len(notify.texts) == 4
        # After her quiet hours Ms Patel gets her one text, for the meeting.
        assert run(app, session, smtp, notify, NOW.replace(hour=14)) == 1
        assert notify.texts[-1]["phone_number"] == PAT_PHONE
        bodies = [m.get_content() for m in smtp.mailbox.messages] + [
            t["personalisation"]["body"] for t in notify.texts]
        subjects = {m["Subject"] for m in smtp.mailbox.messages}
    words = book_words(session, week.family.id)
    assert {"brightwater", "elmfield", "larkspur", "carter"} <= words
    for body in bodies + list(subjects):
        # The words, less its links and the product's own name ("Family Record Book").
        said = re.sub(r"\S+://\S+", "", body)
        written = {word.casefold() for word in re.findall(r"\w{5,}", said)} - {"family", "record"}
        assert not written & words, written & words
        assert "Patel" not in body and "School" not in body
    assert all("/reminders/stop/" in body for body in bodies)
    assert all("reply with the word stop" in t["personalisation"]["body"] for t in notify.texts)


def test_a_failed_send_is_tried_again_later_and_a_bounced_number_is_told(app, session, week):
    with SmtpServer() as smtp, NotifyServer(unreachable={PAT_PHONE}, flaky={SAM_PHONE}) as notify:
        run(app, session, smtp, notify)
        rows = {row.key: row for row in session.scalars(select(SentReminder))}
        sam_texts = [row for key, row in rows.items() if key.endswith(f":{week.holder.id}:text")]
        assert len(sam_texts) == 4 and sum(row.status == "failed" for row in sam_texts) == 1
        failed = next(row for row in sam_texts if row.status == "failed")
        assert failed.next_try_at == NOW + backoff(1) and failed.problem
        assert run(app, session, smtp, notify, NOW.replace(minute=5)) == 0
        assert run(app, session, smtp, notify, NOW.replace(minute=11)) == 1
        session.refresh(failed)
        assert failed.status == "sent" and failed.tries == 2
        pat = next(row for key, row in rows.items() if row.account_id == week.professional.id)
        assert pat.status == GAVE_UP
    client = sign_in(app.test_client(), week.professional)
    assert "could not send a text message" in client.get("/shared-with-me").text
    again = sign_in(app.test_client(), week.professional)
    assert "could not send a text message" not in again.get("/shared-with-me").text


def test_a_text_reported_later_as_bounced_stops_texts_to_that_number(app, session, week):
    with SmtpServer() as smtp, NotifyServer(bounces_later={SAM_PHONE}) as notify:
        run(app, session, smtp, notify)
        assert len(notify.texts) == 5  # Sam's four, and Ms Patel's for the meeting
        # The next run asks Notify what became of them: Sam's number does not take texts.
        run(app, session, smtp, notify, NOW.replace(hour=14))
        session.expire_all()
        assert choices.choice_of(session, week.holder.id).bounced_at is not None
        assert choices.choice_of(session, week.professional.id).bounced_at is None
        assert notify.problems == []
    client = sign_in(app.test_client(), week.holder)
    assert "could not send a text message" in client.get(f"/families/{week.family.id}/").text


def test_replying_stop_to_a_text_stops_reminders(app, session, week):
    app.config["NOTIFY_INBOUND_TOKEN"] = "a token Notify was given"
    try:
        client = app.test_client()
        reply = {"source_number": "447700900001", "content": " stop "}
        assert client.post("/reminders/replies", json=reply).status_code == 404
        assert client.post("/reminders/replies", json=reply, headers={
            "Authorization": "Bearer a token Notify was given"}).status_code == 204
    finally:
        app.config["NOTIFY_INBOUND_TOKEN"] = ""
    session.expire_all()
    sam = choices.choice_of(session, week.holder.id)
    assert not sam.by_email and not sam.by_text


def test_the_stop_link_is_signed_and_stops_only_its_own_person(app, session, week):
    client = app.test_client()
    assert client.get("/reminders/stop/not-a-real-token").status_code == 404
    with app.test_request_context():
        link = stop_link(week.advocate.id).removeprefix(app.config["ORIGIN"])
    assert "Stop my reminders" in client.get(link).text
    assert client.post(link).status_code == 200
    session.expire_all()
    assert not choices.choice_of(session, week.advocate.id).by_email
    assert choices.choice_of(session, week.holder.id).by_email


@pytest.mark.parametrize("start,end,hour,quiet", [
    (21, 8, 22, True), (21, 8, 7, True), (21, 8, 8, False), (21, 8, 12, False),
    (11, 13, 12, True), (11, 13, 13, False), (0, 0, 3, False)])
def test_quiet_hours_wrap_round_midnight(start, end, hour, quiet):
    choice = choices.ReminderChoice(quiet_from=start, quiet_until=end)
    assert in_quiet_hours(choice, NOW.replace(hour=hour), "UTC") == quiet


def test_the_reminders_page_keeps_a_choice_and_says_what_is_wrong(app, session, week):
    client = sign_in(app.test_client(), week.young)
    assert "Quiet hours" in client.get("/account/reminders").text
    app.config.update(NOTIFY_API_KEY=API_KEY, NOTIFY_SMS_TEMPLATE_ID=TEMPLATE_ID)
    try:
        wrong = client.post("/account/reminders", data={
            "by_email": "yes", "by_text": "yes", "phone": "12345", "quiet_from": "21",
            "quiet_until": "8"})
        assert wrong.status_code == 400 and "Enter a UK mobile number" in wrong.text
        assert "Add your email address first" in wrong.text and 'value="12345"' in wrong.text
        week.young.email = "jo@example.org"
        session.commit()
        assert client.post("/account/reminders", data={
            "by_email": "yes", "by_text": "yes", "phone": "07700 900123", "quiet_from": "22",
            "quiet_until": "7"}).status_code == 302
    finally:
        app.config.update(NOTIFY_API_KEY="", NOTIFY_SMS_TEMPLATE_ID="")
    session.expire_all()
    jo = choices.choice_of(session, week.young.id)
    assert (jo.by_email, jo.by_text, jo.phone, jo.quiet_from) == (
        True, True, "+447700900123", 22)
