"""Journey: on a phone, a teacher marks the step the family's plan gives her school done; the
family, on its own phone, sees her word beside the step, with its own status unchanged."""

import itertools

from playwright.sync_api import expect
from sqlalchemy import select

from plans import editing
from plans import sharing as plan_sharing
from plans.fields import goals
from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.model import Connection

from .test_journeys import sign_in

_numbers = itertools.count(1)
STEP = "Meet Jo every Monday morning"


def _teacher_and_step(live_app, family) -> tuple[str, str]:
    """The family's plan gives its school a step, and shares that goal with the teacher."""
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        school = create_organisation(s, f"Riverside Promise School {n}")
        teacher = create_account(s, f"promiseteacher{n}", "Ms Patel", "professional",
                                 family.password, school)
        holder = reader_for(s, s.scalar(select(Account).where(
            Account.username == family.username)), family.id)
        card = add_entry(s, holder, "service", {
            "agency": school.name, "category": "school",
            "owner_member_id": str(own_member_entry_id(s, holder))})
        plan = editing.start_plan(s, holder)
        editing.save(s, holder, plan, editing.read_form(s, holder, {
            "new-goal.title": "Jo settles at school", "new-goal.area": "school"}, {}), 1)
        goal = goals(editing.latest(s, plan).content)[0]
        editing.save(s, holder, plan, editing.read_form(s, holder, {
            f"new-step.{goal.id}.what": STEP, f"new-step.{goal.id}.who": f"service:{card.id}"},
            editing.latest(s, plan).content), plan.revision)
        s.add(Connection(family_id=family.id, account_id=teacher.id,
                         created_by_id=holder.account_id))
        s.flush()
        plan_sharing.share(s, holder, plan, f"goal:{goal.id}",
                           Grantee(teacher.id, None, teacher.display_name))
        s.commit()
        return teacher.username, school.name


def test_a_teacher_marks_a_step_done_and_the_family_sees_it(phone, new_context, live_app,
                                                            family, shot):
    username, school = _teacher_and_step(live_app, family)
    page = phone.new_page()
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(family.password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/families/{family.id}/plan/")
    expect(page.get_by_text(STEP)).to_be_visible()
    shot(page, "teacher-plan")
    page.get_by_role("link", name="Say how this step is going").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Say how this step is going")
    # Stuck with no reason: the page says what to fix, and nothing is saved.
    page.get_by_role("radio", name="Stuck").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    shot(page, "stuck-needs-why")
    page.get_by_role("radio", name="Done").check()
    shot(page, "teacher-marks")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The family sees what you said beside the step.")).to_be_visible()
    shot(page, "teacher-saved")

    mum = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                      has_touch=True).new_page()
    sign_in(mum, family, shot)
    mum.goto(f"/families/{family.id}/plan/")
    step = mum.locator(".govuk-task-list__item", has_text=STEP)
    expect(step.get_by_text(f"said {school} (Ms Patel)")).to_be_visible()
    # The family's own status is the family's: still "Not started" until they change it.
    expect(step.locator(".govuk-task-list__status")).to_have_text("Not started")
    # Nothing sideways on a phone.
    assert mum.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mum, "family-sees-it")
