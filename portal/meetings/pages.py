"""Meetings around the family: the list, setting one up, preparing for it, recording it, agreeing
its notes and printing it on one page.

Every read goes through `plans.meetings.reading` (logged for readers outside the family) and
every change through `plans.meetings.arranging` or `actions`, which ask the policy. Someone who
may not know of a meeting is told it is not there.
"""

from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import login_required

from plans import editing, people
from plans import reading as plan_reading
from plans.fields import goals
from plans.meetings import actions, arranging, calendar_file
from plans.meetings import reading as meeting_reading
from plans.meetings.model import Meeting
from portal.book.opening import open_book
from portal.db import attempt, db
from portal.language import current_locale
from print_templates.meeting_print import build_meeting_page
from record_book import policy
from record_book.areas import AREAS
from record_book.book.validation import Invalid
from record_book.clock import utcnow

blueprint = Blueprint("meetings", __name__, url_prefix="/families/<int:family_id>/meetings")


@blueprint.app_template_filter("meeting_time")
def meeting_time(moment) -> str:
    """"Wednesday 14 July 2027, 14:30", on the family's clock, in the reader's language."""
    return format_datetime(moment, "EEEE d MMMM yyyy, HH:mm")


def _zone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


@blueprint.route("/")
@login_required
def index(family_id: int):
    family, reader = open_book(family_id)
    found = meeting_reading.meetings(db(), reader)
    now = utcnow()
    return render_template(
        "meetings/index.html", family=family, reader=reader,
        coming=[m for m in found if m.starts_at >= now],
        past=[m for m in reversed(found) if m.starts_at < now],
        may_arrange=policy.may_arrange_meeting(reader))


def _form_page(family, reader, values: dict, invited: list[str], problems: dict,
               meeting: Meeting | None = None):
    return render_template(
        "meetings/form.html", family=family, reader=reader, values=values, invited=invited,
        problems=problems, meeting=meeting, ways=arranging.WAYS, lengths=arranging.LENGTHS,
        invitees=arranging.invitee_choices(db(), reader)), 400 if problems else 200


def _arranger(family_id: int):
    family, reader = open_book(family_id)
    if not policy.may_arrange_meeting(reader):
        abort(404)
    return family, reader


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new(family_id: int):
    family, reader = _arranger(family_id)
    if request.method == "GET":
        return _form_page(family, reader, {"how": "in_person", "minutes": "60"}, [], {})
    invited = request.form.getlist("invited")
    try:
        with attempt():
            form = arranging.read_meeting_form(db(), reader, request.form, invited, _zone())
            meeting = arranging.arrange(db(), reader, form)
    except Invalid as invalid:
        return _form_page(family, reader, request.form, invited, invalid.problems)
    flash(_("The meeting is saved."), "success")
    return redirect(url_for("meetings.view", family_id=family.id, meeting_id=meeting.id))


def _read(family_id: int, meeting_id: int):
    family, reader = open_book(family_id)
    found = meeting_reading.meeting(db(), reader, meeting_id)
    if found is None:
        abort(404)
    return family, reader, found


def _page(family, reader, found, problems: dict | None = None, values: dict | None = None,
          sent: str = ""):
    """The meeting page; after a post with problems, `sent` names the form it came from, which
    shows them and keeps what was typed."""
    plan = editing.open_plan(db(), family.id)
    may_record = policy.may_record_meeting(reader)
    plan_goals = (goals(plan_reading.read_whole(db(), reader, plan).content)
                  if plan is not None and may_record else [])
    invited = arranging.is_invited(db(), found.meeting, reader.account_id)
    named = {n.who: n.who for n in found.after}
    names = people.who_names(db(), family.id, named) if found.whole or may_record else {}
    return render_template(
        "meetings/meeting.html", family=family, reader=reader, found=found,
        meeting=found.meeting, problems=problems or {}, values=values or {}, sent=sent,
        ways=dict(arranging.WAYS), may_record=may_record,
        may_prepare=policy.may_prepare_meeting(reader),
        may_share=policy.may_share_preparation(reader),
        may_agree=policy.may_agree_meeting_notes(reader),
        may_write_note=policy.may_write_professional_note(db(), reader, invited),
        # Whom an action may name: the people the reader may read, and the advocate.
        owners=(people.who_choices(db(), reader, {}, {"advocate": names["advocate"]})
                if may_record else []),
        names=names if found.whole else {},
        plan_goals=plan_goals, areas=AREAS, new_goal=actions.NEW_GOAL,
        is_past=found.meeting.starts_at < utcnow()), 400 if problems else 200


@blueprint.route("/<int:meeting_id>")
@login_required
def view(family_id: int, meeting_id: int):
    family, reader, found = _read(family_id, meeting_id)
    return _page(family, reader, found)


@blueprint.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(family_id: int, meeting_id: int):
    family, reader = _arranger(family_id)
    found = meeting_reading.meeting(db(), reader, meeting_id)
    if found is None:
        abort(404)
    meeting = found.meeting
    if request.method == "GET":
        local = meeting.starts_at.astimezone(ZoneInfo(_zone()))
        values = {"day": f"{local.day} {local.month} {local.year}",
                  "time": f"{local.hour:02d}:{local.minute:02d}", "how": meeting.how,
                  "minutes": str(meeting.minutes), "place": meeting.place,
                  "purpose": meeting.purpose}
        return _form_page(family, reader, values, arranging.invite_keys(db(), meeting), {},
                          meeting)
    invited = request.form.getlist("invited")
    try:
        with attempt():
            arranging.change(db(), reader, meeting, arranging.read_meeting_form(
                db(), reader, request.form, invited, _zone()))
    except Invalid as invalid:
        return _form_page(family, reader, request.form, invited, invalid.problems, meeting)
    flash(_("The meeting is saved."), "success")
    return redirect(url_for("meetings.view", family_id=family.id, meeting_id=meeting.id))


