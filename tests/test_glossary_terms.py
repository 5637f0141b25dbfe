"""The built-in glossary content: enough terms, no clashes, short plain meanings, all translatable."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from record_book.glossary import book_words
from record_book.glossary import terms as glossary_terms
from record_book.glossary.book_words import BOOK_WORDS
from record_book.glossary.terms import TERMS, Term

SOURCE = Path(glossary_terms.__file__)
BY_TERM = {t.term: t for t in TERMS}
EXPLAINED = TERMS + tuple(word for word in BOOK_WORDS if word not in TERMS)


def words(text):
    return text.split()


def test_there_are_at_least_sixty_terms():
    assert len(TERMS) >= 60
    assert all(isinstance(t, Term) for t in TERMS)


def test_no_term_or_alias_appears_twice_whatever_its_case():
    owner: dict[str, str] = {}
    clashes = []
    for t in TERMS:
        for form in (t.term, *t.also):
            key = form.casefold()
            if key in owner:
                clashes.append((form, owner[key], t.term))
            owner[key] = t.term
    assert clashes == []


def test_terms_and_aliases_are_tidy_strings():
    for t in TERMS:
        assert isinstance(t.also, tuple), t.term
        for form in (t.term, *t.also):
            assert isinstance(form, str) and form == form.strip() and form, t.term
            assert "  " not in form, t.term


def test_terms_are_sorted_alphabetically_whatever_their_case():
    names = [t.term for t in TERMS]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("term", EXPLAINED, ids=lambda t: t.term)
def test_each_meaning_is_one_short_plain_sentence(term):
    meaning = term.meaning
    assert len(words(meaning)) <= 25, meaning
    assert meaning[0].isupper() and meaning.endswith("."), meaning
    assert not re.search(r"[.!?]\s", meaning), "more than one sentence: " + meaning
    assert "%" not in meaning
    assert meaning == " ".join(words(meaning)), "stray whitespace: " + meaning


@pytest.mark.parametrize("term", EXPLAINED, ids=lambda t: t.term)
def test_no_meaning_uses_an_unexplained_acronym(term):
    assert re.findall(r"\b[A-Z]{2,}\b", term.meaning) == [], term.meaning


def test_the_children_act_sections_name_the_right_act():
    for name in ("Section 17", "Section 20", "Section 47"):
        meaning = BY_TERM[name].meaning
        assert "Children Act 1989" in meaning, name
        assert "1998" not in meaning, name
    assert "in need" in BY_TERM["Section 17"].meaning
    assert "serious harm" in BY_TERM["Section 47"].meaning


def test_the_early_help_and_safeguarding_terms_are_there():
    expected = ["CAF", "EHA", "TAF", "TAC", "lead professional", "key worker", "child in need",
                "child protection plan", "child protection conference", "core group",
                "strategy meeting", "MASH", "CAMHS", "EHCP", "SENCO", "SEND", "ASB", "ABC", "YOT",
                "YJS", "PbR", "Troubled Families", "safeguarding", "threshold", "referral",
                "assessment", "looked after child", "care order", "Section 20", "kinship care",
                "LADO", "IDVA", "MARAC", "domestic abuse", "PCSO", "probation", "health visitor",
                "school nurse", "educational psychologist", "PRU", "exclusion", "fixed-term exclusion", "EWO",
                "free school meals", "Universal Credit", "PIP", "council tax reduction",
                "housing association", "tenancy", "eviction notice", "Section 21 notice",
                "arrears", "food bank", "GP", "A&E", "IAPT", "step down", "case closure",
                "consent", "information sharing", "advocate", "family support worker",
                "social worker", "early help", "outcomes"]
    assert [name for name in expected if name not in BY_TERM] == []


def test_long_forms_are_known_as_aliases():
    forms = {form.casefold(): t.term for t in TERMS for form in (t.term, *t.also)}
    assert forms["common assessment framework"] == "CAF"
    assert forms["cp conference"] == "child protection conference"
    assert forms["strategy discussion"] == "strategy meeting"
    assert forms["multi-agency safeguarding hub"] == "MASH"
    assert forms["youth justice service"] == "YJS"
    assert forms["nhs talking therapies"] == "IAPT"
    assert forms["suspension"] == "fixed-term exclusion"
    assert forms["education welfare officer"] == "EWO"


def _n_calls_in_term_calls(source):
    """For each Term(...) in a module's source, its meaning and example if each is written as
    N_("literal"), else None."""
    def literal(node):
        ok = (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"
              and len(node.args) == 1 and isinstance(node.args[0], ast.Constant))
        return node.args[0].value if ok else None

    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Term":
            example = next((k.value for k in node.keywords if k.arg == "example"), None)
            found.append((literal(node.args[1]) if len(node.args) > 1 else None,
                          literal(example) if example is not None else None))
    return found


BOOK_WORDS_SOURCE = Path(book_words.__file__)
OWN_BOOK_WORDS = [word for word in BOOK_WORDS if word not in TERMS]


def test_every_meaning_and_example_is_wrapped_in_n_underscore_in_the_source():
    assert _n_calls_in_term_calls(SOURCE) == [(t.meaning, t.example) for t in TERMS]
    assert _n_calls_in_term_calls(BOOK_WORDS_SOURCE) == [
        (t.meaning, t.example) for t in OWN_BOOK_WORDS]


def test_pybabel_extracts_every_meaning_and_example():
    extracted = {message for source in (SOURCE, BOOK_WORDS_SOURCE)
                 for _, message, _, _ in extract_from_file(
                     "python", str(source), keywords={"N_": None})}
    assert [text for t in EXPLAINED for text in (t.meaning, t.example)
            if text not in extracted] == []
