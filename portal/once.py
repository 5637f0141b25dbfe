"""Every button is safe to press twice: a second identical post returns the first one's result.

Each form carries a one-time token (`form_tokens()` puts it in every form). The first post with
a token writes it down at the start of its transaction; a second post with the same token (a
double tap on a slow phone, a page sent again) waits for the first to finish and is answered
with where the first one went, without doing anything again. If the first failed, nothing was
written down, and the second one does the work. A form that comes back with a problem to put
right forgets its token, so the corrected form goes through.
"""

import secrets
from datetime import datetime, timedelta

from flask import Flask, g, redirect, render_template, request
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import Integer, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import db
from record_book.book.model import Base
from record_book.clock import utcnow

FIELD = "form_once"
KEPT_FOR = timedelta(days=1)
# Signing in and out make or end a session: their second press must do its own work.
NOT_REPLAYED = {"auth.sign_in", "auth.sign_out", "auth.leave", "passkeys.recovery_sign_in"}


class FormSubmission(Base):
    """A form post that was done: its token, and where the person was sent after it."""

    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    # Not a foreign key: this row is a short-lived receipt, gone long before any account is.
    account_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[int | None] = mapped_column()
    location: Mapped[str | None] = mapped_column(String(2000))


def token_field() -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        FIELD, secrets.token_urlsafe(24))


def _account_id() -> int | None:
    return current_user.account.id if current_user.is_authenticated else None


def _answer_again(done: FormSubmission):
    if done.location:
        return redirect(done.location, code=303)
    return render_template("errors/done_already.html"), 200


def _claim(token: str):
    """Write the token down first thing, or answer with the first post's result."""
    session = db()
    done = session.scalar(select(FormSubmission).where(FormSubmission.token == token))
    if done is None:
        try:
            with session.begin_nested():
                session.add(FormSubmission(token=token, account_id=_account_id(),
                                           created_at=utcnow()))
                session.flush()
        except IntegrityError:
            # The same form is being posted right now (PostgreSQL waited for it to finish).
            done = session.scalar(select(FormSubmission).where(FormSubmission.token == token))
        else:
            g.form_once = token
            return None
    if done is None or done.account_id != _account_id() or done.status is None:
        # Not this person's form, or a first post that is still unfinished: do not guess.
        return render_template("errors/bad_request.html"), 400
    return _answer_again(done)


def init_app(app: Flask) -> None:
    """Called after the unit of work: after-request steps run last-registered first, so the
    receipt is written before the request's one commit."""
    @app.before_request
    def _once():
        if request.method != "POST" or request.endpoint in NOT_REPLAYED:
            return None
        token = request.form.get(FIELD, "")
        if not token or len(token) > 64:
            return None
        return _claim(token)

    @app.after_request
    def _receipt(response):
        token = g.pop("form_once", None)
        if token is None or g.get("request_failed"):
            return response
        session = db()
        receipt = session.scalar(select(FormSubmission).where(FormSubmission.token == token))
        if receipt is None:
            return response
        if response.status_code >= 400:
            # The form comes back with something to put right: the corrected one must go through.
            session.delete(receipt)
        else:
            receipt.status = response.status_code
            receipt.location = response.location if response.status_code in (301, 302, 303) \
                else None
        session.execute(delete(FormSubmission).where(
            FormSubmission.created_at < utcnow() - KEPT_FOR))
        return response
