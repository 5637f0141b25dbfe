"""Promises: a teacher marks the plan's step that names their school, the family sees it beside
the step, the family's words never change, the advocate hears of a late step, and the service
card counts promises kept from the family's point of view."""

from datetime import date, timedelta

import pytest
from conftest import log_rows, seen, sign_in
from sqlalchemy import select
from test_notices import FakeSMTP

import portal.sharing.notices
from plans import editing, promises
from plans import sharing as plan_sharing
from plans.fields import goals, steps
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import NotAllowed, reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.model import Connection, Notification


@pytest.fixture
def promised(session, book):
    """A plan with two steps for Riverside School (Ms Patel's), one past its date, and one for
    the family; the goal shared with Ms Patel."""
    holder = reader_for(session, book.holder, book.family.id)
    school = add_entry(session, holder, "service", {
        "agency": "Riverside School", "category": "school",
        "owner_member_id": str(own_member_entry_id(session, holder))})
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Jo settles at school", "new-goal.area": "school"}, {}), 1)
    goal = goals(editing.latest(session, plan).content)[0]
    for what, who, by_when in (("Meet Jo every Monday", f"service:{school.id}", "1 5 2030"),
                               ("Send the homework list", f"service:{school.id}", "1 1 2020"),
                               ("Pack Jo's bag", "", "")):
        editing.save(session, holder, plan, editing.read_form(session, holder, {
            f"new-step.{goal.id}.what": what, f"new-step.{goal.id}.who": who,
            f"new-step.{goal.id}.by_when": by_when}, editing.latest(session, plan).content),
            plan.revision)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    plan_sharing.share(session, holder, plan, f"goal:{goal.id}",
                       Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    by_what = {s.fields["what"]: s for s in steps(editing.latest(session, plan).content)}
    return plan, school, by_what


def _patel(session, book):
    return reader_for(session, book.professional, book.family.id)


def test_the_teacher_marks_their_school_s_step_and_the_family_sees_it(client, session, book,
                                                                       promised):
    plan, school, by_what = promised
    step = by_what["Meet Jo every Monday"]
    sign_in(client, book.professional)
    page = client.get(f"/families/{book.family.id}/plan/")
    assert "Say how this step is going" in page.text
    form = client.get(f"/families/{book.family.id}/plan/steps/{step.id}/mark")
    assert form.status_code == 200 and "Meet Jo every Monday" in form.text
    before = editing.latest(session, plan).content
    done = client.post(f"/families/{book.family.id}/plan/steps/{step.id}/mark",
                       data={"status": "done"})
    assert done.status_code == 302
    session.expire_all()
    # The family's words, the step's own status included, are as they were.
    assert editing.latest(session, plan).content == before
    client.get("/sign-out")
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/plan/")
    assert "said Riverside School (Ms Patel)" in page.text
    assert "Not started" in page.text
    log = [row.action for row in log_rows(session, book.family.id)]
    assert "mark_step" in log
    words = seen(client.get(f"/families/{book.family.id}/access-log").text)
    assert "Ms Patel (Riverside School) said the step “Meet Jo every Monday” is done, on" in words


def test_a_stuck_mark_needs_a_reason_and_nothing_is_saved_without_one(client, session, book,
                                                                      promised):
    plan, _school, by_what = promised
    step = by_what["Meet Jo every Monday"]
    sign_in(client, book.professional)
    page = client.post(f"/families/{book.family.id}/plan/steps/{step.id}/mark",
                       data={"status": "stuck"})
    assert page.status_code == 400 and "There is a problem" in page.text
    assert "Say why this step is stuck" in page.text
    assert promises.marks(session, plan, [step.id]) == {}
    with pytest.raises(Invalid):
        promises.mark(session, _patel(session, book), plan, step.id, "finished")


def test_nobody_else_marks_a_service_s_step(client, session, book, promised):
    plan, _school, by_what = promised
    ours = by_what["Pack Jo's bag"]
    school_step = by_what["Meet Jo every Monday"]
    # Not the family's own step, even for the school's teacher.
    with pytest.raises(NotAllowed):
        promises.mark(session, _patel(session, book), plan, ours.id, "done")
    # Not the family, nor the advocate: they change the step's own status in the plan.
    for account in (book.holder, book.young, book.advocate, book.other_holder):
        sign_in(client, account)
        assert client.get(f"/families/{book.family.id}/plan/steps/{school_step.id}/mark"
                          ).status_code == 404
        client.get("/sign-out")


def test_stopping_the_share_stops_the_marking_on_the_next_request(client, session, book,
                                                                  promised):
    plan, _school, by_what = promised
    step = by_what["Meet Jo every Monday"]
    holder = reader_for(session, book.holder, book.family.id)
    for grant in plan_sharing.plan_grants(session, holder):
        plan_sharing.stop(session, holder, grant)
    session.commit()
    sign_in(client, book.professional)
    assert client.get(f"/families/{book.family.id}/plan/steps/{step.id}/mark").status_code == 404
    assert client.post(f"/families/{book.family.id}/plan/steps/{step.id}/mark",
                       data={"status": "done"}).status_code == 404


def test_promises_kept_count_the_family_s_own_marks(session, book, promised):
    plan, school, by_what = promised
    holder = reader_for(session, book.holder, book.family.id)
    found = steps(editing.latest(session, plan).content)
    today = date(2026, 12, 3)
    # One step past its date, not done: 0 of 1. The one not yet due is not counted.
    assert promises.promises_kept(found, f"service:{school.id}", today) == promises.Kept(0, 1)
    # The school saying it is done does not count; the family saying so does.
    promises.mark(session, _patel(session, book), plan, by_what["Meet Jo every Monday"].id,
                  "done")
    assert promises.kept_for_card(session, holder, school.id, today) == promises.Kept(0, 1)
    step = by_what["Meet Jo every Monday"]
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        f"step.{step.id}.status": "done"}, editing.latest(session, plan).content), plan.revision)
    assert promises.kept_for_card(session, holder, school.id, today) == promises.Kept(1, 2)


