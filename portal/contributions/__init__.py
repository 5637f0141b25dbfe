"""Entries written from outside the family (the advocate, professionals the family allows, and
the family's paper book typed in), and the family's side: accepting, refusing, answering."""

from flask import Blueprint

blueprint = Blueprint("contributions", __name__, url_prefix="/families/<int:family_id>")

# The routes register themselves.
from portal.contributions import answering, paper, writing  # noqa: E402,F401
