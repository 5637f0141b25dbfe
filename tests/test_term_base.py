"""The term base: each language writes the product's own words one way, and never as a loanword
that means something else there."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.language import LANGUAGES
from record_book.languages import term_base

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SHIPPED = [code for code in LANGUAGES if code != "en"]


def catalog_messages(code):
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        for message in read_po(handle):
            if not message.id:
                continue
            if isinstance(message.id, str):
                yield message.id, message.string
            else:  # a plural: the singular with the first form, the plural with the last
                yield message.id[0], message.string[0]
                yield message.id[1], message.string[-1]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_has_a_term_base_with_a_word_and_a_reason_for_each_term(code):
    chosen = term_base.translations(code)
    assert {term.key for term in term_base.english_terms()} == set(chosen)
    for entry in chosen.values():
        assert entry.word and entry.forms and len(entry.note) > 10, (code, entry.key)


@pytest.mark.parametrize("code", SHIPPED)
def test_each_catalog_uses_its_term_base(code):
    problems = term_base.problems(code, catalog_messages(code))
    assert [(p.key, p.why, p.english) for p in problems] == []


@pytest.mark.parametrize("code, loanword", [("ur", "ایڈووکیٹ"), ("bn", "অ্যাডভোকেট"),
                                            ("pa", "ਐਡਵੋਕੇਟ")])
def test_advocate_is_never_the_loanword_that_means_a_lawyer(code, loanword):
    assert loanword in term_base.translations(code)["advocate"].avoid
    assert not any(loanword in translated for _, translated in catalog_messages(code))


def test_a_message_that_strays_from_the_term_base_is_named():
    english = "Ask your advocate to look at your plan."
    assert term_base.message_problems("ur", english, "اپنے حمایتی سے کہیں کہ پلان دیکھیں۔") == []
    loanword = term_base.message_problems("ur", english, "اپنے ایڈووکیٹ سے کہیں کہ پلان دیکھیں۔")
    assert [(p.key, p.why) for p in loanword] == [("advocate", "avoided word")]
    other = term_base.message_problems("ur", english, "اپنے حمایتی سے کہیں کہ منصوبہ دیکھیں۔")
    assert [(p.key, p.why) for p in other] == [("plan", "different word")]
    english_left = term_base.message_problems("ar", "Family hubs near you",
                                              "family hubs قريبة منك")
    assert [(p.key, p.why) for p in english_left] == [("family hub", "left in English")]


def test_a_placeholder_or_another_sense_of_the_word_is_not_the_term():
    assert term_base.terms_in("%(goal)s (by %(date)s)") == []
    assert term_base.terms_in("What support carries on when services step back") == []
    assert [t.key for t in term_base.terms_in("Add a step")] == ["step"]


def test_welsh_mutations_and_polish_endings_count_as_the_term():
    assert term_base.message_problems("cy", "Your book", "Eich llyfr") == []
    assert term_base.message_problems("cy", "In their book", "Yn ei lyfr") == []
    assert term_base.message_problems("pl", "In your book", "W twojej księdze") == []


def test_a_headword_is_the_languages_chosen_word():
    assert term_base.headword("ur", "advocate") == "حمایتی"
    assert term_base.headword("pl", "Holders") == "osoba prowadząca księgę"
    assert term_base.headword("ur", "CAMHS") is None
    assert term_base.headword("en", "advocate") is None


def test_coverage_counts_the_messages_that_keep_to_the_term_base():
    pairs = [("Your plan", "آپ کا پلان"), ("Your plan", "آپ کا منصوبہ"), ("Hello", "سلام")]
    assert term_base.coverage("ur", pairs) == 0.5
