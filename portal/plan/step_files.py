"""Letters and photos on the plan's steps ("write to the landlord with photos of the mould").

A step's file is read by the plan's rule through `plans.reading`: someone the family shared a
goal with sees the files of its steps, and opening one is in the access log. Files are served as
the entries' are (`portal.book.attachment_pages`).
"""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from plans import reading as plan_reading
from portal.book.attachment_pages import MEDIA_TYPES, file_response
from portal.db import attempt, db
from portal.plan.pages import blueprint, book_and_plan, plan_to_edit
from portal.presenters import translate
from record_book.book.attachments import (
    Upload,
    file_of,
    remove_attachment,
    turn_photo,
)
from record_book.book.text import isolate
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed


def _back_to_step(family_id: int, step_id: str):
    return redirect(url_for("plans.view", family_id=family_id) + f"#step-{step_id}")


@blueprint.route("/steps/<step_id>/attachments", methods=["POST"])
@login_required
def add_step_file(family_id: int, step_id: str):
    family, reader, plan = plan_to_edit(family_id)
    sent = request.files.get("file")
    upload = Upload(sent.filename or "" if sent else "", sent.read() if sent else b"",
                    request.form.get("caption", ""))
    try:
        with attempt():
            plan_reading.attach_to_step(db(), reader, plan, step_id[:16], upload)
    except NotAllowed:
        abort(404)
    except Invalid as invalid:
        # The plan page is long; the problem comes back at the top of it, in plain words.
        for problem in invalid.problems.values():
            flash(translate(problem.message, **problem.params), "problem")
        return _back_to_step(family.id, step_id)
    flash(_("Added “%(caption)s”.", caption=isolate(upload.caption.strip())), "success")
    return _back_to_step(family.id, step_id)


def _served(family_id: int, attachment_id: int, action: str):
    _family, reader, plan = book_and_plan(family_id)
    file = plan_reading.step_attachment(db(), reader, plan, attachment_id, action) \
        if plan is not None else None
    if file is None:
        abort(404)
    return file


@blueprint.route("/attachments/<int:attachment_id>")
@login_required
def open_step_file(family_id: int, attachment_id: int):
    file = _served(family_id, attachment_id, "open")
    return file_response(file, file_of(db(), file), MEDIA_TYPES[file.kind], "inline")


@blueprint.route("/attachments/<int:attachment_id>/thumbnail")
@login_required
def step_file_thumbnail(family_id: int, attachment_id: int):
    file = _served(family_id, attachment_id, "read")
    if not file.is_photo:
        abort(404)
    return file_response(file, file_of(db(), file, thumbnail=True), "image/jpeg", "inline")


@blueprint.route("/attachments/<int:attachment_id>/download")
@login_required
def download_step_file(family_id: int, attachment_id: int):
    file = _served(family_id, attachment_id, "open")
    return file_response(file, file_of(db(), file), MEDIA_TYPES[file.kind], "attachment")


def _change(family_id: int, attachment_id: int, change):
    _family, reader, plan = plan_to_edit(family_id)
    file = plan_reading.step_attachment(db(), reader, plan, attachment_id, "read")
    if file is None:
        abort(404)
    try:
        change(db(), reader, file)
    except NotAllowed:
        abort(404)
    return file


@blueprint.route("/attachments/<int:attachment_id>/turn", methods=["POST"])
@login_required
def turn_step_file(family_id: int, attachment_id: int):
    file = _change(family_id, attachment_id, turn_photo)
    flash(_("Turned “%(caption)s”.", caption=isolate(file.caption)), "success")
    return _back_to_step(family_id, file.step_id)


@blueprint.route("/attachments/<int:attachment_id>/remove", methods=["POST"])
@login_required
def remove_step_file(family_id: int, attachment_id: int):
    file = _change(family_id, attachment_id, remove_attachment)
    flash(_("Removed “%(caption)s” from this step.", caption=isolate(file.caption)), "success")
    return _back_to_step(family_id, file.step_id)
