"""Speakers check a language: a portal admin gives someone the reviewer role for one language,
and the reviewer accepts or betters each message on paged, searchable pages.

Nothing here writes a catalog: reviews wait in the database for `flask write-language-reviews`
(portal/cli.py), whose `.po` files are committed like any other change of words.
"""

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.admin.pages import _portal_admin
from portal.db import attempt, db
from portal.language import LANGUAGES
from record_book import policy
from record_book.accounts.accounts import find_account
from record_book.languages import reviews

blueprint = Blueprint("language_reviews", __name__)

REVIEWED_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def catalogs_folder() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


@blueprint.route("/admin/language-reviewers", methods=["GET", "POST"])
@login_required
def reviewers():
    admin = _portal_admin()
    problems, values = {}, {}
    if request.method == "POST":
        values = request.form
        account = find_account(db(), values.get("username", "").strip().lower())
        language = values.get("language", "")
        if account is None:
            problems["username"] = _("There is no account with that username.")
        if language not in REVIEWED_LANGUAGES:
            problems["language"] = _("Choose the language they will check.")
        if not problems:
            with attempt():
                reviews.give_reviewer(db(), admin, account, language)
            flash(_("%(name)s can now check the words in %(language)s.",
                    name=account.display_name, language=LANGUAGES[language][0]), "success")
            return redirect(url_for("language_reviews.reviewers"))
    return render_template("admin/language_reviewers.html", rows=reviews.all_reviewers(db()),
                           languages=REVIEWED_LANGUAGES, problems=problems,
                           values=values), 400 if problems else 200


@blueprint.route("/admin/language-reviewers/<int:reviewer_id>/stop", methods=["POST"])
@login_required
def stop(reviewer_id: int):
    admin = _portal_admin()
    stopped = reviews.stop_reviewer(db(), admin, reviewer_id)
    if stopped is None:
        abort(404)
    flash(_("%(name)s no longer checks %(language)s.", name=stopped.account.display_name,
            language=LANGUAGES[stopped.language][0]), "success")
    return redirect(url_for("language_reviews.reviewers"))


def _refusal(reason: str) -> str:
    return {
        "empty": _("Type the better text, or choose that the draft is right."),
        "too_long": _("That text is too long for one message."),
        "placeholders": _("Keep every part in %(brackets)s exactly as it is in the English: "
                          "the site puts a name, date or number there.", brackets="%(…)s"),
        "markup": _("Leave out the signs < and >."),
    }.get(reason, _("That message is no longer in the catalog."))


def _reviewer_of(code: str):
    account = current_user.account
    if code not in REVIEWED_LANGUAGES or not policy.may_review_language(db(), account, code):
        abort(404)
    return account


@blueprint.route("/languages/<code>/check", methods=["GET", "POST"])
@login_required
def check(code: str):
    account = _reviewer_of(code)
    search = request.values.get("q", "")[:100]
    number = request.values.get("page", "1")
    number = int(number) if number.isdigit() else 1
    problem, status = None, 200
    if request.method == "POST":
        msgid = request.form.get("msgid", "")
        better = request.form.get("text") if request.form.get("choice") == "change" else None
        try:
            with attempt():
                reviews.review(db(), account, catalogs_folder(), code, msgid, better)
        except reviews.ReviewRefused as refused:
            problem, status = (msgid, _refusal(refused.reason)), 400
        else:
            flash(_("Saved. The site shows it once the team next puts what speakers said "
                    "into its files."), "success")
            return redirect(url_for("language_reviews.check", code=code, q=search or None,
                                    page=number if number > 1 else None))
    page = reviews.review_page(db(), account, catalogs_folder(), code, search, number)
    return render_template("language_check.html", code=code, name=LANGUAGES[code][0],
                           direction=LANGUAGES[code][1], page=page, search=search,
                           problem=problem), status