def test_the_service_card_shows_promises_kept(client, session, book, promised):
    _plan, school, _by_what = promised
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/entries/{school.id}")
    assert "Promises kept: 0 of 1" in page.text
    assert "that we marked done" in page.text


def test_the_advocate_is_told_of_a_service_s_late_step(client, session, book, promised):
    plan, _school, by_what = promised
    late = promises.tell_advocate(session, plan, utcnow().date(), utcnow())
    assert [step.fields["what"] for step in late] == ["Send the homework list"]
    # Once per step and date, however often it is asked.
    promises.tell_advocate(session, plan, utcnow().date(), utcnow())
    session.commit()
    told = session.scalars(select(Notification).where(
        Notification.kind == promises.OVERDUE)).all()
    assert [notice.account_id for notice in told] == [book.advocate.id]
    assert told[0].params == {}
    sign_in(client, book.advocate)
    page = client.get(f"/families/{book.family.id}/")
    assert "A service&#39;s step is past its date" in page.text or \
        "A service's step is past its date" in page.text
    assert "Send the homework list" in page.text
    # Marked done by the school, it is no longer late.
    promises.mark(session, _patel(session, book), plan, by_what["Send the homework list"].id,
                  "done")
    assert promises.tell_advocate(session, plan, utcnow().date(),
                                  utcnow() + timedelta(days=1)) == []


def test_the_advocate_is_emailed_of_a_late_step_without_its_words(app, session, book, promised,
                                                                  monkeypatch):
    """`flask send-notifications` looks for late steps first, so the email does not wait for
    someone to open the book; it says only that a step is late."""
    monkeypatch.setattr(portal.sharing.notices.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    session.get(Account, book.advocate.id).email = "ava@example.org"
    session.commit()
    result = app.test_cli_runner().invoke(args=["send-notifications"])
    assert "Sent 1 email(s)." in result.output, result.output
    [message] = FakeSMTP.sent
    assert message["To"] == "ava@example.org"
    body = message.get_content()
    assert "past its date" in body
    assert "homework" not in body and "Riverside" not in body
    # Told once: the next run finds nothing new to send.
    assert "Sent 0 email(s)." in app.test_cli_runner().invoke(args=["send-notifications"]).output
