"""How much a request may send: little everywhere (512 KB), more only where a family adds a
letter or a photo. A body past the limit is refused before it is read (the plain "too big"
page), so a 40 MB file never reaches the disk or the database."""

from flask import Flask, request

from record_book.book.attachments import MOST_IN

# The file, its caption and the form's hidden fields.
UPLOAD_LIMIT = MOST_IN + 256 * 1024
UPLOAD_ROUTES = {"book.add_attachment_page", "plans.add_step_file"}


def init_app(app: Flask) -> None:
    """Called before CSRF protection is set up: its check reads the form, and the limit must be
    in place before anything does."""
    @app.before_request
    def _larger_bodies_for_uploads():
        if request.endpoint in UPLOAD_ROUTES:
            request.max_content_length = UPLOAD_LIMIT
