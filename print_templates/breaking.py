"""Where a line may break: between words, and inside a word only with a hyphen.

Words are split at spaces (every script the booklet prints separates words with spaces); the
groups of a number stay together, so a phone number is never split across lines. A word too
wide for a whole line is hyphenated at a point from pyphen's dictionary for its language where
there is one (English, Polish, Portuguese, Romanian, Punjabi and more), and otherwise between two
grapheme clusters: never inside a letter with its marks, nor inside an Indic conjunct.
"""

import unicodedata
from functools import lru_cache

import pyphen

from print_templates.fonts import script_of

HYPHEN = "-"
# The virama joins the consonants around it into one conjunct (one cluster, UAX #29 GB9c).
_VIRAMAS = frozenset({"\u094d", "\u09cd", "\u0a4d", "\u0acd"})
_JOINERS = frozenset({"\u200c", "\u200d"})
# Booklet languages written in the Latin script: a Latin word in them is in that language.
_LATIN_LANGUAGES = frozenset({"en", "cy", "pl", "pt", "ro", "so"})
_DICTIONARY_OF = {"en": "en_GB"}


def words(text: str, start: int, end: int):
    """(start, end) of each word of text[start:end], a number's groups as one word."""
    i = start
    while i < end:
        while i < end and text[i] == " ":
            i += 1
        j = i
        while j < end and (text[j] != " " or _joins_digits(text, j, end)):
            j += 1
        if j > i:
            yield i, j
        i = j


def _joins_digits(text: str, at: int, end: int) -> bool:
    return 0 < at < end - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


def cluster_starts(text: str, start: int, end: int) -> list[int]:
    """Where a grapheme cluster (extended, with Indic conjuncts) starts inside text[start:end],
    the first excluded."""
    out = []
    for i in range(start + 1, end):
        char, before = text[i], text[i - 1]
        if unicodedata.category(char) in ("Mn", "Mc", "Me") or char in _JOINERS \
                or before == "\u200d":
            continue
        if before in _VIRAMAS and script_of(char) == script_of(before):
            continue
        out.append(i)
    return out


@lru_cache(maxsize=16)
def _dictionary(name: str) -> pyphen.Pyphen | None:
    found = pyphen.language_fallback(name)
    return pyphen.Pyphen(lang=found, left=2, right=3) if found else None


def _dictionary_for(word: str, language: str) -> pyphen.Pyphen | None:
    script = next((script_of(char) for char in word if script_of(char)), None)
    if script == "latin":
        # In a booklet in another script, a Latin word is most likely English.
        name = language if language in _LATIN_LANGUAGES else "en"
    elif script == "gurmukhi":
        name = "pa"
    else:
        return None
    return _dictionary(_DICTIONARY_OF.get(name, name))


def break_points(text: str, start: int, end: int, language: str
                 ) -> list[tuple[int, int, bool]]:
    """Where text[start:end] may break, from the last, as (end of the first piece, start of the
    next, whether a hyphen is added): between a number's groups, after a hyphen the word already
    has, or where its language's dictionary hyphenates it (none without a dictionary), at
    cluster boundaries only."""
    word = text[start:end]
    groups = [start + i for i, char in enumerate(word) if char == " "]
    if groups:
        return [(p, p + 1, False) for p in reversed(groups)]
    own = [start + i + 1 for i, char in enumerate(word[:-1]) if char == HYPHEN and i > 0]
    if own:
        return [(p, p, False) for p in reversed(own)]
    core_start = next((i for i, char in enumerate(word) if char.isalpha()), None)
    if core_start is None:
        return []
    core_end = len(word)
    while core_end > core_start and not word[core_end - 1].isalpha():
        core_end -= 1
    core = word[core_start:core_end]
    dictionary = _dictionary_for(core, language)
    if dictionary is None:
        return []
    allowed = set(cluster_starts(text, start, end))
    points = [start + core_start + p for p in dictionary.positions(core)]
    return [(p, p, True) for p in sorted(points, reverse=True) if p in allowed]
