"""What changed between two versions of the plan, in plain words.

Every save records its changes (`editing.save`), and the versions page compares any two
revisions. Both describe the difference the same way: a message and its values, which the portal
words in the reader's language.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.fields import field_for, goals, steps
from plans.model import Plan, PlanRevision
from record_book.i18n import N_
from record_book.policy import NotAllowed

ADDED_GOAL = N_("%(name)s added the goal “%(goal)s”")
REMOVED_GOAL = N_("%(name)s took out the goal “%(goal)s”")
ADDED_STEP = N_("%(name)s added the step “%(step)s”")
REMOVED_STEP = N_("%(name)s took out the step “%(step)s”")
CHANGED_OF = N_("%(name)s changed “%(field)s” of “%(subject)s” from %(old)s to %(new)s")
CHANGED = N_("%(name)s changed “%(field)s” from %(old)s to %(new)s")
REWROTE_OF = N_("%(name)s changed “%(field)s” of “%(subject)s”")
REWROTE = N_("%(name)s changed “%(field)s”")


def _change(message: str, **params) -> dict:
    return {"message": message, "params": params}


def changes(before: dict, after: dict, keys: set[str] | None = None) -> list[dict]:
    """Each difference between two versions of the plan as a message and its values; the
    portal words it. Only `keys` are described when given."""
    found: list[dict] = []
    before_goals = {g.id: g for g in goals(before)}
    after_goals = {g.id: g for g in goals(after)}
    before_steps = {s.id: s for s in steps(before)}
    after_steps = {s.id: s for s in steps(after)}
    differing = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    if keys is not None:
        differing &= keys
    handled: set[str] = set()
    for gid in sorted(set(before_goals) | set(after_goals)):
        prefix = f"goal.{gid}."
        touched = {k for k in differing if k.startswith(prefix)}
        if not touched:
            continue
        handled |= touched
        if gid not in before_goals:
            found.append(_change(ADDED_GOAL, goal=after_goals[gid].title))
        elif gid not in after_goals:
            found.append(_change(REMOVED_GOAL, goal=before_goals[gid].title))
        else:
            subject = before_goals[gid].title or after_goals[gid].title
            found += _field_changes(before, after, sorted(touched), "goal", subject)
    for sid in sorted(set(before_steps) | set(after_steps),
                      key=lambda s: (after_steps.get(s) or before_steps.get(s)).fields.get("n", "")):
        prefix = f"step.{sid}."
        touched = {k for k in differing if k.startswith(prefix)}
        if not touched:
            continue
        handled |= touched
        if sid not in before_steps:
            found.append(_change(ADDED_STEP, step=after_steps[sid].fields.get("what", "")))
        elif sid not in after_steps:
            found.append(_change(REMOVED_STEP, step=before_steps[sid].fields.get("what", "")))
        else:
            subject = before_steps[sid].fields.get("what") or after_steps[sid].fields.get("what")
            found += _field_changes(before, after, sorted(touched), "step", subject)
    rest = [k for k in sorted(differing - handled)]
    found += _field_changes(before, after, rest, "plan", None)
    return found


def _field_changes(before, after, keys, scope, subject) -> list[dict]:
    found = []
    for key in keys:
        f = field_for(key)
        if f is None or (f.type == "hidden" and f.name not in ("close.reason",)):
            continue
        old, new = before.get(key, ""), after.get(key, "")
        if f.type == "long":
            message = REWROTE_OF if subject else REWROTE
            found.append(_change(message, field=key, subject=subject or ""))
        else:
            message = CHANGED_OF if subject else CHANGED
            found.append(_change(message, field=key, subject=subject or "", old=old, new=new))
    return found


def compare(session: Session, plan: Plan, older: int, newer: int) -> list[dict]:
    """What changed from revision `older` to `newer`, each change credited to whoever made it
    last within that span."""
    if older > newer:
        older, newer = newer, older
    span = list(session.scalars(select(PlanRevision).where(
        PlanRevision.plan_id == plan.id, PlanRevision.number >= older,
        PlanRevision.number <= newer).order_by(PlanRevision.number)))
    if not span or span[0].number != older or span[-1].number != newer:
        raise NotAllowed()
    last_author: dict[str, str] = {}
    for previous, following in zip(span, span[1:]):
        for key in set(previous.content) | set(following.content):
            if previous.content.get(key) != following.content.get(key):
                last_author[key] = following.author.display_name
    first, last = span[0].content, span[-1].content
    by_author: dict[str, set[str]] = {}
    for key, name in last_author.items():
        by_author.setdefault(name, set()).add(key)
    found = []
    for name, keys in sorted(by_author.items()):
        for change in changes(first, last, keys):
            change["params"]["name"] = name
            found.append(change)
    return found
