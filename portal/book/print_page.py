"""The "Print our book" page: choose the language, size and parts, and download the booklet.

Someone outside the family who may open the book prints only what is shared with them now (the
booklet reads through the access rule, and its cover says so); each printed entry and plan part
is written to the family's access log in the same transaction.
"""

from dataclasses import dataclass, field
from pathlib import Path

from flask import Response, current_app, render_template, request, url_for
from flask_login import login_required

from portal.book import blueprint
from portal.book.opening import open_book
from portal.db import attempt, db
from portal.language import LANGUAGES, current_locale
from print_templates.booklet import SIZES, BookletOptionError, Options, build_booklet
from print_templates.i18n import available_languages
from print_templates.sections import SECTION_KEYS, SECTIONS


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
        with attempt():
            booklet = build_booklet(db(), reader, options)
    except BookletOptionError as problem:
        form.problem = str(problem)
        return _page(family, reader, form, status=400)
    name = f"family-book-{form.language}{'-folded' if form.folded else ''}.pdf"
    return Response(booklet.pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store"})
