"""Our plan on paper: what success looks like, then each goal's steps as a table (step, who,
by when, status) under the part of life it belongs to, with the latest review as a small chart.

It prints `BookContent.plan`, which holds only what the reader may read (the whole plan, or the
goals shared with them), so the booklet shows what the plan page would show.
"""

from dataclasses import replace
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from plans.fields import PLAN_BY_NAME, PRIORITIES, STATUSES, Goal, Step
from plans.reviews import Point
from print_templates.content import BookContent, PlanPrint
from print_templates.direction import isolate
from print_templates.fonts import font_for_script
from print_templates.i18n import N_
from print_templates.kit import Kit
from print_templates.layout import ACCENT, RULE, SOFT, draw_label, label_lines
from record_book.areas import AREAS

HEADER_KEYS = ("header.success", "header.measures", "sides.family", "sides.advocate",
               "if_not_done", "if_service_fails", "stepping_down.support")
RATING_TOP = 10
STEP_COLUMNS = (0.46, 0.22, 0.16, 0.16)  # step, who, by when, status
SAID_BY_SERVICE = N_("said %(organisation)s (%(name)s) on %(date)s")
SAID_BY = N_("said %(name)s on %(date)s")


def plan_section(content: BookContent, kit: Kit) -> list[Flowable]:
    plan = content.plan
    if plan is None:
        return kit.nothing(content)
    out: list[Flowable] = []
    if plan.whole:
        out += _agreement(plan, kit) + _header(plan, kit)
    else:
        out.append(kit.text(kit.words(N_("These are the goals the family shares with you.")),
                            kit.styles.small))
    for code, label in AREAS:
        in_area = [goal for goal in plan.goals if goal.fields.get("area") == code]
        if not in_area:
            continue
        out.append(CondPageBreak(kit.styles.body.leading * 8))
        heading = kit.text(kit.words(label), kit.styles.subheading)
        for n, goal in enumerate(in_area):
            # The area's heading goes to the page of its first goal.
            out += _goal(plan, goal, kit, [heading] if n == 0 else [])
    return out


def _agreement(plan: PlanPrint, kit: Kit) -> list[Flowable]:
    """Who agreed which version and when, and whether the plan changed since both agreed."""
    words, styles, status = kit.words, kit.styles, plan.agreement
    if status is None:
        return []
    out: list[Flowable] = []
    if status.agreed_now:
        out.append(kit.text(words(N_("You all agreed to this version on %(date)s.")
                                  if status.with_young else
                                  N_("You both agreed to this version on %(date)s."),
                                  date=words.date(status.both_at.date())), styles.strong))
    elif status.changed_since:
        out.append(kit.text(words(N_("Changed since you all agreed on %(date)s")
                                  if status.with_young else
                                  N_("Changed since you both agreed on %(date)s"),
                                  date=words.date(status.both_at.date())), styles.strong))
    else:
        out.append(kit.text(words(N_("The family and the advocate did not both agree to this "
                                     "plan.")), styles.strong))
    for agreed in status.agreements:
        out.append(kit.text(words(
            N_("%(name)s agreed to version %(number)s on %(date)s, as your advocate then")
            if status.former_advocate(agreed) else
            N_("%(name)s agreed to version %(number)s on %(date)s"),
                                  name=isolate(agreed.account.display_name),
                                  number=words.number(agreed.revision_number),
                                  date=words.date(agreed.at.date())), styles.small))
    return out


def _header(plan: PlanPrint, kit: Kit) -> list[Flowable]:
    out: list[Flowable] = []
    review = plan.content.get("header.review_date")
    if review:
        out.append(kit.text(kit.words(N_("Next review: %(date)s"),
                                      date=_date_text(review, kit)), kit.styles.strong))
    for key in HEADER_KEYS:
        value = plan.content.get(key)
        if value:
            out.append(KeepTogether([kit.text(kit.words(PLAN_BY_NAME[key].label),
                                              kit.styles.strong),
                                     kit.family_words(value, kit.styles.body)]))
    return out


def _goal(plan: PlanPrint, goal: Goal, kit: Kit, before: list[Flowable]) -> list[Flowable]:
    words, styles = kit.words, kit.styles
    priority = dict(PRIORITIES).get(goal.fields.get("priority", ""), "")
    head: list[Flowable] = before + [kit.family_words(goal.title, styles.large_strong)]
    if priority:
        head.append(kit.text(words(priority), styles.small))
    # The review chart sits under its goal's title, so no page ever parts them.
    rating = plan.ratings.get(goal.id)
    if rating is not None:
        head.append(RatingChart(rating, kit))
    steps = [step for step in plan.steps if step.goal_id == goal.id]
    if steps:
        head.append(_steps_table(plan, steps, kit))
    else:
        head.append(kit.text(words(N_("No steps yet.")), styles.small))
    return [KeepTogether(head)]


