"""Your data: a holder downloads the whole book (as a file, or as a booklet the background worker
makes), or deletes it with 14 days to change their mind.

Downloading is the family reading its own book, so it is not written to the access log; what a
copy holds is decided by the same access rule as every page.
"""

import json
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.utils import secure_filename

from portal.book import blueprint
from portal.book.opening import open_book
from portal.booklet_worker import job_options
from portal.db import db
from portal.language import current_locale
from print_templates.booklet import Options
from print_templates.i18n import available_languages
from record_book import policy
from record_book.book import booklet_jobs
from record_book.data_rights import erasure
from record_book.data_rights.export import export_family


def _holder_book(family_id: int):
    family, reader = open_book(family_id)
    if not policy.may_take_or_delete_book(reader):
        abort(404)
    return family, reader


def _file_name(family, reader, suffix: str) -> str:
    # Titles in other scripts have no safe file name; the date still tells copies apart.
    title = secure_filename(family.title).lower().replace("_", "-") or "family-book"
    return f"{title}-{reader.now.date().isoformat()}.{suffix}"


def _day(moment) -> str:
    return format_datetime(moment, "d MMMM yyyy")


def _download(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@blueprint.app_template_global()
def book_closing(family_id: int):
    """The family's request to delete its book, for the banner on the book's pages."""
    return erasure.pending(db(), family_id)


@blueprint.route("/your-data")
@login_required
def your_data(family_id: int):
    family, reader = _holder_book(family_id)
    return render_template("book/your_data.html", family=family, reader=reader)


@blueprint.route("/your-data/copy.json")
@login_required
def download_copy(family_id: int):
    family, reader = _holder_book(family_id)
    document = export_family(db(), family.id, reader)
    body = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return _download(body.encode("utf-8"), "application/json",
                     _file_name(family, reader, "json"))


@blueprint.route("/your-data/booklet", methods=["POST"])
@login_required
def ask_for_booklet(family_id: int):
    """The whole book as a booklet in the page's language, made by the background worker."""
    family, reader = _holder_book(family_id)
    folder = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES")
    language = current_locale()
    if language not in available_languages(Path(folder) if folder else None):
        language = "en"
    options = Options(language=language,
                      online_url=url_for("book.home", family_id=family.id, _external=True))
    job = booklet_jobs.ask(db(), reader, job_options(options))
    return redirect(url_for("book.booklet_state", family_id=family.id, job_id=job.id))


@blueprint.route("/delete", methods=["GET", "POST"])
@login_required
def delete_book(family_id: int):
    family, reader = _holder_book(family_id)
    if erasure.pending(db(), family.id) is not None:
        return redirect(url_for("book.your_data", family_id=family.id))
    if request.method == "POST":
        request_made = erasure.ask_to_delete(db(), reader)
        flash(_("Your book is closed to everyone outside your family. It will be erased on "
                "%(day)s unless you keep it.", day=_day(request_made.erase_after)), "success")
        return redirect(url_for("book.home", family_id=family.id))
    return render_template("book/delete.html", family=family, reader=reader,
                           days=erasure.DAYS_TO_CHANGE_MIND)


@blueprint.route("/keep", methods=["POST"])
@login_required
def keep_book(family_id: int):
    family, reader = _holder_book(family_id)
    erasure.keep_book(db(), reader)
    flash(_("Your book is kept. Nothing is shared with anyone now. Share again when you want."),
          "success")
    return redirect(url_for("book.home", family_id=family.id))
