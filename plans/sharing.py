"""Sharing the plan, whole or one goal at a time, through the same grants as entries.

The one rule is `record_book.policy.readable_plan_parts`; this module only makes and stops
grants, and writes what someone outside the family read to the access log.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.editing import closed_plans, latest
from plans.fields import Goal, Step, goal_title, goals, steps
from plans.model import Plan
from record_book import policy
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, grant_is_live, readable_plan_parts
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_plan_part, stop_grant
from record_book.sharing.model import Grant

PLAN_TITLE = "Plan"


def share(session: Session, reader: Reader, plan: Plan, part: str, grantee: Grantee,
          until: date | None = None) -> Grant:
    """Share "plan" (all of it) or "goal:<id>" (one goal and its steps)."""
    if not policy.may_share_plan(reader) or plan.family_id != reader.family_id:
        raise NotAllowed()
    content = latest(session, plan).content
    if part == "plan":
        title = None
    elif part.startswith("goal:") and goal_title(content, part.removeprefix("goal:")):
        title = goal_title(content, part.removeprefix("goal:"))
    else:
        raise Invalid({"part": Problem(N_("Choose what to share"))})
    return share_plan_part(session, reader, part, grantee, until, title)


def plan_grants(session: Session, reader: Reader) -> list[Grant]:
    """The live grants of the plan or its goals."""
    if not policy.may_share_plan(reader):
        raise NotAllowed()
    return list(session.scalars(select(Grant).where(
        Grant.family_id == reader.family_id, Grant.plan_part.is_not(None),
        grant_is_live(reader.now)).order_by(Grant.granted_at)))


def stop(session: Session, reader: Reader, grant: Grant) -> None:
    if not policy.may_share_plan(reader) or grant.plan_part is None:
        raise NotAllowed()
    stop_grant(session, reader, grant)


def visible(session: Session, reader: Reader, content: dict, closed_at: datetime | None = None
            ) -> tuple[bool, list[Goal], list[Step]]:
    """(whole plan?, goals, steps) the reader may read of a plan (one that ended at
    `closed_at`, if it has), asked of the one rule."""
    return _shown(readable_plan_parts(session, reader, closed_at), content)


def readable_closed_plans(session: Session, reader: Reader) -> list[Plan]:
    """The family's closed plans the reader may read something of, newest closed first.

    A closed plan is read by the same rule as the open one. A goal grant names its goal by id,
    and ids are random, stay with their goal for good, and a new plan starts empty: so a goal
    shared while its plan was open stays shared once the plan closes (closing is not stopping;
    the family stops it under Sharing like any grant), and it never reaches another plan.
    Sharing the whole plan reaches a closed plan only if it was shared before that plan ended."""
    if not readable_plan_parts(session, reader):
        return []
    readable = []
    for plan in closed_plans(session, reader.family_id):
        whole, shown, _steps = visible(session, reader, latest(session, plan).content,
                                       plan.closed_at)
        if whole or shown:
            readable.append(plan)
    return readable


def _shown(parts: str | set[str], content: dict) -> tuple[bool, list[Goal], list[Step]]:
    if parts == "all":
        return True, goals(content), steps(content)
    return (False, [g for g in goals(content) if g.id in parts],
            [s for s in steps(content) if s.goal_id in parts])


def record_reads(session: Session, reader: Reader, whole: bool, shown_goals: list[Goal]) -> None:
    """One access-log row per part read by someone outside the family, in this transaction."""
    if reader.in_family or reader.account_id is None:
        return
    rows = log_rows(whole, shown_goals)
    if rows:
        access_log.append(session, reader.family_id, reader.account_id, "read", rows, reader.now)


def log_rows(whole: bool, shown_goals: list[Goal]) -> list[tuple[None, dict]]:
    """The access-log rows for the plan or the goals someone outside the family saw."""
    if whole:
        return [(None, {"title": PLAN_TITLE, "plan_part": "plan"})]
    return [(None, {"title": goal.title, "plan_part": f"goal:{goal.id}"}) for goal in shown_goals]
