"""Signing in and out, and leaving quickly.

The session cookie names the account and carries the token of one of its sign-ins, which must
still be live on the server (record_book/accounts/sign_ins.py) on every request.
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
from flask_login import LoginManager, UserMixin, current_user, login_required

from portal.accounts.sessions import end_session, start_session
from portal.db import db
from portal.first_pages import first_page
from portal.rate_limits import KNOWN_BROWSER
from record_book import policy
from record_book.accounts import drafts, sign_ins
from record_book.accounts.accounts import authenticate
from record_book.book.families import families_of
from record_book.book.model import Account
from record_book.book.numbers import whole_number

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()


class SignedIn(UserMixin):
    def __init__(self, account: Account):
        self.account = account

    def get_id(self) -> str:
        return str(self.account.id)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    login_manager.session_protection = None
    app.register_blueprint(blueprint)


@login_manager.user_loader
def _load(user_id: str):
    account_id = whole_number(user_id)
    if account_id is None:
        return None
    account = sign_ins.signed_in(db(), account_id, session.get("sid"))
    return SignedIn(account) if account is not None else None


@blueprint.route("/")
def start():
    """Each person's first page: a family member's book (or their books, if more than one);
    for anyone else, their own first page (portal/first_pages.py)."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    if not request.args.get("later") and drafts.waiting(db(), current_user.account.id):
        return redirect(url_for("drafts.offered"))
    if not policy.is_family_account(current_user.account):
        return redirect(url_for(first_page(current_user.account)))
    books = families_of(db(), current_user.account)
    if len(books) == 1:
        return redirect(url_for("book.home", family_id=books[0][0].id))
    return render_template("books.html", books=books)


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    problem = None
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        account = None
        if username.strip() and password:
            account = authenticate(db(), username, password, current_app.config["DEMO_ACCOUNTS"])
        if account is None:
            problem = _("The username or password is not right. Check them and try again.")
        else:
            # A new session at sign-in, so a session someone planted before cannot be taken over.
            start_session(account)
            return redirect(url_for("auth.start"))
    return render_template("sign_in.html", problem=problem, username=username), (
        400 if problem else 200)


@blueprint.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    end_session()
    flash(_("You have signed out."), "success")
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/leave", methods=["GET", "POST"])
def leave():
    """Leave this site quickly: end the session and show a neutral site, leaving nothing of
    this site in the browser: the mark that it signed in here before (rate_limits.py) goes, and
    browsers that can are told to forget this site's cookies, storage and cached pages."""
    end_session()
    response = redirect(current_app.config["EXIT_URL"], code=303)
    response.delete_cookie(KNOWN_BROWSER, httponly=True, samesite="Lax",
                           secure=current_app.config["SESSION_COOKIE_SECURE"])
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def _exempt_leave_from_csrf() -> None:
    # Leaving quickly must work even from a page whose form token has expired.
    from portal.security import csrf

    csrf.exempt(leave)


_exempt_leave_from_csrf()
