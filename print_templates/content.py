"""What goes into a booklet: the entries and plan parts the reader may read, read through the
one reading path.

Entries come only from `record_book.reading` and the plan from `plans.reading`, which read by the
policy's rule and, for a reader outside the family, write each printed entry and plan part to the
access log ("printed") in the same transaction: a booklet never holds what the reader could not
open on the web, and the family sees every print. Only the parts chosen are read.
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plans import agreement as plan_agreement
from plans import editing as plan_editing
from plans import people as plan_people
from plans import promises as plan_promises
from plans import reading as plan_reading
from plans import reviews as plan_reviews
from plans.fields import Goal, Step
from plans.meetings import reading as meeting_reading
from plans.meetings.model import Meeting
from plans.model import StepMark
from print_templates.i18n import N_, Words
from record_book import reading
from record_book.book import proposals
from record_book.book.attachments import file_of
from record_book.book.dates import PartialDate
from record_book.book.model import Account, Attachment, Entry, Family, Proposal
from record_book.directory.listings import chosen_listings
from record_book.directory.model import Listing
from record_book.glossary.terms import Term
from record_book.glossary.words import local_terms
from record_book.policy import Reader
from record_book.sharing import access_log


@dataclass
class PlanPrint:
    """The open plan as far as the reader may read it: all of it, or the goals shared."""
    whole: bool
    content: dict  # the latest revision's flat fields
    goals: list[Goal]
    steps: list[Step]
    names: dict[str, str]  # who does a step, by the plan's "who" value
    ratings: dict[str, plan_reviews.Point]  # each printed goal's latest review
    revision: int
    # Who agreed which version, and whether it changed since: for a reader of the whole plan.
    agreement: plan_agreement.Status | None = None
    # What a service says of each printed step it was given, beside the family's status.
    marks: dict[str, StepMark] = field(default_factory=dict)


@dataclass
class BookContent:
    family_title: str
    for_family: bool  # the reader is one of the family, not someone it shares with
    reader_name: str
    members: list[Entry] = field(default_factory=list)
    voices: list[Entry] = field(default_factory=list)  # children's pages in their own words
    summary: Entry | None = None
    story: list[Entry] = field(default_factory=list)
    helps: list[Entry] = field(default_factory=list)
    events: list[Entry] = field(default_factory=list)
    services: list[Entry] = field(default_factory=list)
    local_terms: tuple[Term, ...] = ()  # the portal's own words, explained with the rest
    plan: PlanPrint | None = None
    listings: list[Listing] = field(default_factory=list)  # kept from the directory
    # The family's copy only: the access log's row count and chain value at printing, so the
    # family holds on paper what a later rewrite of the log would have to match.
    log_head: tuple[int, str] | None = None
    # Each printed entry's letters and photos, with a photo's bytes (a PDF is listed only).
    attachments: dict[int, list[tuple[Attachment, bytes | None]]] = field(default_factory=dict)
    # Where a printed entry came from, when it was written for the family or typed from paper.
    origins: dict[int, Proposal] = field(default_factory=dict)
    # The meetings the reader may know of, for the calendar.
    meetings: list[Meeting] = field(default_factory=list)

    def all_entries(self) -> list[Entry]:
        summary = [self.summary] if self.summary else []
        return self.members + self.voices + summary + self.story + self.helps + self.events + self.services


def gather(session: Session, reader: Reader, sections=None) -> BookContent:
    """The parts of the book chosen (all of them if none are named), read for printing."""
    chosen = set(sections) if sections is not None else None

    def printed(kind: str, section: str) -> list[Entry]:
        if chosen is not None and section not in chosen:
            return []
        return reading.entries(session, reader, kind, action="print")

    family = session.get(Family, reader.family_id)
    account = session.get(Account, reader.account_id)
    summaries = printed("summary", "summary")
    content = BookContent(
        family_title=family.title if family else "",
        for_family=reader.in_family,
        reader_name=account.display_name if account else "",
        # The cover names the people, whichever parts are printed.
        members=reading.entries(session, reader, "member", action="print"),
        voices=printed("voice", "people"),
        summary=summaries[0] if summaries else None,
        story=printed("story", "story"),
        helps=printed("helps", "helps"),
        # The calendar shows the family's own dates ahead: events, steps due, the review.
        events=printed("event", "timeline") or printed("event", "calendar"),
        services=printed("service", "services"),
        local_terms=local_terms(session),
        plan=gather_plan(session, reader) if chosen is None or {"plan", "calendar"} & chosen
        else None,
        listings=chosen_listings(session, reader.family_id) if reader.in_family else [],
        meetings=meeting_reading.meetings(session, reader, action="print")
        if chosen is None or "calendar" in chosen else [],
    )
    content.attachments = {
        entry_id: [(file, file_of(session, file) if file.is_photo else None) for file in files]
        for entry_id, files in reading.attachments(session, reader,
                                                   content.all_entries()).items() if files}
    content.origins = proposals.origins_of(session, [e.id for e in content.all_entries()])
    if not content.all_entries() and content.plan is None:
        # A booklet that holds nothing shared is still a print the family should hear about.
        reading.log(session, reader, "print", [(None, {})])
    if reader.in_family:
        head = access_log.head_of(session, reader.family_id)
        content.log_head = (head.row_count, head.chain) if head else None
    return content


def gather_plan(session: Session, reader: Reader) -> PlanPrint | None:
    plan = plan_editing.open_plan(session, reader.family_id)
    if plan is None:
        return None
    found = plan_reading.read(session, reader, plan, action="print")
    if not found.shows_anything:
        return None
    shown = {goal.id for goal in found.goals}
    history = plan_reviews.history(session, plan)
    return PlanPrint(
        whole=found.whole, content=found.content, goals=found.goals, steps=found.steps,
        names=plan_people.who_names(session, reader.family_id, found.content),
        ratings={gid: points[-1] for gid, points in history.items() if gid in shown and points},
        revision=found.revision.number,
        agreement=plan_agreement.status(session, plan) if found.whole else None,
        marks=plan_promises.marks(session, plan, [step.id for step in found.steps]))


AROUND = N_("around %(date)s")


def partial_date_text(value: dict | None, words: Words) -> str:
    when = PartialDate.from_json(value)
    if when is None:
        return ""
    text = words.date(when.earliest, "d MMMM yyyy" if when.day else "LLLL yyyy")
    return words(AROUND, date=text) if when.around else text


