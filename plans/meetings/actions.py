"""An action agreed at a meeting becomes a step of the family's plan in one press: under a goal
the person chooses, or under a new goal, with the owner and date the meeting gave it.

It saves through the plan's own save path (`plans.editing.save`), so the step is a revision of
the plan like any other: merged with others' changes, shown in the plan's history, and "changed
since you both agreed" if the plan was agreed.
"""

from sqlalchemy.orm import Session

from plans import editing
from plans.fields import goals, steps
from plans.meetings.model import ACTION, Meeting, MeetingNote
from record_book import policy
from record_book.areas import AREAS
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader

NEW_GOAL = "new"


def make_step(session: Session, reader: Reader, meeting: Meeting, note_id: int, goal_id: str,
              new_goal: str = "", area: str = "") -> str:
    """Add the action as a plan step; return the step's id. `goal_id` is a goal of the open
    plan, or NEW_GOAL with the new goal's words and part of life."""
    note = session.get(MeetingNote, note_id)
    if (note is None or note.meeting_id != meeting.id or note.part != ACTION
            or meeting.family_id != reader.family_id or not policy.may_record_meeting(reader)
            or not policy.may_edit_plan(reader)):
        raise NotAllowed()
    if note.step_id:
        return note.step_id
    plan = editing.start_plan(session, reader)
    content = editing.latest(session, plan).content
    raw: dict[str, str] = {}
    if goal_id == NEW_GOAL:
        title = clean_plain(new_goal)
        if not title:
            raise Invalid({"new_goal": Problem(N_("Write the new goal, or choose a goal"))})
        if area not in dict(AREAS):
            raise Invalid({"area": Problem(N_('Choose an answer for "%(label)s"'),
                                           {"label": N_("Part of life")})})
        raw.update({"new-goal.title": title, "new-goal.area": area})
        content = editing.read_form(session, reader, raw, content)
        goal_id = max(goals(content), key=lambda goal: int(goal.fields.get("n", "0"))).id
        raw = {}
    elif goal_id not in {goal.id for goal in goals(content)}:
        raise Invalid({"goal": Problem(N_("Choose a goal for the step"))})
    raw[f"new-step.{goal_id}.what"] = note.text
    if note.who:
        raw[f"new-step.{goal_id}.who"] = note.who
    if note.by_when:
        raw[f"new-step.{goal_id}.by_when"] = note.by_when.isoformat()
    before = {step.id for step in steps(content)}
    wanted = editing.read_form(session, reader, raw, content)
    saved = editing.save(session, reader, plan, wanted, plan.revision)
    made = [step.id for step in steps(saved.revision.content) if step.id not in before]
    note.step_id = made[0]
    return note.step_id
