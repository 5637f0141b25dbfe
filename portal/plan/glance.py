"""The plan at a glance, for the book's home page: the next review, the steps past their date
and due soon, a service's late step for the advocate, a check-in reminder after a plan ended."""

from datetime import date

from plans import editing, people, promises, reviews
from plans import reading as plan_reading
from portal.db import db
from portal.plan.pages import plan_value
from record_book import policy
from record_book.clock import today
from record_book.policy import Reader, hears_of_late_promises


def glance(reader: Reader) -> dict | None:
    """For the home page: the next review, steps overdue and due soon, a check-in reminder."""
    if not policy.reads_family_notes(reader):
        return None
    plan = editing.open_plan(db(), reader.family_id)
    if plan is None:
        closed = reviews.check_in_reminder(db(), reader.family_id)
        return {"check_in": closed.check_in_on} if closed and closed.check_in_on else None
    found = plan_reading.peek(db(), reader, plan)
    if not found.whole:
        return None
    overdue, soon = reviews.steps_due(found.content, today())
    review = found.content.get("header.review_date")
    late = (promises.tell_advocate(db(), plan, today(), reader.now, found.revision)
            if hears_of_late_promises(reader) else [])
    if overdue or soon or review or late:
        plan_reading.read(db(), reader, plan, peeked=found)
    return {"review": plan_value("header.review_date", review) if review else None,
            "overdue": overdue, "soon": soon,
            "late_promises": _late_lines(reader, found.content, late)}


def _late_lines(reader: Reader, content: dict, late: list) -> list[tuple[str, str, date]]:
    """Each service's late step for the home page: its words, the service, its date."""
    names = people.who_names(db(), reader.family_id, content) if late else {}
    return [(step.fields.get("what", ""), names.get(step.fields.get("who"), ""),
             date.fromisoformat(step.fields["by_when"])) for step in late]
