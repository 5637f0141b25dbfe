"""The directory of local help: what each service does, who it is for, and how to get in.

An organisation's admin publishes and keeps its own listings; a portal admin does it for any
organisation, including community groups that have no account. Listings are public: nothing in
them is about a family. A listing nobody has checked for 12 months says it may be out of date.
Searching is in `directory_search`.
"""

import re
from datetime import date, datetime
from typing import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from record_book import policy
from record_book.areas import AREAS
from record_book.book.dates import months_after
from record_book.book.kinds import Field, Kind
from record_book.book.model import Account, Organisation
from record_book.book.validation import Invalid, Problem, validate
from record_book.clock import utcnow
from record_book.directory.model import ChosenListing, Listing
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, may_choose_listings, readable_entries

ANSWER = (("yes", N_("Yes")), ("no", N_("No")))

LISTING = Kind(
    name="listing",
    label=N_("Service in the directory"),
    title_field="name",
    fields=(
        Field("name", N_("Name of the service"), "text", required=True, max_length=150),
        Field("does", N_("What the service does"), "rich", required=True, max_length=2000,
              hint=N_("In plain words, as you would say it to a family.")),
        Field("for_whom", N_("Who it is for"), "rich", max_length=1000,
              hint=N_("For example: parents of children under 5.")),
        Field("age_from", N_("Youngest age it helps"), "count",
              hint=N_("Leave it empty if there is no lowest age.")),
        Field("age_to", N_("Oldest age it helps"), "count",
              hint=N_("Leave it empty if there is no highest age.")),
        Field("eligibility", N_("Who can get it, and any limits"), "rich", max_length=1000,
              hint=N_("Say plainly who cannot use it, so nobody waits for nothing.")),
        Field("area_covered", N_("Where it covers"), "text", required=True, max_length=300,
              hint=N_("Towns or districts. For example: Northgate and Eastfield.")),
        Field("countywide", N_("Can people anywhere in the county use it?"), "radios",
              required=True, choices=ANSWER),
        Field("self_referral", N_("Can people contact the service themselves?"), "radios",
              required=True, choices=ANSWER),
        Field("referral_by", N_("Who else can refer someone"), "text", max_length=300,
              hint=N_("For example: a GP, a school or a health visitor.")),
        Field("drop_in", N_("Can people just turn up?"), "radios", choices=ANSWER),
        Field("waiting_time", N_("How long people usually wait"), "text", max_length=150,
              hint=N_("For example: about 2 weeks.")),
        Field("cost", N_("Cost"), "text", max_length=150,
              hint=N_("Leave it empty if it is free.")),
        Field("languages", N_("Languages spoken"), "text", max_length=300,
              hint=N_("For example: English, Urdu, Polish.")),
        Field("opening_times", N_("Opening times"), "rich", max_length=1000),
        Field("phone", N_("Phone"), "text", max_length=40),
        Field("email", N_("Email"), "text", max_length=254),
        Field("address", N_("Address"), "text", max_length=300),
        Field("website", N_("Website"), "text", max_length=300),
    ),
)

CONTACTS = ("phone", "email", "address", "website")
MONTHS_BEFORE_OUT_OF_DATE = 12

