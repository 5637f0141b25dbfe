"""Journey: on a phone, a holder changes the family's advocate; the old advocate, on their own
phone, is shown nothing of the plan at their very next page (its form: "not found"), and the
new one reads it."""

import itertools

from playwright.sync_api import expect
from sqlalchemy import select

from plans import editing
from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.families import join_family
from record_book.book.model import Account, Family
from record_book.policy import reader_for
from record_book.sharing.model import Connection

from .test_journeys import sign_in

_numbers = itertools.count(1)
GOAL = "Get the boiler fixed before winter"


def _two_professionals(live_app, family) -> tuple[str, str]:
    """The family's advocate, a plan they wrote together, and a second connected professional."""
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Northgate Change Support {n}")
        old = create_account(s, f"changeold{n}", "Rosa Lindqvist", "professional",
                             family.password, org)
        new = create_account(s, f"changenew{n}", "Sam Okafor", "professional",
                             family.password, org)
        join_family(s, s.get(Family, family.id), old, "advocate")
        holder = s.scalar(select(Account).where(Account.username == family.username))
        s.add(Connection(family_id=family.id, account_id=new.id, created_by_id=holder.id))
        as_old = reader_for(s, old, family.id)
        plan = editing.start_plan(s, as_old)
        editing.save(s, as_old, plan, editing.read_form(s, as_old, {
            "new-goal.title": GOAL, "new-goal.area": "home"}, {}), 1)
        s.commit()
        return old.username, new.username


def _sign_in_as(page, username, password) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_holder_changes_the_advocate_and_the_old_one_is_told_not_found(
        phone, new_context, live_app, family, shot):
    old, new = _two_professionals(live_app, family)
    rosa = phone.new_page()
    _sign_in_as(rosa, old, family.password)
    rosa.goto(f"/families/{family.id}/plan/")
    expect(rosa.get_by_role("heading", name=GOAL)).to_be_visible()
    shot(rosa, "old-advocate-reads-the-plan")

    mum = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                      has_touch=True).new_page()
    sign_in(mum, family, shot)
    mum.goto(f"/families/{family.id}/lead")
    mum.get_by_role("link", name="Change our advocate").click()
    mum.get_by_role("radio", name="Sam Okafor").check()
    mum.get_by_label("A handover note for your new advocate (optional)").fill(
        "The boiler is the big worry.")
    shot(mum, "choose-new-advocate")
    mum.get_by_role("button", name="Continue").click()
    expect(mum.get_by_role("heading", level=1)).to_contain_text("your advocate instead of")
    shot(mum, "check")
    mum.get_by_role("button", name="Yes, change it").click()
    expect(mum.locator("#lead").get_by_text("Sam Okafor")).to_be_visible()
    shot(mum, "changed")

    # Rosa's very next page: the plan's words are not there for her, and its form is "not
    # found"; she stays connected, like any professional the family let in.
    rosa.goto(f"/families/{family.id}/plan/")
    expect(rosa.get_by_text("Nothing of the plan has been shared with you.")).to_be_visible()
    expect(rosa.get_by_text(GOAL)).to_have_count(0)
    assert rosa.goto(f"/families/{family.id}/plan/edit").status == 404
    shot(rosa, "old-advocate-not-found")

    sam = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                      has_touch=True).new_page()
    _sign_in_as(sam, new, family.password)
    sam.goto(f"/families/{family.id}/plan/")
    expect(sam.get_by_role("heading", name=GOAL)).to_be_visible()
    assert sam.evaluate("document.documentElement.scrollWidth") <= 390
    shot(sam, "new-advocate-reads-the-plan")
