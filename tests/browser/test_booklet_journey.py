"""Journey 5: the family prints its booklet in Arabic: the page says it is being made, then\noffers a PDF that opens."""

import re

from playwright.sync_api import expect
from pypdf import PdfReader

from .test_journeys import nav_link, sign_in


def test_family_prints_the_booklet_in_arabic(phone, family, shot, tmp_path):
    page = phone.new_page()
    sign_in(page, family, shot)
    nav_link(page, "Print our book").click()
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/print$"))
    shot(page, "print-options")
    page.get_by_role("radio", name="العربية").check()
    page.get_by_role("button", name="Make the booklet (PDF)").click()
    # The worker makes it; the page (booklet-wait.js) shows it ready without a tap.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Your booklet is (being made|ready)"))
    expect(page.get_by_role("heading", level=1, name="Your booklet is ready")).to_be_visible(
        timeout=60_000)
    shot(page, "booklet-ready")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the booklet (PDF)").click()
    saved = tmp_path / "book.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    pdf = PdfReader(saved)
    assert len(pdf.pages) >= 2
    assert family.title in "".join(p.extract_text() for p in pdf.pages[:1]) or pdf.metadata.title
