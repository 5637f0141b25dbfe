"""A professional's side: connect with a family's code, see what is shared, ask, send a note."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.book.opening import open_book
from portal.db import attempt, db
from record_book import policy
from record_book.book.model import Family, Membership
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import NotAllowed, book_closing
from record_book.sharing import notes
from record_book.sharing import requests as access_requests
from record_book.sharing.connections import connect_with_code
from record_book.sharing.model import Connection

blueprint = Blueprint("professional", __name__)


def _professional():
    if not policy.is_professional(current_user.account):
        abort(404)
    return current_user.account


@blueprint.route("/connect", methods=["GET", "POST"])
@login_required
def connect():
    account = _professional()
    problems = {}
    if request.method == "POST":
        try:
            with attempt():
                connection = connect_with_code(db(), account, request.form.get("code", ""),
                                               utcnow())
        except Invalid as invalid:
            problems = invalid.problems
        else:
            flash(_("You are connected. You see only what the family shares with you."),
                  "success")
            return redirect(url_for("book.home", family_id=connection.family_id))
    return render_template("professional/connect.html", problems=problems), (
        400 if problems else 200)


@blueprint.route("/shared-with-me")
@login_required
def shared_with_me():
    account = _professional()
    # Only each book's id and title (rows, not objects: a busy professional has hundreds).
    families = db().execute(
        select(Family.id, Family.title).join(Connection, Connection.family_id == Family.id)
        .where(~book_closing(Family.id),
               policy.connection_reaches(account.id, policy.team_of(account)))
        .distinct().order_by(Family.title)).all()
    # The books they are the advocate of: theirs to work on, first.
    advocated = db().execute(
        select(Family.id, Family.title).join(Membership, Membership.family_id == Family.id)
        .where(Membership.account_id == account.id, ~book_closing(Family.id))
        .order_by(Family.title)).all()
    theirs = {f.id for f in advocated}
    return render_template("professional/families.html", advocated=advocated,
                           families=[f for f in families if f.id not in theirs])


@blueprint.route("/families/<int:family_id>/ask", methods=["GET", "POST"])
@login_required
def ask(family_id: int):
    return _send_to_family(
        family_id, "professional/ask.html",
        lambda reader: access_requests.ask(db(), reader, request.form.get("purpose", ""),
                                           request.form.getlist("category")),
        _("Your request was sent. The family decides."),
        lambda reader: {"mine": access_requests.my_requests(db(), reader)})


@blueprint.route("/families/<int:family_id>/send-note", methods=["GET", "POST"])
@login_required
def send_note(family_id: int):
    return _send_to_family(
        family_id, "professional/note.html",
        lambda reader: notes.send(db(), reader, request.form.get("title", ""),
                                  request.form.get("body", "")),
        _("Your note was sent. The family decides whether to keep it in their book."))


def _send_to_family(family_id: int, template: str, send, sent: str, extra=lambda reader: {}):
    """A professional's form to a family they are connected to: a request or a note. The
    family is told nothing until it is sent; problems come back on the same page."""
    _professional()
    family, reader = open_book(family_id)
    problems = {}
    if request.method == "POST":
        try:
            with attempt():
                send(reader)
        except NotAllowed:
            abort(404)
        except Invalid as invalid:
            problems = invalid.problems
        else:
            flash(sent, "success")
            return redirect(url_for("book.home", family_id=family.id))
    return render_template(template, family=family, reader=reader, problems=problems,
                           values=request.form, **extra(reader)), (400 if problems else 200)


@blueprint.route("/about-sharing")
def about_sharing():
    return render_template("professional/about_sharing.html")
