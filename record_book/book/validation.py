"""Checks what someone typed into an entry and turns it into clean, stored fields.

Each problem is reported against its field in plain words, so the page can show it next to the
field and keep everything else the person typed.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from record_book.book.dates import PartialDate
from record_book.book.kinds import EVENTS_THAT_CAN_BE_AHEAD, Field, Kind
from record_book.book.numbers import has_other_digits, whole_number
from record_book.book.text import clean_plain, clean_rich, rich_to_plain
from record_book.i18n import N_

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
MAX_COUNT = 999


@dataclass(frozen=True)
class Problem:
    """A message (in English, translated when shown) with its placeholders."""

    message: str
    params: dict = field(default_factory=dict)


class Invalid(Exception):
    def __init__(self, problems: dict[str, Problem]):
        super().__init__(", ".join(problems))
        self.problems = problems


def _get(raw: Mapping[str, str], name: str) -> str:
    value = raw.get(name)
    return value if isinstance(value, str) else ""


def other_digits(label) -> Problem:
    return Problem(N_('Write "%(label)s" with the digits 0 to 9, like 2024'), {"label": label})


def _number(text: str) -> int | None:
    return whole_number(text, largest=9999)


def _check_text(f: Field, raw, clean: dict, problems: dict) -> None:
    typed = _get(raw, f.name)
    value = clean_rich(typed) if f.type == "rich" else clean_plain(typed)
    meaningful = rich_to_plain(value) if f.type == "rich" else value
    if not meaningful:
        if f.required:
            problems[f.name] = Problem(N_('Fill in "%(label)s"'), {"label": f.label})
        return
    if len(value) > f.max_length:
        problems[f.name] = Problem(
            N_('"%(label)s" must be %(limit)s characters or fewer. You wrote %(count)s.'),
            {"label": f.label, "limit": f.max_length, "count": len(value)},
        )
        return
    clean[f.name] = value


def _check_choice(f: Field, raw, clean: dict, problems: dict) -> None:
    value = _get(raw, f.name)
    if not value:
        if f.required:
            problems[f.name] = Problem(N_('Choose an answer for "%(label)s"'), {"label": f.label})
        return
    if value not in dict(f.choices):
        problems[f.name] = Problem(N_('Choose one of the answers for "%(label)s"'),
                                   {"label": f.label})
        return
    clean[f.name] = value


def _check_count(f: Field, raw, clean: dict, problems: dict) -> None:
    typed = _get(raw, f.name).strip()
    if not typed:
        if f.required:
            problems[f.name] = Problem(N_('Fill in "%(label)s"'), {"label": f.label})
        return
    if has_other_digits(typed):
        problems[f.name] = other_digits(f.label)
        return
    number = _number(typed)
    if number is None or not 0 < number <= MAX_COUNT:
        problems[f.name] = Problem(
            N_('"%(label)s" must be a whole number from 1 to %(limit)s'),
            {"label": f.label, "limit": MAX_COUNT},
        )
        return
    clean[f.name] = number


def _check_hidden(f: Field, raw, clean: dict) -> None:
    """A number the page carries along (such as a directory listing's); anything else is
    dropped, as nobody typed it."""
    value = _get(raw, f.name).strip()
    if whole_number(value) is not None and len(value) <= f.max_length:
        clean[f.name] = value


def _date_parts(f: Field, raw) -> tuple[str, str, str]:
    return (_get(raw, f"{f.name}-day").strip(), _get(raw, f"{f.name}-month").strip(),
            _get(raw, f"{f.name}-year").strip())


def _check_date(f: Field, raw, clean: dict, problems: dict, today: date) -> None:
    day_t, month_t, year_t = _date_parts(f, raw)
    needs_day = f.type == "date"
    if f.type == "month":
        day_t = ""
    if not (day_t or month_t or year_t):
        if f.required:
            problems[f.name] = Problem(N_('Enter a date for "%(label)s"'), {"label": f.label})
        return
    if has_other_digits(day_t + month_t + year_t):
        problems[f.name] = other_digits(f.label)
        return
    day, month, year = _number(day_t), _number(month_t), _number(year_t)
    missing = [part for part, typed in ((N_("day"), day_t if needs_day else "x"),
                                        (N_("month"), month_t), (N_("year"), year_t))
               if not typed]
    if missing:
        problems[f.name] = Problem(N_('"%(label)s" needs a %(part)s'),
                                   {"label": f.label, "part": missing[0]})
        return
    if (month is None or year is None or (day_t and day is None) or not 1 <= month <= 12
            or not EARLIEST_YEAR <= year <= LATEST_YEAR
            or (day is not None and not 1 <= day <= monthrange(year, month)[1])):
        problems[f.name] = Problem(N_('"%(label)s" must be a real date, like 27 3 2024'),
                                   {"label": f.label})
        return
    around = f.type == "partial_date" and bool(_get(raw, f"{f.name}-around"))
    when = PartialDate(year, month, day if day_t else None, around)
    if not f.may_be_ahead and when.earliest > today:
        problems[f.name] = Problem(N_('"%(label)s" must be today or in the past'),
                                   {"label": f.label})
        return
    clean[f.name] = when.to_json()


def validate(kind: Kind, raw: Mapping[str, str], today: date) -> dict:
    """Return the clean fields, or raise Invalid with one problem per field."""
    clean: dict = {}
    problems: dict[str, Problem] = {}
    for f in kind.fields:
        if f.type in ("text", "rich"):
            _check_text(f, raw, clean, problems)
        elif f.type in ("choice", "radios"):
            _check_choice(f, raw, clean, problems)
        elif f.type == "count":
            _check_count(f, raw, clean, problems)
        elif f.type in ("date", "partial_date", "month"):
            _check_date(f, raw, clean, problems, today)
        elif f.type == "hidden":
            _check_hidden(f, raw, clean)
    _check_across_fields(kind, clean, problems, today)
    if problems:
        raise Invalid(problems)
    return clean


def _check_across_fields(kind: Kind, clean: dict, problems: dict, today: date) -> None:
    if kind.name == "event" and "date" in clean:
        when = PartialDate.from_json(clean["date"])
        if when.earliest > today and clean.get("event_type") not in EVENTS_THAT_CAN_BE_AHEAD:
            problems["date"] = Problem(N_(
                "This kind of event cannot have happened yet. Check the date, or choose "
                "meeting, court, housing, health or assessment for something booked ahead."))
    if kind.name == "event" and "occurrence_total" in clean:
        if clean["occurrence_total"] < clean.get("occurrence", 1):
            problems["occurrence_total"] = Problem(
                N_("The number of times so far cannot be less than which time this was"))
    if kind.name == "service" and "since" in clean and "until" in clean:
        since, until = (PartialDate.from_json(clean[k]) for k in ("since", "until"))
        if until.earliest < since.earliest:
            problems["until"] = Problem(N_('"Until when" cannot be before "Since when"'))
    if kind.name == "member" and "date_of_birth" in clean and "age" in clean:
        problems["age"] = Problem(N_("Give a date of birth or an age, not both"))
    if kind.name == "voice" and not any(clean.get(f.name) for f in kind.fields) \
            and not problems:
        problems["happy"] = Problem(N_("Write at least one of the three, in the child's words"))
