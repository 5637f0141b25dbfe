"""Reading the plan is logging it: the one way the plan's words reach anyone.

The plan's pages, its forms, its versions and the booklet get the plan from here. What may be
read is the policy's rule (`record_book.policy.readable_plan_parts`); for a reader outside the
family (the advocate included) each read is written to the family's access log in the same
transaction (`record_book.reading.log`), whichever page shows it: the plan, a form to change
it, its versions, a review.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from plans import changes, editing
from plans.fields import Goal, Step, goals, steps
from plans.model import Plan, PlanRevision
from record_book import reading
from record_book.book import attachments as attached
from record_book.book.model import Attachment
from record_book.policy import NotAllowed, Reader, may_attach_to_steps, readable_plan_parts

PLAN_TITLE = "Plan"


@dataclass(frozen=True)
class PlanRead:
    """A revision of the plan as far as one reader may read it: all of it, or the goals shared
    with them and their steps."""

    revision: PlanRevision
    whole: bool
    goals: list[Goal]
    steps: list[Step]

    @property
    def content(self) -> dict:
        return self.revision.content

    @property
    def shows_anything(self) -> bool:
        return self.whole or bool(self.goals)


def log_rows(whole: bool, shown_goals: list[Goal]) -> list[tuple[None, dict]]:
    """The access-log rows for the plan or the goals someone outside the family saw."""
    if whole:
        return [(None, {"title": PLAN_TITLE, "plan_part": "plan"})]
    return [(None, {"title": goal.title, "plan_part": f"goal:{goal.id}"}) for goal in shown_goals]


def _parts(session: Session, reader: Reader, plan: Plan) -> str | set[str]:
    return readable_plan_parts(session, reader, plan.closed_at)


def _as_read(parts: str | set[str], revision: PlanRevision) -> PlanRead:
    content = revision.content
    if parts == "all":
        return PlanRead(revision, True, goals(content), steps(content))
    return PlanRead(revision, False, [g for g in goals(content) if g.id in parts],
                    [s for s in steps(content) if s.goal_id in parts])


def peek(session: Session, reader: Reader, plan: Plan) -> PlanRead:
    """What the reader could read of the newest revision, without reading it: for deciding
    what to offer (a link, a number), never for showing its words."""
    return _as_read(_parts(session, reader, plan), editing.latest(session, plan))


def read(session: Session, reader: Reader, plan: Plan, action: str = "read",
         peeked: PlanRead | None = None) -> PlanRead:
    """The newest revision of an open or closed plan, as far as the reader may read it.
    `peeked`: what `peek` gave for this reader and plan in this request, now to be shown."""
    found = peeked if peeked is not None else peek(session, reader, plan)
    reading.log(session, reader, action, log_rows(found.whole, found.goals))
    return found


def read_whole(session: Session, reader: Reader, plan: Plan,
               revision: PlanRevision | None = None) -> PlanRevision:
    """The whole plan (its newest revision, or the one given), for those who read all of it:
    the family and its advocate, on the pages that change, review, share or compare it."""
    if _parts(session, reader, plan) != "all":
        raise NotAllowed()
    revision = revision or editing.latest(session, plan)
    reading.log(session, reader, "read", log_rows(True, []))
    return revision


def read_revisions(session: Session, reader: Reader, plan: Plan) -> list[PlanRevision]:
    """Every version of the plan, newest first, for those who read the whole plan."""
    read_whole(session, reader, plan)
    return editing.revisions(session, plan)


def read_changes(session: Session, reader: Reader, plan: Plan, older: int, newer: int
                 ) -> tuple[list[dict], list[PlanRevision]]:
    """What changed between two versions, and every version (for the names they use), for
    those who read the whole plan: one read."""
    read_whole(session, reader, plan)
    return changes.compare(session, plan, older, newer), editing.revisions(session, plan)


def read_version(session: Session, reader: Reader, plan: Plan, number: int
                 ) -> PlanRevision | None:
    """One version of the plan (the one a form started from), for those who read it all."""
    found = editing.revision(session, plan, number)
    return read_whole(session, reader, plan, found) if found is not None else None


# Letters and photos on steps: part of their step, so read by the plan's rule ----------------

def step_attachments(session: Session, plan: Plan, found: PlanRead) -> dict[str, list]:
    """The files on the steps of a plan already read through this module (so already logged),
    by step."""
    return attached.attached_to_steps(session, plan.id, [step.id for step in found.steps])


def step_attachment(session: Session, reader: Reader, plan: Plan, attachment_id: int,
                    action: str = "open") -> Attachment | None:
    """One file on a step the reader may read, or None. Opening it is logged ("Rosa opened
    “Photo of the mould”"); its thumbnail, shown on the plan page, as reading its goal."""
    found = peek(session, reader, plan)
    file = session.get(Attachment, attachment_id)
    if file is None or file.plan_id != plan.id or file.removed_at is not None:
        return None
    step = next((step for step in found.steps if step.id == file.step_id), None)
    if step is None:
        return None
    if action == "open":
        reading.log(session, reader, "open", [(None, {"title": file.caption})])
    else:
        reading.log(session, reader, action, log_rows(
            found.whole, [goal for goal in found.goals if goal.id == step.goal_id]))
    return file


def attach_to_step(session: Session, reader: Reader, plan: Plan, step_id: str,
                   upload: attached.Upload) -> Attachment:
    """A file for one step of the plan, by whoever may change the plan (NotAllowed otherwise,
    or when there is no such step in the plan as it is now)."""
    if not may_attach_to_steps(reader) or plan.family_id != reader.family_id:
        raise NotAllowed()
    if step_id not in {step.id for step in peek(session, reader, plan).steps}:
        raise NotAllowed()
    return attached.keep_upload(session, reader, upload, plan_id=plan.id, step_id=step_id)
