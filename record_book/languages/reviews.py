"""Speakers check a language inside the portal: a portal admin gives someone the reviewer role
for one language; they read each message with its English, its draft, where it appears and the
term base's words, and accept it or write a better one.

Reviews are kept in the database; `write_language_reviews` puts them into the catalogs by a
command, so the portal never changes its own words at run time.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.languages import catalogs, term_base
from record_book.languages.model import ACCEPTED, CHANGED, LanguageReview, LanguageReviewer
from record_book.policy import NotAllowed, may_give_language_reviewers, may_review_language

PAGE_SIZE = 50
LONGEST = 2000
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")


class ReviewRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "empty", "placeholders", "markup", "too_long" or "unknown"


def give_reviewer(session: Session, admin: Account, account: Account,
                  language: str) -> LanguageReviewer:
    """Makes `account` a reviewer of `language` (once: giving it again changes nothing)."""
    if not may_give_language_reviewers(admin):
        raise NotAllowed
    found = session.scalar(select(LanguageReviewer).where(
        LanguageReviewer.account_id == account.id, LanguageReviewer.language == language))
    if found is None:
        found = LanguageReviewer(account_id=account.id, language=language,
                                 given_by_id=admin.id, given_at=utcnow())
        session.add(found)
        session.flush()
    return found


def stop_reviewer(session: Session, admin: Account, reviewer_id: int) -> LanguageReviewer | None:
    """Takes the role away (their reviews so far stay, to be written or not like any other)."""
    if not may_give_language_reviewers(admin):
        raise NotAllowed
    found = session.get(LanguageReviewer, reviewer_id)
    if found is not None:
        session.delete(found)
        session.flush()
    return found


def all_reviewers(session: Session) -> list[LanguageReviewer]:
    return list(session.scalars(select(LanguageReviewer).order_by(
        LanguageReviewer.language, LanguageReviewer.given_at)))


def languages_of(session: Session, account: Account) -> list[str]:
    return list(session.scalars(select(LanguageReviewer.language).where(
        LanguageReviewer.account_id == account.id).order_by(LanguageReviewer.language)))


@dataclass(frozen=True)
class Term:
    english: str
    word: str
    note: str


@dataclass(frozen=True)
class Item:
    msgid: str
    draft: str
    plural: bool
    reviewed_in_catalog: bool
    review: LanguageReview | None  # the newest review in the portal, not yet written or not
    places: list[str]
    terms: list[Term]

    @property
    def checked(self) -> bool:
        return self.reviewed_in_catalog or self.review is not None


@dataclass(frozen=True)
class Page:
    items: list[Item]
    number: int
    pages: int
    total: int
    unchecked: int


def _newest_reviews(session: Session, language: str) -> dict[str, LanguageReview]:
    newest = (select(LanguageReview.msgid, func.max(LanguageReview.id).label("id"))
              .where(LanguageReview.language == language).group_by(LanguageReview.msgid)
              .subquery())
    rows = session.scalars(select(LanguageReview).join(newest, newest.c.id == LanguageReview.id)
                           .options(selectinload(LanguageReview.reviewer)))
    return {review.msgid: review for review in rows}


def _terms(language: str, english: str) -> list[Term]:
    chosen = term_base.translations(language)
    return [Term(term.key, chosen[term.key].word, chosen[term.key].note)
            for term in term_base.terms_in(english) if term.key in chosen]


def review_page(session: Session, account: Account, folder: Path, language: str,
                search: str = "", number: int = 1) -> Page:
    """One page of the language's messages, those nobody has checked first; `search` finds
    words in the English or the draft."""
    if not may_review_language(session, account, language):
        raise NotAllowed
    reviews = _newest_reviews(session, language)
    places = catalogs.places(folder)
    found = catalogs.messages(folder, language)
    wanted = search.strip().casefold()
    if wanted:
        found = [m for m in found if wanted in m.msgid.casefold() or wanted in m.draft.casefold()]
    unchecked = [m for m in found if not m.reviewed and m.msgid not in reviews]
    ordered = unchecked + [m for m in found if m.reviewed or m.msgid in reviews]
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    number = min(max(1, number), pages)
    chosen = ordered[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    items = [Item(m.msgid, m.draft, m.plural, m.reviewed, reviews.get(m.msgid),
                  places.get(m.msgid, []), _terms(language, m.msgid)) for m in chosen]
    return Page(items, number, pages, len(ordered), len(unchecked))


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def review(session: Session, account: Account, folder: Path, language: str, msgid: str,
           better: str | None = None) -> LanguageReview:
    """Records a speaker's word on one message: the draft accepted (`better` None), or a better
    text, which must keep the English's placeholders and add no markup."""
    if not may_review_language(session, account, language):
        raise NotAllowed
    message = next((m for m in catalogs.messages(folder, language) if m.msgid == msgid), None)
    if message is None:
        raise ReviewRefused("unknown")
    if better is not None:
        better = " ".join(better.split()) if "\n" not in msgid else better.strip()
        if not better:
            raise ReviewRefused("empty")
        if len(better) > LONGEST:
            raise ReviewRefused("too_long")
        if message.plural:
            raise ReviewRefused("unknown")
        if _placeholders(better) != _placeholders(msgid):
            raise ReviewRefused("placeholders")
        if ("<" in better or ">" in better) and not ("<" in msgid or ">" in msgid):
            raise ReviewRefused("markup")
    changed = better is not None and better != message.draft
    recorded = LanguageReview(language=language, msgid=msgid,
                              text=better if changed else message.draft,
                              outcome=CHANGED if changed else ACCEPTED,
                              account_id=account.id, reviewed_at=utcnow())
    session.add(recorded)
    session.flush()
    return recorded


def write_language_reviews(session: Session, folder: Path, language: str) -> int:
    """Writes the newest review of each message into the language's `.po` file."""
    written = [catalogs.Written(r.msgid, r.text if r.outcome == CHANGED else None,
                                r.reviewer.display_name, r.reviewed_at.date())
               for r in _newest_reviews(session, language).values()]
    return catalogs.write_reviews(folder, language, written)


@dataclass(frozen=True)
class LanguageFigures:
    language: str
    messages: int
    reviewed: float
    term_coverage: float


def report(folder: Path) -> list[LanguageFigures]:
    """Per language, from the committed catalogs: messages, the share a speaker has checked, and
    the share of messages holding a product word that use the term base's word for it."""
    figures = []
    for path in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        code = path.parent.parent.name
        found = catalogs.messages(folder, code)
        figures.append(LanguageFigures(code, len(found), catalogs.share_reviewed(found),
                                       catalogs.term_coverage(code, found)))
    return figures
