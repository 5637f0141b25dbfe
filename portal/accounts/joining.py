"""Invitations: a professional starts a book, a holder invites someone into it, the advocate
helps a holder back in, and whoever has the code claims it on their own phone.
"""

import secrets

import segno
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
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from portal.accounts.passkeys import (
    REGISTER,
    json_body,
    keep_challenge,
    password_problem,
    problem,
    refusal_message,
    relying_party,
    take_challenge,
)
from portal.accounts.sessions import end_other_sessions, start_session
from portal.book.opening import open_book
from portal.db import attempt, db
from record_book import policy, reading
from record_book.accounts import invitations as domain
from record_book.accounts import passkeys as keys
from record_book.accounts import recovery
from record_book.accounts.accounts import create_account, find_account, hash_password
from record_book.accounts.invitations import InvitationRefused
from record_book.accounts.model import Invitation
from record_book.accounts.passkeys import PasskeyRefused
from record_book.book.model import Account, Entry, Membership
from record_book.book.numbers import whole_number

blueprint = Blueprint("joining", __name__)

HELD = "invitation"
PENDING = "join_pending"


def refusal(reason: str, usable_from=None) -> str:
    if reason == "waiting" and usable_from is not None:
        return _("This code starts working on %(date)s. Until then, the old ways to sign in "
                 "still work, and the family can stop it.",
                 date=format_datetime(usable_from, "d MMMM yyyy 'at' HH:mm"))
    messages = {
        "cancelled": _("Someone in the family stopped that code. Ask for a new one."),
        "unknown": _("We do not know that code. Check it and type it again."),
        "expired": _("That code is too old. Codes work for 7 days. Ask for a new one."),
        "used": _("That code has been used already. Each code works once. Ask for a new one."),
        "not_verified": _("Your account has not been checked yet. Ask your admin to check it."),
        "too_young": _("Young people can join from the age of 12."),
        "not_holder": _("Choose one of the people who hold this book."),
        "wrong_account": _("That code is for someone else."),
    }
    return messages.get(reason, _("That cannot be done here."))


def qr_data_uri(code: str) -> str:
    link = current_app.config["ORIGIN"].rstrip("/") + url_for("joining.enter_code", code=code)
    return segno.make(link, error="m").svg_data_uri(scale=4, border=2)


def invitation_page(invitation: Invitation, code: str):
    """The code, shown this once, with a QR code, ready to print."""
    return render_template(
        "join/invitation.html", invitation=invitation, code=code, qr=qr_data_uri(code),
        expires=format_date(invitation.expires_at, "d MMMM yyyy"),
        usable_from=(format_datetime(invitation.usable_from, "d MMMM yyyy 'at' HH:mm")
                     if invitation.usable_from else None))


# ---- giving out codes -------------------------------------------------------------------------

@blueprint.route("/start-a-book", methods=["GET", "POST"])
@login_required
def start_a_book():
    account = current_user.account
    if not policy.is_professional(account):
        abort(404)
    message = None
    if request.method == "POST":
        title = " ".join(request.form.get("book_title", "").split())
        if not title:
            message = _("Give the book a name, for example the family's surname.")
        else:
            try:
                with attempt():
                    invitation, code = domain.invite_to_start_book(db(), account, title)
            except InvitationRefused as refused:
                message = refusal(refused.reason)
            else:
                return invitation_page(invitation, code)
    return render_template(
        "join/start_a_book.html", problem=message, verified=policy.is_checked(db(), account),
        sent=[(i, domain.status(i)) for i in domain.invitations_by(db(), account, "start_book")],
    ), 400 if message else 200


def _people_without_accounts(reader) -> list[Entry]:
    """The people the holder may read (never a young person's private one), who have no
    account yet."""
    linked = set(db().scalars(select(Membership.member_entry_id).where(
        Membership.family_id == reader.family_id, Membership.member_entry_id.is_not(None))))
    return sorted((person for person in reading.entries(db(), reader, "member")
                   if person.id not in linked), key=lambda person: person.title)


@blueprint.route("/families/<int:family_id>/invite", methods=["GET", "POST"])
@login_required
def invite(family_id: int):
    family, reader = open_book(family_id)
    if not policy.may_invite(reader):
        abort(404)
    people = _people_without_accounts(reader)
    message = None
    if request.method == "POST":
        member = request.form.get("member", "")
        try:
            with attempt():
                invitation, code = domain.invite_to_join(
                    db(), reader, request.form.get("role", ""),
                    whole_number(member),
                    request.form.get("twelve_or_older") == "yes")
        except InvitationRefused as refused:
            message = (_("Choose who you are inviting.") if refused.reason == "bad_role"
                       else refusal(refused.reason))
        else:
            return invitation_page(invitation, code)
    return render_template("join/invite.html", family=family, reader=reader, people=people,
                           problem=message), 400 if message else 200


