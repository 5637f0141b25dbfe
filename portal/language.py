"""The reader's language: chosen, or guessed from the browser, and the direction of its script."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, dates
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import Babel, get_locale, get_timezone, get_translations, refresh
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

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


def same_site_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None. Browsers read "/\\evil" as
    "//evil" (another site) and drop tabs and line breaks before reading, so a backslash or any
    control character is refused outright, as is anything over a sensible length."""
    if not target or len(target) > 2000 or not target.startswith("/"):
        return None
    if "\\" in target or any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def _safe_next(target: str | None) -> str:
    """Only go back to a page of this site, never to another site."""
    return same_site_path(target) or url_for("auth.start")


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


@dataclass(frozen=True)
class PageWords:
    """The translations, locale and time zone of one page, looked up once when it is rendered:
    Flask-Babel looks each of them up through the request's context on every call, which was
    hundreds of times a page. A page rendered inside `force_locale` (an email in its reader's
    language) looks them up there, so it gets that language."""

    translations: NullTranslations
    locale: Locale
    zone: tzinfo

    @classmethod
    def now(cls) -> "PageWords":
        return cls(get_translations(), get_locale(), get_timezone())

    # What Jinja's i18n extension does with newstyle callables: escape the variables, not
    # the message, and always format (so "%%" means the same with or without variables).
    @pass_context
    def gettext(self, context, string: str, **variables) -> str:
        text = self.translations.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def ngettext(self, context, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        text = self.translations.ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    def text(self, string: str, **variables) -> str:
        """A message in Python, as Flask-Babel's gettext gives it: formatted only with
        variables, and escaped only where a template writes it."""
        text = self.translations.ugettext(string)
        return text % variables if variables else text

    def local(self, when: datetime) -> datetime:
        """A stored moment (naive means UTC) in the reader's time zone, as Flask-Babel's
        to_user_timezone gives it."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return self.zone.normalize(when.astimezone(self.zone))

    def day(self, when: date, format: str) -> str:
        return dates.format_date(when, format, locale=self.locale)

    def moment(self, when: datetime, format: str) -> str:
        return dates.format_datetime(when, format, tzinfo=self.zone, locale=self.locale)


def words_now() -> PageWords:
    """The request's words for Python code that makes sentences outside a template (the access
    log's lines, notices), looked up again only when the locale changes (`force_locale`)."""
    locale = get_locale()
    found = g.get("words_now")
    if found is None or found.locale is not locale:
        found = g.words_now = PageWords.now()
    return found


def gettext(string: str, **variables) -> str:
    """Flask-Babel's gettext, with the request's words looked up once (words_now)."""
    return words_now().text(string, **variables)


def page_words(context) -> PageWords:
    """The page's words, from the template's context; a macro imported without the page's
    context looks them up itself."""
    return context.get("page_words") or PageWords.now()


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=current_locale)
    app.register_blueprint(blueprint)

    @app.context_processor
    def _words():
        # Names in a template's context come before the environment's gettext callables.
        words = PageWords.now()
        return {"page_words": words, "gettext": words.gettext, "ngettext": words.ngettext}

    @app.context_processor
    def _language():
        code = current_locale()
        return {"lang": code, "text_direction": LANGUAGES[code][1], "LANGUAGES": LANGUAGES,
                "easy_read": bool(session.get("easy_read"))}
