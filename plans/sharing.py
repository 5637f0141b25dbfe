"""Sharing the plan, whole or one goal at a time, through the same grants as entries.

The one rule is `record_book.policy.readable_plan_parts`; this module only makes and stops
grants (reading the plan, and logging it, is `plans.reading`).
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.editing import closed_plans, latest
from plans.fields import goal_title
from plans.model import Plan
from plans.reading import peek
from record_book import policy
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, grant_is_live, readable_plan_parts
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_plan_part, stop_grant
from record_book.sharing.model import Grant


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


def readable_closed_plans(session: Session, reader: Reader) -> list[Plan]:
    """The family's closed plans the reader may read something of, newest closed first.

    A closed plan is read by the same rule as the open one. A goal grant names its goal by id,
    and ids are random, stay with their goal for good, and a new plan starts empty: so a goal
    shared while its plan was open stays shared once the plan closes (closing is not stopping;
    the family stops it under Sharing like any grant), and it never reaches another plan.
    Sharing the whole plan reaches a closed plan only if it was shared before that plan ended."""
    if not readable_plan_parts(session, reader):
        return []
    return [plan for plan in closed_plans(session, reader.family_id)
            if peek(session, reader, plan).shows_anything]
