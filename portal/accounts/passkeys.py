"""Passkeys, passwords and recovery codes: the pages of "your ways to sign in", and signing in
with a passkey (no username typed) or a recovery code.

The browser side is portal/static/js/passkeys.js; it posts JSON with the CSRF token in a header.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from portal.accounts.sessions import end_other_sessions, start_session
from portal.db import attempt, db
from record_book import policy
from record_book.accounts import passkeys as domain
from record_book.accounts import recovery
from record_book.accounts.accounts import hash_password, password_matches
from record_book.accounts.passkeys import Challenge, PasskeyRefused, RelyingParty
from record_book.accounts.passwords import MIN_PASSWORD_LENGTH
from record_book.accounts.passwords import password_problem as weakness
from record_book.book.model import Account

blueprint = Blueprint("passkeys", __name__)

REGISTER = "passkey_register"
HANDLE = "passkey_user_handle"
SIGN_IN = "passkey_sign_in"


def relying_party() -> RelyingParty:
    config = current_app.config
    return RelyingParty(config["RP_ID"], config["RP_NAME"], config["ORIGIN"])


def refusal_message(reason: str) -> str:
    messages = {
        "expired": _("That took too long, or the page was used twice. Try again."),
        "unknown": _("This passkey is not known here. It may have been removed. "
                     "Sign in another way."),
        "counter": _("This passkey looks like a copy, so we did not let it in. "
                     "Sign in another way and remove it."),
        "duplicate": _("This passkey is already added."),
        "last_way_in": _("You cannot remove your last way to sign in. Add another one first."),
        "no_name": _("Give the passkey a name."),
    }
    return messages.get(reason, _("The passkey answer was not right. Nothing was changed. "
                                  "Try again."))


CEREMONY = {REGISTER: domain.REGISTER, SIGN_IN: domain.SIGN_IN}


def keep_challenge(key: str, challenge: Challenge, account: Account | None = None) -> None:
    """The challenge is kept on the server; the session holds its number. Asking again in the
    same session drops the one asked for before: only the newest counts."""
    domain.drop_challenge(db(), session.pop(key, None))
    session[key] = domain.keep_challenge(db(), challenge, CEREMONY[key], account)


def take_challenge(key: str, account: Account | None = None) -> Challenge | None:
    """A challenge works once: it leaves the session and the database as it is used."""
    return domain.take_challenge(db(), session.pop(key, None), CEREMONY[key], account)


def json_body() -> dict:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def problem(message: str, status: int = 400):
    return {"problem": message}, status


# ---- signing in -------------------------------------------------------------------------------

@blueprint.route("/sign-in/passkey/options", methods=["POST"])
def sign_in_options():
    options, challenge = domain.authentication_options(relying_party())
    keep_challenge(SIGN_IN, challenge)
    return current_app.response_class(options, mimetype="application/json")


@blueprint.route("/sign-in/passkey", methods=["POST"])
def sign_in_verify():
    challenge = take_challenge(SIGN_IN)
    try:
        with attempt():
            passkey = domain.verify_authentication(db(), relying_party(),
                                                   json_body().get("credential"), challenge)
    except PasskeyRefused as refused:
        return problem(refusal_message(refused.reason))
    account = passkey.account
    start_session(account)
    return {"redirect": url_for("auth.start")}


@blueprint.route("/sign-in/recovery", methods=["GET", "POST"])
def recovery_sign_in():
    message = None
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "")
        account = recovery.use_code(db(), username, request.form.get("code", ""))
        if account is None:
            message = _("That username and recovery code do not match, or the code was used "
                        "before. Check them and try again.")
        else:
            start_session(account)
            flash(_("You used a recovery code. It will not work again. Add a new passkey or "
                    "password now."), "success")
            return redirect(url_for("passkeys.account"))
    return render_template("account/recovery_sign_in.html", problem=message,
                           username=username), 400 if message else 200


# ---- your ways to sign in ---------------------------------------------------------------------

def _page(status: int = 200, **problems):
    account = current_user.account
    return render_template(
        "account/index.html", account=account, passkeys=domain.passkeys_of(db(), account),
        ways_in=domain.ways_in(db(), account),
        may_use_password=policy.is_family_account(account),
        codes_left=recovery.codes_left(db(), account),
        has_codes=recovery.has_codes(db(), account),
        verified=policy.is_checked(db(), account), problems=problems), status


@blueprint.route("/account")
@login_required
def account():
    return _page()


@blueprint.route("/account/passkeys/options", methods=["POST"])
@login_required
def add_options():
    account = current_user.account
    handle = domain.user_handle_of(db(), account)
    options, challenge = domain.registration_options(
        relying_party(), account.username, account.display_name, handle,
        domain.passkeys_of(db(), account))
    keep_challenge(REGISTER, challenge, account)
    session[HANDLE] = bytes_to_base64url(handle)
    return current_app.response_class(options, mimetype="application/json")


@blueprint.route("/account/passkeys", methods=["POST"])
@login_required
def add():
    account = current_user.account
    data = json_body()
    # Taken before the attempt, so a refused answer still uses the challenge up.
    challenge = take_challenge(REGISTER, account)
    try:
        with attempt():
            new = domain.verify_registration(relying_party(), data.get("credential"), challenge)
            domain.add_passkey(db(), account, new, str(data.get("name") or _("My phone")),
                               base64url_to_bytes(session.pop(HANDLE, "")))
    except PasskeyRefused as refused:
        return problem(refusal_message(refused.reason))
    end_other_sessions(account)
    flash(_("Passkey added. You are signed out everywhere else."), "success")
    return {"redirect": url_for("passkeys.account")}


@blueprint.route("/account/passkeys/<int:passkey_id>/rename", methods=["POST"])
@login_required
def rename(passkey_id: int):
    try:
        with attempt():
            domain.rename_passkey(db(), current_user.account, passkey_id,
                                  request.form.get("name", ""))
    except PasskeyRefused as refused:
        if refused.reason == "unknown":
            abort(404)
        return _page(400, passkey=refusal_message(refused.reason))
    flash(_("Passkey renamed."), "success")
    return redirect(url_for("passkeys.account"))


@blueprint.route("/account/passkeys/<int:passkey_id>/remove", methods=["POST"])
@login_required
def remove(passkey_id: int):
    account = current_user.account
    try:
        with attempt():
            domain.remove_passkey(db(), account, passkey_id)
    except PasskeyRefused as refused:
        if refused.reason == "unknown":
            abort(404)
        return _page(400, passkey=refusal_message(refused.reason))
    end_other_sessions(account)
    flash(_("Passkey removed. You are signed out everywhere else."), "success")
    return redirect(url_for("passkeys.account"))


def password_problem(password: str, again: str, known_words: tuple[str, ...] = ()
                     ) -> str | None:
    reason = weakness(password, known_words)
    if reason == "short":
        return _("Make your password at least %(count)s characters long.",
                 count=MIN_PASSWORD_LENGTH)
    if reason == "spaces":
        return _("A password cannot be only spaces. Choose a few words you will remember.")
    if reason == "guessable":
        return _("That password is one many people use, or is easy to guess. "
                 "Choose a few words you will remember that others would not guess.")
    if password != again:
        return _("The two passwords are not the same. Type them again.")
    return None


@blueprint.route("/account/password", methods=["POST"])
@login_required
def set_password():
    account = current_user.account
    if not policy.may_use_password(account, demo_mode=False):
        abort(404)
    # Someone who finds this phone signed in must not be able to lock its owner out.
    if account.password_hash and not password_matches(
            account, request.form.get("current_password", "")):
        return _page(400, current_password=_(
            "That is not your current password. Type it again."))
    message = password_problem(request.form.get("password", ""),
                               request.form.get("password_again", ""),
                               (account.username, account.display_name))
    if message:
        return _page(400, password=message)
    account.password_hash = hash_password(request.form["password"])
    end_other_sessions(account)
    flash(_("Password saved. You are signed out everywhere else."), "success")
    return redirect(url_for("passkeys.account"))


@blueprint.route("/account/password/remove", methods=["POST"])
@login_required
def remove_password():
    account = current_user.account
    if not policy.is_family_account(account) or not account.password_hash:
        abort(404)
    if domain.ways_in(db(), account) <= 1:
        return _page(400, password=refusal_message("last_way_in"))
    account.password_hash = None
    end_other_sessions(account)
    flash(_("Password removed. You are signed out everywhere else."), "success")
    return redirect(url_for("passkeys.account"))


@blueprint.route("/account/recovery-codes", methods=["GET", "POST"])
@login_required
def recovery_codes():
    account = current_user.account
    if not policy.is_family_account(account):
        abort(404)
    if request.method == "POST":
        codes = recovery.new_codes(db(), account)
        end_other_sessions(account)
        # Shown in this answer only: never kept anywhere they could be read back.
        return render_template("account/recovery_codes.html", codes=codes, account=account)
    return render_template("account/recovery_codes.html", codes=None, account=account,
                           codes_left=recovery.codes_left(db(), account),
                           has_codes=recovery.has_codes(db(), account))
