"""GOV.UK Frontend as vendored by `make govuk-frontend`: the files are the ones recorded, carry
no brand font, and every page uses them under a policy that allows nothing more."""

import hashlib
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "portal" / "static" / "govuk"


def test_the_vendored_files_match_their_recorded_checksums():
    lines = (STATIC / "VERSION.txt").read_text().splitlines()
    assert re.match(r"govuk-frontend 6\.3\.0 \(licence: MIT\)$", lines[0])
    recorded = dict(reversed(line.split("  ")) for line in lines[1:])
    for name in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == recorded[name], name


def test_no_page_asks_for_the_gov_uk_font_or_a_source_map():
    css = (STATIC / "govuk-frontend.min.css").read_text()
    assert "GDS Transport" not in css and "@font-face" not in css
    assert "sourceMappingURL" not in css
    assert "sourceMappingURL" not in (STATIC / "govuk-frontend.min.js").read_text()


def test_pages_load_govuk_frontend_with_no_inline_script_or_style(client):
    page = client.get("/sign-in")
    html = page.text
    assert '<link rel="stylesheet" href="/static/govuk/govuk-frontend.min.css">' in html
    assert '<script type="module" src="/static/govuk/govuk-frontend.min.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert not re.search(r"<style|\sstyle=", html), "an inline style"
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "form-action 'self'" in policy and "unsafe" not in policy
    for asset in ("/static/govuk/govuk-frontend.min.js", "/static/js/frontend.js"):
        assert client.get(asset).status_code == 200


def test_an_error_puts_error_in_the_title_and_the_summary_first(client):
    page = client.post("/sign-in", data={"username": "nobody", "password": "wrong"}).text
    assert re.search(r"<title>Error: Sign in", page)
    assert 'data-module="govuk-error-summary"' in page
