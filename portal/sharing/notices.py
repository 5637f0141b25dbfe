"""Telling people by email that something happened in a book, when SMTP is configured.

An email says only what kind of thing happened and where to sign in: never an entry, a title,
a name from the book or anything the family wrote.
"""

import re
import smtplib
from email.message import EmailMessage

import click
from flask import Blueprint, Flask, current_app, flash, redirect, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from plans import promises
from portal.db import db
from portal.sharing.log_words import notice_sentence
from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.sharing.model import Notification

blueprint = Blueprint("notices", __name__)

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@blueprint.route("/account/email", methods=["POST"])
@login_required
def set_email():
    typed = request.form.get("email", "").strip()
    if typed and (len(typed) > 254 or not EMAIL.match(typed)):
        flash(_("Type an email address like name@example.com, or leave the box empty."), "error")
        return redirect(url_for("passkeys.account") + "#email")
    current_user.account.email = typed or None
    flash(_("Saved."), "success")
    return redirect(url_for("passkeys.account") + "#email")


def _message(account: Account, notice: Notification, sender: str, link: str) -> EmailMessage:
    with force_locale(account.locale or "en"):
        message = EmailMessage()
        message["Subject"] = _("Something new in your Family Record Book")
        message["From"], message["To"] = sender, account.email
        message.set_content("\n\n".join([
            notice_sentence(notice, named=False),
            _("Sign in to see it: %(link)s", link=link),
            _("This email never has anything from your book in it."),
        ]))
    return message


def _smtp(config) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["SMTP_HOST"], config.get("SMTP_PORT", 587), timeout=30)
    if config.get("SMTP_STARTTLS", True):
        smtp.starttls()
    if config.get("SMTP_USER"):
        smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD", ""))
    return smtp


def may_email_now(config) -> bool:
    return bool(config.get("SMTP_HOST"))


def email_now(config, account: Account, subject: str, paragraphs: list[str]) -> None:
    """One email to one person's own address, sent while the request runs (a set-up code lives
    only in this email: it is never stored or shown). Raises OSError if it cannot be sent."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"], message["To"] = config["SMTP_FROM"], account.email
    message.set_content("\n\n".join(paragraphs))
    with _smtp(config) as smtp:
        smtp.send_message(message)


def send_pending(session, config) -> int:
    """Email each notification not yet emailed to someone who gave an address."""
    if not config.get("SMTP_HOST"):
        return 0
    pending = session.execute(
        select(Notification, Account).join(Account, Account.id == Notification.account_id)
        .where(Notification.emailed_at.is_(None), Account.email.is_not(None))).all()
    if not pending:
        return 0
    with _smtp(config) as smtp:
        for notice, account in pending:
            smtp.send_message(_message(account, notice, config["SMTP_FROM"],
                                       config["ORIGIN"] + "/"))
            notice.emailed_at = utcnow()
            session.commit()
    return len(pending)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)

    @app.cli.command("send-notifications")
    def send_notifications():
        """Email waiting notifications (run it every few minutes from cron or a timer)."""
        with app.test_request_context():
            # A service's late step is noticed here too, so the advocate's email does not wait
            # for someone to open the book.
            promises.tell_advocates_everywhere(db(), utcnow().date(), utcnow())
            db().commit()
            sent = send_pending(db(), current_app.config)
        click.echo(f"Sent {sent} email(s).")
