"""What goes into a booklet: the entries the reader may read, read through the one access rule.

Entries come only from `record_book.book.families.entries_of_kind`, which asks
`record_book.policy.readable_entries`: a booklet never holds what the reader could not open on
the web (a young person's private entry prints only in their own booklet; someone outside the
family gets only what is shared with them now).
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plans import editing as plan_editing
from plans import people as plan_people
from plans import reviews as plan_reviews
from plans.fields import Goal, Step
from plans.sharing import log_rows as plan_log_rows
from plans.sharing import visible as visible_plan
from print_templates.i18n import N_, Words
from record_book.book.dates import PartialDate
from record_book.book.families import entries_of_kind
from record_book.book.model import Account, Entry, Family
from record_book.directory.listings import chosen_listings
from record_book.directory.model import Listing
from record_book.glossary.terms import Term
from record_book.glossary.words import local_terms
from record_book.policy import Reader


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

    def log_rows(self) -> list[tuple[None, dict]]:
        """What was printed, as access-log rows: the same rows as reading it on the web."""
        return plan_log_rows(self.whole, self.goals)


@dataclass
class BookContent:
    family_title: str
    for_family: bool  # the reader is one of the family, not someone it shares with
    reader_name: str
    members: list[Entry] = field(default_factory=list)
    summary: Entry | None = None
    story: list[Entry] = field(default_factory=list)
    helps: list[Entry] = field(default_factory=list)
    events: list[Entry] = field(default_factory=list)
    services: list[Entry] = field(default_factory=list)
    local_terms: tuple[Term, ...] = ()  # the portal's own words, explained with the rest
    plan: PlanPrint | None = None
    listings: list[Listing] = field(default_factory=list)  # kept from the directory

    def all_entries(self) -> list[Entry]:
        summary = [self.summary] if self.summary else []
        return self.members + summary + self.story + self.helps + self.events + self.services

    def printed(self, sections) -> list[Entry]:
        """The entries a booklet with these sections prints (the cover names the people)."""
        by_section = {"summary": [self.summary] if self.summary else [], "story": self.story,
                      "timeline": self.events, "services": self.services,
                      "helps": self.helps}
        return self.members + [entry for key, entries in by_section.items()
                               if key in sections for entry in entries]


def gather(session: Session, reader: Reader) -> BookContent:
    family = session.get(Family, reader.family_id)
    account = session.get(Account, reader.account_id)
    summaries = entries_of_kind(session, reader, "summary")
    return BookContent(
        family_title=family.title if family else "",
        for_family=reader.in_family,
        reader_name=account.display_name if account else "",
        members=entries_of_kind(session, reader, "member"),
        summary=summaries[0] if summaries else None,
        story=entries_of_kind(session, reader, "story"),
        helps=entries_of_kind(session, reader, "helps"),
        events=entries_of_kind(session, reader, "event"),
        services=entries_of_kind(session, reader, "service"),
        local_terms=local_terms(session),
        plan=gather_plan(session, reader),
        listings=chosen_listings(session, reader.family_id) if reader.in_family else [],
    )


def gather_plan(session: Session, reader: Reader) -> PlanPrint | None:
    plan = plan_editing.open_plan(session, reader.family_id)
    if plan is None:
        return None
    latest = plan_editing.latest(session, plan)
    whole, goals, steps = visible_plan(session, reader, latest.content)
    if not whole and not goals:
        return None
    shown = {goal.id for goal in goals}
    history = plan_reviews.history(session, plan)
    return PlanPrint(
        whole=whole, content=latest.content, goals=goals, steps=steps,
        names=plan_people.who_names(session, reader.family_id, latest.content),
        ratings={gid: points[-1] for gid, points in history.items() if gid in shown and points},
        revision=latest.number)


AROUND = N_("around %(date)s")


def partial_date_text(value: dict | None, words: Words) -> str:
    when = PartialDate.from_json(value)
    if when is None:
        return ""
    text = words.date(when.earliest, "d MMMM yyyy" if when.day else "LLLL yyyy")
    return words(AROUND, date=text) if when.around else text


