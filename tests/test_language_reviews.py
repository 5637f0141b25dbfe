"""Speakers check a language in the portal: a portal admin gives the role for one language, the
reviewer accepts or betters each message, a command writes the reviews into a catalog (whose
flags `pybabel update` keeps), and the Languages page and the booklet say how much is checked."""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from conftest import PASSWORD, sign_in

from print_templates.i18n import words_for
from record_book.accounts.accounts import create_account
from record_book.languages import catalogs, reviews

REPO_TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
CHANGED = "Check the answers above."
PLACEHOLDER = "%(name)s is now checked."


@pytest.fixture
def translations(tmp_path, app, monkeypatch):
    """A copy of the catalogs: a test never writes the repository's own."""
    folder = tmp_path / "translations"
    shutil.copytree(REPO_TRANSLATIONS, folder, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setitem(app.config, "BABEL_TRANSLATION_DIRECTORIES", str(folder))
    return folder


@pytest.fixture
def people(session, book):
    admin = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    session.commit()
    return admin, book.other_holder  # a parent of another family checks Urdu


def _give(client, admin, username, language="ur"):
    sign_in(client, admin)
    return client.post("/admin/language-reviewers",
                       data={"username": username, "language": language})


def _a_message(folder, code="ur", wanted=CHANGED):
    return next(m for m in catalogs.messages(folder, code) if m.msgid == wanted)


def test_a_portal_admin_gives_the_role_for_one_language_and_only_they_may(
        app, client, people, book, translations):
    admin, parent = people
    assert client.get("/languages/ur/check").status_code == 302  # signed out: sign in first
    assert _give(client, book.advocate, parent.username).status_code == 404
    client.post("/sign-out")
    assert _give(client, admin, "nobody-here").status_code == 400
    answer = _give(client, admin, parent.username)
    assert answer.status_code == 302
    page = client.get("/admin/language-reviewers").get_data(as_text=True)
    assert "Olu Other checks اردو (added by Robin Admin on" in page
    client.post("/sign-out")
    sign_in(app.test_client(), parent)
    reviewer = sign_in(app.test_client(), parent)
    assert reviewer.get("/languages/ur/check").status_code == 200
    assert reviewer.get("/languages/pl/check").status_code == 404
    assert 'href="/languages/ur/check"' in reviewer.get("/languages").get_data(as_text=True)
    assert sign_in(app.test_client(), book.holder).get("/languages/ur/check").status_code == 404


def test_the_reviewer_sees_english_draft_places_and_the_term_base_words_paged_and_searchable(
        app, client, session, people, translations):
    admin, parent = people
    reviews.give_reviewer(session, admin, parent, "ur")
    session.commit()
    reviewer = sign_in(app.test_client(), parent)
    first = reviewer.get("/languages/ur/check").get_data(as_text=True)
    assert first.count('name="msgid"') == reviews.PAGE_SIZE
    assert "sentences here are not checked yet" in first
    found = reviewer.get("/languages/ur/check?q=advocate").get_data(as_text=True)
    # The term base's word for advocate, and why, beside a message that holds it.
    assert "حمایتی" in found and "a lawyer in court" in found
    assert "Where it appears:" in found and ".html" in found
    last = reviewer.get("/languages/ur/check?page=999").get_data(as_text=True)
    assert 'name="msgid"' in last and "Previous" in last


def test_reviews_are_kept_in_the_portal_and_checked_messages_go_last(
        app, session, people, translations):
    admin, parent = people
    reviews.give_reviewer(session, admin, parent, "ur")
    session.commit()
    reviewer = sign_in(app.test_client(), parent)
    before = catalogs.po_path(translations, "ur").read_bytes()
    first_msgid = reviews.review_page(session, parent, translations, "ur").items[0].msgid
    assert reviewer.post("/languages/ur/check", data={
        "msgid": first_msgid, "choice": "accept"}).status_code == 302
    assert reviewer.post("/languages/ur/check", data={
        "msgid": CHANGED, "choice": "change", "text": "اوپر کے جواب دیکھ لیں۔"}
    ).status_code == 302
    refused = reviewer.post("/languages/ur/check", data={
        "msgid": PLACEHOLDER, "choice": "change", "text": "اب جانچ ہو گئی"})
    assert refused.status_code == 400
    assert "exactly as it is in the English" in refused.get_data(as_text=True)
    session.expire_all()
    page = reviews.review_page(session, parent, translations, "ur")
    assert first_msgid not in [item.msgid for item in page.items]
    assert page.unchecked == len(catalogs.messages(translations, "ur")) - 2
    # Nothing is written into a catalog at run time.
    assert catalogs.po_path(translations, "ur").read_bytes() == before


def _pybabel_update(folder: Path) -> None:
    CommandLineInterface().run(["pybabel", "-q", "update", "--no-fuzzy-matching",
                                "-i", str(REPO_TRANSLATIONS / "messages.pot"), "-d", str(folder)])


def test_the_command_writes_reviews_into_the_catalog_and_pybabel_update_keeps_them(
        app, client, session, people, translations):
    admin, parent = people
    reviews.give_reviewer(session, admin, parent, "ur")
    draft = _a_message(translations).draft
    reviews.review(session, parent, translations, "ur", CHANGED, "بہتر ترجمہ")
    reviews.review(session, parent, translations, "ur", PLACEHOLDER)
    session.commit()
    untouched = catalogs.po_path(translations, "pl").read_bytes()
    result = app.test_cli_runner().invoke(args=["write-language-reviews", "--language", "ur"])
    assert result.exit_code == 0, result.output
    assert "ur: 2 reviewed messages written" in result.output
    _pybabel_update(translations)
    text = catalogs.po_path(translations, "ur").read_text(encoding="utf-8")
    assert re.search(r"# reviewed by Olu Other on \d{4}-\d\d-\d\d\n#, reviewed\n"
                     rf'msgid "{CHANGED}"\nmsgstr "بہتر ترجمہ"', text)
    assert draft not in text
    with catalogs.po_path(translations, "ur").open("rb") as handle:
        flagged = [m.id for m in read_po(handle) if "reviewed" in m.flags]
    assert sorted(flagged) == sorted([CHANGED, PLACEHOLDER])
    assert catalogs.po_path(translations, "pl").read_bytes() == untouched
    report = app.test_cli_runner().invoke(args=["language-report"]).output
    share = 2 / len(catalogs.messages(translations, "ur"))
    assert re.search(rf"^ur\s+\d+\s+{share:.1%}\s+100\.0%$", report, re.M), report
    assert re.search(r"^pl\s+\d+\s+0\.0%", report, re.M)
    # What the catalog says is what the Languages page and the booklet's cover say.
    languages = client.get("/languages").get_data(as_text=True)
    assert f"A speaker has checked {share:.1%} of the words" in languages
    words = words_for("ur", translations)
    assert words.checked_share == pytest.approx(share)
    assert words.percent(share) == words.percent(2 / len(catalogs.messages(translations, "ur")))
    assert words_for("pl", translations).checked_share == 0


def test_the_booklets_cover_says_how_much_a_speaker_has_checked(session, book, tmp_path):
    from io import BytesIO

    from pypdf import PdfReader

    from print_templates import i18n
    from print_templates.booklet import Options, build_booklet
    from record_book.policy import reader_for

    folder = tmp_path / "translations"
    shutil.copytree(REPO_TRANSLATIONS, folder, ignore=shutil.ignore_patterns("*.mo"))
    holder = reader_for(session, book.holder, book.family.id)

    def cover() -> str:
        printed = build_booklet(session, holder, Options(language="pl", translations_dir=folder,
                                                         sections=frozenset({"summary"})))
        return " ".join(PdfReader(BytesIO(printed.pdf)).pages[0].extract_text().split())

    assert "słów tego tłumaczenia" not in cover()
    on = reviews.utcnow().date()
    catalogs.write_reviews(folder, "pl", [catalogs.Written(CHANGED, None, "Marta", on),
                                          catalogs.Written(PLACEHOLDER, None, "Marta", on)])
    percent = i18n.words_for("pl", folder).percent(2 / len(catalogs.messages(folder, "pl")))
    assert percent == "0,1%"
    assert f"sprawdziła {percent} słów tego tłumaczenia" in cover()


def test_a_portal_admin_stops_someone_checking_and_their_page_is_gone(
        app, client, session, people, book, translations):
    admin, parent = people
    role = reviews.give_reviewer(session, admin, parent, "ur")
    session.commit()
    reviewer = sign_in(app.test_client(), parent)
    assert reviewer.get("/languages/ur/check").status_code == 200
    assert sign_in(app.test_client(), book.advocate).post(
        f"/admin/language-reviewers/{role.id}/stop").status_code == 404
    sign_in(client, admin)
    answer = client.post(f"/admin/language-reviewers/{role.id}/stop", follow_redirects=True)
    assert "Olu Other no longer checks اردو." in answer.get_data(as_text=True)
    assert reviewer.get("/languages/ur/check").status_code == 404
    assert client.post(f"/admin/language-reviewers/{role.id}/stop").status_code == 404
