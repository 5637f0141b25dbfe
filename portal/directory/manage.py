"""Keeping the directory up to date: an organisation's admin adds and changes its own listings
and marks them checked; a portal admin does the same for any organisation, community groups
without an account included. Another organisation's listing is "not found" to an org admin.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.db import attempt, db
from portal.forms import EntryForm, field_inputs, typed_values
from record_book import policy
from record_book.areas import AREAS
from record_book.book.model import Account
from record_book.book.numbers import whole_number
from record_book.book.text import isolate
from record_book.book.validation import Invalid, Problem
from record_book.directory.listings import (
    LISTING,
    ListingChanged,
    listing_for_editor,
    listings_for_editor,
    mark_reviewed,
    may_be_out_of_date,
    organisations_for,
    publish_listing,
    update_listing,
    withdraw_listing,
)
from record_book.i18n import N_
from record_book.policy import NotAllowed

blueprint = Blueprint("directory_manage", __name__, url_prefix="/directory/manage")


def _editor() -> Account:
    account = current_user.account
    if not policy.may_run_admin_pages(account):
        abort(404)
    return account


def _listing(account: Account, listing_id: int):
    listing = listing_for_editor(db(), account, listing_id)
    if listing is None:
        abort(404)
    return listing


def _form_page(account, form: EntryForm, areas, listing=None, base_version=None,
               organisation_id=None, changed=False, status=200):
    return render_template(
        "directory/manage_form.html", form=form, areas=set(areas), AREAS=AREAS,
        listing=listing, base_version=base_version, changed=changed,
        organisations=organisations_for(db(), account) if listing is None else [],
        organisation_id=organisation_id), status


@blueprint.route("/")
@login_required
def index():
    account = _editor()
    listings = listings_for_editor(db(), account)
    return render_template("directory/manage.html", account=account, listings=listings,
                           out_of_date={l.id for l in listings if may_be_out_of_date(l)},
                           may_add=bool(organisations_for(db(), account)))


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new():
    account = _editor()
    organisations = organisations_for(db(), account)
    if not organisations:
        abort(404)
    if request.method == "GET":
        return _form_page(account, EntryForm(LISTING, {}), [])
    values = typed_values(request.form)
    areas = request.form.getlist("areas")
    chosen = values.get("organisation_id", "")
    if len(organisations) == 1:
        chosen = str(organisations[0].id)
    if chosen not in {str(o.id) for o in organisations}:
        problems = {"organisation_id": Problem(N_("Choose which organisation offers it"))}
        return _form_page(account, EntryForm(LISTING, values, problems), areas, status=400)
    try:
        with attempt():
            listing = publish_listing(db(), account, int(chosen), values, areas)
    except Invalid as invalid:
        return _form_page(account, EntryForm(LISTING, values, invalid.problems), areas,
                          organisation_id=chosen, status=400)
    except NotAllowed:
        abort(404)
    flash(_("“%(name)s” is in the directory.", name=isolate(listing.name)), "success")
    return redirect(url_for("directory.listing_page", listing_id=listing.id))


@blueprint.route("/<int:listing_id>/edit", methods=["GET", "POST"])
@login_required
def edit(listing_id: int):
    account = _editor()
    listing = _listing(account, listing_id)
    if request.method == "GET":
        return _form_page(account, EntryForm(LISTING, field_inputs(LISTING, listing.fields)),
                          listing.areas, listing, listing.version)
    base_version = whole_number(request.form.get("base_version", ""))
    if base_version is None:
        abort(400)
    values = typed_values(request.form)
    areas = request.form.getlist("areas")
    try:
        with attempt():
            update_listing(db(), account, listing, values, areas, base_version)
    except Invalid as invalid:
        return _form_page(account, EntryForm(LISTING, values, invalid.problems), areas, listing,
                          base_version, status=400)
    except ListingChanged:
        # Keep what this person typed; they check it against the newer save and save again.
        return _form_page(account, EntryForm(LISTING, values), areas, listing, listing.version,
                          changed=True, status=409)
    except NotAllowed:
        abort(404)
    flash(_("Saved. It shows today as the day it was last checked."), "success")
    return redirect(url_for("directory.listing_page", listing_id=listing.id))


@blueprint.route("/<int:listing_id>/reviewed", methods=["POST"])
@login_required
def reviewed(listing_id: int):
    account = _editor()
    listing = _listing(account, listing_id)
    mark_reviewed(db(), account, listing)
    flash(_("“%(name)s” is marked as checked today.", name=isolate(listing.name)), "success")
    return redirect(url_for("directory_manage.index"))


@blueprint.route("/<int:listing_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(listing_id: int):
    """A confirm page first: families may have kept the listing for their booklets."""
    account = _editor()
    listing = _listing(account, listing_id)
    if request.method == "GET":
        return render_template("directory/withdraw.html", listing=listing)
    name = listing.name
    withdraw_listing(db(), account, listing)
    flash(_("“%(name)s” is no longer in the directory.", name=isolate(name)), "success")
    return redirect(url_for("directory_manage.index"))
