"""The family's plan: read it, write it together, agree it, review it, share parts of it."""

from datetime import date

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required
from jinja2 import pass_context
from markupsafe import Markup

from plans import agreement, dates, editing, goal_comments, people, promises, reviews
from plans import reading as plan_reading
from plans import sharing as plan_sharing
from plans.fields import (
    CLOSE_REASONS,
    GOAL_FIELDS,
    PLAN_BY_NAME,
    PLAN_FIELDS,
    PRIORITIES,
    STATUSES,
    STEP_FIELDS,
    field_for,
    goals,
    split_key,
    steps,
)
from portal.book.opening import open_book
from portal.db import attempt, db
from portal.frame import kept
from portal.language import gettext, page_words, words_now
from portal.presenters import translate
from record_book import policy
from record_book.areas import AREAS
from record_book.book.numbers import whole_number
from record_book.book.text import plain_to_html
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed

blueprint = Blueprint("plans", __name__, url_prefix="/families/<int:family_id>/plan")

WATCH_SECONDS = 20


# Words for values ----------------------------------------------------------------------------

def plan_value(key: str, value, names: dict | None = None) -> str:
    """A stored plan value as words in the reader's language (the request's words, looked up
    once: a plan page asks for hundreds)."""
    if value in (None, ""):
        return gettext("nothing")
    f = field_for(key)
    if f is None:
        return str(value)
    if f.type == "date":
        try:
            return words_now().day(date.fromisoformat(value), "d MMMM yyyy")
        except ValueError:
            return str(value)
    if f.type == "choice" or f.choices:
        label = dict(f.choices).get(value)
        return gettext(label) if label else str(value)
    if f.type in ("who", "member"):
        return (names or {}).get(value, gettext("someone no longer in the book"))
    return str(value)


def change_sentence(change: dict, name: str, names: dict | None = None) -> str:
    params = dict(change["params"])
    params.setdefault("name", name)
    if "field" in params:
        key = params["field"]
        f = field_for(key)
        if "old" in params:
            params["old"] = plan_value(key, params["old"], names)
            params["new"] = plan_value(key, params["new"], names)
        params["field"] = gettext(f.label) if f else key
    return gettext(change["message"], **params)


def grouped(items, key) -> dict:
    """Items by key(item), each group in the items' order: goals by area and steps by goal in
    one pass, not a pass of the whole list for every area and every goal."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _ctx():
    return {"plan_value": plan_value, "change_sentence": change_sentence, "AREAS": AREAS,
            "PRIORITIES": PRIORITIES, "STATUSES": STATUSES, "CLOSE_REASONS": CLOSE_REASONS,
            "PLAN_FIELDS": PLAN_FIELDS, "PLAN_BY_NAME": PLAN_BY_NAME, "GOAL_FIELDS": GOAL_FIELDS,
            "STEP_FIELDS": STEP_FIELDS, "plan_steps": steps, "date_for_form": dates.date_for_form,
            "translate": translate,
            "goals_by_area": lambda goals: grouped(goals, lambda goal: goal.fields.get("area")),
            "steps_by_goal": lambda steps: grouped(steps, lambda step: step.goal_id or ""),
            "format_plan_day": lambda day: words_now().day(day, "d MMMM yyyy")}


@blueprint.context_processor
def _helpers():
    return _ctx()


STEP_ID = "__step__"


@pass_context
def step_upload_fields(context, step_id: str) -> Markup:
    """A step's upload fields. GOV.UK's macros for them were most of a plan page's time when
    called for every step, so they run once per language and are kept with the page's frame
    (portal/frame.py); each step gets a copy with its own id. The form around them, with its
    one-time token, is still each step's own."""
    fields = kept(current_app.jinja_env, ("step upload fields", str(page_words(context).locale)),
                  lambda: render_template("plan/_step_upload_fields.html"))
    return fields.replace(STEP_ID, step_id)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)
    app.jinja_env.filters["plan_text"] = lambda value: Markup(plain_to_html(value))
    app.jinja_env.globals["step_upload_fields"] = step_upload_fields
    app.jinja_env.filters["plan_day"] = lambda day: words_now().day(day, "d MMMM yyyy")

    # The plan page asks every 20 seconds whether the plan changed; that is not someone using
    # the page, so it must not keep a shared phone signed in. Runs before the idle check.
    def _remember_last_seen():
        if request.endpoint == "plans.latest_revision":
            g.plan_watch_last_seen = session.get("last_seen")

    app.before_request_funcs.setdefault(None, []).insert(0, _remember_last_seen)


# Opening the plan -------------------------------------------------------------------------

def book_and_plan(family_id: int):
    """The book as the signed-in person may open it, and its open plan (None if there is none)."""
    family, reader = open_book(family_id)
    return family, reader, editing.open_plan(db(), family.id)


def plan_to_edit(family_id: int):
    """As `book_and_plan`, for someone who may change the plan; "not found" to anyone else."""
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not policy.may_edit_plan(reader):
        abort(404)
    return family, reader, plan