def _change(family_id: int, meeting_id: int, allowed, do, done: str, anchor: str,
            sent: str = ""):
    """A post that writes one thing on a meeting: "not found" to whoever may not, the meeting
    page with the problem if something is wrong, else back to the meeting."""
    family, reader, found = _read(family_id, meeting_id)
    if not allowed(reader):
        abort(404)
    try:
        with attempt():
            do(reader, found.meeting)
    except Invalid as invalid:
        return _page(family, reader, found, invalid.problems, request.form, sent)
    except policy.NotAllowed:
        abort(404)
    flash(done, "success")
    return redirect(url_for("meetings.view", family_id=family.id, meeting_id=meeting_id)
                    + anchor)


@blueprint.route("/<int:meeting_id>/prepare", methods=["POST"])
@login_required
def prepare(family_id: int, meeting_id: int):
    return _change(family_id, meeting_id, policy.may_prepare_meeting,
                   lambda reader, meeting: arranging.prepare(db(), reader, meeting,
                                                             request.form),
                   _("Added to what you want to say and ask."), "#before", "prepare")


@blueprint.route("/<int:meeting_id>/notes/<int:note_id>/take-back", methods=["POST"])
@login_required
def take_back(family_id: int, meeting_id: int, note_id: int):
    return _change(family_id, meeting_id, policy.may_prepare_meeting,
                   lambda reader, meeting: arranging.take_back(db(), reader, meeting, note_id),
                   _("Taken off the list."), "#before")


@blueprint.route("/<int:meeting_id>/share", methods=["POST"])
@login_required
def share(family_id: int, meeting_id: int):
    stop = request.form.get("stop") == "yes"
    return _change(family_id, meeting_id, policy.may_share_preparation,
                   lambda reader, meeting: (arranging.stop_sharing_preparation if stop else
                                            arranging.share_preparation)(db(), reader, meeting),
                   _("Only your family sees what you want to say now.") if stop else
                   _("Everyone invited can now read what you want to say and ask."), "#before")


@blueprint.route("/<int:meeting_id>/record", methods=["POST"])
@login_required
def record(family_id: int, meeting_id: int):
    return _change(family_id, meeting_id, policy.may_record_meeting,
                   lambda reader, meeting: arranging.record(db(), reader, meeting, request.form),
                   _("Added to the notes of the meeting."), "#after",
                   "action" if request.form.get("part") == "action" else "decided")


@blueprint.route("/<int:meeting_id>/actions/<int:note_id>/step", methods=["POST"])
@login_required
def make_step(family_id: int, meeting_id: int, note_id: int):
    return _change(family_id, meeting_id, policy.may_record_meeting,
                   lambda reader, meeting: actions.make_step(
                       db(), reader, meeting, note_id, request.form.get("goal", ""),
                       request.form.get("new_goal", ""), request.form.get("area", "")),
                   _("The action is now a step in your plan."), f"#action-{note_id}",
                   f"step-{note_id}")


@blueprint.route("/<int:meeting_id>/professional-notes", methods=["POST"])
@login_required
def professional_note(family_id: int, meeting_id: int):
    return _change(family_id, meeting_id, lambda reader: True,
                   lambda reader, meeting: arranging.write_professional_note(
                       db(), reader, meeting, request.form),
                   _("Your notes are saved."), "#professional", "professional")


@blueprint.route("/<int:meeting_id>/agree", methods=["POST"])
@login_required
def agree(family_id: int, meeting_id: int):
    return _change(family_id, meeting_id, policy.may_agree_meeting_notes,
                   lambda reader, meeting: arranging.agree(db(), reader, meeting, request.form),
                   _("Thank you. What you said is kept with the notes."), "#agree", "missed")


def _calendar_response(meetings, name: str):
    title = calendar_file.title_from(request.args.get("title", ""))
    details = request.args.get("details") == "yes"
    ways = {code: _(label) for code, label in arranging.WAYS}
    return Response(calendar_file.calendar_file(meetings, title, details, utcnow(), ways),
                    mimetype="text/calendar", headers={
                        "Content-Disposition": f'attachment; filename="{name}.ics"',
                        "Cache-Control": "no-store"})


@blueprint.route("/calendar.ics")
@login_required
def calendar_ahead(family_id: int):
    """The next two months of meetings the reader may know of, for their phone's calendar."""
    _family, reader = open_book(family_id)
    found = calendar_file.coming(meeting_reading.meetings(db(), reader), utcnow())
    return _calendar_response(found, "meetings")


@blueprint.route("/<int:meeting_id>/calendar.ics")
@login_required
def calendar_one(family_id: int, meeting_id: int):
    _family, _reader, found = _read(family_id, meeting_id)
    return _calendar_response([found.meeting], f"meeting-{meeting_id}")


@blueprint.route("/<int:meeting_id>/print")
@login_required
def print_page(family_id: int, meeting_id: int):
    family, reader = open_book(family_id)
    found = meeting_reading.meeting(db(), reader, meeting_id, action="print")
    if found is None:
        abort(404)
    translations = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES")
    pdf = build_meeting_page(db(), reader, found, current_locale(), _zone(), translations)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="meeting-{meeting_id}.pdf"',
        "Cache-Control": "no-store"})