@blueprint.route("/families/<int:family_id>/rejoin", methods=["GET", "POST"])
@login_required
def rejoin(family_id: int):
    family, reader = open_book(family_id)
    if not policy.may_rejoin_holder(reader):
        abort(404)
    holders = domain.holders_of(db(), family.id)
    message = None
    if request.method == "POST":
        chosen = request.form.get("holder", "")
        chosen = whole_number(chosen)
        holder = db().get(Account, chosen) if chosen is not None else None
        try:
            with attempt():
                if holder is None:
                    raise InvitationRefused("not_holder")
                invitation, code = domain.invite_to_rejoin(db(), reader, holder)
        except InvitationRefused as refused:
            message = refusal(refused.reason)
        else:
            return invitation_page(invitation, code)
    return render_template("join/rejoin.html", family=family, reader=reader, holders=holders,
                           problem=message), 400 if message else 200


@blueprint.route("/families/<int:family_id>/rejoin/<int:invitation_id>/stop", methods=["POST"])
@login_required
def stop_rejoin(family_id: int, invitation_id: int):
    """Any holder stops a re-join code someone made for this book."""
    family, reader = open_book(family_id)
    if not policy.may_cancel_rejoin(reader):
        abort(404)
    try:
        with attempt():
            domain.cancel_rejoin(db(), reader, invitation_id)
    except InvitationRefused:
        abort(404)
    flash(_("Stopped. That code will never work, and the old ways to sign in go on working."),
          "success")
    return redirect(url_for("book.home", family_id=family.id))


# ---- claiming a code --------------------------------------------------------------------------

@blueprint.route("/join", methods=["GET", "POST"])
def enter_code():
    message = None
    code = request.args.get("code", "")
    if request.method == "POST":
        code = request.form.get("code", "")
        try:
            with attempt():
                invitation = domain.find_open(db(), code)
        except InvitationRefused as refused:
            message = refusal(refused.reason, refused.usable_from)
        else:
            # Only the number: the cookie is signed (so it cannot be changed) but readable.
            session[HELD] = {"id": invitation.id}
            session.pop(PENDING, None)
            return redirect(url_for("joining.set_up"))
    return render_template("join/enter_code.html", problem=message, code=code), (
        400 if message else 200)


def held_invitation() -> Invitation:
    held = session.get(HELD)
    if not isinstance(held, dict):
        raise InvitationRefused("unknown")
    invitation = db().get(Invitation, held["id"]) if isinstance(held.get("id"), int) else None
    if invitation is None:
        raise InvitationRefused("unknown")
    return domain.check_open(invitation)


def new_account_fields(form, invitation: Invitation) -> tuple[dict, dict]:
    values = {key: " ".join(str(form.get(key, "")).split())
              for key in ("display_name", "username", "book_title", "relationship", "advocate")}
    problems = {}
    if not domain.needs_new_account(invitation):
        return values, problems
    if not values["display_name"]:
        problems["display_name"] = _("Type your name.")
    username = values["username"].lower()
    values["username"] = username
    if len(username) < 3 or not all(ch.isalnum() or ch in "._-" for ch in username):
        problems["username"] = _("Choose a username of at least 3 letters or numbers.")
    elif find_account(db(), username) is not None:
        problems["username"] = _("That username is taken. Choose another one.")
    if invitation.kind == "start_book":
        if not values["relationship"]:
            problems["relationship"] = _("Say who you are to the family, for example Mum.")
        if values["advocate"] not in ("yes", "no"):
            problems["advocate"] = _("Choose yes or no.")
    return values, problems


def _complete(invitation: Invitation, account: Account, values: dict) -> str:
    """Claim the invitation for the account; returns where to go next. Raises InvitationRefused."""
    holder_fields = None
    if invitation.kind == "start_book":
        holder_fields = {"name": values["display_name"], "relationship": values["relationship"],
                         "lives": "with_us"}
        if values.get("book_title"):
            invitation.book_title = values["book_title"][:200]
    domain.claim(db(), invitation, account, holder_fields=holder_fields,
                 advocate_confirmed=values.get("advocate") == "yes")
    session.pop(HELD, None)
    session.pop(PENDING, None)
    if policy.is_family_account(account):
        return url_for("passkeys.recovery_codes")
    return url_for("passkeys.account")


