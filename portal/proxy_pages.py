"""The pages nginx shows on its own when the app cannot answer, in every language we ship."""

from pathlib import Path

from flask import Flask, render_template
from flask_babel import force_locale, gettext

from portal.language import LANGUAGES

UNAVAILABLE = Path(__file__).parent / "static" / "errors" / "unavailable.html"


def unavailable_page(app: Flask) -> str:
    pages = []
    with app.test_request_context():
        for code, (_name, direction) in LANGUAGES.items():
            with force_locale(code):
                pages.append({
                    "code": code, "direction": direction,
                    "service": gettext("Family Record Book"),
                    "title": gettext("Sorry, we cannot load this right now"),
                    "try_again": gettext("Try again in a few minutes. Nothing you did has been lost."),
                    "not_saved": gettext("If you were saving a change just now, it was not saved. "
                                         "Go back and save it again in a few minutes."),
                })
        return render_template("errors/proxy_unavailable.html", pages=pages)


def write(app: Flask) -> Path:
    UNAVAILABLE.write_text(unavailable_page(app), encoding="utf-8")
    return UNAVAILABLE
