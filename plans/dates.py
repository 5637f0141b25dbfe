"""Dates in a plan as people type them, and as the plan stores them.

People type "15 5 2026" or "15/5/2026"; the plan keeps an ISO date, and a form shows it back the
way it was typed. The plan form, the review form and the sharing form all read dates this way.
"""

import re
from datetime import date

# ASCII: "\d" alone takes every script's digits (and "٣" would become 3 unasked).
_DATE = re.compile(r"^\s*(\d{1,2})\s*[ ./-]\s*(\d{1,2})\s*[ ./-]\s*(\d{4})\s*$", re.ASCII)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII)


def parse_date(text: str) -> str | None:
    """"15 5 2026", "15/5/2026" or "2026-05-15" as an ISO date; None if it is not a real date."""
    match = _DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return when.isoformat() if 1900 <= year <= 2200 else None


def date_for_form(value: str) -> str:
    """A stored ISO date as the person would type it: "15 5 2026"."""
    try:
        when = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    return f"{when.day} {when.month} {when.year}"
