"""Journey on phones: the advocate sets up a meeting with the teacher invited, the holder prepares
what to say and shares it, the advocate records two decisions that become plan steps, and the
holder agrees the notes and prints the one page."""

import itertools
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.families import join_family
from record_book.book.model import Account, Family
from record_book.policy import reader_for
from record_book.sharing.model import Connection

from .test_journeys import nav_link, sign_in

_numbers = itertools.count(1)


def _team(live_app, family):
    """Rosa leads for the family; Ms Brooks from school is connected; the plan has one goal."""
    from plans import editing

    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Meeting Family Support {n}")
        school = create_organisation(s, f"Meeting Riverside School {n}")
        rosa = create_account(s, f"mrosa{n}", "Rosa Lindqvist", "professional", family.password,
                              org)
        teacher = create_account(s, f"mteacher{n}", "Ms Helen Brooks", "professional",
                                 family.password, school)
        join_family(s, s.get(Family, family.id), rosa, "advocate")
        holder = s.query(Account).filter_by(username=family.username).one()
        s.add(Connection(family_id=family.id, account_id=teacher.id, created_by_id=holder.id))
        reader = reader_for(s, holder, family.id)
        plan = editing.start_plan(s, reader)
        editing.save(s, reader, plan, editing.read_form(s, reader, {
            "new-goal.title": "Amir enjoys school again", "new-goal.area": "school"}, {}), 1)
        s.commit()
        return rosa.username, teacher.username


def _sign_in_staff(page, username, password):
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_meeting_from_setting_up_to_the_printed_page(phone, new_context, live_app, family,
                                                       shot):
    rosa_name, teacher_name = _team(live_app, family)
    rosa = phone.new_page()
    _sign_in_staff(rosa, rosa_name, family.password)
    rosa.goto(f"/families/{family.id}/")
    nav_link(rosa, "Meetings").click()
    expect(rosa.get_by_role("heading", level=1, name="Meetings")).to_be_visible()
    rosa.get_by_role("link", name="Set up a meeting").click()
    expect(rosa.get_by_role("heading", level=1, name="Set up a meeting")).to_be_visible()
    rosa.get_by_label("What the meeting is for").fill("How Amir is getting on at school")
    rosa.get_by_label("Day").fill("14 7 2031")
    rosa.get_by_label("Time").fill("3.30pm")
    rosa.get_by_label("In person").check()
    rosa.get_by_label("Where, or the phone number or link").fill("Riverside School library")
    rosa.get_by_label(family.display_name).check()
    rosa.get_by_label(re.compile("Ms Helen Brooks")).check()
    shot(rosa, "set-up")
    rosa.get_by_role("button", name="Save the meeting").click()
    expect(rosa.get_by_role("heading", level=1, name="How Amir is getting on at school")
           ).to_be_visible()
    expect(rosa.get_by_text("Monday 14 July 2031, 15:30")).to_be_visible()
    meeting_url = rosa.url
    shot(rosa, "meeting")

    mum = new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                      is_mobile=True).new_page()
    sign_in(mum, family, shot)
    nav_link(mum, "Meetings").click()
    mum.get_by_role("link", name="How Amir is getting on at school").click()
    mum.get_by_label("In your own words").fill("Amir is tired after PE")
    mum.get_by_role("button", name="Add", exact=True).click()
    expect(mum.get_by_role("alert").first).to_contain_text("Added to what you want to say")
    mum.get_by_label("We want to ask").check()
    mum.get_by_label("In your own words").fill("Can he have a quiet place at lunch?")
    mum.get_by_role("button", name="Add", exact=True).click()
    shot(mum, "prepared")
    mum.get_by_role("button", name="Share this with everyone invited").click()
    expect(mum.get_by_text("Everyone invited can read this.")).to_be_visible()

    teacher = new_context(viewport={"width": 390, "height": 844}).new_page()
    _sign_in_staff(teacher, teacher_name, family.password)
    teacher.goto(meeting_url)
    expect(teacher.get_by_text("Amir is tired after PE")).to_be_visible()
    expect(teacher.get_by_role("heading", name="What was decided")).to_have_count(0)
    shot(teacher, "teacher-reads")

    for what in ("Ask the school for a quiet room at lunch", "Check in with Amir each Friday"):
        rosa.goto(meeting_url)
        rosa.get_by_text("Write down an action").click()
        rosa.get_by_label("What will be done").fill(what)
        rosa.get_by_label("Who will do it").select_option(label="Rosa Lindqvist")
        rosa.get_by_label(re.compile("By when")).fill("1 9 2031")
        rosa.get_by_role("button", name="Add the action").click()
        expect(rosa.get_by_role("alert").first).to_contain_text("Added to the notes")
    shot(rosa, "two-actions")
    for _ in range(2):
        rosa.get_by_role("button", name="Make this a plan step").first.click()
        expect(rosa.get_by_role("alert").first).to_contain_text("now a step in your plan")
    expect(rosa.get_by_text("In the plan")).to_have_count(2)
    shot(rosa, "steps-made")
    rosa.goto(f"/families/{family.id}/plan/")
    expect(rosa.get_by_text("Ask the school for a quiet room at lunch")).to_be_visible()
    expect(rosa.get_by_text("Check in with Amir each Friday")).to_be_visible()

    mum.goto(meeting_url)
    mum.get_by_role("button", name="This is right").click()
    expect(mum.get_by_role("alert").first).to_contain_text("kept with the notes")
    shot(mum, "agreed")
    with mum.expect_download() as download:
        mum.get_by_role("link", name="Print this meeting on one page").click()
    pages = PdfReader(download.value.path()).pages
    assert len(pages) == 1
    printed = " ".join(pages[0].extract_text().split())
    for words in ("Amir is tired after PE", "Check in with Amir each Friday", "This is right"):
        assert words in printed, words
