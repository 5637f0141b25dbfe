"""Agreeing the plan: "we agree to this plan" for the version read, and the family's choice to
have its young people (12 and over) agree it too."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from plans import agreement
from portal.db import attempt, db
from portal.plan.pages import blueprint, book_and_plan
from record_book.book.numbers import whole_number
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed


@blueprint.route("/agree", methods=["POST"])
@login_required
def agree(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not agreement.may_agree(db(), reader, plan):
        abort(404)
    number = whole_number(request.form.get("revision", ""))
    if number is None:
        abort(400)
    try:
        with attempt():
            agreement.agree(db(), reader, plan, number)
    except Invalid:
        flash(_("The plan changed since you opened it. Read the newest version, then agree."),
              "error")
        return redirect(url_for("plans.view", family_id=family.id))
    flash(_("You agreed to this version of the plan."), "success")
    return redirect(url_for("plans.view", family_id=family.id))


@blueprint.route("/young-people-agree", methods=["POST"])
@login_required
def ask_young_people(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None:
        abort(404)
    asked = request.form.get("asked") == "yes"
    try:
        agreement.ask_young_people(db(), reader, plan, asked)
    except NotAllowed:
        abort(404)
    flash(_("Your young people aged 12 and over are asked to agree the plan too.") if asked
          else _("Only the adults agree the plan now."), "success")
    return redirect(url_for("plans.view", family_id=family.id) + "#agree-heading")
