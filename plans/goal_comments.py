"""Comments on a goal, shown beside it in the plan.

A comment is not part of the plan's text, so it makes no revision and needs no merge; who may
comment is the plan's own rule (`editing.may_comment`).
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.editing import latest, may_comment
from plans.model import GoalComment, Plan
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader


def add_comment(session: Session, reader: Reader, plan: Plan, goal_id: str, text: str,
                now: datetime | None = None) -> GoalComment:
    content = latest(session, plan).content
    if plan.family_id != reader.family_id or not may_comment(session, reader, content, goal_id):
        raise NotAllowed()
    cleaned = clean_plain(text or "")
    if not cleaned:
        raise Invalid({"text": Problem(N_("Write your comment first"))})
    if len(cleaned) > 1000:
        raise Invalid({"text": Problem(
            N_('"%(label)s" must be %(limit)s characters or fewer. You wrote %(count)s.'),
            {"label": N_("Your comment"), "limit": 1000, "count": len(cleaned)})})
    comment = GoalComment(plan_id=plan.id, goal_id=goal_id, author_id=reader.account_id,
                          text=cleaned, created_at=now or utcnow())
    session.add(comment)
    session.flush()
    return comment


def comments(session: Session, plan: Plan) -> dict[str, list[GoalComment]]:
    found: dict[str, list[GoalComment]] = {}
    for comment in session.scalars(select(GoalComment).where(GoalComment.plan_id == plan.id)
                                   .order_by(GoalComment.created_at)):
        found.setdefault(comment.goal_id, []).append(comment)
    return found