def _steps_table(plan: PlanPrint, steps: list[Step], kit: Kit) -> Table:
    words, styles = kit.words, kit.styles
    small = styles.small
    headings = [words(N_("Step")), words(N_("Who does it")), words(N_("By when")),
                words(N_("How it is going"))]
    rows = [[kit.text(heading, replace(small, bold=True, color=SOFT))
             for heading in headings]]
    for step in steps:
        fields = step.fields
        who = fields.get("who")
        when = _date_text(fields["by_when"], kit) if fields.get("by_when") \
            else fields.get("time_needed", "")
        status = dict(STATUSES).get(fields.get("status", ""), N_("Not started"))
        what: list[Flowable] = [kit.family_words(fields.get("what", ""), styles.body)]
        if fields.get("status") == "stuck" and fields.get("stuck_reason"):
            what.append(kit.labelled(N_("Why it is stuck"), fields["stuck_reason"], small))
        what += _service_mark(plan, step, kit)
        rows.append([
            what,
            kit.family_words(plan.names.get(who, ""), styles.body) if who
            else kit.text(words(N_("Not decided yet")), styles.body),
            kit.family_words(when, styles.body),
            kit.text(words(status), styles.body),
        ])
    fractions = list(STEP_COLUMNS)
    if kit.context.rtl:  # a right-to-left table reads from the right
        rows = [list(reversed(row)) for row in rows]
        fractions.reverse()
    table = Table(rows, colWidths=[f"{fraction * 100}%" for fraction in fractions],
                  repeatRows=1, hAlign="CENTER")
    latin = font_for_script("latin")
    table.setStyle(TableStyle([
        # The cells are our own flowables; naming our font keeps Helvetica out of the PDF.
        ("FONTNAME", (0, 0), (-1, -1), latin.name if latin else "Helvetica"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _service_mark(plan: PlanPrint, step: Step, kit: Kit) -> list[Flowable]:
    """What the service said of its step, as the plan page says it: "Done said Riverside
    School (Ms Patel) on 3 March", and why, if stuck."""
    said = plan.marks.get(step.id)
    if said is None:
        return []
    words = kit.words
    day = words.date(said.at.date(), "d MMMM")
    who = (words(SAID_BY_SERVICE, organisation=isolate(said.author_organisation),
                 name=isolate(said.author_name), date=day) if said.author_organisation
           else words(SAID_BY, name=isolate(said.author_name), date=day))
    line = words(dict(STATUSES).get(said.status, "")) + " " + who
    if said.reason:
        line += ": " + isolate(said.reason)
        kit.used_text.append(said.reason)
    return [kit.text(line, kit.styles.small)]


def _date_text(value: str, kit: Kit) -> str:
    try:
        return kit.words.date(date.fromisoformat(value))
    except ValueError:
        return value


class RatingChart(Flowable):
    """The goal's latest review as two bars out of ten: the family's and the advocate's."""

    def __init__(self, point: Point, kit: Kit):
        super().__init__()
        self.point, self.kit = point, kit
        words = kit.words
        self.caption = words(N_("Last review, %(date)s: how things are going, out of 10"),
                             date=words.date(point.on))
        self.bars = [(words(N_("The family")), point.family),
                     (words(N_("Our advocate")), point.advocate)]
        self.bars = [(label, value) for label, value in self.bars if value is not None]

    def _label_width(self) -> float:
        return self.width * 0.3 - self.kit.styles.small.size * 0.5

    def wrap(self, available_width, available_height):
        small, context = self.kit.styles.small, self.kit.context
        self.width = available_width
        # The caption and each bar's label wrap; a bar sits on its label's first line.
        self.caption_lines = label_lines(self.caption, self.width, small, context)
        self.label_lines = [label_lines(label, self._label_width(), small, context)
                            for label, _value in self.bars]
        self.height = small.leading * (self.caption_lines + sum(self.label_lines) + 0.5)
        return self.width, self.height

    def draw(self):
        canvas, context = self.canv, self.kit.context
        small = self.kit.styles.small
        leading = small.leading
        y = self.height - leading + (leading - small.size) / 2
        draw_label(canvas, self.caption, 0, y, self.width, small, context, "start")
        y -= leading * (self.caption_lines - 1)
        label_width = self.width * 0.3
        number_width = small.size * 2.5
        track = self.width - label_width - number_width
        for (label, value), taken in zip(self.bars, [1] + self.label_lines):
            y -= leading * taken
            filled = track * min(max(value, 0), RATING_TOP) / RATING_TOP
            if context.rtl:
                label_x, bar_x, number_x = self.width - label_width, number_width, 0
                fill_x = bar_x + track - filled
            else:
                label_x, bar_x, number_x = 0, label_width, label_width + track
                fill_x = bar_x
            draw_label(canvas, label, label_x, y, self._label_width(), small, context, "start")
            canvas.setStrokeColor(RULE)
            canvas.setFillColor(RULE)
            canvas.rect(bar_x, y - small.size * 0.1, track, small.size * 0.8, stroke=0, fill=1)
            canvas.setFillColor(ACCENT)
            canvas.rect(fill_x, y - small.size * 0.1, filled, small.size * 0.8, stroke=0, fill=1)
            draw_label(canvas, self.kit.words.number(value), number_x, y, number_width, small,
                       context, "centre")
