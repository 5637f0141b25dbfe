"""When the app cannot answer, or an address is too long for nginx, nginx serves our own
plain-words page, never its "Bad Gateway" or "Request-URI Too Large"."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

from portal import proxy_pages
from portal.language import LANGUAGES

NGINX = Path(__file__).parent.parent / "deploy" / "nginx.conf"
PAGES = [(proxy_pages.UNAVAILABLE, "Sorry, we cannot load this right now"),
         (proxy_pages.TOO_LONG, "That web address is too long")]


def test_the_nginx_example_serves_our_pages_for_502_504_and_414():
    nginx = NGINX.read_text(encoding="utf-8")
    served = {code: Path(proxy_pages.__file__).parent / "static" / page
              for codes, page in re.findall(r"error_page ([0-9 ]+) /static/(\S+);", nginx)
              for code in codes.split()}
    # The alias in the same example is where the files must be.
    assert served["502"] == served["504"] == proxy_pages.UNAVAILABLE
    assert served["414"] == proxy_pages.TOO_LONG


def test_nginx_stops_long_addresses_only_past_what_gunicorn_and_the_app_pass():
    nginx = NGINX.read_text(encoding="utf-8")
    buffer = re.search(r"large_client_header_buffers \d+ (\d+)k;", nginx)
    assert buffer is not None
    gunicorn = (Path(__file__).parent.parent / "gunicorn.conf.py").read_text(encoding="utf-8")
    line = int(re.search(r"^limit_request_line = (\d+)$", gunicorn, re.M).group(1))
    assert 4096 < int(buffer.group(1)) * 1024 < line


@pytest.mark.parametrize("path,_title", PAGES)
def test_the_committed_page_is_the_one_the_catalogs_make_today(app, path, _title):
    # `flask write-proxy-pages` after changing these words or their translations.
    assert path.read_text(encoding="utf-8") == proxy_pages.proxy_page(app, path)


@pytest.mark.parametrize("path,title", PAGES)
def test_the_page_says_it_in_every_language_each_in_its_own_direction(app, path, title):
    page = path.read_text(encoding="utf-8")
    with app.test_request_context():
        for code, (_name, direction) in LANGUAGES.items():
            with force_locale(code):
                words = gettext(title)
            section = re.search(rf'<section lang="{code}" dir="{direction}">(.*?)</section>',
                                page, re.S)
            assert section is not None, code
            assert str(escape(words)) in section.group(1), code
    assert "Bad Gateway" not in page


@pytest.mark.parametrize("path,_title", PAGES)
def test_the_page_needs_nothing_the_app_serves_and_nothing_the_policy_forbids(path, _title):
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page and "style=" not in page and "<style" not in page
    for link in re.findall(r'href="([^"]+)"', page):
        assert link.startswith("/static/")
        assert (Path(proxy_pages.__file__).parent / link.removeprefix("/")).exists()
