"""The pages the journeys use also work with JavaScript switched off (passkeys aside)."""

import re

from playwright.sync_api import expect

from .test_journeys import nav_link, sign_in
from .test_sharing_journey import _professional_connected


def test_sharing_the_log_the_plan_and_printing_work_without_javascript(
        new_context, live_app, family, shot, tmp_path):
    _professional_connected(live_app, family)
    context = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844},
                          accept_downloads=True)
    page = context.new_page()
    sign_in(page, family, shot)

    nav_link(page, "Our story").click()
    page.get_by_role("link", name="Moving house").click()
    page.get_by_role("link", name="Share or stop sharing").click()
    # Nobody is chosen for the family: one tap must not share.
    expect(page.get_by_role("radio", name=re.compile("Ms Patel"))).not_to_be_checked()
    page.get_by_role("radio", name=re.compile("Ms Patel")).check()
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"Share “Moving house” with Ms Patel.* until you stop it\?"))
    page.get_by_role("button", name="Yes, share it").click()
    expect(page.get_by_role("alert")).to_contain_text("Shared with \u2068Ms Patel")
    page.get_by_role("button", name=re.compile("Stop sharing with \u2068Ms Patel")).click()
    expect(page.get_by_role("alert")).to_contain_text("Stopped sharing")

    nav_link(page, "Who has looked").click()
    expect(page.get_by_text(re.compile(
        r"shared “\u2068Moving house\u2069” with \u2068Ms Patel"))).to_be_visible()
    page.get_by_label("Show only").select_option(index=1)
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"access-log\?who=\d+"))

    nav_link(page, "Our plan").click()
    expect(page.get_by_role("heading", level=1, name="Our plan")).to_be_visible()

    nav_link(page, "Print our book").click()
    page.get_by_role("button", name="Make the booklet (PDF)").click()
    heading = page.get_by_role("heading", level=1)
    for _ in range(60):  # without JavaScript, the person taps "Check again"
        if heading.inner_text() == "Your booklet is ready":
            break
        expect(heading).to_have_text("Your booklet is being made")
        page.wait_for_timeout(1000)
        page.get_by_role("button", name="Check again").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the booklet (PDF)").click()
    saved = tmp_path / "book.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
