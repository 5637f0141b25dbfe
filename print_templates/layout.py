"""Page sizes, type sizes and the page templates: everything about where things go on paper.

Right-to-left booklets mirror: text starts at the right, list bullets and page furniture sit on
the right, and tables read from the right.
"""

import copy
from dataclasses import dataclass, replace
from typing import Callable

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from print_templates.fonts import font_for_script
from print_templates.lines import Context, Span, Style, lay_out
from print_templates.textflow import draw_line

# Streams (pages, fonts, photos) are written as compressed bytes, not also as ASCII85 text: a
# PDF a fifth smaller, and no time spent encoding every photo twice over.
rl_config.useA85 = 0

PAGE_SIZES = {"a4": A4, "a5": A5}
INK = HexColor("#0b0c0c")
SOFT = HexColor("#505a5f")
RULE = HexColor("#b1b4b6")
ACCENT = HexColor("#1d70b8")


@dataclass(frozen=True)
class Styles:
    body: Style
    strong: Style
    small: Style
    title: Style
    heading: Style
    subheading: Style
    large: Style  # services, in large type
    large_strong: Style
    item: Style  # list items (indented)


# Nastaliq's letters climb and descend far more than Naskh's or Latin's: Urdu lines need more
# room between them, and the baseline sits higher in the line.
NASTALIQ_LEADING = 1.5
NASTALIQ_DESCENT = 0.5


def styles_for(large_print: bool, script: str = "latin") -> Styles:
    """Standard print: body 12 pt. Large print: body 16 pt. Headings and services larger.
    Urdu (Nastaliq) gets its own line height."""
    styles = _styles(large_print)
    if script != "nastaliq" or font_for_script("nastaliq") is None:
        return styles
    return Styles(**{name: replace(style, leading=style.leading * NASTALIQ_LEADING,
                                   descent=NASTALIQ_DESCENT)
                     for name, style in vars(styles).items()})


def _styles(large_print: bool) -> Styles:
    body = 16.0 if large_print else 12.0
    leading = body * 1.45
    return Styles(
        body=Style(body, leading, space_after=body * 0.5, color=INK),
        strong=Style(body, leading, bold=True, space_before=body * 0.4, color=INK),
        small=Style(body * 0.9, body * 1.3, color=SOFT, space_after=body * 0.3),
        title=Style(body * 2.2, body * 2.9, bold=True, color=INK, space_after=body),
        heading=Style(body * 1.7, body * 2.3, bold=True, color=INK, space_after=body * 0.6),
        subheading=Style(body * 1.25, body * 1.7, bold=True, color=ACCENT,
                         space_before=body * 0.8, space_after=body * 0.3),
        large=Style(body * 1.3, body * 1.8, color=INK, space_after=body * 0.3),
        large_strong=Style(body * 1.45, body * 2.0, bold=True, color=INK,
                           space_before=body * 0.9, space_after=body * 0.2),
        item=Style(body, leading, space_after=body * 0.25, indent=body * 1.4, color=INK),
    )


def margins_for(size: str) -> float:
    return 14 * mm if size == "a5" else 20 * mm


def label_lines(text: str, width: float, style: Style, context: Context) -> int:
    """How many lines a label takes in a box `width` wide."""
    return max(1, len(lay_out([Span(text, style.bold)], width, style, context)))


def draw_label(canvas, text: str, x: float, y: float, width: float, style: Style,
               context: Context, align: str | None = None, max_lines: int | None = None,
               noted: bool = True) -> int:
    """Text in a box `width` wide from x, first baseline at y, wrapped onto as many lines as
    it needs (at most `max_lines`), each `style.leading` below the last: start, centre or end.
    A label filled in after the last page (not `noted`) is left out of the booklet's lines.

    Returns the number of lines drawn."""
    lines = lay_out([Span(text, style.bold)], width, style, context)[:max_lines]
    align = align or "start"
    for n, line in enumerate(lines):
        rtl = context.rtl if align != "centre" else line.rtl
        if align == "centre":
            left = x + (width - line.width) / 2
        elif (align == "start") != rtl:  # start in a left-to-right booklet, or end in a mirrored one
            left = x
        else:
            left = x + width - line.width
        draw_line(canvas, left, y - n * style.leading, line.runs, style.size, style.color)
        if noted:
            context.note_drawn(canvas, text, line, left)
    return len(lines)


class BookCanvas(Canvas):
    """A canvas that fills in, just before it saves, what is known only once the booklet is
    finished (`later`: the page numbers on the contents page), so the booklet is set once.

    Its initial font is the booklet's own embedded font, so no unembedded standard font is
    ever named in the PDF."""

    def __init__(self, *args, **kwargs):
        latin = font_for_script("latin")
        if latin is not None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or latin.name
        super().__init__(*args, **kwargs)
        self.later: list = []

    def save(self):
        for fill_in in self.later:
            fill_in(self)
        super().save()


class BookFrame(Frame):
    """A frame whose copies are shallow: ReportLab copies the frame to measure every group kept
    together (a heading with what follows), and its settings are all plain numbers."""

    def __deepcopy__(self, memo):
        return copy.copy(self)


