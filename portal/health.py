"""/healthz, for a load balancer to ask "can this app server answer?" every few seconds.

It asks the database a trivial question: an app server that cannot reach the database cannot
serve a page, so it should be taken out of rotation. The answer holds nothing about anyone.
"""

from flask import Blueprint
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.db import db

blueprint = Blueprint("health", __name__)


@blueprint.route("/healthz")
def healthz():
    try:
        db().execute(text("SELECT 1"))
    except SQLAlchemyError:
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
