"""A month calendar page for appointments, to stick on the kitchen wall.

Weeks start on Monday (the families are in the UK); day and month names and the day numbers
are in the booklet's language; a right-to-left booklet's calendar reads from the right.
"""

import calendar as stdlib_calendar
from dataclasses import replace
from datetime import date

from babel.dates import get_day_names
from reportlab.platypus import Flowable

from print_templates.i18n import Words
from print_templates.layout import RULE, SOFT, Styles, draw_label
from print_templates.lines import Context


class MonthCalendar(Flowable):
    """The grid of one month, filling the rest of the frame."""

    def __init__(self, month: date, words: Words, styles: Styles, context: Context):
        super().__init__()
        self.month, self.words, self.styles, self.context = month, words, styles, context

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
        header = header_style.leading * 1.4
        column = self.width / 7
        row = (self.height - header) / len(weeks)
        top = self.height

        for index in range(7):
            x = self._column_x(index, column)
            draw_label(canvas, names[index], x, top - header + header_style.size * 0.6, column,
                       header_style, context, "centre")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        for n in range(len(weeks) + 1):
            y = top - header - n * row
            canvas.line(0, y, self.width, y)
        for n in range(8):
            canvas.line(n * column, top - header, n * column, top - header - len(weeks) * row)
        pad = number_style.size * 0.35
        for n, week in enumerate(weeks):
            y = top - header - n * row - pad - number_style.size
            for index, day in enumerate(week):
                if day.month != self.month.month:
                    continue
                x = self._column_x(index, column)
                draw_label(canvas, words.number(day.day), x + pad, y, column - 2 * pad,
                           number_style, context, "start")

    def _column_x(self, index: int, column: float) -> float:
        return (6 - index) * column if self.context.rtl else index * column