class BookTemplate(BaseDocTemplate):
    """Cover pages without furniture; inner pages with the family's title and a page number."""

    def __init__(self, target, size: str, context: Context, styles: Styles, footer: str,
                 page_label, **kwargs):
        page = PAGE_SIZES[size]
        margin = margins_for(size)
        super().__init__(target, pagesize=page, leftMargin=margin, rightMargin=margin,
                         topMargin=margin, bottomMargin=margin * 1.4, **kwargs)
        self.context = context
        self.styles = styles
        self.footer = footer
        self.page_label = page_label
        frame = BookFrame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        cover = BookFrame(self.leftMargin, self.bottomMargin * 0.7, self.width,
                      self.height + self.bottomMargin * 0.3, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="cover")
        self.addPageTemplates([
            PageTemplate("cover", [cover]),
            PageTemplate("inner", [frame], onPage=self._furniture),
        ])

    def _furniture(self, canvas, doc):
        canvas.saveState()
        size = self.styles.small.size
        y = self.bottomMargin * 0.45
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, y + size * 1.4, self.leftMargin + self.width, y + size * 1.4)
        number = self.page_label(canvas.getPageNumber())
        small = self.styles.small
        draw_label(canvas, number, self.leftMargin, y, self.width, small, self.context, "end")
        left = self.leftMargin + (self.width * 0.2 if self.context.rtl else 0)
        draw_label(canvas, self.footer, left, y, self.width * 0.8, small, self.context, "start")
        canvas.restoreState()


class Rule(Flowable):
    """A thin line across the frame."""

    def __init__(self, space: float = 6, color: Color = RULE, width: float = 0.6):
        super().__init__()
        self.space, self.color, self.line_width = space, color, width

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.space * 2

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.space, self.width, self.space)


class WritingLines(Flowable):
    """Ruled lines to write on by hand, filling the rest of the frame (or `count` lines)."""

    def __init__(self, gap: float, count: int | None = None):
        super().__init__()
        self.gap, self.count = gap, count

    def wrap(self, available_width, available_height):
        self.width = available_width
        lines = self.count or max(1, int(available_height // self.gap) - 1)
        self.height = lines * self.gap
        return available_width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        y = self.height - self.gap
        while y >= -0.01:
            canvas.line(0, y, self.width, y)
            y -= self.gap


class BlankTable(Flowable):
    """Ruled columns with headings, to fill in by hand; fills the rest of the frame."""

    def __init__(self, headings: list[str], fractions: list[float], styles: Styles,
                 context: Context):
        super().__init__()
        self.headings, self.fractions = headings, fractions
        self.styles, self.context = styles, context

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        style = replace(self.styles.small, bold=True, color=SOFT)
        pad = style.size * 0.3
        widths = [self.width * f for f in self.fractions]
        header = style.leading * (max(label_lines(heading, width - 2 * pad, style, self.context)
                                      for heading, width in zip(self.headings, widths)) + 0.5)
        gap = self.styles.body.leading * 1.6
        lefts, x = [], 0.0
        for width in widths:
            lefts.append(x)
            x += width
        if self.context.rtl:
            lefts = [self.width - left - width for left, width in zip(lefts, widths)]
        for heading, left, width in zip(self.headings, lefts, widths):
            draw_label(canvas, heading, left + pad, self.height - style.leading,
                       width - 2 * pad, style, self.context, "start")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        y = self.height - header
        bottom = y - int(y // gap) * gap
        while y >= bottom - 0.01:
            canvas.line(0, y, self.width, y)
            y -= gap
        edges = {round(left, 2) for left in lefts} - {0.0, round(self.width, 2)}
        for edge in sorted(edges):
            canvas.line(edge, self.height - header, edge, bottom)


class LabelRow(Flowable):
    """A line with one text at its start and another at its end (a contents line).

    The end (the page a part starts on) is known only when the booklet is finished: here the
    row draws a form, which the canvas fills in with `end()` just before it saves."""

    def __init__(self, start: str, end: Callable[[], str], style: Style, context: Context):
        super().__init__()
        self.start, self.end, self.style, self.context = start, end, style, context

    def wrap(self, available_width, available_height):
        self.width = available_width
        room = available_width - self.style.size * 4
        self.lines = lay_out([Span(self.start)], room, self.style, self.context)
        self.height = self.style.leading * (len(self.lines) + 0.3)
        return self.width, self.height

    def draw(self):
        style, rtl = self.style, self.context.rtl
        pad = style.leading * 0.15
        y = self.height - pad - style.leading + (style.leading - style.size) / 2 + style.size * 0.28
        canvas = self.canv
        name = f"later-{len(canvas.later)}"
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(name)
        canvas.restoreState()
        canvas.later.append(lambda filling: self._fill_in(filling, name))
        for line in self.lines:
            x = self.width - line.width if rtl else 0
            draw_line(self.canv, x, y, line.runs, style.size, style.color)
            y -= style.leading
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.line(0, 1, self.width, 1)

    def _fill_in(self, canvas, name: str) -> None:
        style = self.style
        canvas.beginForm(name, -style.size, -style.leading, self.width + style.size,
                         style.leading * 2)
        draw_label(canvas, self.end(), 0, 0, self.width, style, self.context, "end",
                   noted=False)
        canvas.endForm()
