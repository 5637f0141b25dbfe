"""Running the portal: portal admins make organisations and add and check their admins;
organisation admins add their professionals. Admins see who has an account, never what any
family wrote: nothing here reads an entry, a family or a membership.
"""

import click
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from portal.accounts.joining import invitation_page
from portal.db import attempt, db
from portal.sharing import notices
from record_book import policy
from record_book.accounts import invitations as domain
from record_book.accounts import set_up_requests
from record_book.accounts.accounts import create_account, create_organisation, find_account
from record_book.accounts.invitations import InvitationRefused
from record_book.accounts.model import Passkey, SetUpRequest, Verification
from record_book.book.model import Account, Organisation
from record_book.book.text import isolate

# As long as the columns hold.
NAME_LIMIT = Account.__table__.c.display_name.type.length
ORGANISATION_LIMIT = Organisation.__table__.c.name.type.length
USERNAME_LIMIT = Account.__table__.c.username.type.length

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

def _admin() -> Account:
    account = current_user.account
    if not policy.may_run_admin_pages(account):
        abort(404)
    return account


def _portal_admin() -> Account:
    account = current_user.account
    if not policy.is_portal_admin(account):
        abort(404)
    return account


def _people(admin: Account):
    """Who has an account: names and kinds only."""
    passkeys = (select(Passkey.account_id, func.count().label("n"))
                .group_by(Passkey.account_id).subquery())
    query = (select(Account, Organisation.name, passkeys.c.n, Verification.id)
             .outerjoin(Organisation, Organisation.id == Account.organisation_id)
             .outerjoin(passkeys, passkeys.c.account_id == Account.id)
             .outerjoin(Verification, Verification.account_id == Account.id))
    if policy.is_org_admin(admin):
        query = query.where(Account.organisation_id == admin.organisation_id)
    return db().execute(query.order_by(Account.kind, Account.display_name).limit(500)).all()


def _page(status: int = 200, values: dict | None = None, sent: str = "", **problems):
    """The admin page; after a form with problems, `sent` names that form ("organisation",
    "professional", or the organisation's id for its admin's form) and `values` what was typed
    in it, shown again there."""
    admin = _admin()
    organisations = (db().scalars(select(Organisation).order_by(Organisation.name)).all()
                     if policy.is_portal_admin(admin) else [])
    return render_template("admin/index.html", admin=admin, people=_people(admin),
                           organisations=organisations,
                           verified=policy.is_checked(db(), admin),
                           may_manage=lambda a: policy.may_manage_account(db(), admin, a),
                           waiting=set_up_requests.waiting_for(db(), admin),
                           problems=problems, values=values or {}, sent=sent), status


@blueprint.route("/")
@login_required
def index():
    return _page()


@blueprint.route("/organisations", methods=["POST"])
@login_required
def new_organisation():
    _portal_admin()
    name = " ".join(request.form.get("name", "").split())
    typed = {"values": request.form, "sent": "organisation"}
    if not name:
        return _page(400, organisation=_("Type the organisation's name."), **typed)
    if len(name) > ORGANISATION_LIMIT:
        return _page(400, organisation=_("Keep this to %(limit)s characters or fewer",
                                         limit=ORGANISATION_LIMIT), **typed)
    if db().scalar(select(Organisation.id).where(func.lower(Organisation.name) == name.lower())):
        return _page(400, organisation=_("There is already an organisation with that name."),
                     **typed)
    create_organisation(db(), name)
    flash(_("Organisation added."), "success")
    return redirect(url_for("admin.index"))


def _new_staff(kind: str, organisation: Organisation, by: Account, form: str = ""):
    """`form` is the organisation's id for the form adding its admin (its fields are name-4 and
    username-4), "" for the form adding a professional."""
    username = request.form.get("username", "").strip().lower()
    name = " ".join(request.form.get("display_name", "").split())
    problems = {}
    if not name:
        problems["name"] = _("Type a name and a username of at least 3 letters.")
    elif len(name) > NAME_LIMIT:
        problems["name"] = _("Keep this to %(limit)s characters or fewer", limit=NAME_LIMIT)
    if len(username) < 3 or not all(c.isalnum() or c in "._-" for c in username):
        problems["username"] = _("Type a name and a username of at least 3 letters.")
    elif len(username) > USERNAME_LIMIT:
        problems["username"] = _("Keep this to %(limit)s characters or fewer",
                                 limit=USERNAME_LIMIT)
    elif find_account(db(), username) is not None:
        problems["username"] = _("That username is taken. Choose another one.")
    if problems:
        ids = ({"name": f"name-{form}", "username": f"username-{form}"} if form else
               {"name": "display_name", "username": "username"})
        return _page(400, values=request.form, sent=form or "professional",
                     **{ids[field]: problem for field, problem in problems.items()})
    account = create_account(db(), username, name, kind, organisation=organisation)
    # Added by an admin who checked who they are: that is the check.
    domain.verify_account(db(), account, by)
    invitation, code = domain.invite_to_set_up(db(), by, account)
    return invitation_page(invitation, code)


@blueprint.route("/organisations/<int:organisation_id>/admins", methods=["POST"])
@login_required
def new_org_admin(organisation_id: int):
    admin = _portal_admin()
    organisation = db().get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return _new_staff(policy.ORG_ADMIN, organisation, admin, str(organisation.id))


