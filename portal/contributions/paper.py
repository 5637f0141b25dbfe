"""The paper round trip on the advocate's phone: typing in a page of the family's paper book, and
the family confirming what was typed there and then.

A holder sitting with the advocate confirms with their own username and password, on this one
page. That proves who answered without signing them in: the advocate's session stays as it was,
nothing of the holder's is kept on the phone, and wrong tries are counted like any sign-in.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal.contributions import blueprint
from portal.contributions.writing import outsider_book, write_page
from portal.db import attempt, db
from record_book.accounts.accounts import authenticate
from record_book.book.kinds import KINDS
from record_book.book.paper import confirm_at_the_sitting, typed_at_this_sitting
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, may_type_from_paper, reader_for


@blueprint.route("/from-paper/<kind_name>", methods=["GET", "POST"])
@login_required
def from_paper(family_id: int, kind_name: str):
    """The advocate types in the family's own words from its paper book."""
    return write_page(family_id, kind_name, from_paper=True)


def _holder_here(family_id: int):
    """The holder who typed their own way in on this page, as they stand towards this book."""
    account = authenticate(db(), request.form.get("username", ""),
                           request.form.get("password", ""),
                           demo_mode=current_app.config["DEMO_ACCOUNTS"])
    holder = reader_for(db(), account, family_id) if account is not None else None
    if holder is None or not holder.is_holder:
        raise Invalid({"username": Problem(
            N_("That username and password are not those of a holder of this book"))})
    return holder


@blueprint.route("/from-paper/confirm", methods=["GET", "POST"])
@login_required
def confirm_here(family_id: int):
    family, reader = outsider_book(family_id)
    if not may_type_from_paper(db(), reader):
        abort(404)
    problems = {}
    if request.method == "POST":
        answers = {key.removeprefix("answer-"): value for key, value in request.form.items()
                   if key.startswith("answer-")}
        try:
            with attempt():
                added, left_out = confirm_at_the_sitting(db(), reader, _holder_here(family.id),
                                                         answers)
        except Invalid as invalid:
            problems = invalid.problems
        except NotAllowed:
            abort(404)
        else:
            flash(_("The family answered: %(added)s added to their book, %(left_out)s left out.",
                    added=added, left_out=left_out), "success")
            return redirect(url_for("contributions.confirm_here", family_id=family.id))
    return render_template("contributions/confirm.html", family=family, reader=reader,
                           typed=typed_at_this_sitting(db(), reader), KINDS=KINDS,
                           problems=problems, values=request.form), 400 if problems else 200