# The plan page ----------------------------------------------------------------------------

@blueprint.route("/")
@login_required
def view(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    earlier = plan_sharing.readable_closed_plans(db(), reader)
    if plan is None:
        return render_template("plan/none.html", family=family, reader=reader,
                               closed=earlier[0] if earlier and reader.role else None,
                               earlier=earlier, can_start=policy.may_edit_plan(reader))
    found = plan_reading.read(db(), reader, plan)
    if not found.shows_anything:
        return render_template("plan/none.html", family=family, reader=reader, closed=None,
                               earlier=earlier, can_start=False)
    rev, content = found.revision, found.content
    page = {"whole": found.whole, "goals": found.goals, "steps": found.steps}
    names = people.who_names(db(), family.id, content)
    status = agreement.status(db(), plan)
    family_side = policy.reads_family_notes(reader)
    return render_template(
        "plan/page.html", family=family, reader=reader, plan=plan, rev=rev, content=content,
        names=names, status=status, history=reviews.history(db(), plan),
        review_notes=reviews.notes(db(), plan) if family_side else {},
        comments=goal_comments.comments(db(), plan) if family_side else {},
        can_edit=policy.may_edit_plan(reader),
        can_ask_young=policy.may_choose_who_agrees(reader)
        and agreement.has_young_people(db(), plan), can_add_goal=policy.may_add_goal(reader),
        can_agree=agreement.may_agree(db(), reader, plan), can_share=policy.may_share_plan(reader),
        may_comment=lambda gid: editing.may_comment(db(), reader, content, gid),
        may_edit_goal=lambda gid: editing.may_edit_goal(reader, content, gid),
        family_side=family_side, earlier=earlier,
        step_files=plan_reading.step_attachments(db(), plan, found),
        step_marks=promises.marks(db(), plan, [step.id for step in found.steps]),
        markable=promises.may_mark(db(), reader, plan, found),
        watch_seconds=current_app.config.get("PLAN_WATCH_SECONDS", WATCH_SECONDS), **page)


@blueprint.route("/latest")
@login_required
def latest_revision(family_id: int):
    """For the plan page's watcher: the newest revision number, and nothing else."""
    family, reader, plan = book_and_plan(family_id)
    if "plan_watch_last_seen" in g:
        if g.plan_watch_last_seen is None:
            session.pop("last_seen", None)
        else:
            session["last_seen"] = g.plan_watch_last_seen
    if plan is None:
        abort(404)
    # Only for those who read the whole plan: to someone shown one goal, the number would
    # count the family's changes to parts they may not read.
    if not plan_reading.peek(db(), reader, plan).whole:
        abort(404)
    return jsonify({"revision": plan.revision})


@blueprint.route("/start", methods=["POST"])
@login_required
def start(family_id: int):
    family, reader, _plan = book_and_plan(family_id)
    if not policy.may_edit_plan(reader):
        abort(404)
    editing.start_plan(db(), reader)
    return redirect(url_for("plans.edit", family_id=family.id))


# Writing it -------------------------------------------------------------------------------

def _form_values(content: dict) -> dict:
    values = {}
    for key, value in content.items():
        f = field_for(key)
        values[key] = dates.date_for_form(value) if f is not None and f.type == "date" \
            else value
    return values


def form_page(template, family, reader, plan, content, base_number, problems=None,
              conflicts=None, current=None, typed=None, status=200, **more):
    """A plan form (the whole plan, or one goal): what to show in it, the problems, and the
    conflicts with someone else's save side by side."""
    values = _form_values(content)
    values.update(typed or {})
    subjects = {}
    for key in conflicts or {}:
        scope, ident, _name = split_key(key)
        f = field_for(key)
        label = _(f.label) if f else key
        both = {**(current.content if current else {}), **content}
        title = (both.get(f"goal.{ident}.title") if scope == "goal"
                 else both.get(f"step.{ident}.what") if scope == "step" else None)
        subjects[key] = _("%(field)s of “%(subject)s”", field=label, subject=title) if title \
            else label
    return render_template(
        template, family=family, reader=reader, plan=plan, content=content,
        values=values, base_number=base_number, problems=problems or {},
        conflicts=conflicts or {}, current=current, subjects=subjects,
        who=people.who_choices(db(), reader, content),
        members=people.member_choices(db(), reader, content),
        names=people.who_names(db(), family.id, {**content, **(current.content if current
                                                                 else {})}),
        goals=goals(content),
        # The directory opens this form too, outside this blueprint's context processor.
        **_ctx(), **more), status


def _edit_page(family, reader, plan, content, base_number, new_step_for=None, step_from=None,
               **given):
    return form_page("plan/edit.html", family, reader, plan, content, base_number,
                     new_step_for=new_step_for, step_from=step_from, **given)


def edit_page_with_step(family, reader, plan, goal_id: str, step: dict, named: bool, listing):
    """The plan form with a new step for one goal already typed in, from a directory listing.
    Nothing is saved until the person presses save."""
    rev = plan_reading.read_whole(db(), reader, plan)
    typed = {f"new-step.{goal_id}.{name}": value for name, value in step.items()}
    return _edit_page(family, reader, plan, rev.content, rev.number, typed=typed,
                      new_step_for=goal_id, step_from={"listing": listing, "named": named})


def save_form(family, reader, plan, page=_edit_page):
    """Save a plan form through the one save path; (saved, None), or (None, the form again,
    drawn by `page`, with its problems or its conflict)."""
    base_text = request.form.get("base_revision", "")
    base_number = whole_number(base_text)
    if base_number is None:
        abort(400)
    base = plan_reading.read_version(db(), reader, plan, base_number)
    if base is None:
        abort(400)
    mine = editing.read_form(db(), reader, request.form, base.content)
    choices = {k.removeprefix("resolve-"): v for k, v in request.form.items()
               if k.startswith("resolve-")}
    if choices:
        mine = editing.resolve(db(), plan, mine, choices)
    try:
        with attempt():
            saved = editing.save(db(), reader, plan, mine, base_number)
    except Invalid as invalid:
        return None, page(family, reader, plan, mine, base_number, problems=invalid.problems,
                          status=400)
    except editing.Conflict as conflict:
        current = conflict.current
        return None, page(family, reader, plan, conflict.result.merged, current.number,
                          conflicts=conflict.result.conflicts, current=current, status=409)
    except NotAllowed:
        abort(404)
    if saved.kept_others:
        flash(_("Someone else changed the plan while you were writing. "
                "We kept their changes and yours."), "success")
    else:
        flash(_("Saved."), "success")
    return saved, None


@blueprint.route("/edit", methods=["GET", "POST"])
@login_required
def edit(family_id: int):
    family, reader, plan = plan_to_edit(family_id)
    if request.method == "GET":
        rev = plan_reading.read_whole(db(), reader, plan)
        return _edit_page(family, reader, plan, rev.content, rev.number)
    saved, page = save_form(family, reader, plan)
    if page is not None:
        return page
    return redirect(url_for("plans.view", family_id=family.id))


@blueprint.route("/goals/new", methods=["GET", "POST"])
@login_required
def new_goal(family_id: int):
    family, reader, plan = book_and_plan(family_id)
    if plan is None or not policy.may_add_goal(reader):
        abort(404)
    rev = plan_reading.read_whole(db(), reader, plan)
    problems: dict = {}
    if request.method == "POST":
        base_text = request.form.get("base_revision", "")
        number = whole_number(base_text)
        base = plan_reading.read_version(db(), reader, plan, number) if number else None
        if base is None:
            abort(400)
        if not request.form.get("new-goal.title", "").strip():
            problems["new-goal.title"] = Problem(N_('Fill in "%(label)s"'), {"label": N_("Goal")})
        else:
            mine = editing.read_form(db(), reader, request.form, base.content)
            try:
                with attempt():
                    editing.save(db(), reader, plan, mine, base.number)
                    flash(_("Your goal is in the plan."), "success")
                    return redirect(url_for("plans.view", family_id=family.id))
            except Invalid as invalid:
                problems = {("new-goal." + split_key(k)[2]) if k.startswith("goal.") else k: p
                            for k, p in invalid.problems.items()}
            except (editing.Conflict, NotAllowed):
                abort(404)
    return render_template("plan/new_goal.html", family=family, reader=reader, plan=plan,
                           rev=rev, problems=problems, values=request.form,
                           members=people.member_choices(db(), reader, rev.content)), (
        400 if problems else 200)


@blueprint.route("/goals/<goal_id>/comments", methods=["POST"])
@login_required
def comment(family_id: int, goal_id: str):
    family, reader, plan = book_and_plan(family_id)
    if plan is None:
        abort(404)
    try:
        with attempt():
            goal_comments.add_comment(db(), reader, plan, goal_id, request.form.get("text", ""))
    except NotAllowed:
        abort(404)
    except Invalid as invalid:
        for problem in invalid.problems.values():
            flash(translate(problem.message, **problem.params), "error")
        return redirect(url_for("plans.view", family_id=family.id) + f"#goal-{goal_id}")
    flash(_("Your comment is added."), "success")
    return redirect(url_for("plans.view", family_id=family.id) + f"#goal-{goal_id}")


# Agreeing it, a closed plan read in full, one goal's form, the versions, reviewing and closing, and
# sharing parts of the plan: their routes join this blueprint.
import portal.plan.agreeing  # noqa: E402,F401
import portal.plan.closed  # noqa: E402,F401
import portal.plan.goal_form  # noqa: E402,F401
import portal.plan.promises  # noqa: E402,F401
import portal.plan.reviews  # noqa: E402,F401
import portal.plan.sharing  # noqa: E402,F401
import portal.plan.step_files  # noqa: E402,F401
import portal.plan.versions  # noqa: E402,F401
