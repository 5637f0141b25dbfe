"""Letters and photos on an entry: adding, seeing, downloading, turning and removing them.

Files are served only from here, never from a public address, and only through the reading
path: someone outside the family gets a file only while its entry is shared with them, and
their opening it is in the family's access log. Each file goes out with its own type, a
Content-Disposition, `nosniff` and a sandboxing Content-Security-Policy, so that even a file
that fooled the cleaning could not run in the portal's name.
"""

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal.book import blueprint
from portal.book.entry_pages import show_entry
from portal.book.opening import open_book, open_entry
from portal.db import attempt, db
from record_book import reading
from record_book.book.attachments import (
    Upload,
    add_attachment,
    file_of,
    remove_attachment,
    turn_photo,
)
from record_book.book.text import isolate
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed

# A file is shown, never run: no scripts, no plugins, no forms, not framed by another site.
FILE_POLICY = "default-src 'none'; img-src 'self'; object-src 'none'; sandbox; " \
              "frame-ancestors 'none'"
MEDIA_TYPES = {"photo": "image/jpeg", "pdf": "application/pdf"}
ENDINGS = {"photo": "jpg", "pdf": "pdf"}


def _entry_page(family_id: int, entry_id: int):
    return redirect(url_for("book.view_entry", family_id=family_id, entry_id=entry_id)
                    + "#letters-and-photos")


@blueprint.route("/entries/<int:entry_id>/attachments", methods=["POST"])
@login_required
def add_attachment_page(family_id: int, entry_id: int):
    family, reader = open_book(family_id)
    entry = open_entry(reader, entry_id)
    sent = request.files.get("file")
    upload = Upload(sent.filename or "" if sent else "", sent.read() if sent else b"",
                    request.form.get("caption", ""))
    try:
        with attempt():
            add_attachment(db(), reader, entry, upload)
    except Invalid as invalid:
        return show_entry(family, reader, entry, upload_problems=invalid.problems,
                          caption=upload.caption, status=400)
    except NotAllowed:
        abort(404)
    flash(_("Added “%(caption)s”.", caption=isolate(upload.caption.strip())), "success")
    return _entry_page(family.id, entry.id)


def file_response(attachment, content: bytes | None, media_type: str, disposition: str):
    if content is None:
        abort(404)
    response = Response(content, mimetype=media_type)
    # The caption stays out of the header (and out of browser download lists): it is the
    # family's words, and a plain number is all a file name needs.
    name = f"attachment-{attachment.id}.{ENDINGS[attachment.kind]}"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    # Kept by portal/security.py in place of the pages' own policy.
    response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


def _served(family_id: int, attachment_id: int, action: str):
    _family, reader = open_book(family_id)
    attachment = reading.attachment(db(), reader, attachment_id, action)
    if attachment is None or attachment.family_id != family_id:
        abort(404)
    return attachment


@blueprint.route("/attachments/<int:attachment_id>/thumbnail")
@login_required
def attachment_thumbnail(family_id: int, attachment_id: int):
    attachment = _served(family_id, attachment_id, "read")
    if not attachment.is_photo:
        abort(404)
    return file_response(attachment, file_of(db(), attachment, thumbnail=True), "image/jpeg",
                          "inline")


@blueprint.route("/attachments/<int:attachment_id>")
@login_required
def open_attachment(family_id: int, attachment_id: int):
    """The larger view: the photo or the PDF itself, shown by the phone's own viewer."""
    attachment = _served(family_id, attachment_id, "open")
    return file_response(attachment, file_of(db(), attachment), MEDIA_TYPES[attachment.kind],
                          "inline")


@blueprint.route("/attachments/<int:attachment_id>/download")
@login_required
def download_attachment(family_id: int, attachment_id: int):
    attachment = _served(family_id, attachment_id, "open")
    return file_response(attachment, file_of(db(), attachment), MEDIA_TYPES[attachment.kind],
                          "attachment")


def _changed(family_id: int, attachment_id: int, change):
    _family, reader = open_book(family_id)
    attachment = reading.attachment(db(), reader, attachment_id, "read")
    if attachment is None or attachment.family_id != family_id:
        abort(404)
    try:
        change(db(), reader, attachment)
    except NotAllowed:
        abort(404)
    return attachment


@blueprint.route("/attachments/<int:attachment_id>/turn", methods=["POST"])
@login_required
def turn_attachment(family_id: int, attachment_id: int):
    attachment = _changed(family_id, attachment_id, turn_photo)
    flash(_("Turned “%(caption)s”.", caption=isolate(attachment.caption)), "success")
    return _entry_page(family_id, attachment.entry_id)


@blueprint.route("/attachments/<int:attachment_id>/remove", methods=["POST"])
@login_required
def remove_attachment_page(family_id: int, attachment_id: int):
    attachment = _changed(family_id, attachment_id, remove_attachment)
    flash(_("Removed “%(caption)s” from this entry. It stays in the entry's history.",
            caption=isolate(attachment.caption)), "success")
    return _entry_page(family_id, attachment.entry_id)
