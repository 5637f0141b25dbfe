"""Never lose typing at a time-out: what a form held when its person was signed out is kept on
the server for them (record_book/accounts/drafts.py) and offered back after they sign in.

With JavaScript, session-timeout.js sends the typed form to /session/time-out a few seconds
before the end, which keeps it and signs the person out. Without JavaScript, the form posted
after the time-out is kept by the idle check (portal/accounts/sessions.py) before it signs the
person out. After the next sign-in, /drafts offers each kept form back, to send again or throw
away; sending it again through its own form uses the form's usual save, so nobody else's
change is lost either.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from portal import once
from portal.db import db
from record_book.accounts import drafts

blueprint = Blueprint("drafts", __name__)
# The hidden field a form sent from /drafts carries, so its draft goes once it is saved.
DRAFT_FIELD = "draft_id"
# The one-time keys every form carries (form_tokens()): never kept, the draft gets new ones.
NOT_KEPT = {"csrf_token", once.FIELD, DRAFT_FIELD}


def _family_of(path: str) -> int | None:
    """The book a form belongs to, from its address (/families/<id>/...)."""
    try:
        _endpoint, args = current_app.url_map.bind("").match(path, method="POST")
    except HTTPException:
        return None
    family_id = args.get("family_id")
    return family_id if isinstance(family_id, int) else None


def keep_posted_form(account_id: int) -> bool:
    """Keep the form this request posted (without JavaScript, after the time-out)."""
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in NOT_KEPT]
    return drafts.keep(db(), account_id, _family_of(request.path), request.path, "",
                       fields) is not None


def keep_sent_typing(account_id: int) -> bool:
    """Keep the form session-timeout.js sent: {"form_path", "page_title", "fields", "labels"}."""
    sent = request.get_json(silent=True) or {}
    path = str(sent.get("form_path") or "")
    fields = sent.get("fields")
    if not path.startswith("/") or path.startswith("//") or not isinstance(fields, list):
        return False
    pairs = [(str(pair[0]), str(pair[1])) for pair in fields
             if isinstance(pair, list) and len(pair) == 2 and str(pair[0]) not in NOT_KEPT]
    labels = sent.get("labels") if isinstance(sent.get("labels"), dict) else {}
    return drafts.keep(db(), account_id, _family_of(path), path,
                       str(sent.get("page_title") or ""), pairs, labels) is not None


def init_app(app) -> None:
    app.register_blueprint(blueprint)

    @app.before_request
    def _draft_used():
        # A draft sent again through its own form is used: the form now holds its words (saved,
        # or shown again with what to put right). If the request fails, the draft stays.
        draft_id = request.form.get(DRAFT_FIELD, "") if request.method == "POST" else ""
        if draft_id.isdigit() and len(draft_id) < 12 and current_user.is_authenticated:
            draft = drafts.own_draft(db(), current_user.account.id, int(draft_id))
            if draft is not None and draft.form_path == request.path:
                drafts.throw_away(db(), draft)


@blueprint.route("/drafts")
@login_required
def offered():
    waiting = drafts.waiting(db(), current_user.account.id)
    if not waiting:
        return redirect(url_for("auth.start"))
    return render_template("account/drafts.html", waiting=waiting, DRAFT_FIELD=DRAFT_FIELD)


@blueprint.route("/drafts/<int:draft_id>/throw-away", methods=["POST"])
@login_required
def throw_away(draft_id: int):
    draft = drafts.own_draft(db(), current_user.account.id, draft_id)
    if draft is None:
        abort(404)
    drafts.throw_away(db(), draft)
    flash(_("We threw away what you typed."), "success")
    return redirect(url_for("drafts.offered"))
