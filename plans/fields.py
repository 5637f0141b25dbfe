"""What a plan holds: its parts, their labels and their choices, described once.

A plan is stored flat: "header.success", "goal.<id>.title", "step.<id>.by_when" and so on. Every
value is a string; an empty answer is simply not there, so a merge never tells "" from missing.
"""

import secrets
from dataclasses import dataclass

from record_book.areas import AREAS
from record_book.book.numbers import whole_number
from record_book.i18n import N_

# "This can wait": such a goal may be left out of a review.
LATER = "later"
PRIORITIES = (
    ("first", N_("Do this first")),
    ("next", N_("Do this next")),
    (LATER, N_("This can wait")),
)

STATUSES = (
    ("not_started", N_("Not started")),
    ("started", N_("Started")),
    ("done", N_("Done")),
    ("stuck", N_("Stuck")),
)

CLOSE_REASONS = (
    ("better", N_("Things got better")),
    ("specialist", N_("We need more specialist help")),
    ("chose_to_stop", N_("We chose to stop")),
    ("moved", N_("We moved away")),
)


@dataclass(frozen=True)
class PlanField:
    name: str
    label: str
    type: str  # text, long, choice, date, who, member, hidden
    required: bool = False
    max_length: int = 200
    choices: tuple = ()
    hint: str = ""


PLAN_FIELDS = (
    PlanField("header.success", N_("What success looks like, in our words"), "long",
              max_length=2000),
    PlanField("header.measures", N_("How we will know"), "long", max_length=2000),
    PlanField("header.review_date", N_("Next review"), "date",
              hint=N_("For example, 15 5 2026")),
    PlanField("sides.family", N_("What we, the family, will do"), "long", max_length=2000),
    PlanField("sides.advocate", N_("What our advocate will do"), "long", max_length=2000),
    PlanField("if_not_done", N_("What happens if agreed steps are not done"), "long",
              max_length=2000),
    PlanField("if_service_fails", N_("What we can do if a service does not do what it agreed"),
              "long", max_length=2000, hint=N_("Who to contact, and how")),
    PlanField("stepping_down.support", N_("What support carries on when services step back"),
              "long", max_length=2000),
    PlanField("close.reason", N_("Why the plan ended"), "hidden", choices=CLOSE_REASONS),
    PlanField("close.note", N_("More about why the plan ended"), "hidden", max_length=2000),
)

GOAL_FIELDS = (
    PlanField("title", N_("Goal"), "text", required=True, max_length=200,
              hint=N_("In your own words. Small, quick wins are welcome.")),
    PlanField("area", N_("Part of life"), "choice", required=True, choices=AREAS),
    PlanField("priority", N_("How soon"), "choice", choices=PRIORITIES),
    PlanField("about", N_("Who this goal is about"), "member"),
    PlanField("added_by", N_("Added by"), "hidden"),
    PlanField("n", N_("Order"), "hidden"),
)

STEP_FIELDS = (
    PlanField("what", N_("Step"), "text", required=True, max_length=300),
    PlanField("goal", N_("Goal"), "hidden"),
    PlanField("who", N_("Who does it"), "who"),
    PlanField("by_when", N_("By when"), "date", hint=N_("For example, 15 5 2026")),
    PlanField("time_needed", N_("Or: time needed"), "text", max_length=100,
              hint=N_("For example, 2 weeks")),
    PlanField("help", N_("Help needed, or things to think about"), "long", max_length=1000),
    PlanField("status", N_("How it is going"), "choice", choices=STATUSES),
    PlanField("stuck_reason", N_("Why it is stuck"), "long", max_length=500),
    PlanField("n", N_("Order"), "hidden"),
)

PLAN_BY_NAME = {f.name: f for f in PLAN_FIELDS}
GOAL_BY_NAME = {f.name: f for f in GOAL_FIELDS}
STEP_BY_NAME = {f.name: f for f in STEP_FIELDS}

_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_id() -> str:
    """A short random key that stays with a goal or step for good."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))


def split_key(key: str) -> tuple[str, str | None, str]:
    """("goal", id, field) for goal and step keys; ("plan", None, key) for the rest."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] in ("goal", "step"):
        return parts[0], parts[1], parts[2]
    return "plan", None, key


def field_for(key: str) -> PlanField | None:
    scope, _id, name = split_key(key)
    table = {"goal": GOAL_BY_NAME, "step": STEP_BY_NAME, "plan": PLAN_BY_NAME}[scope]
    return table.get(name)


def _order(content: dict, key: str) -> int:
    value = content.get(key, "")
    return whole_number(value) or 0


PRIORITY_ORDER = {code: n for n, (code, _label) in enumerate(PRIORITIES)}


@dataclass(frozen=True)
class Goal:
    id: str
    fields: dict

    @property
    def title(self) -> str:
        return self.fields.get("title", "")


@dataclass(frozen=True)
class Step:
    id: str
    fields: dict

    @property
    def goal_id(self) -> str:
        return self.fields.get("goal", "")


def _entities(content: dict, scope: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for key, value in content.items():
        kind, ident, name = split_key(key)
        if kind == scope:
            found.setdefault(ident, {})[name] = value
    return found


def goals(content: dict) -> list[Goal]:
    """The goals, most pressing first, then in the order they were added."""
    found = _entities(content, "goal")
    return sorted((Goal(gid, f) for gid, f in found.items()),
                  key=lambda g: (PRIORITY_ORDER.get(g.fields.get("priority"), 1),
                                 _order(g.fields, "n"), g.id))


def steps(content: dict, goal_id: str | None = None) -> list[Step]:
    found = _entities(content, "step")
    chosen = [Step(sid, f) for sid, f in found.items()
              if goal_id is None or f.get("goal", "") == goal_id]
    return sorted(chosen, key=lambda s: (_order(s.fields, "n"), s.id))


def goal_title(content: dict, goal_id: str) -> str:
    return content.get(f"goal.{goal_id}.title", "")


def next_number(content: dict, scope: str) -> int:
    numbers = [whole_number(v) or 0 for k, v in content.items()
               if k.startswith(scope + ".") and k.endswith(".n")]
    return max(numbers, default=0) + 1
