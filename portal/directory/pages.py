"""The directory of local help: public pages to find a service, and the ways a family takes a
listing into its book (a service card, a plan step, or a listing kept for the booklet).

The search and listing pages need no sign-in and show nothing about any family. Someone signed
in also sees, for each book they belong to, what they may do with the listing there.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from plans import editing
from plans import reading as plan_reading
from plans.fields import goals
from portal.book.opening import family_only, open_book
from portal.db import attempt, db
from portal.plan import pages as plan_pages
from record_book import policy
from record_book.areas import AREAS
from record_book.book.families import families_of
from record_book.book.text import clean_plain, isolate
from record_book.directory.listings import (
    LISTING,
    chosen_listings,
    contact_line,
    keep_listing,
    may_be_out_of_date,
    service_entry_for,
    stop_keeping_listing,
)
from record_book.directory.model import ChosenListing, Listing
from record_book.directory.search import Search, search
from record_book.policy import (
    NotAllowed,
    may_add_entries,
    may_choose_listings,
    may_open_book,
    reader_for,
)

blueprint = Blueprint("directory", __name__)

AREA_NAMES = dict(AREAS)


def _listing(listing_id: int) -> Listing:
    listing = db().get(Listing, listing_id)
    if listing is None:
        abort(404)
    return listing


def _search_from(args) -> Search:
    area = args.get("area", "")
    return Search(words=clean_plain(args.get("q", ""))[:200],
                  area=area if area in AREA_NAMES else "",
                  place=clean_plain(args.get("place", ""))[:100],
                  self_referral=args.get("self_referral") == "yes")


@blueprint.route("/directory")
def find():
    query = _search_from(request.args)
    results = search(db(), query)
    return render_template("directory/search.html", query=query, results=results, AREAS=AREAS,
                           kind=LISTING, searched=not query.is_empty)


def _what_each_book_allows(listing: Listing) -> list[dict]:
    """For someone signed in: each of their books, and what they may do there with this."""
    if not current_user.is_authenticated:
        return []
    books = []
    for family, _role in families_of(db(), current_user.account):
        reader = reader_for(db(), current_user.account, family.id)
        if not may_open_book(db(), reader):  # a book waiting to be deleted, for its advocate
            continue
        plan = editing.open_plan(db(), family.id)
        kept = db().scalar(select(ChosenListing.id).where(
            ChosenListing.family_id == family.id, ChosenListing.listing_id == listing.id))
        books.append({
            "family": family,
            "add_service": may_add_entries(reader),
            "plan_step": plan is not None and policy.may_edit_plan(reader),
            "keep": may_choose_listings(reader),
            "kept": kept is not None,
        })
    return [book for book in books if book["add_service"] or book["plan_step"] or book["keep"]]


@blueprint.route("/directory/<int:listing_id>")
def listing_page(listing_id: int):
    listing = _listing(listing_id)
    return render_template("directory/listing.html", listing=listing, kind=LISTING,
                           out_of_date=may_be_out_of_date(listing), AREA_NAMES=AREA_NAMES,
                           books=_what_each_book_allows(listing))


# A family's kept listings -------------------------------------------------------------------

@blueprint.route("/families/<int:family_id>/directory")
@login_required
def kept(family_id: int):
    family, reader = open_book(family_id)
    family_only(reader)
    listings = chosen_listings(db(), family.id)
    return render_template("directory/kept.html", family=family, reader=reader,
                           listings=listings, contact_line=contact_line,
                           can_change=may_choose_listings(reader))


@blueprint.route("/families/<int:family_id>/directory/<int:listing_id>/keep", methods=["POST"])
@login_required
def keep(family_id: int, listing_id: int):
    family, reader = open_book(family_id)
    listing = _listing(listing_id)
    try:
        with attempt():
            keep_listing(db(), reader, listing)
    except NotAllowed:
        abort(404)
    flash(_("We kept “%(name)s” for your booklet.", name=isolate(listing.name)), "success")
    return redirect(url_for("directory.kept", family_id=family.id))


@blueprint.route("/families/<int:family_id>/directory/<int:listing_id>/remove",
                 methods=["POST"])
@login_required
def remove(family_id: int, listing_id: int):
    family, reader = open_book(family_id)
    try:
        with attempt():
            stop_keeping_listing(db(), reader, listing_id)
    except NotAllowed:
        abort(404)
    flash(_("Taken off your list."), "success")
    return redirect(url_for("directory.kept", family_id=family.id))


# From a listing to a plan step --------------------------------------------------------------

def _goals_for(listing: Listing, content: dict) -> list:
    """The plan's goals, those about a part of life the service helps with first."""
    return sorted(goals(content), key=lambda g: g.fields.get("area") not in listing.areas)


@blueprint.route("/families/<int:family_id>/directory/<int:listing_id>/plan-step")
@login_required
def plan_step(family_id: int, listing_id: int):
    family, reader = open_book(family_id)
    listing = _listing(listing_id)
    plan = editing.open_plan(db(), family.id)
    if plan is None or not policy.may_edit_plan(reader):
        abort(404)
    content = plan_reading.read_whole(db(), reader, plan).content
    choices = _goals_for(listing, content)
    goal_id = request.args.get("goal", "")
    if len(choices) == 1:
        goal_id = choices[0].id
    if goal_id not in {g.id for g in choices}:
        return render_template("directory/choose_goal.html", family=family, reader=reader,
                               listing=listing, goals=choices)
    service = service_entry_for(db(), reader, listing.id)
    step = {"what": _("Ask %(service)s for an appointment", service=listing.name),
            "help": contact_line(listing)[:1000]}
    if service is not None:
        step["who"] = f"service:{service}"
    return plan_pages.edit_page_with_step(family, reader, plan, goal_id, step,
                                          named=service is not None, listing=listing)
