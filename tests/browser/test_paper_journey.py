"""Journey: on a phone, the advocate types three pages from a family's paper booklet; a holder,
sitting with them, confirms on the advocate's phone: two added, one left out."""

import itertools
import re

from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.families import join_family
from record_book.book.model import Family

from .menu import menu_link
from .test_journeys import sign_in

_numbers = itertools.count(1)

PAGES = [("What has helped", "Nan's Sundays", "Nan has the kids on Sundays."),
         ("What has been hard", "The damp flat", "Mould in the kids' room again."),
         ("What has helped", "Shouting", "I wrote this on a bad day.")]


def _advocate_for(live_app, family):
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Northgate Paper Support {n}")
        # Names of their own: the plan journey makes rosa{n} in the same live database.
        rosa = create_account(s, f"paperrosa{n}", "Rosa Lindqvist", "professional",
                              family.password, org)
        join_family(s, s.get(Family, family.id), rosa, "advocate")
        s.commit()
        return rosa.username


def test_the_advocate_types_three_pages_and_the_family_accepts_two(phone, new_context, live_app,
                                                                   family, shot):
    username = _advocate_for(live_app, family)
    page = phone.new_page()
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(family.password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/families/{family.id}/")
    for heading, title, words in PAGES:
        menu_link(page, "Write for the family").click()
        page.get_by_role("link", name=heading, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "From the paper book: Story section")
        expect(page.get_by_role("radio", name=heading)).to_be_checked()
        page.get_by_label("Title").fill(title)
        page.get_by_label("What you want to say").fill(words)
        shot(page, f"typed-{title}")
        page.get_by_role("button", name="Send to the family").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("The family confirms here")

    # The holder takes the phone: yes, yes, no, and their own way in.
    page.get_by_role("radio", name="Yes, add it").nth(0).check()
    page.get_by_role("radio", name="Yes, add it").nth(1).check()
    page.get_by_role("radio", name="No, leave it out").nth(2).check()
    page.get_by_label("Your username").fill(family.username)
    page.get_by_label("Your password").fill(family.password)
    shot(page, "family-confirms")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("2 added to their book, 1 left out")).to_be_visible()
    expect(page.get_by_text("Nothing you typed in is waiting for the family.")).to_be_visible()
    shot(page, "confirmed")
    # Still the advocate, who sees only what is shared: not the family's new pages.
    menu_link(page, "Our story").click()
    expect(page.get_by_text("Nan has the kids on Sundays.")).to_have_count(0)

    # Later, the holder on her own phone.
    mum = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                      has_touch=True).new_page()
    sign_in(mum, family, shot)
    menu_link(mum, "Our story").click()
    expect(mum.get_by_role("link", name="Nan's Sundays")).to_be_visible()
    expect(mum.get_by_role("link", name="The damp flat")).to_be_visible()
    expect(mum.get_by_text("Shouting")).to_have_count(0)
    mum.get_by_role("link", name="Nan's Sundays").click()
    expect(mum.get_by_text(re.compile(r"From our paper book, typed by Rosa Lindqvist on"))
           ).to_be_visible()
    shot(mum, "in-the-book")
