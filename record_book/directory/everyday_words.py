"""Families' own words for what they need ("damp", "my mum is ill", "قرض"), in every language
the portal speaks, mapped to the parts of life and to the words the listings use
(everyday_words.toml). The directory's search adds what they mean to what was typed."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from record_book.directory.words import words_in

SOURCE = Path(__file__).with_name("everyday_words.toml")
LANGUAGES = ("en", "ar", "bn", "cy", "gu", "pa", "pl", "pt", "ro", "so", "ur")
# A typed word may be longer than the word it matches ("debts" for "debt", "długi" for
# "dług"), but only from a word this long, so "rent" never matches "parents".
STEM = 4


@dataclass(frozen=True)
class Meaning:
    key: str
    areas: frozenset[str]
    services: tuple[tuple[str, ...], ...]  # words a listing for this need uses


@cache
def phrases() -> tuple[tuple[tuple[str, ...], Meaning], ...]:
    """Every phrase of every language, as words, longest first."""
    found = []
    for key, table in tomllib.loads(SOURCE.read_text(encoding="utf-8")).items():
        meaning = Meaning(key, frozenset(table["areas"]),
                          tuple(tuple(words_in(s)) for s in table["services"]))
        for language in LANGUAGES:
            found += [(tuple(words_in(phrase)), meaning) for phrase in table.get(language, ())]
    return tuple(sorted(found, key=lambda pair: -len(pair[0])))


def _same(typed: str, known: str) -> bool:
    return typed == known or (len(known) >= STEM and typed.startswith(known))


def _at(typed: list[str], phrase: tuple[str, ...], used: set[int]) -> int | None:
    for start in range(len(typed) - len(phrase) + 1):
        span = range(start, start + len(phrase))
        if not used.intersection(span) and all(_same(typed[i], w) for i, w in zip(span, phrase)):
            return start
    return None


def meanings_in(text: str) -> list[Meaning]:
    """What the typed words mean, longest phrase first; each typed word counts once."""
    typed, used, meanings = words_in(text), set(), []
    for phrase, meaning in phrases():
        start = _at(typed, phrase, used)
        if start is not None:
            used.update(range(start, start + len(phrase)))
            if meaning not in meanings:
                meanings.append(meaning)
    return meanings
