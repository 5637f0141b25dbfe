"""Every English message on screen is held to a plain-English bar, and each offender is named."""

import re
from pathlib import Path

import textstat
from babel.messages.pofile import read_po

from record_book.glossary.book_words import BOOK_WORDS
from record_book.glossary.terms import TERMS

TEMPLATE = Path(__file__).resolve().parent.parent / "translations" / "messages.pot"
LONGER = 12  # words: below this a reading-ease score means little
MIN_READING_EASE = 60
MAX_SENTENCE_WORDS = 25
# Glossary meanings and examples name the jargon they explain: they are held to their own bars
# in tests/test_glossary_plain.py, and to one short sentence (tests/test_glossary_terms.py).


def english_messages():
    with TEMPLATE.open("rb") as handle:
        for message in read_po(handle):
            if message.id:  # a plural message has a singular and a plural form
                yield from [message.id] if isinstance(message.id, str) else message.id


def interface_messages():
    glossary_text = {text for term in TERMS + BOOK_WORDS for text in (term.meaning, term.example)}
    return [message for message in english_messages() if message not in glossary_text]


def words(text):
    return re.findall(r"[\w’'-]+", text)


def plain(message):
    return re.sub(r"%\(\w+\)s", "it", message)


def test_no_sentence_is_longer_than_25_words():
    offenders = [message for message in english_messages()
                 for sentence in re.split(r"(?<=[.!?])\s+", plain(message))
                 if len(words(sentence)) > MAX_SENTENCE_WORDS]
    assert offenders == []


def test_longer_messages_are_easy_to_read():
    offenders = [(round(textstat.flesch_reading_ease(plain(m))), m) for m in interface_messages()
                 if len(words(plain(m))) >= LONGER
                 and textstat.flesch_reading_ease(plain(m)) < MIN_READING_EASE]
    assert offenders == []


def test_no_unexplained_acronyms():
    # MB: what a phone shows beside a file's size, so a limit in MB is one people can check.
    allowed = {"GP", "OK", "PDF", "QR", "UK", "NHS", "A&E", "MB"}
    offenders = [m for m in interface_messages()
                 for acronym in re.findall(r"\b[A-Z]{2,}\b", plain(m)) if acronym not in allowed]
    assert offenders == []
