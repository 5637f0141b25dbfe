"""When the app cannot answer, nginx serves our own plain-words page, never its "Bad Gateway"."""

import re
from pathlib import Path

from flask_babel import force_locale, gettext

from portal import proxy_pages
from portal.language import LANGUAGES

DEPLOYMENT = Path(__file__).parent.parent / "docs" / "deployment.md"


def test_the_nginx_example_serves_our_page_for_502_and_504():
    nginx = DEPLOYMENT.read_text(encoding="utf-8")
    found = re.search(r"error_page ([0-9 ]+) /static/(\S+);", nginx)
    assert found is not None
    assert {"502", "504"} <= set(found.group(1).split())
    # The alias in the same example is where the file must be.
    assert (Path(proxy_pages.__file__).parent / "static" / found.group(2)) == proxy_pages.UNAVAILABLE


def test_the_committed_page_is_the_one_the_catalogs_make_today(app):
    # `flask write-proxy-pages` after changing these words or their translations.
    assert proxy_pages.UNAVAILABLE.read_text(encoding="utf-8") == proxy_pages.unavailable_page(app)


def test_the_page_says_it_in_every_language_each_in_its_own_direction(app):
    page = proxy_pages.UNAVAILABLE.read_text(encoding="utf-8")
    with app.test_request_context():
        for code, (_name, direction) in LANGUAGES.items():
            with force_locale(code):
                words = gettext("Sorry, we cannot load this right now")
            section = re.search(rf'<section lang="{code}" dir="{direction}">(.*?)</section>',
                                page, re.S)
            assert section is not None, code
            assert words in section.group(1), code
    assert "Bad Gateway" not in page


def test_the_page_needs_nothing_the_app_serves_and_nothing_the_policy_forbids():
    page = proxy_pages.UNAVAILABLE.read_text(encoding="utf-8")
    assert "<script" not in page and "style=" not in page and "<style" not in page
    for link in re.findall(r'href="([^"]+)"', page):
        assert link.startswith("/static/")
        assert (Path(proxy_pages.__file__).parent / link.removeprefix("/")).exists()
