"""Dates as families know them: an exact day, a month, or "around" a date."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

PRECISIONS = ("day", "month", "around")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int
    day: int | None
    around: bool = False

    @property
    def precision(self) -> str:
        if self.around:
            return "around"
        return "day" if self.day else "month"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month, self.day or 1)

    def sort_key(self) -> str:
        return self.earliest.isoformat() if self.day else f"{self.year:04d}-{self.month:02d}-00"

    def to_json(self) -> dict:
        return {"year": self.year, "month": self.month, "day": self.day, "around": self.around}

    @classmethod
    def from_json(cls, value: dict | None) -> "PartialDate | None":
        if not value:
            return None
        return cls(value["year"], value["month"], value.get("day"), value.get("around", False))


def age_on(fields: dict, today: date) -> int | None:
    """A member's age today, from their date of birth, or the age the family gave."""
    born = PartialDate.from_json(fields.get("date_of_birth"))
    if born is None:
        return fields.get("age")
    years = today.year - born.year
    if (today.month, today.day) < (born.month, born.day or 1):
        years -= 1
    return years


def months_after(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug → 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))
