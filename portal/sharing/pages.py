"""The family's side of sharing: share, stop, who can see what, requests, the log, the inbox."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from plans import editing
from plans import reading as plan_reading
from plans.dates import parse_date
from portal.book.opening import family_only, open_book, open_entry
from portal.db import attempt, db
from portal.sharing import log_words
from record_book import policy, reading
from record_book.book.kinds import CATEGORIES
from record_book.book.model import Organisation
from record_book.book.numbers import whole_number
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    may_share,
    may_share_whole_parts,
    may_stop,
)
from record_book.sharing import access_log, notes
from record_book.sharing import requests as access_requests
from record_book.sharing.connections import (
    connect_their_organisation,
    find_grantee,
    grantees,
    new_connection_code,
    organisations_to_offer,
)
from record_book.sharing.grants import (
    check_end_date,
    check_whole_part,
    clean_purpose,
    live_grants,
    plan_goals_they_can_see,
    record_expiries,
    share_category,
    share_entry,
    share_present_and_future,
    stop_all_sharing,
    stop_grant,
    what_they_can_see,
    who_can_see,
)
from record_book.sharing.model import Grant, Notification

# Far enough back for any real book (50 rows a page), near enough that no address asks the
# database to skip millions of rows.
LOG_PAGES = 10_000

blueprint = Blueprint("sharing", __name__, url_prefix="/families/<int:family_id>")


def _until(problems: dict) -> date | None:
    typed = request.form.get("until", "").strip()
    if not typed:
        return None
    parsed = parse_date(typed)
    if parsed is None:
        problems["until"] = Problem(N_("Enter the end date as a real date, like 2027-03-31"))
        return None
    return date.fromisoformat(parsed)


def _open_plan_goals(reader) -> dict[str, str]:
    plan = editing.open_plan(db(), reader.family_id)
    if plan is None:
        return {}
    content = plan_reading.read_whole(db(), reader, plan).content
    return {key.split(".")[1]: value for key, value in content.items()
            if key.startswith("goal.") and key.endswith(".title")}


def _overview_page(family, reader, problems=None, values=None, code=None):
    """Who can see what: for each connected person, the entries and plan goals they see now."""
    people = grantees(db(), reader)
    goals = _open_plan_goals(reader)
    seen = [(person, what_they_can_see(db(), reader, person),
             plan_goals_they_can_see(db(), reader, person, goals)) for person in people]
    return render_template("sharing/overview.html", family=family, reader=reader, seen=seen,
                           grants=live_grants(db(), reader), people=people,
                           may_stop=lambda grant: may_stop(db(), reader, grant),
                           whole_parts=may_share_whole_parts(reader),
                           teams=(organisations_to_offer(db(), reader)
                                  if policy.may_connect_others(reader) else {}),
                           problems=problems or {}, values=values or {}, code=code)


def _family_book(family_id: int):
    family, reader = open_book(family_id)
    family_only(reader)
    return family, reader


@blueprint.route("/entries/<int:entry_id>/sharing", methods=["GET", "POST"])
@login_required
def entry_sharing(family_id: int, entry_id: int):
    family, reader = _family_book(family_id)
    entry = open_entry(reader, entry_id)
    if not may_share(db(), reader, entry):
        abort(404)
    problems: dict = {}
    if request.method == "POST":
        until = _until(problems)
        try:
            with attempt():
                if not problems:
                    grantee = find_grantee(db(), reader, request.form.get("grantee", ""))
                    check_end_date(until)
                    purpose = request.form.get("purpose", "")
                    clean_purpose(purpose)
                    if request.form.get("checked") != "yes":
                        # One tap never shares: the family first reads what, with whom, how long.
                        return render_template("sharing/check.html", family=family,
                                               reader=reader, entry=entry, grantee=grantee,
                                               until=until, values=request.form)
                    share_entry(db(), reader, entry, grantee, until, purpose)
                    flash(_("Shared with %(name)s.", name=grantee.name), "success")
                    return redirect(url_for("sharing.entry_sharing", family_id=family.id,
                                            entry_id=entry.id))
        except Invalid as invalid:
            problems.update(invalid.problems)
    return render_template("sharing/entry.html", family=family, reader=reader, entry=entry,
                           grants=who_can_see(db(), reader, entry),
                           people=grantees(db(), reader), problems=problems,
                           values=request.form), 400 if problems else 200


@blueprint.route("/grants/<int:grant_id>/stop", methods=["POST"])
@login_required
def stop(family_id: int, grant_id: int):
    family, reader = _family_book(family_id)
    grant = db().get(Grant, grant_id)
    if grant is None or grant.family_id != family.id:
        abort(404)
    try:
        with attempt():
            stop_grant(db(), reader, grant)
    except NotAllowed:
        abort(404)
    flash(_("Stopped sharing. They can no longer see it."), "success")
    back = request.form.get("back", "")
    return redirect(back if back.startswith(f"/families/{family.id}/") else
                    url_for("sharing.overview", family_id=family.id))


@blueprint.route("/sharing", methods=["GET"])
@login_required
def overview(family_id: int):
    family, reader = _family_book(family_id)
    record_expiries(db(), family.id, reader.now)
    return _overview_page(family, reader)


@blueprint.route("/sharing/whole", methods=["POST"])
@login_required
def share_whole(family_id: int):
    """Share a whole category, or the present and future only, with one person."""
    family, reader = _family_book(family_id)
    if not may_share_whole_parts(reader):
        abort(404)
    problems: dict = {}
    until = _until(problems)
    try:
        with attempt():
            if not problems:
                grantee = find_grantee(db(), reader, request.form.get("grantee", ""))
                check_end_date(until)
                purpose = request.form.get("purpose", "")
                clean_purpose(purpose)
                months = (whole_number(request.form.get("months", "")) or 0
                          if request.form.get("what") == "recent" else None)
                category = request.form.get("category", "")
                check_whole_part(category=category, months=months)
                if request.form.get("checked") != "yes":
                    # As with one entry: the family reads what, with whom and how long first.
                    return render_template("sharing/whole_check.html", family=family,
                                           reader=reader, grantee=grantee, until=until,
                                           months=months, category=dict(CATEGORIES).get(category),
                                           values=request.form)
                if months is not None:
                    share_present_and_future(db(), reader, months, grantee, until, purpose)
                else:
                    share_category(db(), reader, category, grantee, until, purpose)
                flash(_("Shared with %(name)s.", name=grantee.name), "success")
                return redirect(url_for("sharing.overview", family_id=family.id))
    except Invalid as invalid:
        problems.update(invalid.problems)
    except NotAllowed:
        abort(404)
    return _overview_page(family, reader, problems=problems, values=request.form), 400


@blueprint.route("/sharing/stop-all", methods=["POST"])
@login_required
def stop_all(family_id: int):
    family, reader = _family_book(family_id)
    try:
        with attempt():
            grantee = find_grantee(db(), reader, request.form.get("grantee", ""))
    except Invalid:
        abort(404)
    try:
        with attempt():
            stop_all_sharing(db(), reader, grantee)
    except NotAllowed:
        abort(404)
    flash(_("%(name)s can no longer see anything in your book.", name=grantee.name), "success")
    return redirect(url_for("sharing.overview", family_id=family.id))


@blueprint.route("/sharing/team", methods=["POST"])
@login_required
def connect_team(family_id: int):
    """The family's choice alone: connect the organisation of someone already connected."""
    family, reader = _family_book(family_id)
    try:
        with attempt():
            connection = connect_their_organisation(db(), reader,
                                                    whole_number(request.form.get("person", "")))
    except NotAllowed:
        abort(404)
    flash(_("%(organisation)s is connected. They see only what you share with the whole "
            "organisation.", organisation=db().get(Organisation, connection.organisation_id).name),
          "success")
    return redirect(url_for("sharing.overview", family_id=family.id))


