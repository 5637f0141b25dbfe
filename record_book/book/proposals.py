"""Entries written from outside the family, and the family's words typed in from its paper book:
they wait as proposals, apart from the book, until someone in the family accepts them.

An accepted proposal becomes an entry like any other, shared only as the family shares it; a
professional's words in it stay theirs (nobody edits them) and the family's answer stays apart,
beside them. Every proposal, acceptance and refusal is written to the family's access log in the
same transaction.
"""

from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.entries import apply_values, record_revision, title_for
from record_book.book.kinds import CATEGORIES, KINDS
from record_book.book.model import Account, Entry, Proposal
from record_book.book.numbers import whole_number
from record_book.book.text import clean_rich, rich_to_plain
from record_book.book.validation import Invalid, Problem, validate
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    Reader,
    contribution_categories,
    may_answer_proposal,
    may_type_from_paper,
    proposals_they_answer,
    proposals_they_wrote,
    readable_entries,
)
from record_book.sharing import access_log
from record_book.sharing.notices import notify_holders

# What someone outside the family may write for the book. People, "read this first" and
# check-ins are the family's own to write; notes have their own way in.
KINDS_TO_PROPOSE = ("story", "helps", "event", "service")
ANSWER_LIMIT = 2000


class AlreadyAnswered(Exception):
    """Someone in the family answered this proposal first (another holder, another tab)."""

    def __init__(self, proposal: Proposal):
        super().__init__(proposal.status)
        self.proposal = proposal


def _about_whom(session: Session, reader: Reader, raw: Mapping[str, str]) -> int | None:
    """The person the entry is about, among the people of the book the reader may read; none
    when they chose nobody in particular."""
    chosen = whole_number(raw.get("owner_member_id") or "")
    if chosen is None:
        return None
    members = set(session.scalars(readable_entries(reader, "member").with_only_columns(Entry.id)))
    if chosen not in members:
        raise Invalid({"owner_member_id": Problem(N_("Choose who this is about"))})
    return chosen


def propose(session: Session, reader: Reader, kind_name: str, raw: Mapping[str, str],
            from_paper: bool = False) -> Proposal:
    """Write an entry for the family to accept: in the writer's words, or (`from_paper`) the
    family's words as they wrote them in their paper book."""
    allowed = (tuple(code for code, _label in CATEGORIES)
               if from_paper and may_type_from_paper(session, reader)
               else () if from_paper else contribution_categories(session, reader))
    if kind_name not in KINDS_TO_PROPOSE or not allowed:
        raise NotAllowed()
    kind = KINDS[kind_name]
    problems: dict[str, Problem] = {}
    fields: dict = {}
    try:
        fields = validate(kind, raw, reader.now.date())
    except Invalid as invalid:
        problems.update(invalid.problems)
    category = raw.get("category") or ""
    if category not in allowed:
        problems["category"] = Problem(
            N_("The family has not asked you to write about this. Choose one of the parts of "
               "their life they allowed."))
    owner = None
    try:
        owner = _about_whom(session, reader, raw)
    except Invalid as invalid:
        problems.update(invalid.problems)
    if problems:
        raise Invalid(problems)
    author = session.get(Account, reader.account_id)
    proposal = Proposal(
        family_id=reader.family_id, kind=kind.name, category=category, owner_member_id=owner,
        title=title_for(kind, fields), fields=fields, author_id=author.id,
        author_name=author.display_name,
        author_organisation=author.organisation.name if author.organisation else "",
        from_paper=from_paper, created_at=reader.now)
    session.add(proposal)
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "propose",
                      ((None, {"proposal": proposal.id, "title": proposal.title,
                               "paper": from_paper}),), reader.now)
    notify_holders(session, reader.family_id, "new_proposal", {"proposal": proposal.id},
                   now=reader.now)
    return proposal


def waiting(session: Session, reader: Reader) -> list[Proposal]:
    """The proposals waiting for this family member's answer, oldest first."""
    return list(session.scalars(select(Proposal).where(
        proposals_they_answer(reader), Proposal.status == "waiting")
        .order_by(Proposal.created_at, Proposal.id)))


def answerable(session: Session, reader: Reader, proposal_id: int) -> Proposal | None:
    """One proposal this family member may answer (or see the answer to), or None."""
    return session.scalar(select(Proposal).where(Proposal.id == proposal_id,
                                                 proposals_they_answer(reader)))


def sent(session: Session, reader: Reader) -> list[Proposal]:
    """What the reader wrote for this family, newest first, with what became of it."""
    return list(session.scalars(select(Proposal).where(proposals_they_wrote(reader))
                                .order_by(Proposal.created_at.desc(), Proposal.id.desc())))


