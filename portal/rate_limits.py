"""Rate limits (Flask-Limiter) on the doors people could try to force: sign-in, recovery codes,
invitation and re-join codes, a family's code at /connect and the current password. Only failed
tries count, so a family on a shared connection is never held up by its neighbours' successes.

Limits slow a guesser without locking the owner out:
- per account and address together, with growing waits (a minute, then ten, then an hour): a
  guesser at one address is held up at that address only;
- per account, only for tries from addresses that account has never signed in from and from
  browsers it has never signed in on (a cookie holding a keyed hash per account, nothing
  readable): the owner at home, or on their own phone whatever network it is on, is never held
  up by someone elsewhere, and a passkey is its own credential, which a guesser does not hold;
- per address, across accounts: one address cannot try every account in turn.
Each app gets its own limiter, so tests can run apps side by side.
"""

import hashlib
import hmac
import math
import time

from flask import Flask, current_app, render_template, request
from flask_babel import ngettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

from record_book.accounts.accounts import normalise_username
from record_book.accounts.invitations import normalise

# endpoint -> how to name "the account" a try was aimed at
LIMITED = {
    "auth.sign_in": "username",
    "passkeys.sign_in_verify": "credential",
    "passkeys.recovery_sign_in": "username",
    "joining.enter_code": "code",  # joining, re-joining and set-up codes alike
    "professional.connect": "signed_in",  # a professional typing a family's code
    "passkeys.set_password": "signed_in",  # guessing the current password
    "contributions.confirm_here": "username",  # a holder confirming on the advocate's phone
}
# Ways of naming an account whose owner signs in at this door: a success there makes the
# address, and the browser, the account's own.
SIGNS_IN = ("username", "credential")
KNOWN_BROWSER = "known_browser"
# A shared phone may be used by a few people; the oldest are forgotten first.
MOST_KNOWN = 5


def _address() -> str:
    return get_remote_address() or "unknown"


def _ip_key() -> str:
    return "ip:" + _address()


def _who(how: str) -> str | None:
    """The account (or code) a try is aimed at, or None when the form names none."""
    if how == "username":
        name = normalise_username(request.form.get("username", ""))
        return "account:" + name if name else None
    if how == "signed_in":
        return "account-id:" + str(current_user.get_id())
    if how == "code":
        code = normalise(request.form.get("code", ""))
        return "code:" + code if code else None
    data = request.get_json(silent=True) or {}
    credential = data.get("credential") if isinstance(data, dict) else None
    ident = credential.get("id") if isinstance(credential, dict) else None
    return "credential:" + ident[:200] if isinstance(ident, str) and ident else None


def _account_key(how: str):
    def key() -> str:
        return _who(how) or _ip_key()

    return key


def _pair_key(how: str):
    def key() -> str:
        return (_who(how) or "nobody") + "|" + _ip_key()

    return key


def _known_key(who: str) -> str:
    return current_app.config.get("RATELIMIT_KEY_PREFIX", "") + "known:" + who + "|" + _address()


def _browser_mark(who: str) -> str:
    key = str(current_app.secret_key).encode()
    return hmac.new(key, b"known-browser:" + who.encode(), hashlib.sha256).hexdigest()[:24]


def _browser_marks() -> list[str]:
    return [mark for mark in request.cookies.get(KNOWN_BROWSER, "").split(".") if mark][
        -MOST_KNOWN:]


def _from_own_address(how: str):
    def exempt() -> bool:
        who = _who(how) if how in SIGNS_IN else None
        if who is None:
            return False
        if _browser_mark(who) in _browser_marks():
            return True
        return current_app.extensions["rate_limiter"].storage.get(_known_key(who)) > 0

    return exempt


def _remember_address(response):
    how = LIMITED.get(request.endpoint)
    if how in SIGNS_IN and request.method == "POST" and response.status_code < 400:
        who = _who(how)
        if who is not None:
            days = current_app.config["KNOWN_ADDRESS_DAYS"]
            storage = current_app.extensions["rate_limiter"].storage
            storage.incr(_known_key(who), days * 86400)
            mark = _browser_mark(who)
            marks = [m for m in _browser_marks() if m != mark] + [mark]
            response.set_cookie(KNOWN_BROWSER, ".".join(marks[-MOST_KNOWN:]),
                                max_age=days * 86400, httponly=True, samesite="Lax",
                                secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _failed(response) -> bool:
    # A try refused for being one too many was never checked: it is not another failure.
    return response.status_code >= 400 and response.status_code != 429


def _limits(name: str):
    return lambda: current_app.config[name]


def init_app(app: Flask) -> None:
    """Call after every blueprint is registered: it wraps those blueprints' views."""
    limiter = Limiter(key_func=_ip_key, storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      enabled=app.config["RATELIMIT_ENABLED"], headers_enabled=False)
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
    for endpoint, how in LIMITED.items():
        view = app.view_functions[endpoint]
        view = limiter.limit(_limits("RATE_LIMIT_PER_ACCOUNT"), key_func=_account_key(how),
                             methods=["POST"], deduct_when=_failed,
                             exempt_when=_from_own_address(how),
                             scope=endpoint + ":account")(view)
        view = limiter.limit(_limits("RATE_LIMIT_PER_PAIR"), key_func=_pair_key(how),
                             methods=["POST"], deduct_when=_failed,
                             scope=endpoint + ":pair")(view)
        view = limiter.limit(_limits("RATE_LIMIT_PER_IP"), key_func=_ip_key, methods=["POST"],
                             deduct_when=_failed, scope=endpoint + ":ip")(view)
        app.view_functions[endpoint] = view
    if app.config["RATELIMIT_ENABLED"]:
        app.after_request(_remember_address)
    # A load balancer asks every few seconds; it must never be told to wait.
    limiter.exempt(app.view_functions["health.healthz"])

    @app.errorhandler(429)
    def _too_many(_error):
        if request.is_json:
            return {"problem": too_many_tries()}, 429
        return render_template("errors/too_many_tries.html", message=too_many_tries()), 429


def minutes_to_wait() -> int:
    breached = current_app.extensions["rate_limiter"].current_limit
    if breached is None:
        return 10
    # reset_at is rounded up to the next whole second.
    return max(1, math.ceil((breached.reset_at - 1 - time.time()) / 60))


def too_many_tries() -> str:
    minutes = minutes_to_wait()
    return ngettext("There have been too many tries. Wait %(num)s minute, then try again.",
                    "There have been too many tries. Wait %(num)s minutes, then try again.",
                    minutes)