@blueprint.route("/sharing/code", methods=["POST"])
@login_required
def connection_code(family_id: int):
    family, reader = _family_book(family_id)
    try:
        with attempt():
            code = new_connection_code(db(), reader)
    except NotAllowed:
        abort(404)
    return _overview_page(family, reader, code=code)


@blueprint.route("/requests", methods=["GET"])
@login_required
def requests(family_id: int):
    family, reader = _family_book(family_id)
    entries = reading.every_entry(db(), reader)
    return render_template("sharing/requests.html", family=family, reader=reader,
                           requests=access_requests.open_requests(db(), reader), entries=entries,
                           problems={})


@blueprint.route("/requests/<int:request_id>/answer", methods=["POST"])
@login_required
def answer_request(family_id: int, request_id: int):
    family, reader = _family_book(family_id)
    problems: dict = {}
    try:
        with attempt():
            if request.form.get("answer") == "decline":
                access_requests.decline(db(), reader, request_id, request.form.get("message", ""))
                flash(_("You said no. They have been told."), "success")
            else:
                until = _until(problems)
                if problems:
                    raise Invalid(problems)
                ids = [n for n in map(whole_number, request.form.getlist("entry")) if n is not None]
                access_requests.accept(db(), reader, request_id, ids,
                                       request.form.getlist("category"), until)
                flash(_("You said yes to what you chose."), "success")
    except NotAllowed:
        abort(404)
    except Invalid as invalid:
        entries = reading.every_entry(db(), reader)
        return render_template("sharing/requests.html", family=family, reader=reader,
                               requests=access_requests.open_requests(db(), reader),
                               entries=entries, problems=invalid.problems,
                               answering=request_id), 400
    return redirect(url_for("sharing.requests", family_id=family.id))


