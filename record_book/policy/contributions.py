"""Contributions: entries written from outside the family, joining the book when it accepts them."""


from sqlalchemy import and_, false, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.kinds import CATEGORIES
from record_book.book.model import (
    Membership,
    Proposal,
)
from record_book.policy.access import Reader
from record_book.policy.book import may_open_book
from record_book.sharing.model import ContributionPermission

# Contributions: entries written from outside the family, joining the book when it accepts them

def contribution_categories(session: Session, reader: Reader) -> tuple[str, ...]:
    """The parts of the family's life the reader may write entries about, for the family to
    accept: the advocate, who co-writes with the family, any part; a connected professional the
    parts a holder allowed them ("may add entries about school"); the family none (it writes its
    own entries). Nobody proposes to a book that is closing."""
    if reader.in_family or reader.account_id is None or not may_open_book(session, reader):
        return ()
    if reader.is_advocate:
        return tuple(code for code, _label in CATEGORIES)
    allowed = set(session.scalars(select(ContributionPermission.category).where(
        ContributionPermission.family_id == reader.family_id,
        ContributionPermission.account_id == reader.account_id,
        ContributionPermission.revoked_at.is_(None))))
    return tuple(code for code, _label in CATEGORIES if code in allowed)


def may_propose(session: Session, reader: Reader) -> bool:
    return bool(contribution_categories(session, reader))


def may_type_from_paper(session: Session, reader: Reader) -> bool:
    """The advocate types in what the family wrote in its paper book, sitting with them."""
    return reader.is_advocate and may_open_book(session, reader)


def may_allow_contributors(reader: Reader) -> bool:
    """Only a holder lets a professional write entries for the family to accept."""
    return reader.is_holder


def _own_member_entry(reader: Reader):
    return select(Membership.member_entry_id).where(
        Membership.family_id == reader.family_id,
        Membership.account_id == reader.account_id).scalar_subquery()


def proposals_they_answer(reader: Reader) -> ColumnElement[bool]:
    """The proposals a family member reads and answers: a holder every one; a young person
    those about them (their own part of the book). Nobody else sees a proposal of the family's,
    except the one who wrote it."""
    if reader.is_holder:
        return Proposal.family_id == reader.family_id
    if reader.is_young_person:
        return and_(Proposal.family_id == reader.family_id,
                    Proposal.owner_member_id == _own_member_entry(reader))
    return false()


def proposals_they_wrote(reader: Reader) -> ColumnElement[bool]:
    if reader.account_id is None:
        return false()
    return and_(Proposal.family_id == reader.family_id, Proposal.author_id == reader.account_id)


def may_answer_proposal(session: Session, reader: Reader, proposal: Proposal) -> bool:
    return session.scalar(select(Proposal.id).where(
        Proposal.id == proposal.id, proposals_they_answer(reader))) is not None
