"""A speaker checks Urdu inside the portal: a portal admin makes an interpreter the Urdu
reviewer, who corrects two messages on a phone; the write command puts them into a copy of the
catalogs, and the Languages page then shows the share a speaker has checked."""

import itertools
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account
from record_book.languages import catalogs

PASSWORD = "a long enough test password"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
CORRECTIONS = {
    "Check the answers above.": "اوپر دیے گئے جواب ایک بار پھر دیکھ لیں۔",
    "Choose yes or no.": "ہاں یا نہیں میں سے ایک چنیں۔",
}
_numbers = itertools.count(1)


@pytest.fixture
def copied_catalogs(live_app, tmp_path):
    """The server reads and writes a copy of the catalogs, never the repository's own."""
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder, ignore=shutil.ignore_patterns("*.mo"))
    before = live_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    live_app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(folder)
    yield folder
    live_app.config["BABEL_TRANSLATION_DIRECTORIES"] = before


def _people(live_app) -> tuple[str, str]:
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        admin = create_account(s, f"language-admin{n}", "Portal Admin", "portal_admin", PASSWORD)
        interpreter = create_account(s, f"interpreter{n}", f"Nadia Interpreter {n}", "family",
                                     PASSWORD)
        s.commit()
        return admin.username, interpreter.username


def _sign_in(page, username: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))


def _urdu_row(page):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name="اردو"))


def test_an_admin_makes_an_urdu_reviewer_who_corrects_two_messages(
        desktop, phone, live_app, copied_catalogs, shot):
    admin_name, reviewer_name = _people(live_app)
    admin = desktop.new_page()
    _sign_in(admin, admin_name)
    admin.goto("/admin/")
    admin.get_by_role("link", name="Who checks each language").click()
    admin.get_by_label("Their username").fill(reviewer_name)
    admin.get_by_label("The language they check").select_option(label="اردو")
    shot(admin, "admin-chooses-a-reviewer")
    admin.get_by_role("button", name="Let them check this language").click()
    expect(admin.get_by_text(re.compile(r"can now check the words in اردو"))).to_be_visible()

    page = phone.new_page()
    _sign_in(page, reviewer_name)
    page.goto("/languages")
    expect(_urdu_row(page)).to_contain_text("Not yet")
    page.get_by_role("link", name="Check the words in اردو").click()
    expect(page.get_by_role("heading", level=1, name="Check the words in اردو")).to_be_visible()
    expect(page.locator("li.card")).to_have_count(50)  # fifty a page, unchecked first
    for english, better in CORRECTIONS.items():
        page.get_by_label("Find words in the English or the draft").fill(english.rstrip("."))
        page.get_by_role("button", name="Find").click()
        card = page.locator("li.card").filter(has_text=english).first
        expect(card).to_contain_text("In English")
        card.get_by_label("A better translation (if the draft is not right)").fill(better)
        shot(page, "reviewer-writes-a-better-one")
        card.get_by_role("button", name="Save my translation").click()
        expect(page.get_by_role("alert")).to_contain_text("Saved.")
        expect(page.locator("li.card").filter(has_text=english).first).to_contain_text(better)
    # Saved in the portal only: the catalog is unchanged until the command runs.
    assert "ہاں یا نہیں میں سے ایک چنیں" not in catalogs.po_path(
        copied_catalogs, "ur").read_text(encoding="utf-8")

    written = live_app.test_cli_runner().invoke(
        args=["write-language-reviews", "--language", "ur"])
    assert written.exit_code == 0, written.output
    text = catalogs.po_path(copied_catalogs, "ur").read_text(encoding="utf-8")
    for english, better in CORRECTIONS.items():
        assert f'#, reviewed\nmsgid "{english}"\nmsgstr "{better}"' in text

    share = 2 / len(catalogs.messages(copied_catalogs, "ur"))
    page.goto("/languages")
    expect(_urdu_row(page)).to_contain_text(f"A speaker has checked {share:.1%} of the words")
    expect(page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Polski"))).to_contain_text("Not yet")
    shot(page, "languages-page-shows-the-checked-share")
