"""The pages of a family's book."""

from flask import Blueprint

blueprint = Blueprint("book", __name__, url_prefix="/families/<int:family_id>")

# The routes register themselves.
from portal.book import (  # noqa: E402,F401
    attachment_pages,
    entry_pages,
    pages,
    print_page,
    your_data,
)
