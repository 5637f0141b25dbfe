"""Finding jargon in what people wrote, so each page can explain it in plain words.

A term matches whole words only, whatever its case; the longest term wins where terms overlap
("child protection plan" rather than "child protection"); nothing inside a link or a tag matches.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .glossary_terms import TERMS, Term

_TAG_OR_LINK = re.compile(r"<a\b.*?</a\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    @property
    def _pattern(self) -> re.Pattern:
        return _compile(self.terms)

    def _by_form(self) -> dict[str, Term]:
        return _forms(self.terms)

    def find(self, text: str) -> list[Term]:
        """The terms used in a piece of text or HTML, in the order they first appear."""
        found: dict[str, Term] = {}
        by_form = self._by_form()
        for segment in _TAG_OR_LINK.split(text or ""):
            for match in self._pattern.finditer(segment):
                term = by_form[" ".join(match.group(0).split()).casefold()]
                found.setdefault(term.term, term)
        return list(found.values())


@lru_cache(maxsize=8)
def _forms(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {form.casefold(): term for term in terms for form in (term.term, *term.also)}


@lru_cache(maxsize=8)
def _compile(terms: tuple[Term, ...]) -> re.Pattern:
    forms = sorted(_forms(terms), key=len, reverse=True)
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def glossary(local_terms: tuple[Term, ...] = ()) -> Glossary:
    """The built-in terms, with a portal's own local terms added."""
    return Glossary(tuple(TERMS) + tuple(local_terms))
