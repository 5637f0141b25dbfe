"""Finding help in the directory: by part of life, by place, by "can we refer ourselves?", and
by words typed the way people type them on a phone, spelling mistakes and all.

A county has a few hundred listings, so the words are scored here in Python over every
candidate: each typed word is matched to the closest word in the listing (the same word, the
start of a longer one, or a near spelling), and a listing is found when at least half of the
typed words match. Any script works: words are split on Unicode categories, not on a-z.
"""

from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from record_book.areas import AREAS
from record_book.book.text import rich_to_plain
from record_book.directory import everyday_words
from record_book.directory.listings import may_be_out_of_date
from record_book.directory.model import Listing
from record_book.directory.words import words_in
from record_book.i18n import N_

# Near spellings at least this close count ("dept" for "debt" is 0.75).
CLOSE_ENOUGH = 0.75
# Words that say nothing about what someone needs.
FILLER = frozenset("a an and are at can do for from get help i in is it me my need of on or "
                   "our the to us we with".split())
SEARCHED = ("name", "does", "for_whom", "eligibility", "languages", "area_covered")
PLACE_FIELDS = ("area_covered", "address")


@dataclass(frozen=True)
class Search:
    words: str = ""
    area: str = ""  # a plan area code, or empty for every part of life
    place: str = ""
    self_referral: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.words.strip() or self.area or self.place.strip() or self.self_referral)


@dataclass
class Found:
    listing: Listing
    out_of_date: bool
    score: float = 1.0


@dataclass
class Results:
    found: list[Found]
    # When nothing is found: what to try next, in plain words.
    advice: list[str] = field(default_factory=list)


def _closeness(typed: str, known: str) -> float:
    if typed == known:
        return 1.0
    if len(typed) >= 3 and known.startswith(typed):
        return 0.9
    if len(typed) < 4 or abs(len(typed) - len(known)) > 3:
        return 0.0
    matcher = SequenceMatcher(None, typed, known)
    if matcher.real_quick_ratio() < CLOSE_ENOUGH or matcher.quick_ratio() < CLOSE_ENOUGH:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= CLOSE_ENOUGH else 0.0


def _vocabulary(texts: list[str]) -> set[str]:
    """Each word, and each pair of neighbours run together, so "foodbank" finds "food bank"."""
    vocabulary: set[str] = set()
    for text in texts:
        words = words_in(text)
        vocabulary.update(words)
        vocabulary.update(a + b for a, b in zip(words, words[1:]))
    return vocabulary


def _listing_texts(listing: Listing) -> list[str]:
    texts = [rich_to_plain(listing.fields.get(name, "")) for name in SEARCHED]
    texts.append(listing.organisation.name)
    texts.extend(label for code, label in AREAS if code in listing.areas)
    return texts


def _best(typed: str, vocabulary: set[str], cache: dict) -> float:
    best = 0.0
    for known in vocabulary:
        if (typed, known) not in cache:
            cache[typed, known] = _closeness(typed, known)
        best = max(best, cache[typed, known])
    return best


def _score(typed_words: list[str], vocabulary: set[str], cache: dict) -> float:
    """The share of typed words the listing matches, weighted by how closely."""
    scores = [_best(word, vocabulary, cache) for word in typed_words]
    matched = [s for s in scores if s > 0]
    if len(matched) * 2 < len(typed_words):
        return 0.0
    return sum(scores) / len(typed_words)


def _everyday_score(meanings: list, listing: Listing, vocabulary: set[str], cache: dict) -> float:
    """How well a listing answers what the family's own words mean: best when it is for that
    part of life and says what such a service does, less when only one of the two."""
    best = 0.0
    for meaning in meanings:
        for_it = bool(meaning.areas.intersection(listing.areas))
        says_it = any(_score(list(words), vocabulary, cache) > 0 for words in meaning.services)
        best = max(best, 0.9 if for_it and says_it else 0.6 if says_it else 0.5 if for_it else 0)
    return best


def _meaningful(text: str) -> list[str]:
    words = words_in(text)
    return [w for w in words if w not in FILLER] or words


def _in_place(listing: Listing, place_words: list[str], cache: dict) -> bool:
    if listing.fields.get("countywide") == "yes":
        return True
    vocabulary = _vocabulary([listing.fields.get(name, "") for name in PLACE_FIELDS])
    return _score(place_words, vocabulary, cache) > 0


def advice_for(search: Search) -> list[str]:
    """What to try when nothing was found, for the filters this search used."""
    advice = []
    if search.words.strip():
        advice.append(N_("Try fewer words, or other words for the same thing."))
    if search.area:
        advice.append(N_("Try another part of life, or every part of life."))
    if search.place.strip():
        advice.append(N_("Try a town nearby, or leave the place empty."))
    if search.self_referral:
        advice.append(N_("Include services that need someone to refer you."))
    advice.append(N_("Clear the search to see every service."))
    return advice


def search(session: Session, query: Search, now: datetime | None = None) -> Results:
    listings = session.scalars(select(Listing).options(selectinload(Listing.organisation))
                               .order_by(Listing.name, Listing.id)).all()
    typed = _meaningful(query.words)
    meanings = everyday_words.meanings_in(query.words)
    place = _meaningful(query.place)
    cache: dict = {}
    found = []
    for listing in listings:
        if query.area and query.area not in listing.areas:
            continue
        if query.self_referral and listing.fields.get("self_referral") != "yes":
            continue
        if place and not _in_place(listing, place, cache):
            continue
        vocabulary = _vocabulary(_listing_texts(listing))
        score = _score(typed, vocabulary, cache) if typed else 1.0
        if meanings:
            score = max(score, _everyday_score(meanings, listing, vocabulary, cache))
        if score > 0:
            found.append(Found(listing, may_be_out_of_date(listing, now), score))
    # Best matches first; among equals, listings checked within the year before older ones.
    found.sort(key=lambda f: (-f.score, f.out_of_date, f.listing.name.casefold()))
    return Results(found, [] if found else advice_for(query))
