"""Reviews and distance travelled: at each review the family and the advocate each rate every
goal from 1 (far away) to 10 (done), separately, with notes. Closing a plan, with a reminder
to check in six months later."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.editing import latest
from plans.fields import CLOSE_REASONS, LATER, goals, steps
from plans.model import Plan, PlanReview
from record_book import policy
from record_book.book.dates import months_after
from record_book.book.numbers import whole_number
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader

NOTES = ("working", "not_working", "changes")
NOTE_LIMIT = 2000


def record_review(session: Session, reader: Reader, plan: Plan, on: date,
                  answers: Mapping[str, Mapping[str, str]],
                  now: datetime | None = None) -> list[PlanReview]:
    """One side's review: answers maps each goal id to its rating and notes. Every goal of the
    plan needs a rating from 1 to 10, except one marked "this can wait", which may be left
    out of this review."""
    role = policy.review_side(reader)
    if role is None or plan.family_id != reader.family_id or not plan.is_open:
        raise NotAllowed()
    problems: dict[str, Problem] = {}
    rows = []
    for goal in goals(latest(session, plan).content):
        given = answers.get(goal.id, {})
        text = (given.get("rating") or "").strip()
        if not text and goal.fields.get("priority") == LATER:
            continue
        rating = whole_number(text)
        if rating is None or not 1 <= rating <= 10:
            problems[f"rating-{goal.id}"] = Problem(
                N_("Give “%(goal)s” a number from 1 to 10"), {"goal": goal.title})
            continue
        notes = {name: clean_plain(given.get(name) or "") for name in NOTES}
        for name, value in notes.items():
            if len(value) > NOTE_LIMIT:
                problems[f"{name}-{goal.id}"] = Problem(
                    N_("Notes must be %(limit)s characters or fewer. You wrote %(count)s."),
                    {"limit": NOTE_LIMIT, "count": len(value)})
        rows.append(PlanReview(plan_id=plan.id, goal_id=goal.id, reviewed_on=on,
                               rater_role=role, rating=rating, author_id=reader.account_id,
                               created_at=now or utcnow(), **notes))
    if problems:
        raise Invalid(problems)
    if not rows:
        raise Invalid({"rating": Problem(
            N_("Rate at least one goal") if goals(latest(session, plan).content)
            else N_("Add a goal to the plan before you review it"))})
    session.add_all(rows)
    session.flush()
    return rows


@dataclass(frozen=True)
class Point:
    on: date
    family: int | None
    advocate: int | None


def history(session: Session, plan: Plan) -> dict[str, list[Point]]:
    """Each goal's ratings over time, oldest first: one point per review day, both sides."""
    by_goal: dict[str, dict[date, dict[str, int]]] = {}
    for row in session.scalars(select(PlanReview).where(PlanReview.plan_id == plan.id)
                               .order_by(PlanReview.reviewed_on, PlanReview.created_at)):
        by_goal.setdefault(row.goal_id, {}).setdefault(row.reviewed_on, {})[row.rater_role] = \
            row.rating
    return {gid: [Point(on, sides.get("family"), sides.get("advocate"))
                  for on, sides in sorted(days.items())]
            for gid, days in by_goal.items()}


def notes(session: Session, plan: Plan) -> dict[str, list[PlanReview]]:
    """Every review row with notes, newest first, by goal."""
    found: dict[str, list[PlanReview]] = {}
    for row in session.scalars(select(PlanReview).where(PlanReview.plan_id == plan.id)
                               .order_by(PlanReview.reviewed_on.desc(), PlanReview.id.desc())):
        found.setdefault(row.goal_id, []).append(row)
    return found


def six_months_after(day: date) -> date:
    return months_after(day, 6)


def close_plan(session: Session, reader: Reader, plan: Plan, reason: str, note: str = "",
               now: datetime | None = None) -> Plan:
    """End the plan with a reason; a new revision records why, and a reminder is set for six
    months later. The closed plan is kept."""
    if not policy.may_close_plan(reader) or plan.family_id != reader.family_id \
            or not plan.is_open:
        raise NotAllowed()
    if reason not in dict(CLOSE_REASONS):
        raise Invalid({"reason": Problem(N_("Choose why the plan is ending"))})
    note = clean_plain(note or "")
    if len(note) > NOTE_LIMIT:
        raise Invalid({"note": Problem(
            N_("Notes must be %(limit)s characters or fewer. You wrote %(count)s."),
            {"limit": NOTE_LIMIT, "count": len(note)})})
    now = now or utcnow()
    from plans.editing import save

    current = latest(session, plan)
    content = {**current.content, "close.reason": reason}
    if note:
        content["close.note"] = note
    save(session, reader, plan, content, current.number, now)
    plan.closed_at, plan.close_reason = now, reason
    plan.open_family_id = None
    plan.check_in_on = six_months_after(now.date())
    session.flush()
    return plan


def check_in_reminder(session: Session, family_id: int) -> Plan | None:
    """The most recently closed plan, when no plan is open: its check-in date shows at home."""
    from plans.editing import open_plan

    if open_plan(session, family_id) is not None:
        return None
    return session.scalar(select(Plan).where(Plan.family_id == family_id,
                                             Plan.closed_at.is_not(None))
                          .order_by(Plan.closed_at.desc()).limit(1))


@dataclass(frozen=True)
class DueStep:
    goal: str
    what: str
    by_when: date
    step_id: str


def steps_due(content: dict, today: date, soon_days: int = 14,
              goal_ids: set[str] | None = None) -> tuple[list[DueStep], list[DueStep]]:
    """(overdue, due soon): steps not done, with a date before today, or within `soon_days`."""
    titles = {g.id: g.title for g in goals(content)}
    overdue, soon = [], []
    for step in steps(content):
        if step.fields.get("status") == "done" or not step.fields.get("by_when"):
            continue
        if goal_ids is not None and step.goal_id not in goal_ids:
            continue
        try:
            when = date.fromisoformat(step.fields["by_when"])
        except ValueError:
            continue
        due = DueStep(titles.get(step.goal_id, ""), step.fields.get("what", ""), when, step.id)
        if when < today:
            overdue.append(due)
        elif (when - today).days <= soon_days:
            soon.append(due)
    return (sorted(overdue, key=lambda d: d.by_when), sorted(soon, key=lambda d: d.by_when))
