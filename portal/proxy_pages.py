"""The pages nginx shows on its own, in every language we ship: when the app cannot answer, and
when an address is too long for nginx to pass on (past `large_client_header_buffers`)."""

from pathlib import Path

from flask import Flask, render_template
from flask_babel import force_locale, gettext

from portal.language import LANGUAGES

STATIC_ERRORS = Path(__file__).parent / "static" / "errors"
UNAVAILABLE = STATIC_ERRORS / "unavailable.html"
TOO_LONG = STATIC_ERRORS / "too_long.html"


def _words(path: Path) -> tuple[str, list[str]]:
    if path == TOO_LONG:
        return (gettext("That web address is too long"),
                [gettext("If you typed or pasted the web address, check it is right.")])
    return (gettext("Sorry, we cannot load this right now"),
            [gettext("Try again in a few minutes. Nothing you did has been lost."),
             gettext("If you were saving a change just now, it was not saved. "
                     "Go back and save it again in a few minutes.")])


def proxy_page(app: Flask, path: Path) -> str:
    pages = []
    with app.test_request_context():
        for code, (_name, direction) in LANGUAGES.items():
            with force_locale(code):
                title, paragraphs = _words(path)
                pages.append({"code": code, "direction": direction, "title": title,
                              "service": gettext("Family Record Book"), "paragraphs": paragraphs})
        return render_template("errors/proxy_page.html", pages=pages)


def write(app: Flask) -> list[Path]:
    for path in (UNAVAILABLE, TOO_LONG):
        path.write_text(proxy_page(app, path), encoding="utf-8")
    return [UNAVAILABLE, TOO_LONG]
