"""Month calendar pages for the kitchen wall, with the family's own dates already on them.

Weeks start on Monday (the families are in the UK); day and month names and the day numbers
are in the booklet's language; a right-to-left booklet's calendar reads from the right. Each
day shows what the book knows of it: the plan's next review, the steps due, the meetings and the
events in the timeline, as far as the reader may read them.
"""

import calendar as stdlib_calendar
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from reportlab.platypus import Flowable

from print_templates.content import BookContent
from print_templates.i18n import N_, Words
from print_templates.layout import ACCENT, RULE, SOFT, Styles, draw_label, label_lines
from print_templates.lines import Context
from record_book.book.dates import PartialDate, months_after

MONTHS = 2
# The families' own clock: a meeting at 00:30 in July is on the day the family lives it.
FAMILY_CLOCK = ZoneInfo("Europe/London")


def months_ahead(today: date) -> list[date]:
    """The first day of this month and of the months after it that the calendar shows."""
    first = today.replace(day=1)
    return [months_after(first, n) for n in range(MONTHS)]


def family_dates(content: BookContent, words: Words, first: date, last: date
                 ) -> dict[date, list[str]]:
    """What the book says happens on each day from `first` to `last`: the plan's review,
    the steps due (in the family's words), the meetings and the events in the timeline."""
    marks: dict[date, list[str]] = {}

    def mark(day: date | None, text: str) -> None:
        if day is not None and first <= day <= last and text:
            marks.setdefault(day, []).append(text)

    plan = content.plan
    if plan is not None:
        if plan.whole:
            mark(_iso(plan.content.get("header.review_date")), words(N_("Next review")))
        for step in plan.steps:
            mark(_iso(step.fields.get("by_when")), step.fields.get("what", ""))
    for meeting in content.meetings:
        local = meeting.starts_at.astimezone(FAMILY_CLOCK)
        mark(local.date(), words(N_("Meeting at %(time)s"), time=local.strftime("%H:%M")))
    for event in content.events:
        when = PartialDate.from_json(event.fields.get("date"))
        if when is not None and when.day and not when.around:
            mark(when.earliest, event.fields.get("title", ""))
    return marks


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class MonthCalendar(Flowable):
    """The grid of one month, filling the rest of the frame."""

    def __init__(self, month: date, words: Words, styles: Styles, context: Context,
                 marks: dict[date, list[str]] | None = None):
        super().__init__()
        self.month, self.words, self.styles, self.context = month, words, styles, context
        self.marks = marks or {}

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        words, context = self.words, self.context
        weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
            self.month.year, self.month.month)
        names = get_day_names("abbreviated", locale=words.locale)  # 0 = Monday
        header_style = replace(self.styles.small, bold=True, color=SOFT)
        number_style = replace(self.styles.body, bold=True)
        note_style = replace(self.styles.small, size=self.styles.small.size * 0.85,
                             leading=self.styles.small.leading * 0.85, color=ACCENT,
                             space_after=0)
        column = self.width / 7
        pad = number_style.size * 0.35
        header = header_style.leading * (0.4 + max(
            label_lines(names[index], column - 2 * pad, header_style, context)
            for index in range(7)))
        row = (self.height - header) / len(weeks)
        top = self.height

        for index in range(7):
            x = self._column_x(index, column)
            draw_label(canvas, names[index], x + pad, top - header_style.leading, column - 2 * pad,
                       header_style, context, "centre")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        for n in range(len(weeks) + 1):
            y = top - header - n * row
            canvas.line(0, y, self.width, y)
        for n in range(8):
            canvas.line(n * column, top - header, n * column, top - header - len(weeks) * row)
        for n, week in enumerate(weeks):
            y = top - header - n * row - pad - number_style.size
            for index, day in enumerate(week):
                if day.month != self.month.month:
                    continue
                x = self._column_x(index, column)
                draw_label(canvas, words.number(day.day), x + pad, y, column - 2 * pad,
                           number_style, context, "start")
                self._draw_marks(canvas, day, x + pad, y - number_style.leading * 0.9,
                                 column - 2 * pad, row - number_style.leading - pad, note_style)

    def _draw_marks(self, canvas, day: date, x: float, y: float, width: float, room: float,
                    style) -> None:
        lines_left = int(room // style.leading)
        for text in self.marks.get(day, []):
            if lines_left < 1:
                return
            used = draw_label(canvas, text, x, y, width, style, self.context, "start",
                              max_lines=lines_left)
            y -= used * style.leading
            lines_left -= used

    def _column_x(self, index: int, column: float) -> float:
        return (6 - index) * column if self.context.rtl else index * column
