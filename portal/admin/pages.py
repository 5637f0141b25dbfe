"""Running the portal: portal admins make organisations and add and check their admins;
organisation admins add their professionals. Admins see who has an account, never what any
family wrote: nothing here reads an entry, a family or a membership.
"""

import click
from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from portal.accounts.joining import invitation_page
from portal.db import attempt, db
from record_book import policy
from record_book.accounts import invitations as domain
from record_book.accounts.accounts import create_account, create_organisation, find_account
from record_book.accounts.invitations import InvitationRefused
from record_book.accounts.model import Passkey, Verification
from record_book.book.model import Account, Organisation

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


def _page(status: int = 200, **problems):
    admin = _admin()
    organisations = (db().scalars(select(Organisation).order_by(Organisation.name)).all()
                     if policy.is_portal_admin(admin) else [])
    return render_template("admin/index.html", admin=admin, people=_people(admin),
                           organisations=organisations,
                           verified=policy.is_checked(db(), admin),
                           may_manage=lambda a: policy.may_manage_account(db(), admin, a),
                           problems=problems), status


@blueprint.route("/")
@login_required
def index():
    return _page()


@blueprint.route("/organisations", methods=["POST"])
@login_required
def new_organisation():
    _portal_admin()
    name = " ".join(request.form.get("name", "").split())
    if not name:
        return _page(400, organisation=_("Type the organisation's name."))
    if db().scalar(select(Organisation.id).where(func.lower(Organisation.name) == name.lower())):
        return _page(400, organisation=_("There is already an organisation with that name."))
    create_organisation(db(), name)
    flash(_("Organisation added."), "success")
    return redirect(url_for("admin.index"))


def _new_staff(kind: str, organisation: Organisation, by: Account):
    username = request.form.get("username", "").strip().lower()
    name = " ".join(request.form.get("display_name", "").split())
    if not name or len(username) < 3 or not all(c.isalnum() or c in "._-" for c in username):
        return _page(400, person=_("Type a name and a username of at least 3 letters."))
    if find_account(db(), username) is not None:
        return _page(400, person=_("That username is taken. Choose another one."))
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
    return _new_staff(policy.ORG_ADMIN, organisation, admin)


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
    flash(_("%(name)s is now checked.", name=account.display_name), "success")
    return redirect(url_for("admin.index"))


@blueprint.route("/accounts/<int:account_id>/set-up-code", methods=["POST"])
@login_required
def set_up_code(account_id: int):
    admin, account = _managed(account_id)
    try:
        with attempt():
            invitation, code = domain.invite_to_set_up(db(), admin, account)
    except InvitationRefused:
        abort(404)
    return invitation_page(invitation, code)


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
