"""Who may mark a step of the plan as a service's promise: part of the one policy
(`record_book.policy`).

A step names a service by one of the family's service cards ("who does it: Riverside School").
A professional's service is their organisation: a card names it when it was made from one of the
organisation's directory listings, or when its service or team is the organisation's name. The
professional marks a step only when the family shares it with them (the plan's own rule,
`policy.readable_plan_parts`), and only the steps that name their service.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.model import Entry, Organisation
from record_book.directory.model import Listing
from record_book.policy.access import Reader
from record_book.policy.book import may_open_book


def may_mark_steps(session: Session, reader: Reader) -> bool:
    """Someone outside the family, with an organisation, while connected to the book. The family
    (and its advocate, who writes the plan with it) change the step's own status instead."""
    return (not reader.in_family and not reader.is_advocate and reader.account_id is not None
            and reader.organisation_id is not None and may_open_book(session, reader))


def _same_name(a: str | None, b: str) -> bool:
    return bool(a) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def service_cards_of(session: Session, family_id: int, organisation_id: int | None) -> set[str]:
    """The plan's "who" values ("service:<id>") of the family's service cards that name this
    organisation. Used to choose which steps are a service's, never to show a card."""
    if organisation_id is None:
        return set()
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        return set()
    listings = {str(i) for i in session.scalars(select(Listing.id).where(
        Listing.organisation_id == organisation_id))}
    cards = session.execute(select(Entry.id, Entry.fields).where(
        Entry.family_id == family_id, Entry.kind == "service"))
    return {f"service:{entry_id}" for entry_id, fields in cards
            if fields.get("listing") in listings
            or _same_name(fields.get("agency"), organisation.name)
            or _same_name(fields.get("team"), organisation.name)}


def hears_of_late_promises(reader: Reader) -> bool:
    """The advocate leads for the family: they are told when a service's step is late."""
    return reader.is_advocate
