"""Rate limits (Flask-Limiter) on the doors people could try to force: sign-in, recovery codes
and invitation codes. Each is limited per IP address and per account (or per code typed).

Only failed tries count, so a family signing in on a shared connection is never held up by its
own neighbours' successes. Each app gets its own limiter, so tests can run apps side by side.
"""

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
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
    "joining.enter_code": "code",
    "passkeys.set_password": "signed_in",  # guessing the current password
    "contributions.confirm_here": "username",  # a holder confirming on the advocate's phone
}


def _per_ip() -> str:
    return current_app.config["RATE_LIMIT_PER_IP"]


def _per_account() -> str:
    return current_app.config["RATE_LIMIT_PER_ACCOUNT"]


def _ip_key() -> str:
    return "ip:" + (get_remote_address() or "unknown")


def _account_key(how: str):
    def key() -> str:
        if how == "username":
            name = normalise_username(request.form.get("username", ""))
            return "account:" + name if name else _ip_key()
        if how == "signed_in":
            return "account-id:" + str(current_user.get_id())
        if how == "code":
            code = normalise(request.form.get("code", ""))
            return "code:" + code if code else _ip_key()
        data = request.get_json(silent=True) or {}
        credential = data.get("credential") if isinstance(data, dict) else None
        ident = credential.get("id") if isinstance(credential, dict) else None
        return "credential:" + ident[:200] if isinstance(ident, str) and ident else _ip_key()

    return key


def _failed(response) -> bool:
    return response.status_code >= 400


def init_app(app: Flask) -> None:
    """Call after every blueprint is registered: it wraps those blueprints' views."""
    limiter = Limiter(key_func=_ip_key, storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      enabled=app.config["RATELIMIT_ENABLED"], headers_enabled=False)
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
    for endpoint, how in LIMITED.items():
        view = app.view_functions[endpoint]
        view = limiter.limit(_per_account, key_func=_account_key(how), methods=["POST"],
                             deduct_when=_failed, scope=endpoint + ":account")(view)
        view = limiter.limit(_per_ip, key_func=_ip_key, methods=["POST"],
                             deduct_when=_failed, scope=endpoint + ":ip")(view)
        app.view_functions[endpoint] = view
    # A load balancer asks every few seconds; it must never be told to wait.
    limiter.exempt(app.view_functions["health.healthz"])

    @app.errorhandler(429)
    def _too_many(_error):
        if request.is_json:
            return {"problem": too_many_tries()}, 429
        return render_template("errors/too_many_tries.html"), 429


def too_many_tries() -> str:
    return _("There have been too many tries. Wait 10 minutes, then try again.")
