"""The glossary at the back of the booklet: the book's own words always, headed in the family's
language with the English in brackets, then the services' words it printed, each with its
plain meaning and an example."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from demo import family as demo
from print_templates.booklet import Options, build_booklet
from print_templates.i18n import words_for
from record_book.book.model import Account, Family
from record_book.glossary.book_words import BOOK_WORDS
from record_book.glossary.terms import TERMS
from record_book.languages.term_base import translations
from record_book.policy import reader_for

GLOSSARY_ONLY = frozenset({"summary", "glossary"})


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


def headed(text: str, word: str, english: str) -> bool:
    """The headword with its English in brackets: a right-to-left line comes back from the PDF
    in visual order, the English run first and its brackets mirrored."""
    return f"{word} ({english})" in text or f"){english}( {word}" in text


@pytest.fixture
def holder(session):
    demo.load(session)
    session.commit()
    account = session.scalar(select(Account).where(Account.username == "holder"))
    return reader_for(session, account, session.scalar(select(Family)).id)


def test_an_urdu_booklet_heads_the_books_words_in_urdu_with_the_english_in_brackets(
        session, holder):
    text = text_of(build_booklet(session, holder, Options(language="ur",
                                                          sections=GLOSSARY_ONLY)).pdf)
    urdu = translations("ur")
    assert headed(text, "حمایتی", "advocate")
    for word in BOOK_WORDS:
        assert headed(text, urdu[word.term].word, word.term), word.term
    words = words_for("ur")
    heading = words("Words this book uses")
    assert heading != "Words this book uses" and heading in text
    assert "For example:" not in text and words("For example:") in text
    # A service's word the term base has no Urdu for keeps its English headword, unbracketed.
    assert " CAMHS " in text and "(CAMHS)" not in text and ")CAMHS(" not in text


def test_an_english_booklet_explains_every_book_word_then_the_services_words_with_examples(
        session, holder):
    text = text_of(build_booklet(session, holder, Options(sections=GLOSSARY_ONLY)).pdf)
    ours, _, theirs = text.partition("Words that services use, and what they mean")
    ours = ours.split("Words this book uses")[-1]
    for word in BOOK_WORDS:
        assert f"{word.term} {word.meaning} For example: {word.example}" in ours, word.term
    assert "(advocate)" not in text
    camhs = next(t for t in TERMS if t.term == "CAMHS")
    assert f"CAMHS {camhs.meaning} For example: {camhs.example}" in theirs
    assert "Someone on your side" not in theirs  # explained once, with the book's words