_PHONE = re.compile(r"^\+?[0-9 ()-]{6,40}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Only addresses of web pages: a link to anything else (javascript:, data:) could run code.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
_WEBSITE = re.compile(r"^https?://[^\s/$.?#][^\s<>\"]*$", re.IGNORECASE)

# Where a service sits in a family's book when they add it, by the listing's first area.
BOOK_CATEGORY = {"money": "money", "home": "home", "work": "work", "getting_on": "family_life",
                 "safe": "safety", "health": "health", "school": "school",
                 "growing_up": "family_life", "friends": "friends", "caring": "caring"}


class ListingChanged(Exception):
    """Someone else saved this listing since the editor opened it."""


# Staleness ----------------------------------------------------------------------------------

def out_of_date_from(listing: Listing) -> date:
    """The first day on which the listing may be out of date: 12 months after its review."""
    return months_after(listing.reviewed_on, MONTHS_BEFORE_OUT_OF_DATE)


def may_be_out_of_date(listing: Listing, now: datetime | None = None) -> bool:
    return (now or utcnow()).date() >= out_of_date_from(listing)


# Who edits what -----------------------------------------------------------------------------

def organisations_for(session: Session, account: Account) -> list[Organisation]:
    """The organisations whose listings this account may publish."""
    if policy.is_portal_admin(account):
        return list(session.scalars(select(Organisation).order_by(Organisation.name)))
    if account.organisation_id is not None and policy.may_edit_listings(session, account,
                                                                 account.organisation_id):
        return [account.organisation]
    return []


def listings_for_editor(session: Session, account: Account) -> list[Listing]:
    ids = [o.id for o in organisations_for(session, account)]
    if not ids:
        return []
    return list(session.scalars(select(Listing).where(Listing.organisation_id.in_(ids))
                                .order_by(Listing.name, Listing.id)))


def listing_for_editor(session: Session, account: Account, listing_id: int) -> Listing | None:
    """The listing, or None when it does not exist or is not this account's to edit."""
    listing = session.get(Listing, listing_id)
    if listing is None or not policy.may_edit_listings(session, account, listing.organisation_id):
        return None
    return listing


# Publishing and editing ---------------------------------------------------------------------

def _check_contacts(fields: dict, problems: dict) -> None:
    if not any(fields.get(name) for name in CONTACTS):
        problems["phone"] = Problem(N_("Give at least one way to get in touch"))
    if fields.get("phone") and not _PHONE.match(fields["phone"]):
        problems["phone"] = Problem(N_("Write the phone number with digits, like 01632 960123"))
    if fields.get("email") and not _EMAIL.match(fields["email"]):
        problems["email"] = Problem(N_("Write the email address like name@example.org"))
    website = fields.get("website", "")
    if website and not _SCHEME.match(website):
        website = fields["website"] = "https://" + website
    if website and not _WEBSITE.match(website):
        problems["website"] = Problem(N_("Write the website like www.example.org"))


def read_listing(raw: Mapping[str, str], areas: list[str], today: date) -> tuple[dict, list]:
    """Clean fields and area codes from what the editor typed, or Invalid with each problem."""
    problems: dict[str, Problem] = {}
    fields: dict = {}
    try:
        fields = validate(LISTING, raw, today)
    except Invalid as invalid:
        problems.update(invalid.problems)
    _check_contacts(fields, problems)
    if "age_from" in fields and "age_to" in fields and fields["age_to"] < fields["age_from"]:
        problems["age_to"] = Problem(N_("The oldest age cannot be lower than the youngest age"))
    chosen = [code for code, _label in AREAS if code in set(areas)]
    if not chosen or set(areas) - set(chosen):
        problems["areas"] = Problem(N_("Choose at least one part of life it helps with"))
    if problems:
        raise Invalid(problems)
    return fields, chosen


def _apply(listing: Listing, fields: dict, areas: list, account: Account, now: datetime) -> None:
    listing.name = fields["name"]
    listing.fields = fields
    listing.areas = areas
    # Saving a listing is checking it: the editor has just read every part of it.
    listing.reviewed_on = now.date()
    listing.updated_at = now
    listing.updated_by_id = account.id


def publish_listing(session: Session, account: Account, organisation_id: int,
                    raw: Mapping[str, str], areas: list[str], now: datetime | None = None
                    ) -> Listing:
    now = now or utcnow()
    if session.get(Organisation, organisation_id) is None or not policy.may_edit_listings(
            session, account, organisation_id):
        raise NotAllowed()
    fields, chosen = read_listing(raw, areas, now.date())
    listing = Listing(organisation_id=organisation_id, created_at=now)
    _apply(listing, fields, chosen, account, now)
    session.add(listing)
    session.flush()
    return listing


def update_listing(session: Session, account: Account, listing: Listing, raw: Mapping[str, str],
                   areas: list[str], base_version: int, now: datetime | None = None) -> None:
    """Save an edit started from `base_version`; ListingChanged if someone saved since."""
    now = now or utcnow()
    if not policy.may_edit_listings(session, account, listing.organisation_id):
        raise NotAllowed()
    fields, chosen = read_listing(raw, areas, now.date())
    if base_version != listing.version:
        raise ListingChanged()
    _apply(listing, fields, chosen, account, now)
    session.flush()


def mark_reviewed(session: Session, account: Account, listing: Listing,
                  now: datetime | None = None) -> None:
    now = now or utcnow()
    if not policy.may_edit_listings(session, account, listing.organisation_id):
        raise NotAllowed()
    listing.reviewed_on = now.date()
    listing.updated_at = now
    listing.updated_by_id = account.id
    session.flush()


def withdraw_listing(session: Session, account: Account, listing: Listing) -> None:
    """A service that has closed, or moved away, leaves the directory. Families stop keeping it
    for their booklets; the service cards they made from it are theirs, and stay in their books."""
    if not policy.may_edit_listings(session, account, listing.organisation_id):
        raise NotAllowed()
    session.execute(delete(ChosenListing).where(ChosenListing.listing_id == listing.id))
    session.delete(listing)
    session.flush()


# From a listing into a family's book --------------------------------------------------------

def contact_line(listing: Listing) -> str:
    """Every way to get in touch, on one line, as a family would write it on their card."""
    return " · ".join(listing.fields[name] for name in CONTACTS if listing.fields.get(name))


def service_entry_inputs(listing: Listing) -> dict[str, str]:
    """A new service card as if typed from the listing. The family's own words stay empty."""
    values = {"agency": listing.name, "contact_how": contact_line(listing)[:300],
              "listing": str(listing.id),
              "category": BOOK_CATEGORY.get((listing.areas or [""])[0], "other")}
    if listing.organisation.name != listing.name:
        values["team"] = listing.organisation.name
    return values


def service_entry_for(session: Session, reader: Reader, listing_id: int) -> int | None:
    """The family's own service card made from this listing, if the reader may read one."""
    for entry in session.scalars(readable_entries(reader, "service")):
        if entry.fields.get("listing") == str(listing_id):
            return entry.id
    return None


# The listings a family keeps for its booklet ------------------------------------------------

def chosen_listings(session: Session, family_id: int) -> list[Listing]:
    """The listings a family keeps, in the order they were kept."""
    return list(session.scalars(
        select(Listing).join(ChosenListing, ChosenListing.listing_id == Listing.id)
        .where(ChosenListing.family_id == family_id).order_by(ChosenListing.id)))


def keep_listing(session: Session, reader: Reader, listing: Listing,
                 now: datetime | None = None) -> None:
    if not may_choose_listings(reader):
        raise NotAllowed()
    kept = session.scalar(select(ChosenListing.id).where(
        ChosenListing.family_id == reader.family_id, ChosenListing.listing_id == listing.id))
    if kept is None:
        session.add(ChosenListing(family_id=reader.family_id, listing_id=listing.id,
                                  added_by_id=reader.account_id, created_at=now or utcnow()))
        session.flush()


def stop_keeping_listing(session: Session, reader: Reader, listing_id: int) -> None:
    if not may_choose_listings(reader):
        raise NotAllowed()
    session.execute(delete(ChosenListing).where(ChosenListing.family_id == reader.family_id,
                                                ChosenListing.listing_id == listing_id))
    session.flush()
