"""Who leads for us: the advocate card everyone in the book sees; a holder changes the advocate
or ends a connection, after a page that says what will happen."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal.book.opening import family_only, open_book
from portal.db import attempt, db
from record_book import reading
from record_book.book.text import isolate
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed, may_change_advocate, may_end_connection
from record_book.sharing import leads

blueprint = Blueprint("leads", __name__, url_prefix="/families/<int:family_id>")


@blueprint.route("/lead")
@login_required
def lead(family_id: int):
    family, reader = open_book(family_id)
    try:
        now, changes = leads.lead_for(db(), reader)
    except NotAllowed:
        abort(404)
    return render_template("sharing/lead.html", family=family, reader=reader, lead=now,
                           changes=changes, notes=reading.handover_notes(db(), reader, changes),
                           may_change=may_change_advocate(reader))


def _holder_book(family_id: int, allowed):
    family, reader = open_book(family_id)
    family_only(reader)
    if not allowed(reader):
        abort(404)
    return family, reader


@blueprint.route("/lead/change", methods=["GET", "POST"])
@login_required
def change(family_id: int):
    family, reader = _holder_book(family_id, may_change_advocate)
    problems: dict = {}
    choices = leads.advocate_choices(db(), reader)
    now = leads.lead_now(db(), family.id)
    if request.method == "POST":
        choice = request.form.get("advocate", "")
        try:
            with attempt():
                chosen = leads.check_choice(db(), reader, choice, request.form.get("note", ""))
                if request.form.get("checked") != "yes":
                    # Nothing changes on one tap: the holder first reads what will happen.
                    return render_template("sharing/lead_check.html", family=family,
                                           reader=reader, lead=now, chosen=chosen,
                                           values=request.form)
                made = leads.change_advocate(db(), reader, choice, request.form.get("note", ""))
        except Invalid as invalid:
            problems.update(invalid.problems)
        else:
            if made.advocate is not None:
                flash(_("%(name)s is now your advocate.", name=isolate(made.advocate.display_name)),
                      "success")
            else:
                flash(_("Nobody leads for you now. You can choose an advocate at any time."),
                      "success")
            return redirect(url_for("leads.lead", family_id=family.id))
    return render_template("sharing/lead_change.html", family=family, reader=reader, lead=now,
                           choices=choices, problems=problems, values=request.form
                           ), 400 if problems else 200


@blueprint.route("/connections/end", methods=["POST"])
@login_required
def end(family_id: int):
    family, reader = _holder_book(family_id, may_end_connection)
    grantee = leads.connected_grantee(db(), reader, request.form.get("who", ""))
    if grantee is None:
        abort(404)
    if request.form.get("checked") != "yes":
        return render_template("sharing/end_check.html", family=family, reader=reader,
                               grantee=grantee, leading=leads.lead_now(db(), family.id))
    try:
        with attempt():
            leads.end_connection(db(), reader, grantee)
    except NotAllowed:
        abort(404)
    flash(_("%(name)s can no longer open your book. To connect again, give them a new code.",
            name=isolate(grantee.name)), "success")
    return redirect(url_for("sharing.overview", family_id=family.id))