def of_entry(session: Session, entry: Entry) -> Proposal | None:
    """Where an entry came from, when it was a proposal: who wrote or typed it, and the family's
    answer beside it. Asked only about an entry the reader has already been given."""
    return session.scalar(select(Proposal).where(Proposal.entry_id == entry.id))


def origins_of(session: Session, entry_ids: list[int]) -> dict[int, Proposal]:
    """`of_entry` for many entries at once (a booklet's), by entry id."""
    if not entry_ids:
        return {}
    return {proposal.entry_id: proposal for proposal in session.scalars(
        select(Proposal).where(Proposal.entry_id.in_(entry_ids)))}


def _still_waiting(session: Session, reader: Reader, proposal: Proposal) -> Proposal:
    if proposal.family_id != reader.family_id or not may_answer_proposal(session, reader,
                                                                         proposal):
        raise NotAllowed()
    # One answer only: the family's row is locked (PostgreSQL) and the proposal read again, so
    # two holders pressing at once cannot both add it.
    access_log.lock_family(session, reader.family_id)
    session.refresh(proposal)
    if proposal.status != "waiting":
        raise AlreadyAnswered(proposal)
    return proposal


def _answer_text(raw_answer: str) -> str | None:
    answer = clean_rich(raw_answer or "")
    if not rich_to_plain(answer):
        return None
    if len(answer) > ANSWER_LIMIT:
        raise Invalid({"answer": Problem(
            N_("Keep your answer to %(limit)s characters or fewer"), {"limit": ANSWER_LIMIT})})
    return answer


def _owner_member(session: Session, reader: Reader, proposal: Proposal, raw_owner: str
                  ) -> int | None:
    """Who the new entry is about: what the writer chose, else who the family chooses now; a
    young person's part is about them."""
    if proposal.owner_member_id is not None:
        return proposal.owner_member_id
    chosen = whole_number(raw_owner or "")
    members = set(session.scalars(readable_entries(reader, "member").with_only_columns(Entry.id)))
    if chosen not in members:
        raise Invalid({"owner_member_id": Problem(N_("Choose who this is about"))})
    return chosen


def _answer_details(proposal: Proposal, sitting: bool) -> dict:
    """What the log keeps of an answer: `sitting` when a holder gave it on the advocate's device,
    at the sitting where the paper book was typed in."""
    return {"proposal": proposal.id, "who": proposal.author_name, "paper": proposal.from_paper,
            **({"sitting": True} if sitting else {})}


def accept(session: Session, reader: Reader, proposal: Proposal, answer: str = "",
           owner_member_id: str = "", sitting: bool = False) -> Entry:
    """Add the proposal to the book, as the writer wrote it, with the family's own answer."""
    proposal = _still_waiting(session, reader, proposal)
    family_answer = _answer_text(answer)
    owner = _owner_member(session, reader, proposal, owner_member_id)
    kind = KINDS[proposal.kind]
    entry = Entry(family_id=reader.family_id, kind=kind.name, owner_account_id=reader.account_id,
                  created_at=reader.now,
                  written_by_id=None if proposal.from_paper else proposal.author_id)
    apply_values(entry, kind, {**proposal.fields, "_category": proposal.category,
                               "_owner_member_id": owner, "_visibility": "family"},
                 reader, reader.now)
    # The first version is the writer's: "written by Ms Patel". Typed from paper, the words are
    # the family's own, and so is the version.
    author = reader.account_id if proposal.from_paper else proposal.author_id
    entry.updated_by_id = author
    session.add(entry)
    session.flush()
    record_revision(session, entry, author, reader.now)
    proposal.status, proposal.entry_id = "accepted", entry.id
    proposal.decided_at, proposal.decided_by_id = reader.now, reader.account_id
    proposal.family_answer = family_answer
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "accept_entry",
                      ((entry.id, {"title": entry.title, **_answer_details(proposal, sitting)}),),
                      reader.now)
    return entry


def refuse(session: Session, reader: Reader, proposal: Proposal, sitting: bool = False) -> None:
    """Leave the proposal out of the book. The writer sees that the family said no."""
    proposal = _still_waiting(session, reader, proposal)
    proposal.status = "refused"
    proposal.decided_at, proposal.decided_by_id = reader.now, reader.account_id
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "refuse_entry",
                      ((None, {"title": proposal.title, **_answer_details(proposal, sitting)}),),
                      reader.now)
