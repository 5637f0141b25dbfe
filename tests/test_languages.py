"""Choosing a language, right-to-left layout, and the catalogs that ship."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import sign_in

from portal.language import LANGUAGES
from record_book.book.model import Account

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SHIPPED = [code for code in LANGUAGES if code != "en"]
BOOK_PAGES = ("/", "/people", "/story", "/what-helps", "/timeline", "/services", "/check-ins",
              "/new/event", "/new/member", "/new/service", "/new/checkin", "/new/story",
              "/new/helps", "/new/summary")


def html_tag(page: str) -> str:
    """The page's <html> tag with only its language and direction (GOV.UK Frontend adds a class)."""
    tag = re.search(r"<html[^>]*>", page).group(0)
    return re.sub(r' class="[^"]*"', "", tag)


def test_the_browser_language_is_used_on_a_first_visit(client):
    page = client.get("/sign-in", headers={"Accept-Language": "ur, en;q=0.5"}).text
    assert html_tag(page) == '<html lang="ur" dir="rtl">'


def test_english_is_the_fallback_for_a_language_we_do_not_have(client):
    page = client.get("/sign-in", headers={"Accept-Language": "fr"}).text
    assert html_tag(page) == '<html lang="en" dir="ltr">'


def test_choosing_a_language_on_the_sign_in_page_sticks(client):
    response = client.get("/language/ar?next=/sign-in")
    assert response.status_code == 302 and response.location == "/sign-in"
    assert html_tag(client.get("/sign-in").text) == '<html lang="ar" dir="rtl">'


def test_a_chosen_language_is_kept_for_the_person_across_sign_ins(app, session, book):
    first = sign_in(app.test_client(), book.holder)
    first.get("/language/pl?next=/")
    session.expire_all()
    assert session.get(Account, book.holder.id).locale == "pl"
    later = sign_in(app.test_client(), book.holder)
    assert html_tag(later.get(f"/families/{book.family.id}/").text) == '<html lang="pl" dir="ltr">'


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_the_language_switcher_never_sends_people_to_another_site(client, target):
    response = client.get("/language/cy", query_string={"next": target})
    assert response.location == "/"


def test_every_page_has_a_language_switcher_with_each_language_in_its_own_words(client):
    page = client.get("/sign-in").text
    for code, (name, _direction) in LANGUAGES.items():
        assert f'lang="{code}"' in page and name in page


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_book_page_renders_in_every_language(app, book, code):
    client = sign_in(app.test_client(), book.holder)
    client.get(f"/language/{code}?next=/")
    direction = LANGUAGES[code][1]
    for path in BOOK_PAGES:
        response = client.get(f"/families/{book.family.id}{path}")
        assert response.status_code == 200, (code, path)
        assert html_tag(response.text) == f'<html lang="{code}" dir="{direction}">'
    languages = client.get("/languages")
    assert languages.status_code == 200


def _catalog(code):
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _template_ids():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("code", SHIPPED)
def test_each_catalog_translates_every_message(code):
    catalog = _catalog(code)
    # A plural's translation is a tuple of forms: every form must be there.
    missing = [m.id for m in catalog if m.id and (
        not (m.string if isinstance(m.string, str) else all(m.string)) or "fuzzy" in m.flags)]
    assert missing == []
    assert _template_ids() <= {m.id for m in catalog if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text or ""))


@pytest.mark.parametrize("code", SHIPPED)
def test_placeholders_survive_translation(code):
    broken = []
    for m in _catalog(code):
        if not m.id:
            continue
        english = m.id if isinstance(m.id, str) else m.id[-1]  # the plural holds them all
        forms = [m.string] if isinstance(m.string, str) else list(m.string)
        broken += [m.id for form in forms if _placeholders(form) != _placeholders(english)]
    assert broken == []


@pytest.mark.parametrize("code", SHIPPED)
def test_each_catalog_says_how_it_was_made_and_whether_it_was_reviewed(code):
    from portal.language import review_status

    text = (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert review_status(text) != "not stated"
    assert "How it was made" in (_catalog(code).header_comment or "")


def test_the_template_holds_every_message_in_the_code():
    # `make translations` must have been run after changing any text.
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pot") as fresh:
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                        "-F", "babel.cfg", "-k", "N_", "-k", "_l", "-o", fresh.name,
                        "--no-location", "--sort-output", "."],
                       check=True, cwd=TRANSLATIONS.parent)
        with open(fresh.name, "rb") as handle:
            extracted = {m.id for m in read_po(handle) if m.id}
    assert extracted - _template_ids() == set()


def test_easy_read_can_be_turned_on_and_off(client):
    assert 'class="easy-read"' not in client.get("/sign-in").text
    client.get("/easy-read/on?next=/sign-in")
    assert '<body class="govuk-template__body easy-read">' in client.get("/sign-in").text
    client.get("/easy-read/off?next=/sign-in")
    assert 'class="easy-read"' not in client.get("/sign-in").text


def test_the_languages_page_says_plainly_that_machine_drafts_are_not_yet_checked(client):
    page = client.get("/languages").text
    assert page.count("Not yet") == len(SHIPPED)
    assert "Written in this language" in page
    assert "100%" in page


def test_review_status_is_read_from_the_catalog_comment():
    from portal.language import review_status

    assert review_status("# Review status: Reviewed by Ana, 2027-01-02\n") == "reviewed"
    assert review_status("# Review status: NOT yet reviewed\n") == "not reviewed"
    assert review_status("msgid \"\"\n") == "not stated"


def test_a_page_has_the_words_of_the_language_it_is_rendered_in(app):
    """A page looks its translations, locale and time zone up once, when it is rendered: inside
    force_locale (an email in its reader's language) it gets that language, not the request's,
    and its times are in the portal's time zone."""
    from datetime import datetime, timezone

    from flask import render_template_string
    from flask_babel import force_locale

    page = ("{{ _('Family Record Book') }} | {{ moment|when }} | "
            "{% trans who='<b>' %}{{ who }}{% endtrans %}")
    moment = datetime(2025, 3, 3, 23, 30, tzinfo=timezone.utc)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        english = render_template_string(page, moment=moment)
        with force_locale("cy"):
            welsh = render_template_string(page, moment=moment)
        after = render_template_string(page, moment=moment)
    assert english == after == "Family Record Book | 3 March 2025, 23:30 | &lt;b&gt;"
    assert welsh == "Llyfr Cofnodion y Teulu | 3 Mawrth 2025, 23:30 | &lt;b&gt;"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        summer = render_template_string("{{ moment|when }}",
                                        moment=datetime(2025, 7, 1, 23, 30, tzinfo=timezone.utc))
    assert summer == "2 July 2025, 00:30"
