"""The reader's language: chosen, or guessed from the browser, and the direction of its script."""

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from babel.messages.pofile import read_po
from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import Babel, refresh
from flask_login import current_user

from portal.db import db
from record_book.languages import catalogs, reviews

# Each language named in itself, so a reader can find their own whatever is on screen now.
LANGUAGES = {
    "en": ("English", "ltr"),
    "cy": ("Cymraeg", "ltr"),
    "pl": ("Polski", "ltr"),
    "ro": ("Română", "ltr"),
    "pt": ("Português", "ltr"),
    "so": ("Soomaali", "ltr"),
    "ur": ("اردو", "rtl"),
    "ar": ("العربية", "rtl"),
    "pa": ("ਪੰਜਾਬੀ", "ltr"),
    "bn": ("বাংলা", "ltr"),
    "gu": ("ગુજરાતી", "ltr"),
}

blueprint = Blueprint("language", __name__)


def current_locale() -> str:
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def _safe_next(target: str | None) -> str:
    """Only go back to a page of this site, never to another site."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return url_for("auth.start")
    return target


@blueprint.route("/language/<code>")
def choose(code: str):
    if code in LANGUAGES:
        session["locale"] = code
        if current_user.is_authenticated:
            current_user.account.locale = code
        refresh()
    return redirect(_safe_next(request.args.get("next")))


@blueprint.route("/easy-read/<setting>")
def easy_read(setting: str):
    """Larger text, more space and pictures beside headings, for anyone who finds reading hard."""
    session["easy_read"] = setting == "on"
    return redirect(_safe_next(request.args.get("next")))


def review_status(po_text: str) -> str:
    """What the catalog's header comment says of review by a speaker ("# Review status: …").

    A comment, not a header field: Babel keeps comments through `make translations`."""
    found = re.search(r"^# Review status: (.*)$", po_text, re.MULTILINE)
    if found is None:
        return "not stated"
    return "reviewed" if found.group(1).lower().startswith("reviewed") else "not reviewed"


def catalog_status(code: str) -> dict:
    """How complete a language's catalog is, what it says about how it was made, and the share
    of its messages a speaker has checked (the catalog's `reviewed` flags)."""
    folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    if code == "en":
        return {"translated": None, "total": None, "percent": 100, "review": "source",
                "checked": 1.0}
    po = catalogs.po_path(folder, code)
    if not po.exists():
        return {"translated": 0, "total": 0, "percent": 0, "review": "missing", "checked": 0.0}
    # Read again whenever the file changes: `flask write-language-reviews` writes it.
    stat = po.stat()
    return _status(str(folder), code, (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _status(folder: str, code: str, _changed: tuple[int, int]) -> dict:
    po = catalogs.po_path(Path(folder), code)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if m.string and "fuzzy" not in m.flags)
    review = review_status(po.read_text(encoding="utf-8"))
    return {"translated": translated, "total": len(messages),
            "percent": round(100 * translated / len(messages)) if messages else 0,
            "review": review,
            "checked": (sum(1 for m in messages if catalogs.REVIEWED in m.flags) / len(messages)
                        if messages else 0.0)}


@blueprint.route("/languages")
def languages():
    rows = [(code, name, direction, catalog_status(code))
            for code, (name, direction) in LANGUAGES.items()]
    checking = (reviews.languages_of(db(), current_user.account)
                if current_user.is_authenticated else [])
    return render_template("languages.html", rows=rows, checking=checking)


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=current_locale)
    app.register_blueprint(blueprint)

    @app.context_processor
    def _language():
        code = current_locale()
        return {"lang": code, "text_direction": LANGUAGES[code][1], "LANGUAGES": LANGUAGES,
                "easy_read": bool(session.get("easy_read"))}
