"""A holder on a phone downloads a copy of the book, asks to delete it, reads what happens and
what is kept, then changes their mind within the 14 days."""

import json

from playwright.sync_api import expect

from .test_journeys import sign_in


def test_download_then_delete_then_keep_the_book(phone, family, shot):
    page = phone.new_page()
    sign_in(page, family, shot)
    page.get_by_role("link", name="Download or delete our book").click()
    expect(page.get_by_role("heading", level=1, name="Download or delete our book")).to_be_visible()
    shot(page, "your-data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything as a file").click()
    copy = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert copy["family_id"] == family.id and copy["tables"]["entries"]

    page.get_by_role("link", name="Delete our book").click()
    expect(page.get_by_role("heading", level=1, name="Delete our book?")).to_be_visible()
    expect(page.get_by_role("heading", name="What we keep, and why")).to_be_visible()
    shot(page, "delete-confirm")
    page.get_by_role("button", name="Delete our book").click()
    banner = page.get_by_role("region", name="This book is waiting to be deleted")
    expect(banner).to_be_visible()
    shot(page, "waiting-to-be-deleted")

    banner.get_by_role("button", name="Keep our book").click()
    expect(page.get_by_role("region", name="This book is waiting to be deleted")).to_have_count(0)
    shot(page, "kept")
