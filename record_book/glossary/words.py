"""Finding jargon in what people wrote, so each page can explain it in plain words.

A term matches whole words only, whatever its case; the longest term wins where terms overlap
("child protection plan" rather than "child protection"); nothing inside a link or a tag matches.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from record_book.book.model import LocalTerm
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.glossary.terms import TERMS, Term
from record_book.i18n import N_

_TAG_OR_LINK = re.compile(r"<a\b.*?</a\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    @cached_property
    def _by_form(self) -> dict[str, Term]:
        return {form.casefold(): term for term in self.terms for form in (term.term, *term.also)}

    @cached_property
    def _pattern(self) -> re.Pattern:
        # The forms as a trie, so at each place in a text the matcher follows one branch instead
        # of trying every term in turn; longer forms are tried first, so the longest term wins
        # where terms overlap.
        trie: dict = {}
        for form in self._by_form:
            node = trie
            for character in form:
                node = node.setdefault(character, {})
            node[""] = {}
        return re.compile(rf"(?<!\w){_alternatives(trie)}(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[Term]:
        """The terms used in a piece of text or HTML, in the order they first appear."""
        found: dict[str, Term] = {}
        by_form, pattern = self._by_form, self._pattern
        for segment in _TAG_OR_LINK.split(text or ""):
            for match in pattern.finditer(segment):
                term = by_form[" ".join(match.group(0).split()).casefold()]
                found.setdefault(term.term, term)
        return list(found.values())


def _alternatives(node: dict) -> str:
    """A trie node as a regular expression: each next character, then what follows it."""
    branches = [(r"\s+" if character == " " else re.escape(character)) + _alternatives(child)
                for character, child in node.items() if character]
    if not branches:
        return ""
    # Where a form also ends here, the longer forms are tried first, then this one.
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


_BUILT_IN = Glossary(tuple(TERMS))
_WITH_LOCAL: dict[tuple[Term, ...], Glossary] = {}


def glossary(local_terms: tuple[Term, ...] = ()) -> Glossary:
    """The built-in terms, with a portal's own local terms added. Each set of terms is compiled
    into its matcher once per process, not once per text."""
    if not local_terms:
        return _BUILT_IN
    found = _WITH_LOCAL.get(local_terms)
    if found is None:
        if len(_WITH_LOCAL) >= 8:  # local terms changed: the old sets are never asked for again
            _WITH_LOCAL.clear()
        found = _WITH_LOCAL[local_terms] = Glossary(_BUILT_IN.terms + tuple(local_terms))
    return found


def local_terms(session) -> tuple[Term, ...]:
    """The portal's own terms, as glossary terms."""
    rows = session.scalars(select(LocalTerm).order_by(LocalTerm.term))
    return tuple(Term(row.term, row.meaning,
                      tuple(a.strip() for a in row.also.split(",") if a.strip()))
                 for row in rows)


def add_local_term(session, added_by_id: int, term: str, also: str, meaning: str):
    """Check and add a local term; raises Invalid with a plain-words problem per field."""
    term, also, meaning = clean_plain(term), clean_plain(also), clean_plain(meaning)
    problems = {}
    if not term or len(term) > 80:
        problems["term"] = Problem(N_("Write the word or short phrase, up to 80 characters"))
    elif any(form.casefold() == term.casefold()
             for known in glossary(local_terms(session)).terms
             for form in (known.term, *known.also)):
        problems["term"] = Problem(N_("That word is already explained"))
    if len(also) > 300:
        problems["also"] = Problem(N_("Keep other spellings to 300 characters or fewer"))
    if not meaning or len(meaning) > 300:
        problems["meaning"] = Problem(N_("Write what it means in one short sentence"))
    if problems:
        raise Invalid(problems)
    row = LocalTerm(term=term, also=also, meaning=meaning, added_by_id=added_by_id)
    session.add(row)
    session.flush()
    return row
