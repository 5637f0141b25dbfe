"""The directory of local help on a phone: find help by need without signing in (typos and
all), read a listing, then, signed in, add it to the book's services and keep it for the
booklet; and a professional prints only what the family shares with them."""

import itertools
import re

from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account
from record_book.accounts.invitations import verify_account
from record_book.book.model import Organisation
from record_book.book.text import isolate
from record_book.directory.listings import publish_listing

from .test_journeys import sign_in

_numbers = itertools.count(1)


def _debt_advice(live_app) -> str:
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        admin = create_account(s, f"directory-admin{n}", "Portal Admin", "portal_admin",
                               "a long enough test password")
        organisation = Organisation(name=f"Northgate Citizens Advice {n}")
        s.add(organisation)
        s.flush()
        name = f"Debt advice drop-in {n}"
        publish_listing(s, admin, organisation.id, {
            "name": name, "does": "Free, private help with debts, bills and benefits.",
            "area_covered": "Northgate", "countywide": "no", "self_referral": "yes",
            "phone": "01632 960101", "opening_times": "Monday, 10am to 1pm."}, ["money"])
        s.commit()
        return name


def test_find_help_by_need_then_add_it_to_the_book(phone, live_app, family, shot):
    name = _debt_advice(live_app)
    page = phone.new_page()
    page.goto("/directory")
    expect(page.get_by_role("heading", level=1, name="Find local help")).to_be_visible()
    page.get_by_label("What do you need help with?").fill("dept advise")
    page.get_by_label("Part of life").select_option(label="Money")
    page.get_by_label("Town or area").fill("Northgate")
    page.get_by_label("Only services we can contact ourselves").check()
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()
    shot(page, "directory-found")

    page.get_by_label("What do you need help with?").fill("zzqx wobble")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("We found nothing for that search. You could:")).to_be_visible()
    shot(page, "directory-nothing-found")

    page.get_by_role("link", name="Clear the search").click()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    expect(page.get_by_text("01632 960101").first).to_be_visible()
    shot(page, "directory-listing")
    listing_url = page.url

    sign_in(page, family, shot)
    page.goto(listing_url)
    page.get_by_role("link", name="Add to our services").click()
    expect(page.get_by_label("Service or organisation")).to_have_value(name)
    shot(page, "service-from-listing")
    page.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_role("heading", name=name).first).to_be_visible()

    page.goto(listing_url)
    page.get_by_role("button", name="Keep this for our booklet").click()
    expect(page.get_by_role("heading", level=1, name="Local help we keep")).to_be_visible()
    expect(page.get_by_text(name).first).to_be_visible()
    shot(page, "kept-listings")


def test_an_organisation_admin_publishes_and_checks_a_listing(desktop, live_app, family, shot):
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        organisation = Organisation(name=f"Eastfield Parents Group {n}")
        s.add(organisation)
        s.flush()
        admin = create_account(s, f"groupadmin{n}", "Group Admin", "org_admin", family.password,
                               organisation)
        verify_account(s, admin, None)
        s.commit()
        username = admin.username
    page = desktop.new_page()
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(family.password)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/directory/manage/")
    expect(page.get_by_role("heading", level=1, name="Your services in the directory")).to_be_visible()
    shot(page, "manage-listings")

    page.get_by_role("link", name="Add a service").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem").first).to_be_visible()
    shot(page, "listing-form-problems")
    name = f"Tuesday parents' group {n}"
    page.get_by_label("Name of the service").fill(name)
    page.get_by_label("What the service does").fill("A cup of tea and a chat with other parents.")
    page.get_by_label("Getting on together").check()
    page.get_by_label("Where it covers").fill("Eastfield")
    page.get_by_role("group", name="Can people anywhere in the county use it?") \
        .get_by_label("No").check()
    page.get_by_role("group", name="Can people contact the service themselves?") \
        .get_by_label("Yes").check()
    page.get_by_label("Phone").fill("01632 960555")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    shot(page, "listing-published")

    page.goto("/directory/manage/")
    page.get_by_role("button", name=f"Everything in “{name}” is still right").click()
    expect(page.get_by_text(f"“{isolate(name)}” is marked as checked today.")).to_be_visible()
    shot(page, "listing-checked")
