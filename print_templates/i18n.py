"""The booklet's words in the family's language, without Flask.

Labels are English source strings marked with `_` or `N_` here (so `pybabel extract` collects
them), translated through the project's Babel catalogs at print time. A compiled `.mo` is used
when there is one; otherwise the `.po` is compiled in memory, so a fresh checkout prints too.
Dates and numbers are formatted by Babel for the language.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from record_book.languages import catalogs

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "ps", "ku", "yi"})
# Urdu is written in Nastaliq, its own style of the Arabic script (fonts.py).
SCRIPT_OF_LANGUAGE = {"ar": "arabic", "ur": "nastaliq", "fa": "arabic", "ps": "arabic",
                      "bn": "bengali", "pa": "gurmukhi", "gu": "gujarati", "hi": "devanagari",
                      "mr": "devanagari", "ne": "devanagari"}


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is printed."""
    return message


def available_languages(folder: Path | None = None) -> list[str]:
    """English and every language with a catalog."""
    folder = folder or TRANSLATIONS
    found = sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/messages.po"))
    return ["en"] + [code for code in found if code != "en"]


@lru_cache(maxsize=32)
def _load(folder: str, language: str, stamp: float) -> NullTranslations:
    base = Path(folder) / language / "LC_MESSAGES"
    mo, po = base / "messages.mo", base / "messages.po"
    if mo.exists() and mo.stat().st_mtime >= (po.stat().st_mtime if po.exists() else 0):
        with mo.open("rb") as handle:
            return Translations(handle)
    if po.exists():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        compiled = BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        return Translations(compiled)
    return NullTranslations()


def translations_for(language: str, folder: Path | None = None) -> NullTranslations:
    folder = folder or TRANSLATIONS
    if language == "en":
        return NullTranslations()
    base = folder / language / "LC_MESSAGES"
    stamp = max((p.stat().st_mtime for p in base.glob("messages.*")), default=0.0)
    return _load(str(folder), language, stamp)


@dataclass(frozen=True)
class Words:
    """Translation and formatting for one booklet."""

    language: str
    translations: NullTranslations
    review_status: str = "not stated"
    checked_share: float = 0.0  # of the catalog's messages, by their `reviewed` flags

    def __call__(self, message: str, **params) -> str:
        text = self.translations.gettext(message) if message else ""
        return text % params if params else text

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def script(self) -> str:
        return SCRIPT_OF_LANGUAGE.get(self.language, "latin")

    @property
    def locale(self) -> str:
        try:
            Locale.parse(self.language)
            return self.language
        except (UnknownLocaleError, ValueError):
            return "en"

    def date(self, when: date, pattern: str = "d MMMM yyyy") -> str:
        return format_date(when, pattern, locale=self.locale)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, share: float) -> str:
        return format_percent(share, "#,##0.#%", locale=self.locale)

    def and_list(self, items: list[str]) -> str:
        """"A, B and C" in the language."""
        return format_list(items, locale=self.locale)

    @property
    def checked(self) -> bool:
        """Whether a speaker has checked this language's translation (English is the source):
        what the catalog's "# Review status:" comment says."""
        return self.language == "en" or self.review_status == "reviewed"


def words_for(language: str, folder: Path | None = None) -> Words:
    share = 1.0 if language == "en" else catalogs.reviewed_share(folder or TRANSLATIONS, language)
    return Words(language, translations_for(language, folder), review_status(language, folder),
                 share)


def review_status(language: str, folder: Path | None = None) -> str:
    """"reviewed", "not reviewed" or "not stated", from the catalog's header comment
    ("# Review status: …", which Babel keeps through `make translations`)."""
    po = (folder or TRANSLATIONS) / language / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return "not stated"
    with po.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# Review status:"):
                said = line.split(":", 1)[1].strip().lower()
                return "reviewed" if said.startswith("reviewed") else "not reviewed"
            if not line.startswith("#"):
                break
    return "not stated"
