"""How much a request may send: little everywhere (512 KB), more only where a family adds a
letter or a photo. A body past the limit is refused before it is read (the plain "too big"
page), so a 40 MB file never reaches the disk or the database.

An address is at most 4 KB: no page of ours needs more, and past it the plain "too long" page
answers. nginx (deploy/nginx.conf) lets 6 KB through and gunicorn (gunicorn.conf.py) 8 KB, so
up to nginx's limit it is this page people see; past it nginx serves the same words itself.
"""

from flask import Flask, abort, request

from record_book.book.attachments import MOST_IN

# The file, its caption and the form's hidden fields.
UPLOAD_LIMIT = MOST_IN + 256 * 1024
UPLOAD_ROUTES = {"book.add_attachment_page", "plans.add_step_file"}
LONGEST_ADDRESS = 4096


def init_app(app: Flask) -> None:
    """Called before CSRF protection is set up: its check reads the form, and the limit must be
    in place before anything does."""
    @app.before_request
    def _refuse_long_addresses():
        address = request.environ.get("RAW_URI") or request.full_path
        if len(address.encode("utf-8", "surrogateescape")) > LONGEST_ADDRESS:
            abort(414)

    @app.before_request
    def _larger_bodies_for_uploads():
        if request.endpoint in UPLOAD_ROUTES:
            request.max_content_length = UPLOAD_LIMIT
