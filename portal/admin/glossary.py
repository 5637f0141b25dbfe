"""Portal admins add the words local services use, so pages explain them like the rest."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.admin.pages import _portal_admin
from portal.db import attempt, db
from record_book.book.model import LocalTerm
from record_book.book.validation import Invalid
from record_book.glossary.words import add_local_term

blueprint = Blueprint("glossary_admin", __name__, url_prefix="/admin/glossary")


@blueprint.route("/", methods=["GET", "POST"])
@login_required
def terms():
    _portal_admin()
    problems, values = {}, {}
    if request.method == "POST":
        values = request.form
        try:
            with attempt():
                add_local_term(db(), current_user.account.id, values.get("term", ""),
                               values.get("also", ""), values.get("meaning", ""))
        except Invalid as invalid:
            problems = invalid.problems
        else:
            flash(_("Added. Pages now explain it wherever it appears."), "success")
            return redirect(url_for("glossary_admin.terms"))
    rows = db().scalars(select(LocalTerm).order_by(LocalTerm.term)).all()
    return render_template("admin/glossary.html", rows=rows, problems=problems,
                           values=values), 400 if problems else 200
