"""What a family member does in a real browser, and what they would notice.

Every locator goes by role or label, as a screen reader would, so these journeys also check that
the forms are labelled properly.
"""

import re

from playwright.sync_api import expect

from .menu import menu_link

URDU = "ہم نے نیا گھر ڈھونڈ لیا"
ENGLISH = "We found a new flat near the school."


def sign_in(page, family, shot) -> None:
    """Sign in through the real form and land on the family's book."""
    page.goto("/sign-in")
    expect(page.get_by_role("heading", level=1, name="Sign in to your family's book")).to_be_visible()
    shot(page, "sign-in")
    page.get_by_label("Username").fill(family.username)
    page.get_by_label("Password").fill(family.password)
    shot(page, "sign-in-filled")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
    expect(page.get_by_role("heading", level=1, name=family.title)).to_be_visible()
    shot(page, "home")


def nav_link(page, name: str):
    return menu_link(page, name)


def add_story_section(page, family, shot, title: str) -> None:
    nav_link(page, "Our story").click()
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/story$"))
    expect(page.get_by_role("heading", level=1, name="Our story")).to_be_visible()
    shot(page, "our-story")

    page.get_by_role("link", name="Add to “Our story so far”").click()
    expect(page.get_by_role("heading", level=1, name="Add: Story section")).to_be_visible()
    # Followed from "Our story so far", so that part is already chosen.
    expect(page.get_by_role("radio", name="Our story so far")).to_be_checked()
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("What you want to say").fill(f"{ENGLISH}\n{URDU}")
    page.get_by_label("What is this about?").select_option(label="Home")
    shot(page, "story-form-filled")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/families/{family.id}/story#entry-\d+$"))
    expect(page.get_by_role("alert")).to_contain_text("Saved.")
    card = page.get_by_role("article").filter(has=page.get_by_role("heading", name=title))
    expect(card).to_be_visible()
    expect(card.get_by_text(URDU)).to_be_visible()
    body = card.locator(".card__body").inner_text()
    assert body.split("\n") == [ENGLISH, URDU], body
    expect(card).to_contain_text("Home")
    shot(page, "story-saved")


def test_family_member_writes_story_and_timeline_on_a_phone(phone, family, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    add_story_section(page, family, shot, "Moving house")

    nav_link(page, "Timeline").click()
    expect(page.get_by_role("heading", level=1, name="Timeline")).to_be_visible()
    shot(page, "timeline-empty")
    page.get_by_role("link", name="Add an event").click()
    expect(page.get_by_role("heading", level=1, name="Add: Timeline event")).to_be_visible()
    page.get_by_label("What happened").fill("We got the keys to the new flat")
    when = page.get_by_role("group", name="When", exact=True)
    when.get_by_label("Day").fill("14")
    when.get_by_label("Month").fill("3")
    when.get_by_label("Year").fill("2024")
    page.get_by_label("What kind of event").select_option(label="Housing")
    shot(page, "event-form-filled")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/families/{family.id}/timeline#entry-\d+$"))
    expect(page.get_by_role("alert")).to_contain_text("Saved.")
    item = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="We got the keys to the new flat"))
    expect(item).to_be_visible()
    expect(item).to_contain_text("Housing")
    shot(page, "timeline-saved")
    # Dates read the British way, as the form asks for them ("27 3 2024") and as everywhere else.
    expect(item).to_contain_text("14 March 2024")


def test_a_mistake_keeps_what_was_typed(phone, family, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    nav_link(page, "Timeline").click()
    page.get_by_role("link", name="Add an event").click()
    page.get_by_label("What happened").fill("Meeting with the housing officer")
    when = page.get_by_role("group", name="When", exact=True)
    when.get_by_label("Day").fill("31")
    when.get_by_label("Month").fill("2")
    when.get_by_label("Year").fill("2020")
    page.get_by_label("What kind of event").select_option(label="Housing")
    shot(page, "event-form-bad-date")
    page.get_by_role("button", name="Save").click()

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("must be a real date"))).to_have_attribute(
        "href", "#date-day")
    # The message sits beside the date, inside its group, and is read out with it.
    expect(when.get_by_text(re.compile("must be a real date"))).to_be_visible()
    expect(when).to_have_attribute("aria-describedby", re.compile(r"\bdate-error\b"))
    # Nothing typed is lost.
    expect(page.get_by_label("What happened")).to_have_value("Meeting with the housing officer")
    expect(when.get_by_label("Day")).to_have_value("31")
    expect(when.get_by_label("Month")).to_have_value("2")
    expect(when.get_by_label("Year")).to_have_value("2020")
    expect(page.get_by_label("What kind of event")).to_have_value("housing")
    shot(page, "event-form-error")


def test_exit_this_page_ends_the_session(phone, family, base_url, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    nav_link(page, "Our story").click()
    expect(page.get_by_role("heading", level=1, name="Our story")).to_be_visible()
    leave = page.get_by_role("button", name=re.compile("Exit this page"))
    # On a phone it must be there at once, without scrolling.
    expect(leave).to_be_in_viewport()
    shot(page, "book-page")
    leave.click()

    expect(page).to_have_url(base_url + "/sign-in?left=1")
    shot(page, "left")

    def shows_nothing_of_the_book(step: str) -> None:
        shot(page, step)
        expect(page).to_have_url(re.compile(r"/sign-in"))
        expect(page.get_by_role("heading", level=1,
                                name="Sign in to your family's book")).to_be_visible()
        content = page.content()
        assert family.title not in content, step
        assert family.display_name not in content, step
        expect(page.get_by_role("navigation", name="Our book")).to_have_count(0)

    page.go_back()
    shows_nothing_of_the_book("after-back")
    page.reload()
    shows_nothing_of_the_book("after-back-and-reload")

    # And the book itself is closed: going straight to it asks to sign in.
    page.goto(f"/families/{family.id}/story")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    assert family.title not in page.content()
    shot(page, "book-closed")


def test_works_without_javascript(new_context, family, shot):
    context = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, family, shot)
    add_story_section(page, family, shot, "Without JavaScript")
    # The journey really ran without scripts: frontend.js marks the page when it runs.
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    page.reload()
    expect(page.get_by_role("heading", name="Without JavaScript")).to_be_visible()


def test_no_sideways_scrolling_at_320px(new_context, family, shot):
    context = new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()

    def assert_fits(step: str) -> None:
        shot(page, step)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{step}: the page is {width}px wide on a 320px screen"

    sign_in(page, family, shot)
    assert_fits("home-320")
    nav_link(page, "Our story").click()
    page.get_by_role("link", name="Add to “Our story so far”").click()
    expect(page.get_by_role("heading", level=1, name="Add: Story section")).to_be_visible()
    assert_fits("story-form-320")
    nav_link(page, "Timeline").click()
    page.get_by_role("link", name="Add an event").click()
    expect(page.get_by_role("heading", level=1, name="Add: Timeline event")).to_be_visible()
    assert_fits("event-form-320")
