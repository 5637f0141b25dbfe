"""Plain meanings: every glossary meaning reads at Flesch 70 or more, each term has an example
from a family's life that uses it, and the book's own words are explained without being spotted
in every sentence a family writes."""

import re

import pytest
import textstat

from record_book.glossary.book_words import BOOK_WORDS
from record_book.glossary.terms import TERMS
from record_book.glossary.words import Glossary, glossary
from record_book.languages import term_base

MIN_READING_EASE = 70
# An example names the jargon it shows ("educational psychologist", "CAMHS"), whose syllables
# pull its score down, so it is held to the bar every other long message on screen meets.
MIN_EXAMPLE_READING_EASE = 60
ALL_TERMS = TERMS + tuple(word for word in BOOK_WORDS if word not in TERMS)


@pytest.mark.parametrize("term", ALL_TERMS, ids=lambda t: t.term)
def test_each_meaning_reads_at_flesch_70_or_more(term):
    score = textstat.flesch_reading_ease(term.meaning)
    assert score >= MIN_READING_EASE, f"{term.term}: {score:.0f}: {term.meaning}"


def test_a_hard_meaning_is_caught_and_named():
    """The old ASBO meaning, which this bar turned away."""
    old = ("An older court order banning certain behaviour, replaced in 2014 by injunctions and "
           "criminal behaviour orders.")
    assert textstat.flesch_reading_ease(old) < MIN_READING_EASE


def test_asbo_is_explained_in_words_a_ten_year_old_knows():
    asbo = next(t for t in TERMS if t.term == "ASBO")
    assert "injunction" not in asbo.meaning and "criminal behaviour order" not in asbo.meaning
    assert "court order" in asbo.meaning and "2014" in asbo.meaning


@pytest.mark.parametrize("term", ALL_TERMS, ids=lambda t: t.term)
def test_each_term_has_one_plain_example_sentence_that_uses_it(term):
    example = term.example
    assert example and example[0].isupper() and example.endswith("."), term.term
    assert not re.search(r"[.!?]\s", example), "more than one sentence: " + example
    assert len(example.split()) <= 25 and "%" not in example, example
    score = textstat.flesch_reading_ease(example)
    assert score >= MIN_EXAMPLE_READING_EASE, f"{term.term}: {score:.0f}: {example}"
    forms = (term.term, *term.also) + next(
        (t.forms for t in term_base.english_terms() if term.term in t.forms), ())
    assert Glossary((term,)).find(example) or re.search(
        "|".join(rf"\b{re.escape(form)}\b" for form in forms), example, re.IGNORECASE), example


def test_the_glossary_explains_the_products_own_words():
    explained = {word.term for word in BOOK_WORDS}
    wanted = {term.key for term in term_base.english_terms()} - {"book"}
    assert wanted - explained == set()
    assert len(BOOK_WORDS) == len(explained)


def test_everyday_book_words_are_not_explained_in_every_sentence_a_family_writes():
    text = ("Our plan has a goal and three steps; we share one entry, stop sharing another, "
            "and the review is with the holder, a young person and a connection.")
    assert glossary().find(text) == []
    found = [t.term for t in glossary().find("Our advocate took us to the family hub.")]
    assert found == ["advocate", "family hub"]