@blueprint.route("/professionals", methods=["POST"])
@login_required
def new_professional():
    admin = current_user.account
    if not policy.is_org_admin(admin):
        abort(404)
    if not policy.is_checked(db(), admin):
        return _page(400, person=_("A portal admin has to check your account first."))
    return _new_staff(policy.PROFESSIONAL, admin.organisation, admin)


def _managed(account_id: int) -> tuple[Account, Account]:
    admin = _admin()
    account = db().get(Account, account_id)
    if account is None or not policy.may_manage_account(db(), admin, account):
        abort(404)
    return admin, account


@blueprint.route("/accounts/<int:account_id>/verify", methods=["POST"])
@login_required
def verify(account_id: int):
    admin, account = _managed(account_id)
    domain.verify_account(db(), account, admin)
    flash(_("%(name)s is now checked.", name=isolate(account.display_name)), "success")
    return redirect(url_for("admin.index"))


def _set_up_refusal(reason: str, account: Account) -> str:
    return {
        "no_email": _("%(name)s already has a way to sign in. A new code can only go to "
                      "their own email address, and they have not given one.",
                      name=account.display_name),
        "no_smtp": _("This portal cannot send email yet, so a new code cannot reach "
                     "%(name)s safely. Ask whoever runs the portal to set up email.",
                     name=account.display_name),
        "same_admin": _("Another admin has to agree to a request you made."),
        "not_sent": _("We could not send the email to %(name)s. Nothing was changed. Try "
                      "again later.", name=account.display_name),
    }.get(reason, _("That cannot be done here."))


@blueprint.route("/accounts/<int:account_id>/set-up-code", methods=["POST"])
@login_required
def set_up_code(account_id: int):
    """A new account's code is shown here. For someone who already has a way in it is never
    shown: a second admin must agree, and it goes to their own email (set_up_requests.py)."""
    admin, account = _managed(account_id)
    if not set_up_requests.has_a_way_in(db(), account):
        try:
            with attempt():
                invitation, code = domain.invite_to_set_up(db(), admin, account)
        except InvitationRefused:
            abort(404)
        return invitation_page(invitation, code)
    if not notices.may_email_now(current_app.config):
        return _page(400, person=_set_up_refusal("no_smtp", account))
    try:
        with attempt():
            set_up_requests.ask(db(), admin, account)
            with force_locale(account.locale or "en"):
                notices.email_now(current_app.config, account, _(
                    "Someone asked for a new way for you to sign in"), [
                    _("%(admin)s, an admin of the Family Record Book, asked for a new way for "
                      "you to sign in. Another admin has to agree; then a code comes to this "
                      "address.", admin=admin.display_name),
                    _("If you did not ask for this, tell your organisation at once. Your "
                      "passkeys keep working until you use a new code."),
                ])
    except set_up_requests.SetUpRefused as refused:
        return _page(400, person=_set_up_refusal(refused.reason, account))
    except OSError:
        return _page(400, person=_set_up_refusal("not_sent", account))
    flash(_("Asked. Another admin has to agree; then the code goes to %(name)s's own email "
            "address. You will not see it.", name=isolate(account.display_name)), "success")
    return redirect(url_for("admin.index"))


@blueprint.route("/set-up-requests/<int:request_id>/agree", methods=["POST"])
@login_required
def agree_set_up(request_id: int):
    """The second admin agrees: the code is emailed to the person, never shown here."""
    admin = _admin()
    if not notices.may_email_now(current_app.config):
        return _page(400, person=_("This portal cannot send email yet."))
    asked = db().get(SetUpRequest, request_id)
    if asked is None:
        abort(404)
    account = asked.account
    try:
        with attempt():
            _request, invitation, code = set_up_requests.approve(db(), admin, request_id)
            with force_locale(account.locale or "en"):
                notices.email_now(current_app.config, account, _(
                    "Your code for a new way to sign in"), [
                    _("Two admins of the Family Record Book agreed to give you a new way to "
                      "sign in. Your code is: %(code)s", code=code),
                    _("Go to %(address)s and type it. It works once, until %(date)s. Then "
                      "your old passkeys stop working.",
                      address=current_app.config["ORIGIN"] + url_for("joining.enter_code"),
                      date=format_date(invitation.expires_at, "d MMMM yyyy")),
                    _("If you did not ask for this, do not use the code, and tell your "
                      "organisation at once."),
                ])
    except set_up_requests.SetUpRefused as refused:
        if refused.reason in ("unknown", "not_allowed"):
            abort(404)
        return _page(400, person=_set_up_refusal(refused.reason, account))
    except OSError:
        return _page(400, person=_set_up_refusal("not_sent", account))
    flash(_("Agreed. The code went to %(name)s's own email address.",
            name=isolate(account.display_name)), "success")
    return redirect(url_for("admin.index"))


def register_commands(app: Flask) -> None:
    @app.cli.command("set-up-code")
    @click.argument("username")
    def set_up_code_command(username: str):
        """Print a one-time code with which a professional or admin adds a passkey."""
        account = find_account(db(), username)
        if account is None or not policy.is_staff(account):
            raise click.ClickException("There is no professional or admin with that username.")
        invitation, code = domain.invite_to_set_up(db(), account, account)
        db().commit()  # a command, not a request: nothing else commits for it
        click.echo(f"Set-up code for {account.username}: {code} "
                   f"(open /join; it works once, until {invitation.expires_at:%d %B %Y}).")
