"""The term base: the product's own words, with the one translation each language uses for them.

Machine drafts wrote "advocate" as the English loanword in Urdu, Bengali and Punjabi, where it
means a lawyer, and left "family hubs" in English in five languages. The term base fixes each of
the product's words once per language (`translations/terms/<code>.toml`, English in `en.toml`),
with a note saying why that word was chosen, and `problems` names every catalog message that
strays from it, so a test can hold the catalogs, the glossary and the booklet to it.

A language's `forms` are the written forms that count as using the term: stems are enough
(Polish "księg" covers księga, księgi, księdze), and a Welsh term lists its mutated stems.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_DIR = Path(__file__).resolve().parents[2] / "translations" / "terms"
_PLACEHOLDER = re.compile(r"%\(\w+\)s")
_ARABIC_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670]")


def _comparable(text: str) -> str:
    """One spelling for matching: composed characters, no Arabic vowel marks, any case."""
    return _ARABIC_VOWEL_MARKS.sub("", unicodedata.normalize("NFC", text)).casefold()


@dataclass(frozen=True)
class EnglishTerm:
    key: str
    forms: tuple[str, ...]
    note: str
    other_senses: tuple[str, ...] = ()  # phrases where the word means something else

    @property
    def pattern(self) -> re.Pattern:
        return _whole_words(self.forms)


@dataclass(frozen=True)
class Translation:
    key: str
    word: str  # the chosen translation, as a headword
    forms: tuple[str, ...]  # what counts as using it in a sentence
    note: str  # why this word
    avoid: tuple[str, ...] = ()  # words a draft used that mean something else here


@dataclass(frozen=True)
class Problem:
    key: str
    english: str
    translated: str
    why: str  # "different word", "left in English" or "avoided word"


@lru_cache(maxsize=64)
def _whole_words(forms: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+")
                            for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def english_terms() -> tuple[EnglishTerm, ...]:
    data = tomllib.loads((TERMS_DIR / "en.toml").read_text(encoding="utf-8"))
    return tuple(EnglishTerm(key, tuple(value["forms"]), value["note"],
                             tuple(value.get("other_senses", ())))
                 for key, value in data.items())


@lru_cache(maxsize=16)
def translations(code: str) -> dict[str, Translation]:
    """The language's term base by English term; empty for a language that has none."""
    path = TERMS_DIR / f"{code}.toml"
    if code == "en" or not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {key: Translation(key, value["word"], tuple(value["forms"]), value["note"],
                             tuple(value.get("avoid", ())))
            for key, value in data.items()}


def headword(code: str, english: str) -> str | None:
    """The language's word for an English term (any of its forms), if the term base has one."""
    for term in english_terms():
        if english.casefold() in (form.casefold() for form in term.forms):
            chosen = translations(code).get(term.key)
            return chosen.word if chosen else None
    return None


def terms_in(english: str) -> list[EnglishTerm]:
    """The product's words in an English message (its placeholders left out)."""
    text = _PLACEHOLDER.sub(" ", english)
    return [term for term in english_terms()
            if term.pattern.search(_without(text, term.other_senses))]


def _without(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = re.sub(re.escape(phrase), " ", text, flags=re.IGNORECASE)
    return text


def message_problems(code: str, english: str, translated: str) -> list[Problem]:
    """How one translated message strays from the term base (nothing when it keeps to it)."""
    chosen = translations(code)
    text = _comparable(_PLACEHOLDER.sub(" ", translated))
    found = []
    for term in terms_in(english):
        wanted = chosen.get(term.key)
        if wanted is None:
            continue
        if any(_comparable(word) in text for word in wanted.avoid):
            found.append(Problem(term.key, english, translated, "avoided word"))
        elif not any(_comparable(form) in text for form in wanted.forms):
            english_left = term.pattern.search(text) is not None
            found.append(Problem(term.key, english, translated,
                                 "left in English" if english_left else "different word"))
    return found


def problems(code: str, messages) -> list[Problem]:
    """Every problem in a catalog, given as (English, translation) pairs."""
    return [problem for english, translated in messages
            for problem in message_problems(code, english, translated)]


def coverage(code: str, messages) -> float:
    """The share of the catalog's messages that hold a product word and keep to the term base."""
    holding = [(english, translated) for english, translated in messages if terms_in(english)]
    if not holding:
        return 1.0
    kept = sum(1 for english, translated in holding
               if not message_problems(code, english, translated))
    return kept / len(holding)
