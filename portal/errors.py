"""Plain-words pages for things going wrong, never a stack trace."""

from flask import Flask, g, render_template
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from redis.exceptions import ConnectionError as CountsUnreachable
from redis.exceptions import TimeoutError as CountsTooSlow
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as NoConnectionFree

# The database cannot be reached, or dropped the connection, or every connection is busy; or
# the shared rate-limit counts (Redis) cannot be reached, so a sign-in cannot be checked: that
# door stays shut and says "try again" rather than letting unlimited guesses through.
UNAVAILABLE = (OperationalError, InterfaceError, NoConnectionFree, CountsUnreachable,
               CountsTooSlow)


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def _not_found(_error):
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(CSRFError)
    def _expired_form(_error):
        return render_template("errors/form_expired.html"), 400

    @app.errorhandler(413)
    def _too_big(_error):
        return render_template("errors/too_big.html"), 413

    @app.errorhandler(500)
    def _broken(error):
        # Raised after the page was made (the rate limiter counts a failed try there).
        if isinstance(getattr(error, "original_exception", None), UNAVAILABLE):
            return _unavailable(error)
        return render_template("errors/broken.html"), 500

    for problem in UNAVAILABLE:
        app.register_error_handler(problem, _unavailable)


def _unavailable(_error):
    """503: the request's transaction is rolled back, so nothing is half-saved."""
    session = g.pop("db_session", None)
    if session is not None:
        try:
            session.rollback()
            session.close()
        except SQLAlchemyError:
            # The connection is gone; the database drops the unfinished transaction itself.
            pass
    # The page must not ask the database who is signed in: that is what just failed.
    g._login_user = AnonymousUserMixin()
    return render_template("errors/unavailable.html"), 503, {"Retry-After": "120"}
