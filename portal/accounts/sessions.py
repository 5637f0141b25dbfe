"""Signed-in sessions: a fresh session at every sign-in, an idle time-out with a warning,
"sign out everywhere", and ending other sessions when a way to sign in changes.

A session lives on the server (record_book/accounts/sign_ins.py): the cookie holds a random
token, and every request is checked against the account's live sign-ins (portal/accounts/auth.py),
so a copy of the cookie dies with the session it was taken from.
"""

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts.drafts import keep_posted_form, keep_sent_typing
from portal.db import db
from record_book import policy
from record_book.accounts import sign_ins
from record_book.book.model import Account
from record_book.clock import utcnow

blueprint = Blueprint("sessions", __name__)

# Requests that must not count as "using the page".
_QUIET = {"static", "sessions.status"}


def start_session(account: Account) -> None:
    """Sign in with a brand-new session, so a session someone planted cannot be taken over."""
    from portal.accounts.auth import SignedIn

    locale = session.get("locale")
    sign_ins.end(db(), session.get("sid"))
    session.clear()
    if account.locale or locale:
        session["locale"] = account.locale or locale
    session["sid"] = sign_ins.begin(db(), account)
    session["last_seen"] = int(utcnow().timestamp())
    login_user(SignedIn(account))


def end_other_sessions(account: Account) -> None:
    """Every session of the account ends; this one, if it is the account's, goes on under a
    new token."""
    sign_ins.end_all(db(), account)
    if current_user.is_authenticated and current_user.account.id == account.id:
        start_session(account)


def end_session() -> None:
    """Ended on the server: a copy of this cookie is refused from now on."""
    sign_ins.end(db(), session.get("sid"))
    logout_user()
    session.clear()


def idle_timeout_seconds(account: Account) -> int:
    minutes = (current_app.config["IDLE_TIMEOUT_MINUTES"] if policy.is_family_account(account)
               else current_app.config["STAFF_IDLE_TIMEOUT_MINUTES"])
    return round(float(minutes) * 60)


def seconds_left() -> int:
    if not current_user.is_authenticated:
        return 0
    last = session.get("last_seen")
    if not isinstance(last, int):
        return idle_timeout_seconds(current_user.account)
    return max(0, last + idle_timeout_seconds(current_user.account)
               - int(utcnow().timestamp()))


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)

    @app.before_request
    def _idle_time_out():
        if request.endpoint in _QUIET or request.endpoint == "auth.leave":
            return None
        if not current_user.is_authenticated:
            return None
        now = int(utcnow().timestamp())
        last = session.get("last_seen")
        if isinstance(last, int) and now - last > idle_timeout_seconds(current_user.account):
            account_id = current_user.account.id
            kept = False
            if request.endpoint == "sessions.time_out":
                kept = keep_sent_typing(account_id)
            elif request.method == "POST" and request.form:
                kept = keep_posted_form(account_id)
            end_session()
            if request.endpoint in ("sessions.timed_out", "sessions.time_out"):
                return None if request.endpoint == "sessions.timed_out" else {
                    "redirect": url_for("sessions.timed_out")}
            flash(_("We signed you out because the page was not used for a while. We kept what "
                    "you typed: sign in again to get it back.") if kept else
                  _("We signed you out because the page was not used for a while."), "success")
            if request.is_json:
                return {"problem": _("You were signed out. Sign in again."),
                        "redirect": url_for("auth.sign_in")}, 401
            return redirect(url_for("auth.sign_in"))
        session["last_seen"] = now
        return None

    @app.context_processor
    def _timeout():
        if current_user.is_authenticated:
            return {"idle_timeout": idle_timeout_seconds(current_user.account),
                    "idle_warning": round(float(current_app.config["IDLE_WARNING_MINUTES"]) * 60)}
        return {"idle_timeout": None}


@blueprint.route("/session/status")
def status():
    """How long until the idle time-out; asking does not count as using the page."""
    return {"signed_in": current_user.is_authenticated, "seconds_left": seconds_left()}


@blueprint.route("/session/stay", methods=["POST"])
@login_required
def stay():
    """"Stay signed in": any request resets the clock; this one says so."""
    if request.is_json or request.headers.get("X-Requested-With") == "fetch":
        return {"signed_in": True, "seconds_left": seconds_left()}
    flash(_("You are still signed in."), "success")
    return redirect(url_for("auth.start"))


@blueprint.route("/session/time-out", methods=["POST"])
def time_out():
    """The page's last seconds (session-timeout.js): keep what the form holds, then sign out."""
    if current_user.is_authenticated:
        keep_sent_typing(current_user.account.id)
        end_session()
    return {"redirect": url_for("sessions.timed_out")}


@blueprint.route("/session/timed-out")
def timed_out():
    if current_user.is_authenticated:
        # Still in use in another tab: nothing to do.
        return redirect(url_for("auth.start"))
    return render_template("account/timed_out.html")


@blueprint.route("/account/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    sign_ins.end_all(db(), current_user.account)
    end_session()
    flash(_("You are signed out on every phone and computer."), "success")
    return redirect(url_for("auth.sign_in"))
