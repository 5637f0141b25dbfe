"""Reminders: each person's choice (on their account), stopping in one tap from the link in a
reminder or by replying STOP to a text, and `flask send-reminders` for cron.

The words are the same for everyone and say nothing from the book, nor which service is
involved: "You have something coming up in your Family Record Book tomorrow".
"""

import hmac

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
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, user_logged_in
from itsdangerous import BadSignature, URLSafeSerializer

from plans.reminders import choices, sending
from plans.reminders.channels import Channel, Email, Notify
from plans.reminders.due import TOMORROW
from plans.reminders.model import EMAIL, SENT, TEXT
from portal.db import attempt, db
from portal.security import csrf
from record_book.book.validation import Invalid
from record_book.clock import utcnow

blueprint = Blueprint("reminders", __name__)

SALT = "reminders-stop"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def stop_link(account_id: int) -> str:
    return current_app.config["ORIGIN"] + url_for(
        "reminders.stop", token=_signer().dumps(account_id))


def words(locale: str | None, when: str, channel: str, link: str) -> tuple[str, str]:
    """The subject and body of a reminder: the same for everyone, nothing from the book."""
    with force_locale(locale or "en"):
        coming = (_("You have something coming up in your Family Record Book tomorrow.")
                  if when == TOMORROW else
                  _("You have something coming up in your Family Record Book in two days."))
        stop = _("To stop these reminders, open this link: %(link)s", link=link)
        if channel == TEXT:
            stop += " " + _("Or reply with the word stop.")
        body = "\n\n".join([coming, _("Sign in to see it: %(link)s",
                                      link=current_app.config["ORIGIN"] + "/"), stop])
        return _("Something is coming up"), body


def channels(config) -> dict[str, Channel]:
    found: dict[str, Channel] = {}
    if config.get("SMTP_HOST"):
        found[EMAIL] = Email(config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_STARTTLS"],
                             config["SMTP_USER"], config["SMTP_PASSWORD"], config["SMTP_FROM"])
    if config.get("NOTIFY_API_KEY") and config.get("NOTIFY_SMS_TEMPLATE_ID"):
        found[TEXT] = Notify(config["NOTIFY_API_KEY"], config["NOTIFY_SMS_TEMPLATE_ID"],
                             config["NOTIFY_BASE_URL"])
    return found


def send_reminders(session, config, now=None) -> int:
    """Reserve what is due, commit, then send each and commit what happened."""
    now = now or utcnow()
    ways = channels(config)
    sending.check_deliveries(session, ways, now)
    reserved = [r for r in sending.to_send(session, now, config["BABEL_DEFAULT_TIMEZONE"])
                if r.row.channel in ways]
    session.commit()
    for reminder in reserved:
        subject, body = words(reminder.account.locale, reminder.due.when, reminder.row.channel,
                              stop_link(reminder.account.id))
        sending.deliver(session, reminder, ways[reminder.row.channel], subject, body, now)
        session.commit()
    return sum(1 for reminder in reserved if reminder.row.status == SENT)


# Pages ------------------------------------------------------------------------------------------

def _page(values: dict, problems: dict, status: int = 200):
    return render_template("account/reminders.html", values=values, problems=problems,
                           account=current_user.account,
                           texts_possible=TEXT in channels(current_app.config)), status


@blueprint.route("/account/reminders", methods=["GET", "POST"])
@login_required
def choose():
    account = current_user.account
    if request.method == "GET":
        choice = choices.choice_of(db(), account.id)
        return _page({"by_email": choice.by_email, "by_text": choice.by_text,
                      "phone": choice.phone or "", "quiet_from": str(choice.quiet_from),
                      "quiet_until": str(choice.quiet_until)}, {})
    form = request.form
    values = {"by_email": form.get("by_email") == "yes", "by_text": form.get("by_text") == "yes",
              "phone": form.get("phone", ""), "quiet_from": form.get("quiet_from", ""),
              "quiet_until": form.get("quiet_until", "")}
    try:
        with attempt():
            choices.choose(db(), account.id, bool(account.email), values["by_email"],
                           values["by_text"], values["phone"], values["quiet_from"],
                           values["quiet_until"], utcnow())
    except Invalid as invalid:
        return _page(values, invalid.problems, 400)
    flash(_("Your reminders are saved."), "success")
    return redirect(url_for("reminders.choose"))


@blueprint.route("/reminders/stop/<token>", methods=["GET", "POST"])
def stop(token: str):
    """The link in every reminder: one press stops them all, signed in or not. The link holds
    only a signed account number, so it cannot stop anyone else's."""
    try:
        account_id = _signer().loads(token)
    except BadSignature:
        abort(404)
    if request.method == "POST":
        choices.stop(db(), int(account_id), utcnow())
        return render_template("account/reminders_stopped.html")
    return render_template("account/reminders_stop.html", token=token)


@blueprint.route("/reminders/replies", methods=["POST"])
@csrf.exempt
def replies():
    """GOV.UK Notify's callback for a text message someone sent back: "STOP" stops reminders
    to that number. Notify sends the bearer token the service set for its callback."""
    wanted = current_app.config.get("NOTIFY_INBOUND_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not wanted or not hmac.compare_digest(given, wanted):
        abort(404)
    reply = request.get_json(silent=True) or {}
    choices.stop_by_reply(db(), str(reply.get("source_number", "")),
                          str(reply.get("content", "")), utcnow())
    return "", 204


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)

    @user_logged_in.connect_via(app)
    def _tell_of_a_bounce(_sender, user, **_extra):
        # "Your number could not be reached", once, on the first visit after it bounced.
        if choices.bounce_to_tell(db(), user.account.id, utcnow()):
            flash(_("We could not send a text message to your number. Check it on your "
                    "reminders page."), "error")

    @app.cli.command("send-reminders")
    def send_reminders_command():
        """Send the reminders due now (run it every 15 minutes from cron; safe to run twice)."""
        with app.test_request_context():
            sent = send_reminders(db(), current_app.config)
        click.echo(f"Sent {sent} reminder(s).")
