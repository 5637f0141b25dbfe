"""Speakers' reviews of a language (record_book/languages/reviews.py)."""


from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.model import (
    Account,
)
from record_book.languages.model import LanguageReviewer
from record_book.policy.accounts import is_portal_admin

# Speakers' reviews of a language (record_book/languages/reviews.py) -------------------------

def may_give_language_reviewers(account: Account) -> bool:
    """A portal admin chooses who checks a language's words; anyone with an account may be
    chosen (an interpreter, an advocate, a parent): the role reaches no family's book."""
    return is_portal_admin(account)


def may_review_language(session: Session, account: Account, language: str) -> bool:
    return session.scalar(select(LanguageReviewer.id).where(
        LanguageReviewer.account_id == account.id, LanguageReviewer.language == language)
    ) is not None
