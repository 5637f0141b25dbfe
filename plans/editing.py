"""Writing the plan together: every save is a revision, and nobody's edit is lost.

A save carries the revision its writer started from. If someone else saved since, the two are
merged field by field (`record_book.book.merge`): changes to different fields are both kept, and a
field both changed is a conflict the second person resolves, seeing both versions.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from plans.changes import changes
from plans.dates import parse_date
from plans.fields import (
    GOAL_FIELDS,
    PLAN_FIELDS,
    STEP_FIELDS,
    field_for,
    goals,
    new_id,
    next_number,
    split_key,
    steps,
)
from plans.model import Plan, PlanRevision
from plans.people import member_choices, own_member_id, who_choices
from record_book import policy
from record_book.book.merge import MergeResult, merge
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader


@dataclass
class Conflict(Exception):
    """Someone else saved a change to the same field since this person started editing."""

    current: PlanRevision
    result: MergeResult


@dataclass(frozen=True)
class Saved:
    revision: PlanRevision
    # The merge with someone else's save, when there was one.
    merged: MergeResult | None = None

    @property
    def kept_others(self) -> bool:
        return self.merged is not None and bool(self.merged.theirs_changed)


# Who may do what ----------------------------------------------------------------------------

def goal_concerns(session: Session, reader: Reader, content: dict, goal_id: str) -> bool:
    """A goal concerns a young person when it is about them or they added it."""
    if f"goal.{goal_id}.title" not in content:
        return False
    if content.get(f"goal.{goal_id}.added_by") == str(reader.account_id):
        return True
    member = own_member_id(session, reader)
    return member is not None and content.get(f"goal.{goal_id}.about") == str(member)


def may_edit_goal(reader: Reader, content: dict, goal_id: str) -> bool:
    """The policy's answer for a goal of this plan (`save` enforces the same, in
    _check_allowed)."""
    return f"goal.{goal_id}.title" in content and policy.may_edit_goal(
        reader, content.get(f"goal.{goal_id}.added_by"))


def may_comment(session: Session, reader: Reader, content: dict, goal_id: str) -> bool:
    return f"goal.{goal_id}.title" in content and policy.may_comment(
        reader, reader.is_young_person and goal_concerns(session, reader, content, goal_id))


# Plans and revisions ------------------------------------------------------------------------

def open_plan(session: Session, family_id: int) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.open_family_id == family_id))


def closed_plans(session: Session, family_id: int) -> list[Plan]:
    return list(session.scalars(select(Plan).where(
        Plan.family_id == family_id, Plan.closed_at.is_not(None))
        .order_by(Plan.closed_at.desc())))


def closed_plan(session: Session, family_id: int, plan_id: int) -> Plan | None:
    """One of this family's closed plans; None for an open plan or another family's."""
    return session.scalar(select(Plan).where(
        Plan.id == plan_id, Plan.family_id == family_id, Plan.closed_at.is_not(None)))


def revision(session: Session, plan: Plan, number: int) -> PlanRevision | None:
    return session.scalar(select(PlanRevision).where(
        PlanRevision.plan_id == plan.id, PlanRevision.number == number))


def latest(session: Session, plan: Plan) -> PlanRevision:
    return revision(session, plan, plan.revision)


def revisions(session: Session, plan: Plan) -> list[PlanRevision]:
    return list(session.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan.id)
                                .order_by(PlanRevision.number.desc())))


def start_plan(session: Session, reader: Reader, now: datetime | None = None) -> Plan:
    """An empty plan, revision 1, ready to write in. One open plan per family."""
    if not policy.may_edit_plan(reader):
        raise NotAllowed()
    existing = open_plan(session, reader.family_id)
    if existing is not None:
        return existing
    now = now or reader.now
    plan = Plan(family_id=reader.family_id, open_family_id=reader.family_id, revision=1,
                created_by_id=reader.account_id, created_at=now, updated_at=now)
    session.add(plan)
    session.flush()
    session.add(PlanRevision(plan_id=plan.id, number=1, author_id=reader.account_id,
                             created_at=now, content={},
                             summary=[{"message": N_("%(name)s started the plan"),
                                       "params": {}}]))
    session.flush()
    return plan


# Reading what someone typed -------------------------------------------------------------------

def _typed(raw: Mapping[str, str], name: str) -> str | None:
    value = raw.get(name)
    return value if isinstance(value, str) else None


def _clean(field, text: str) -> str:
    value = clean_plain(text)
    if field.type == "date" and value:
        return parse_date(value) or value
    return value


def _put(content: dict, key: str, value: str) -> None:
    if value:
        content[key] = value
    else:
        content.pop(key, None)


def _drop(content: dict, prefix: str) -> None:
    for key in [k for k in content if k.startswith(prefix)]:
        del content[key]


def read_form(session: Session, reader: Reader, raw: Mapping[str, str], base: dict) -> dict:
    """The whole plan as this person wants it, from the plan they started with and the form.

    Inputs are named by their keys ("goal.<id>.title"); what the form did not send stays as it
    was. "new-goal.*" and "new-step.<goal id>.*" add a goal or a step with a new id;
    "remove.goal.<id>" and "remove.step.<id>" take one out."""
    mine = dict(base)
    for f in PLAN_FIELDS:
        typed = _typed(raw, f.name)
        if f.type != "hidden" and typed is not None:
            _put(mine, f.name, _clean(f, typed))
    for scope, fields, ids in (("goal", GOAL_FIELDS, [g.id for g in goals(base)]),
                               ("step", STEP_FIELDS, [s.id for s in steps(base)])):
        for ident in ids:
            for f in fields:
                key = f"{scope}.{ident}.{f.name}"
                typed = _typed(raw, key)
                if f.type != "hidden" and typed is not None:
                    _put(mine, key, _clean(f, typed))
    _read_unsaved(raw, base, mine)
    for step in steps(mine):
        if raw.get(f"remove.step.{step.id}"):
            _drop(mine, f"step.{step.id}.")
    for goal in goals(mine):
        if raw.get(f"remove.goal.{goal.id}"):
            _drop(mine, f"goal.{goal.id}.")
            for step in steps(mine, goal.id):
                _drop(mine, f"step.{step.id}.")
    _read_new_goal(session, reader, raw, mine)
    for goal in goals(mine):
        _read_new_step(raw, mine, goal.id)
    return mine


_UNSAVED = re.compile(r"^(goal|step)\.([a-z0-9]{8})\.(\w+)$")


def _read_unsaved(raw: Mapping[str, str], base: dict, mine: dict) -> None:
    """Goals and steps added on a form that came back (a problem or a conflict) before they
    were saved: they carry their new ids, hidden parts included."""
    known = {("goal", g.id) for g in goals(base)} | {("step", s.id) for s in steps(base)}
    for name, typed in raw.items():
        match = _UNSAVED.match(name)
        if not match or (match[1], match[2]) in known or not isinstance(typed, str):
            continue
        f = field_for(name)
        if f is not None:
            _put(mine, name, _clean(f, typed))


def _read_new_goal(session, reader, raw, mine) -> None:
    title = clean_plain(_typed(raw, "new-goal.title") or "")
    if not title:
        return
    gid = new_id()
    for f in GOAL_FIELDS:
        if f.type != "hidden":
            _put(mine, f"goal.{gid}.{f.name}", _clean(f, _typed(raw, f"new-goal.{f.name}") or ""))
    if not policy.chooses_goal_subject(reader):
        _put(mine, f"goal.{gid}.about", str(own_member_id(session, reader) or ""))
    mine[f"goal.{gid}.added_by"] = str(reader.account_id)
    mine[f"goal.{gid}.n"] = str(next_number(mine, "goal"))


def _read_new_step(raw, mine, goal_id: str) -> None:
    prefix = f"new-step.{goal_id}."
    if not clean_plain(_typed(raw, prefix + "what") or ""):
        return
    sid = new_id()
    for f in STEP_FIELDS:
        if f.type != "hidden":
            _put(mine, f"step.{sid}.{f.name}", _clean(f, _typed(raw, prefix + f.name) or ""))
    mine.setdefault(f"step.{sid}.status", "not_started")
    mine[f"step.{sid}.goal"] = goal_id
    mine[f"step.{sid}.n"] = str(next_number(mine, "step"))


# Checking the plan ---------------------------------------------------------------------------

def _check_value(f, key: str, value: str, problems: dict) -> None:
    if f.type in ("text", "long") and len(value) > f.max_length:
        problems[key] = Problem(
            N_('"%(label)s" must be %(limit)s characters or fewer. You wrote %(count)s.'),
            {"label": f.label, "limit": f.max_length, "count": len(value)})
    elif f.type == "choice" and value not in dict(f.choices):
        problems[key] = Problem(N_('Choose one of the answers for "%(label)s"'),
                                {"label": f.label})
    elif f.type == "date" and parse_date(value) != value:
        problems[key] = Problem(N_('"%(label)s" must be a real date, like 27 3 2024'),
                                {"label": f.label})


def validate(session: Session, reader: Reader, content: dict, base: dict) -> None:
    """Raise Invalid with a plain-words problem against each key that is wrong."""
    problems: dict[str, Problem] = {}
    who = {value for value, _name in who_choices(session, reader, base)}
    about = {value for value, _name in member_choices(session, reader, base)}
    for key, value in content.items():
        f = field_for(key)
        if f is None or not isinstance(value, str):
            problems[key] = Problem(N_("This part of the plan is not known"))
            continue
        _check_value(f, key, value, problems)
        if f.type == "who" and value not in who:
            problems[key] = Problem(N_("Choose who will do this step from the list"))
        if f.type == "member" and value not in about:
            problems[key] = Problem(N_("Choose who this goal is about from the list"))
    for goal in goals(content):
        for f in GOAL_FIELDS:
            if f.required and not goal.fields.get(f.name):
                problems[f"goal.{goal.id}.{f.name}"] = Problem(
                    N_('Fill in "%(label)s"') if f.type == "text"
                    else N_('Choose an answer for "%(label)s"'), {"label": f.label})
    for step in steps(content):
        if not step.fields.get("what"):
            problems[f"step.{step.id}.what"] = Problem(N_('Fill in "%(label)s"'),
                                                       {"label": N_("Step")})
        if step.fields.get("status") == "stuck" and not step.fields.get("stuck_reason"):
            problems[f"step.{step.id}.stuck_reason"] = Problem(
                N_("Say why this step is stuck, so others can help"))
    if problems:
        raise Invalid(problems)


# Saving ------------------------------------------------------------------------------------

def tidy(content: dict) -> dict:
    """After people chose between versions: no half goals or half steps, and no step lost."""
    tidied = dict(content)
    for goal in goals(tidied):
        if "title" not in goal.fields:
            _drop(tidied, f"goal.{goal.id}.")
    goal_ids = {g.id for g in goals(tidied)}
    for step in steps(tidied):
        if "what" not in step.fields:
            _drop(tidied, f"step.{step.id}.")
        elif step.goal_id not in goal_ids:
            # Its goal was taken out while someone added this step: keep it, outside any goal.
            tidied.pop(f"step.{step.id}.goal", None)
    return tidied


def _check_allowed(session: Session, reader: Reader, current: dict, merged: dict) -> None:
    """Holders and the advocate change anything; a young person only the goals they added and
    the steps under them."""
    if policy.may_edit_plan(reader):
        return
    if not policy.may_add_goal(reader):
        raise NotAllowed()
    me = str(reader.account_id)
    existing = {g.id for g in goals(current)}
    own = {g.id for g in goals(current) if g.fields.get("added_by") == me}
    own |= {g.id for g in goals(merged) if g.id not in existing
            and g.fields.get("added_by") == me}
    step_goal = {s.id: s.goal_id for s in steps(current) + steps(merged)}
    for key in set(current) | set(merged):
        if current.get(key) == merged.get(key):
            continue
        scope, ident, _name = split_key(key)
        if scope == "goal" and ident in own:
            continue
        if scope == "step" and step_goal.get(ident) in own:
            continue
        raise NotAllowed()


def save(session: Session, reader: Reader, plan: Plan, submitted: dict, base_number: int,
         now: datetime | None = None) -> Saved:
    """Save this person's plan, started from revision `base_number`, as a new revision.

    Changes made by others since are merged in; raises Conflict (saving nothing) when both
    changed the same field, Invalid when something is wrong, NotAllowed for the wrong person."""
    now = now or utcnow()
    if not plan.is_open or not policy.may_add_goal(reader) or plan.family_id != reader.family_id:
        raise NotAllowed()
    base = revision(session, plan, base_number)
    if base is None:
        raise NotAllowed()
    validate(session, reader, submitted, base.content)
    for _attempt in range(5):
        current = latest(session, plan)
        result = None
        if current.number == base.number:
            merged = dict(submitted)
        else:
            result = merge(base.content, current.content, submitted)
            if not result.clean:
                raise Conflict(current, result)
            merged = tidy(result.merged)
        _check_allowed(session, reader, current.content, merged)
        if merged == current.content:
            return Saved(current, result)
        number = current.number + 1
        moved = session.execute(
            update(Plan).where(Plan.id == plan.id, Plan.revision == current.number)
            .values(revision=number, updated_at=now).execution_options(synchronize_session=False))
        if moved.rowcount != 1:
            session.refresh(plan)
            continue
        new = PlanRevision(plan_id=plan.id, number=number, author_id=reader.account_id,
                           created_at=now, content=merged,
                           summary=changes(current.content, merged))
        session.add(new)
        session.flush()
        session.refresh(plan)
        return Saved(new, result)
    raise Conflict(latest(session, plan), MergeResult(dict(submitted), {}, frozenset()))


def resolve(session: Session, plan: Plan, submitted: dict, choices: Mapping[str, str]) -> dict:
    """For each conflicting key the person chose to keep as saved, take the saved value."""
    current = latest(session, plan).content
    resolved = dict(submitted)
    for key, choice in choices.items():
        if choice == "saved":
            if key in current:
                resolved[key] = current[key]
            else:
                resolved.pop(key, None)
    return resolved
