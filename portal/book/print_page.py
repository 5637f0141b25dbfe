"""The "Print our book" page: choose the language, size and parts, and download the booklet.

The booklet is made by the background worker (portal/booklet_worker.py), never by the web
request: pressing the button queues it and shows "Your booklet is being made", a page that
offers the download when it is ready, or says in plain words that it failed, with "Try again".
Only the person who asked gets it, and only while the policy lets them (policy.may_collect_
booklet): someone outside the family whose sharing stopped since it was made makes it again.

Someone outside the family who may open the book prints only what is shared with them now (the
booklet reads through the access rule, and its cover says so); each printed entry and plan part
is written to the family's access log in the same transaction.
"""

from dataclasses import dataclass, field
from pathlib import Path

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_login import login_required

from portal.book import blueprint
from portal.book.opening import open_book
from portal.booklet_worker import job_options
from portal.db import db
from portal.language import LANGUAGES, current_locale
from print_templates.booklet import SIZES, BookletOptionError, Options
from print_templates.i18n import available_languages
from print_templates.sections import SECTION_KEYS, SECTIONS
from record_book import policy
from record_book.book import booklet_jobs


@dataclass
class PrintForm:
    language: str
    large_print: bool = False
    size: str = "a4"
    folded: bool = False
    sections: list[str] = field(default_factory=lambda: list(SECTION_KEYS))
    problem: str | None = None  # an English message, translated in the template


def _translations() -> Path | None:
    folder = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES")
    return Path(folder) if folder else None


def _languages() -> list[tuple[str, str, str]]:
    have = set(available_languages(_translations()))
    return [(code, name, direction) for code, (name, direction) in LANGUAGES.items()
            if code in have]


def _page(family, reader, form: PrintForm, status: int = 200):
    return render_template("book/print.html", family=family, reader=reader, form=form,
                           languages=_languages(), sections=SECTIONS, sizes=SIZES), status


def _read_form() -> PrintForm:
    values = request.form
    return PrintForm(
        language=values.get("language", ""),
        large_print=values.get("large_print") == "yes",
        size=values.get("size", ""),
        folded=values.get("folded") == "yes",
        sections=values.getlist("sections"),
    )


@blueprint.route("/print", methods=["GET", "POST"])
@login_required
def print_booklet(family_id: int):
    family, reader = open_book(family_id)
    if request.method == "GET":
        language = current_locale()
        return _page(family, reader, PrintForm(language=language))
    form = _read_form()
    options = Options(
        language=form.language, large_print=form.large_print, size=form.size,
        folded=form.folded, sections=frozenset(form.sections),
        online_url=url_for("book.home", family_id=family.id, _external=True),
        translations_dir=_translations())
    try:
        options.check()
    except BookletOptionError as problem:
        form.problem = str(problem)
        return _page(family, reader, form, status=400)
    return _queued(family, reader, job_options(options))


def _queued(family, reader, options: dict):
    job = booklet_jobs.ask(db(), reader, options)
    return redirect(url_for("book.booklet_state", family_id=family.id, job_id=job.id))


def _own_job(family_id: int, job_id: int):
    family, reader = open_book(family_id)
    job = booklet_jobs.job_for(db(), reader, job_id)
    if job is None:
        abort(404)
    return family, reader, job


@blueprint.route("/print/<int:job_id>")
@login_required
def booklet_state(family_id: int, job_id: int):
    family, reader, job = _own_job(family_id, job_id)
    if request.accept_mimetypes.best == "application/json":  # booklet-wait.js asking
        return {"state": job.state}
    return render_template("book/booklet_state.html", family=family, reader=reader, job=job,
                           collectable=_collectable(reader, job),
                           expired=booklet_jobs.expired(job, reader.now),
                           waiting=job.state in (booklet_jobs.WAITING, booklet_jobs.MAKING))


def _collectable(reader, job) -> bool:
    return (job.state == booklet_jobs.READY and not booklet_jobs.expired(job, reader.now)
            and policy.may_collect_booklet(db(), reader, job.asked_by_id, job.finished_at))


@blueprint.route("/print/<int:job_id>/booklet.pdf")
@login_required
def download_booklet_pdf(family_id: int, job_id: int):
    _family, reader, job = _own_job(family_id, job_id)
    if not _collectable(reader, job):
        abort(404)
    pdf = booklet_jobs.pdf_of(db(), job)
    if pdf is None:
        abort(404)
    options = job.options
    name = f"family-book-{options['language']}{'-folded' if options['folded'] else ''}.pdf"
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store"})


@blueprint.route("/print/<int:job_id>/again", methods=["POST"])
@login_required
def booklet_again(family_id: int, job_id: int):
    family, reader, job = _own_job(family_id, job_id)
    return _queued(family, reader, dict(job.options))