def _welcome(invitation: Invitation) -> None:
    if invitation.kind in ("rejoin", "setup"):
        flash(_("You have a new way to sign in. The old ones no longer work."), "success")
    else:
        flash(_("Welcome. Your account is ready."), "success")


def _forget_old_ways_in(account: Account, keep_password: bool) -> None:
    keys.remove_all(db(), account)
    recovery.remove_all(db(), account)
    if not keep_password:
        account.password_hash = None


@blueprint.route("/join/set-up", methods=["GET", "POST"])
def set_up():
    try:
        with attempt():
            invitation = held_invitation()
    except InvitationRefused as refused:
        session.pop(HELD, None)
        flash(refusal(refused.reason), "success")
        return redirect(url_for("joining.enter_code"))
    values, problems = {}, {}
    if request.method == "POST":
        values, problems = new_account_fields(request.form, invitation)
        password = request.form.get("password", "")
        existing = invitation.account
        known = ((values.get("username", ""), values.get("display_name", "")) if existing is None
                 else (existing.username, existing.display_name))
        password_message = password_problem(password, request.form.get("password_again", ""),
                                            known)
        if existing is not None and not policy.is_family_account(existing):
            abort(400)  # staff add a passkey; there is no password form for them
        if password_message:
            problems["password"] = password_message
        if not problems:
            try:
                with attempt():
                    if existing is None:
                        account = create_account(db(), values["username"], values["display_name"],
                                                 "family", password)
                    else:
                        account = existing
                        _forget_old_ways_in(account, keep_password=False)
                        account.password_hash = hash_password(password)
                        end_other_sessions(account)
                    target = _complete(invitation, account, values)
            except InvitationRefused as refused:
                problems["code"] = refusal(refused.reason)
            else:
                start_session(account)
                _welcome(invitation)
                return redirect(target)
    return render_template("join/set_up.html", invitation=invitation, values=values,
                           problems=problems,
                           new_account=domain.needs_new_account(invitation),
                           may_use_password=(invitation.account is None
                                             or policy.is_family_account(invitation.account)),
                           ), 400 if problems else 200


@blueprint.route("/join/passkey/options", methods=["POST"])
def passkey_options():
    try:
        with attempt():
            invitation = held_invitation()
    except InvitationRefused as refused:
        return problem(refusal(refused.reason))
    values, problems = new_account_fields(json_body().get("fields") or {}, invitation)
    if problems:
        return {"problem": _("Check the answers above."), "problems": problems}, 400
    existing = invitation.account
    if existing is None:
        username, name = values["username"], values["display_name"]
        handle = secrets.token_bytes(32)
    else:
        username, name = existing.username, existing.display_name
        handle = keys.user_handle_of(db(), existing)
    options, challenge = keys.registration_options(relying_party(), username, name, handle)
    keep_challenge(REGISTER, challenge)
    session[PENDING] = {"values": values, "handle": bytes_to_base64url(handle)}
    return current_app.response_class(options, mimetype="application/json")


@blueprint.route("/join/passkey", methods=["POST"])
def passkey_finish():
    pending = session.pop(PENDING, None)
    challenge = take_challenge(REGISTER)
    try:
        with attempt():
            invitation = held_invitation()
    except InvitationRefused as refused:
        return problem(refusal(refused.reason))
    if not isinstance(pending, dict):
        return problem(refusal_message("expired"))
    values = pending.get("values") or {}
    handle = base64url_to_bytes(pending.get("handle", ""))
    data = json_body()
    try:
        with attempt():
            new = keys.verify_registration(relying_party(), data.get("credential"), challenge)
            if invitation.account is None:
                values, problems = new_account_fields(values, invitation)
                if problems:
                    return {"problem": _("Check the answers above."), "problems": problems}, 400
                account = create_account(db(), values["username"], values["display_name"], "family")
            else:
                account = invitation.account
                _forget_old_ways_in(account, keep_password=False)
                end_other_sessions(account)
            keys.add_passkey(db(), account, new, str(data.get("name") or _("My phone")), handle)
            target = _complete(invitation, account, values)
    except PasskeyRefused as refused:
        return problem(refusal_message(refused.reason))
    except InvitationRefused as refused:
        return problem(refusal(refused.reason))
    start_session(account)
    _welcome(invitation)
    return {"redirect": target}
