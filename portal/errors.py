"""Plain-words pages for things going wrong, never a stack trace or a server's own text.

Each page renders even when the request's database session is broken: the session is dropped
first and the page does not ask the database who is signed in.
"""

from flask import Flask, g, render_template, request
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from redis.exceptions import ConnectionError as CountsUnreachable
from redis.exceptions import TimeoutError as CountsTooSlow
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as NoConnectionFree

from portal.db import discard
from portal.uploads import UPLOAD_ROUTES
from record_book.policy import NotAllowed

# The database cannot be reached, or dropped the connection, or every connection is busy; or
# the shared rate-limit counts (Redis) cannot be reached, so a sign-in cannot be checked: that
# door stays shut and says "try again" rather than letting unlimited guesses through.
UNAVAILABLE = (OperationalError, InterfaceError, NoConnectionFree, CountsUnreachable,
               CountsTooSlow)


def init_app(app: Flask) -> None:
    @app.errorhandler(400)
    def _bad_request(_error):
        return render_template("errors/bad_request.html"), 400

    @app.errorhandler(404)
    def _not_found(_error):
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(NotAllowed)
    def _not_theirs(_error):
        # Someone may not do this: they are told it is not there, and learn nothing more.
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(405)
    def _wrong_method(_error):
        return render_template("errors/not_found.html"), 405

    @app.errorhandler(CSRFError)
    def _expired_form(_error):
        return render_template("errors/form_expired.html"), 400

    @app.errorhandler(413)
    def _too_big(_error):
        return render_template("errors/too_big.html",
                               upload=request.endpoint in UPLOAD_ROUTES), 413

    @app.errorhandler(414)
    def _address_too_long(_error):
        return render_template("errors/too_long.html"), 414

    @app.errorhandler(500)
    def _broken(error):
        # Raised after the page was made (the rate limiter counts a failed try there).
        if isinstance(getattr(error, "original_exception", None), UNAVAILABLE):
            return unavailable_page()
        _forget_the_database()
        return render_template("errors/broken.html"), 500

    for problem in UNAVAILABLE:
        app.register_error_handler(problem, lambda _error: unavailable_page())
    app.register_error_handler(DataError, lambda _error: not_kept_page())


def _forget_the_database() -> None:
    discard()
    # The page must not ask the database who is signed in: it may be what just failed.
    g._login_user = AnonymousUserMixin()


def not_kept_page():
    """400: something sent does not fit the database (a value longer than its column); the
    transaction is rolled back, so nothing is half-saved."""
    _forget_the_database()
    return render_template("errors/bad_request.html"), 400


def unavailable_page():
    """503: the request's transaction is rolled back, so nothing is half-saved."""
    _forget_the_database()
    return render_template("errors/unavailable.html"), 503, {"Retry-After": "120"}
