"""The pages of a family's book."""

from flask import Blueprint

blueprint = Blueprint("book", __name__, url_prefix="/families/<int:family_id>")

from . import entry_pages, pages, print_page  # noqa: E402,F401  (routes register themselves)
