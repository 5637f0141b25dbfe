"""The paper round trip: a family that keeps its book on paper writes on the booklet's blank
pages; its advocate, sitting with them, types each page back in, and the family accepts what was
typed there and then, or later from its own sign-in.

Each blank page is headed with the part of the online book it goes back into, in the same words
the typing page uses, so the advocate and the family find the page in both.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book import proposals
from record_book.book.families import own_member_entry_id
from record_book.book.kinds import HELPS_SECTIONS, STORY_SECTIONS
from record_book.book.model import Proposal
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, may_type_from_paper


@dataclass(frozen=True)
class PaperPage:
    """One blank page of the booklet, and where its words go in the online book."""

    kind: str
    section: str | None
    heading: str


PAPER_PAGES: tuple[PaperPage, ...] = (
    *(PaperPage("story", code, label) for code, label in STORY_SECTIONS),
    *(PaperPage("helps", code, label) for code, label in HELPS_SECTIONS),
    PaperPage("event", None, N_("Our timeline")),
    PaperPage("service", None, N_("Services involved with us")),
)


def typed_at_this_sitting(session: Session, advocate: Reader) -> list[Proposal]:
    """What this advocate typed in from the family's paper book that still waits, oldest first."""
    if not may_type_from_paper(session, advocate):
        raise NotAllowed()
    return list(session.scalars(select(Proposal).where(
        Proposal.family_id == advocate.family_id, Proposal.author_id == advocate.account_id,
        Proposal.from_paper.is_(True), Proposal.status == "waiting")
        .order_by(Proposal.created_at, Proposal.id)))


def confirm_at_the_sitting(session: Session, advocate: Reader, holder: Reader,
                           answers: dict[str, str]) -> tuple[int, int]:
    """A holder, present and signed in for this one step on the advocate's device, says yes or
    no to each page typed in. Returns how many were added and how many left out; the others
    keep waiting for the family's own sign-in."""
    if not holder.is_holder or holder.family_id != advocate.family_id:
        raise NotAllowed()
    typed = typed_at_this_sitting(session, advocate)
    chosen = [(p, answers.get(str(p.id))) for p in typed if answers.get(str(p.id))]
    if not chosen:
        raise Invalid({"answers": Problem(N_("Choose yes or no for at least one page"))})
    # Typed from paper, the words are the holder's own family's: each page is about the holder
    # who confirms it, unless the advocate chose someone.
    own = str(own_member_entry_id(session, holder) or "")
    added = left_out = 0
    for proposal, answer in chosen:
        if answer == "accept":
            proposals.accept(session, holder, proposal, owner_member_id=own, sitting=True)
            added += 1
        elif answer == "refuse":
            proposals.refuse(session, holder, proposal, sitting=True)
            left_out += 1
    return added, left_out