@blueprint.route("/access-log")
@login_required
def log(family_id: int):
    family, reader = _family_book(family_id)
    record_expiries(db(), family.id, reader.now)
    who, entry = request.args.get("who", ""), request.args.get("entry", "")
    page = min(whole_number(request.args.get("page", "")) or 1, LOG_PAGES)
    rows, older = access_log.page_for(db(), reader, family.id, page, whole_number(who),
                                      whole_number(entry))
    return render_template("sharing/log.html", family=family, reader=reader,
                           days=log_words.log_days(rows), page=page, older=older,
                           actors=access_log.actors_for(db(), reader, family.id),
                           who=who, entry=entry)


@blueprint.route("/inbox", methods=["GET"])
@login_required
def inbox(family_id: int):
    family, reader = _family_book(family_id)
    if not policy.may_read_inbox(reader):
        abort(404)
    record_expiries(db(), family.id, reader.now)
    waiting = notes.inbox(db(), reader)
    notices = db().scalars(select(Notification).where(
        Notification.account_id == reader.account_id, Notification.family_id == family.id)
        .order_by(Notification.created_at.desc()).limit(50)).all()
    for notice in notices:
        notice.read_at = notice.read_at or utcnow()
    return render_template("sharing/inbox.html", family=family, reader=reader, notes=waiting,
                           notices=notices)


@blueprint.route("/inbox/<int:note_id>", methods=["POST"])
@login_required
def answer_note(family_id: int, note_id: int):
    family, reader = _family_book(family_id)
    try:
        with attempt():
            if request.form.get("answer") == "add":
                category = request.form.get("category", "other")
                if category not in dict(CATEGORIES):
                    category = "other"
                notes.add_to_book(db(), reader, note_id, category)
                flash(_("Added to your book, in their words."), "success")
            else:
                notes.decline(db(), reader, note_id)
                flash(_("You did not add it to your book."), "success")
    except NotAllowed:
        abort(404)
    return redirect(url_for("sharing.inbox", family_id=family.id))
