"""Promises: the steps of the plan a service agreed to do, and what the service says of them.

A service marks its steps done, started or stuck (with why) in rows of its own (`StepMark`):
the family's words, the step's own status included, are never changed by a service. The family
sees the service's mark beside its step, with who marked it. Who may mark which step is the
policy's (`record_book.policy`); the steps reach the service only through
`plans.reading`, which logs each read.

"Promises kept" is counted from the family's point of view: of the steps the plan gives a
service that are done or past their date, those the family itself marked done.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans import editing
from plans import reading as plan_reading
from plans.dates import parse_date
from plans.fields import Step, steps
from plans.model import Plan, PlanRevision, StepMark
from record_book.book.model import Account
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, advocates_of, may_mark_steps, service_cards_of
from record_book.sharing import access_log
from record_book.sharing.model import Notification

MARKS = (
    ("started", N_("Started")),
    ("done", N_("Done")),
    ("stuck", N_("Stuck")),
)
REASON_LIMIT = 500
OVERDUE = "service_step_overdue"


def _is_service(step: Step) -> bool:
    return step.fields.get("who", "").startswith("service:")


def _by_when(step: Step) -> date | None:
    value = step.fields.get("by_when", "")
    return date.fromisoformat(value) if value and parse_date(value) == value else None


# What a service sees and marks ------------------------------------------------------------

def may_mark(session: Session, reader: Reader, plan: Plan,
             read: plan_reading.PlanRead | None = None) -> set[str]:
    """The ids of the steps the reader may mark, without reading them: for offering a link
    (`read`: what the page already read of this plan for this reader, if it did)."""
    if not may_mark_steps(session, reader) or plan.family_id != reader.family_id:
        return set()
    cards = service_cards_of(session, reader.family_id, reader.organisation_id)
    seen = read if read is not None else plan_reading.peek(session, reader, plan)
    return {step.id for step in seen.steps if step.fields.get("who") in cards}


def step_to_mark(session: Session, reader: Reader, plan: Plan, step_id: str) -> Step | None:
    """One step the reader may mark, read through the plan's reading path (so logged)."""
    if step_id not in may_mark(session, reader, plan):
        return None
    found = plan_reading.read(session, reader, plan)
    return next((step for step in found.steps if step.id == step_id), None)


def mark(session: Session, reader: Reader, plan: Plan, step_id: str, status: str,
         reason: str = "") -> StepMark:
    """The service's word on one of its steps. NotAllowed for a step that is not theirs (or not
    shared with them), Invalid for a mark that is not one of the choices or a stuck step
    without a reason."""
    if not plan.is_open or step_id not in may_mark(session, reader, plan):
        raise NotAllowed()
    reason = clean_plain(reason or "").strip()
    problems: dict[str, Problem] = {}
    if status not in dict(MARKS):
        problems["status"] = Problem(N_("Choose done, started or stuck"))
    elif status == "stuck" and not reason:
        problems["reason"] = Problem(N_("Say why this step is stuck, so others can help"))
    if len(reason) > REASON_LIMIT:
        problems["reason"] = Problem(
            N_("Keep why to %(limit)s characters or fewer. You wrote %(count)s."),
            {"limit": REASON_LIMIT, "count": len(reason)})
    if problems:
        raise Invalid(problems)
    account = session.get(Account, reader.account_id)
    row = StepMark(plan_id=plan.id, step_id=step_id, status=status,
                   reason=reason if status == "stuck" else "", account_id=account.id,
                   author_name=account.display_name,
                   author_organisation=account.organisation.name if account.organisation
                   else "", at=reader.now)
    session.add(row)
    session.flush()
    step = next(s for s in steps(editing.latest(session, plan).content) if s.id == step_id)
    access_log.append(session, reader.family_id, reader.account_id, "mark_step", [(None, {
        "title": step.fields.get("what", ""), "status": status})], reader.now)
    return row


# What everyone who reads the step sees beside it ----------------------------------------------

def marks(session: Session, plan: Plan, step_ids: list[str]) -> dict[str, StepMark]:
    """The newest mark of each of these steps (steps already read by the one asking)."""
    if not step_ids:
        return {}
    newest: dict[str, StepMark] = {}
    for row in session.scalars(select(StepMark).where(
            StepMark.plan_id == plan.id, StepMark.step_id.in_(step_ids))
            .order_by(StepMark.at, StepMark.id)):
        newest[row.step_id] = row
    return newest


@dataclass(frozen=True)
class Kept:
    kept: int
    due: int


def promises_kept(found_steps: list[Step], service: str, today: date) -> Kept:
    """Of the steps (already read) given to one service ("service:<id>") that are done or past
    their date, how many the family marked done."""
    given = [step for step in found_steps if step.fields.get("who") == service]
    done = [step for step in given if step.fields.get("status") == "done"]
    late = [step for step in given if step.fields.get("status") != "done"
            and (when := _by_when(step)) is not None and when < today]
    return Kept(len(done), len(done) + len(late))


def kept_for_card(session: Session, reader: Reader, entry_id: int, today: date) -> Kept | None:
    """"Promises kept" for one service card, counted from the steps of the open plan this
    reader may read (None when none are given to the service)."""
    plan = editing.open_plan(session, reader.family_id)
    if plan is None:
        return None
    found = plan_reading.peek(session, reader, plan)
    counted = promises_kept(found.steps, f"service:{entry_id}", today)
    if counted.due == 0:
        return None
    plan_reading.read(session, reader, plan)
    return counted


# Telling the advocate --------------------------------------------------------------------

def overdue(content: dict, newest: dict[str, StepMark], today: date) -> list[Step]:
    """The services' steps past their date that neither the family nor the service marked
    done."""
    return [step for step in steps(content) if _is_service(step)
            and step.fields.get("status") != "done"
            and (when := _by_when(step)) is not None and when < today
            and getattr(newest.get(step.id), "status", None) != "done"]


def tell_advocate(session: Session, plan: Plan, today: date, now: datetime,
                  latest: PlanRevision | None = None) -> list[Step]:
    """A notice to the family's advocate for each service's step past its date (once per step
    and date), which the portal also emails. The notice says only that a step is late; the plan
    says which. Returns the late steps. `latest`: the plan's newest revision, if the caller has
    it already."""
    content = (latest if latest is not None else editing.latest(session, plan)).content
    late = overdue(content, marks(session, plan, [s.id for s in steps(content)]), today)
    for advocate_id in session.scalars(advocates_of(plan.family_id)):
        for step in late:
            key = f"overdue:{plan.id}:{step.id}:{step.fields.get('by_when')}"
            if session.scalar(select(Notification.id).where(
                    Notification.account_id == advocate_id, Notification.dedupe_key == key)):
                continue
            session.add(Notification(account_id=advocate_id, family_id=plan.family_id,
                                     kind=OVERDUE, params={}, dedupe_key=key, created_at=now))
    session.flush()
    return late


def tell_advocates_everywhere(session: Session, today: date, now: datetime) -> None:
    """The notices for every open plan: run before the waiting notices are emailed."""
    for plan in session.scalars(select(Plan).where(Plan.open_family_id.is_not(None))):
        tell_advocate(session, plan, today, now)
