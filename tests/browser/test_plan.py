"""Journey: the family on a phone and the advocate on a laptop write the plan at the same time.
Different changes are both kept; the same field shows both versions and is resolved; the open
plan page says someone changed it; then both agree."""

import itertools
import re

from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.families import join_family
from record_book.book.model import Account, Family
from record_book.policy import reader_for

from .test_journeys import nav_link, sign_in

_numbers = itertools.count(1)


def _plan_with_advocate(live_app, family):
    from plans import editing
    from plans.fields import goals

    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Northgate Family Support {n}")
        rosa = create_account(s, f"rosa{n}", "Rosa Lindqvist", "professional", family.password,
                              org)
        join_family(s, s.get(Family, family.id), rosa, "advocate")
        holder = s.query(Account).filter_by(username=family.username).one()
        reader = reader_for(s, holder, family.id)
        plan = editing.start_plan(s, reader)
        editing.save(s, reader, plan, editing.read_form(s, reader, {
            "new-goal.title": "Get the garden cleared", "new-goal.area": "home",
            "new-goal.priority": "first"}, {}), 1)
        goal = goals(editing.latest(s, plan).content)[0]
        editing.save(s, reader, plan, editing.read_form(s, reader, {
            f"new-step.{goal.id}.what": "Ask the council for a skip",
            f"new-step.{goal.id}.by_when": "1 5 2030"}, editing.latest(s, plan).content),
            plan.revision)
        s.commit()
        return rosa.username


def _step(page):
    return page.get_by_role("group", name="Step: Ask the council for a skip")


def test_family_and_advocate_write_the_plan_together(phone, desktop, live_app, family, shot):
    live_app.config["PLAN_WATCH_SECONDS"] = 1
    advocate_name = _plan_with_advocate(live_app, family)

    mum = phone.new_page()
    sign_in(mum, family, shot)
    nav_link(mum, "Our plan").click()
    expect(mum.get_by_role("heading", level=1, name="Our plan")).to_be_visible()
    # One goal at a time: its own page, short enough for a phone.
    mum.get_by_role("link", name="Change this goal").click()
    expect(mum.get_by_role("heading", level=1, name="Change this goal")).to_be_visible()

    rosa = desktop.new_page()
    rosa.goto("/sign-in")
    rosa.get_by_label("Username").fill(advocate_name)
    rosa.get_by_label("Password").fill(family.password)
    rosa.get_by_role("button", name="Sign in").click()
    rosa.goto(f"/families/{family.id}/plan/")
    rosa.get_by_role("link", name="Change this goal").click()
    expect(rosa.get_by_role("heading", level=1, name="Change this goal")).to_be_visible()

    # Both have the form open. The family saves first: a new title and a new date.
    goal = mum.get_by_role("group", name="Goal: Get the garden cleared")
    goal.get_by_label("Goal", exact=False).first.fill("Clear the garden before summer")
    _step(mum).get_by_label("By when").fill("15 5 2030")
    shot(mum, "family-edits")
    mum.get_by_role("button", name="Save the plan").click()
    expect(mum.get_by_role("alert").first).to_contain_text("Saved.")
    expect(mum.get_by_text("15 May 2030")).to_be_visible()
    shot(mum, "family-saved")

    # The advocate changes the status (a different field) and the date (the same field).
    _step(rosa).get_by_label("How it is going").select_option(label="Started")
    _step(rosa).get_by_label("By when").fill("20 5 2030")
    rosa.get_by_role("button", name="Save the plan").click()
    expect(rosa.get_by_role("alert").filter(
        has_text="Someone else changed the plan while you were writing")).to_be_visible()
    conflict = rosa.locator(".conflict")
    expect(conflict).to_contain_text("15 May 2030")
    expect(conflict).to_contain_text("20 May 2030")
    shot(rosa, "conflict")
    rosa.get_by_role("radio", name="The saved version").check()
    rosa.get_by_role("button", name="Save the plan").click()
    expect(rosa.get_by_role("alert").first).to_contain_text("Saved.")
    expect(rosa.get_by_role("heading", name="Clear the garden before summer")).to_be_visible()
    row = rosa.locator(".govuk-task-list__item", has_text="Ask the council for a skip")
    expect(row).to_contain_text("15 May 2030")
    expect(row).to_contain_text("Started")
    shot(rosa, "merged")

    # The family's open plan page notices, politely, without reloading.
    expect(mum.get_by_text("Someone has just changed the plan.")).to_be_visible(timeout=10_000)
    mum.get_by_role("link", name="Reload to see it").click()
    expect(mum.locator(".govuk-task-list__item", has_text="Ask the council for a skip")).to_contain_text("Started")

    # Both agree to the same version.
    mum.get_by_role("button", name="We agree to this plan").click()
    expect(mum.get_by_role("alert").first).to_contain_text("You agreed to this version")
    rosa.reload()
    rosa.get_by_role("button", name="We agree to this plan").click()
    expect(rosa.get_by_text(re.compile("You both agreed to this version on"))).to_be_visible()
    shot(rosa, "agreed")
    mum.reload()
    expect(mum.get_by_text(re.compile("You both agreed to this version on"))).to_be_visible()
    shot(mum, "agreed")


def test_one_goal_on_a_phone_then_the_ended_plan_read_in_full(phone, live_app, family, shot):
    _plan_with_advocate(live_app, family)
    mum = phone.new_page()
    sign_in(mum, family, shot)
    nav_link(mum, "Our plan").click()
    mum.get_by_role("link", name="Change this goal").click()
    expect(mum.get_by_role("heading", level=1, name="Change this goal")).to_be_visible()
    expect(mum.get_by_text("What success looks like")).to_have_count(0)
    _step(mum).get_by_label("How it is going").select_option(label="Done")
    mum.get_by_text("Add a step to “Get the garden cleared”").click()
    mum.get_by_role("group", name="New step for “Get the garden cleared”").get_by_label(
        "Step", exact=True).fill("Plant some beans")
    shot(mum, "one-goal")
    mum.get_by_role("button", name="Save the plan").click()
    expect(mum.get_by_role("alert").first).to_contain_text("Saved.")
    expect(mum.locator(".govuk-task-list__item", has_text="Ask the council for a skip")).to_contain_text("Done")
    expect(mum.locator(".govuk-task-list__item", has_text="Plant some beans")).to_be_visible()

    # The plan ends; it is kept, and read in full from "Plans that have ended".
    mum.get_by_role("link", name="End this plan").click()
    mum.get_by_role("radio", name="Things got better").check()
    mum.get_by_role("button", name="End the plan").click()
    mum.get_by_role("link", name=re.compile("The plan that ended on")).click()
    expect(mum.get_by_role("heading", level=1, name=re.compile("The plan that ended on"))
           ).to_be_visible()
    expect(mum.get_by_text("Things got better")).to_be_visible()
    expect(mum.locator(".govuk-task-list__item", has_text="Plant some beans")).to_contain_text("Not started")
    expect(mum.get_by_role("link", name="Change this goal")).to_have_count(0)
    shot(mum, "ended-plan")
