"""Paragraphs of mixed-script text: breaking them into lines and drawing the glyphs.

ReportLab's own Paragraph cannot mix fonts inside a word nor order right-to-left text without a
library that is not on PyPI, so the booklet sets its own text: each paragraph is split into
words, each word into shaped runs (see `shaping`), lines are filled greedily, and each line is put
into visual order by the Unicode bidi rules before it is drawn.
"""

from dataclasses import dataclass, field, replace
from functools import lru_cache

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable

from print_templates.direction import line_levels
from print_templates.fonts import BOLD, BOLD_ITALIC, face_of, font_with
from print_templates.shaping import (
    Run,
    base_rtl,
    font_runs,
    levels,
    shape,
    shape_text,
    visual_order,
)


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    bold: bool = False
    color: Color = black
    align: str = "start"  # start, centre
    space_before: float = 0
    space_after: float = 0
    indent: float = 0  # on the start side, for lists
    descent: float = 0.28  # of the size: where the baseline sits above the line's foot


@dataclass
class Context:
    """What every paragraph in one booklet shares."""

    rtl: bool  # the booklet's direction
    script: str  # the script of the booklet's language
    language: str
    missing: set[str] = field(default_factory=set)  # characters no font could draw
    pages: dict[str, int] = field(default_factory=dict)  # section key -> page it starts on


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Line:
    runs: list[tuple[Run, bool]]  # in visual order, each with "imitate bold" (no bold face)
    width: float  # points
    rtl: bool
    start: int = 0  # where the line's text starts and ends in the paragraph's text
    end: int = 0


def _faces_at(spans: list[Span], style: Style) -> tuple[str, list[str]]:
    """The paragraph's text and the face of each character (the style's bold, or the span's)."""
    text, faces = "", []
    for span in spans:
        text += span.text
        faces += [face_of(span.bold or style.bold, span.italic)] * len(span.text)
    return text, faces


@lru_cache(maxsize=50000)
def _word_runs(word: str, word_levels: tuple[int, ...], script: str, language: str, face: str
               ) -> tuple[tuple[Run, ...], frozenset[str]]:
    missing: set[str] = set()
    runs = tuple(shape(font, part, level, language)
                 for font, part, level in font_runs(word, list(word_levels), script, missing,
                                                    face))
    return runs, frozenset(missing)


def fake_bold(face: str, run: Run) -> bool:
    """Bold was asked for and the run's font has no bold face: draw it stroked."""
    return face in (BOLD, BOLD_ITALIC) and run.font.face not in (BOLD, BOLD_ITALIC)


def lay_out(spans: list[Span], width: float, style: Style, context: Context,
            direction: bool | None = None) -> list[Line]:
    """Break a paragraph into lines no wider than `width` points.

    `direction` forces right-to-left (True) or left-to-right (False); None takes the direction
    of the paragraph's first letter, as the family wrote it."""
    text, faces = _faces_at(spans, style)
    rtl = base_rtl(text, context.rtl) if direction is None else direction
    # A line break the family typed starts a new bidi paragraph in the same direction.
    char_levels = []
    for piece_start, piece_end in _split(text, "\n"):
        char_levels += levels(text[piece_start:piece_end], rtl) + [int(rtl)]
    char_levels.pop()
    size = style.size
    space = font_with(" ", context.script)

    # Words as (start, end); a newline forces a break.
    lines: list[Line] = []
    current: list[tuple[int, int]] = []
    current_width = 0.0

    def word_pieces(start: int, end: int, at_levels: list[int] | None = None
                    ) -> list[tuple[Run, bool, int]]:
        at_levels = at_levels or char_levels
        pieces = []
        i = start
        while i < end:
            j = i
            while j < end and faces[j] == faces[i]:
                j += 1
            runs, missing = _word_runs(text[i:j], tuple(at_levels[i:j]), context.script,
                                       context.language, faces[i])
            context.missing.update(missing)
            pieces += [(run, fake_bold(faces[i], run), run.level) for run in runs]
            i = j
        return pieces

    def measure(start: int, end: int) -> float:
        return sum(run.width for run, _b, _l in word_pieces(start, end)) * size / 1000

    def space_after(start: int, end: int):
        """The space after a word is the word's font's (a Latin space after Latin words)."""
        pieces = word_pieces(start, end)
        font = pieces[-1][0].font if pieces and pieces[-1][0].font.has(" ") else space
        return font, (font.ttf.face.charWidths.get(32, 250) * size / 1000 if font else size / 4)

    def finish():
        nonlocal current, current_width
        if not current:
            lines.append(Line([], 0.0, rtl, paragraph_start, paragraph_start))
        else:
            # The line is ordered on its own, from the paragraph's levels (L1, then L2).
            first, last = current[0][0], current[-1][1]
            at_levels = list(char_levels)
            at_levels[first:last] = line_levels(text, char_levels, first, last, rtl)
            items, item_levels = [], []
            for n, (start, end) in enumerate(current):
                gap = current[n - 1][1] if n else start
                if gap < start:
                    items.append((space_run(space_after(*current[n - 1])[0]), False))
                    item_levels.append(at_levels[gap])
                for run, is_bold, level in word_pieces(start, end, at_levels):
                    items.append((run, is_bold))
                    item_levels.append(level)
            ordered = visual_order(items, item_levels)
            lines.append(Line(ordered, current_width, rtl, current[0][0], current[-1][1]))
        current, current_width = [], 0.0

    for paragraph_start, paragraph_end in _split(text, "\n"):
        for start, end in _split_words(text, paragraph_start, paragraph_end):
            word_width = measure(start, end)
            needed = word_width + (space_after(*current[-1])[1] if current else 0)
            if current and current_width + needed > width:
                finish()
                needed = word_width
            if word_width > width:  # a word longer than a line: cut it
                for piece in _cut(start, end, width - current_width, width, measure):
                    piece_width = measure(*piece)
                    if current and current_width + piece_width > width:
                        finish()
                    current.append(piece)
                    current_width += piece_width
                continue
            current.append((start, end))
            current_width += needed
        finish()
    return lines


def _split(text: str, separator: str):
    start = 0
    for index, char in enumerate(text):
        if char == separator:
            yield start, index
            start = index + 1
    yield start, len(text)


def _split_words(text: str, start: int, end: int):
    """Words between spaces; the groups of a number ("07700 900417") stay one word, so a
    phone number is never broken across lines."""
    i = start
    while i < end:
        while i < end and text[i] == " ":
            i += 1
        j = i
        while j < end and (text[j] != " " or _joins_digits(text, j, end)):
            j += 1
        if j > i:
            yield i, j
        i = j


def _joins_digits(text: str, at: int, end: int) -> bool:
    return 0 < at < end - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


def _cut(start, end, first_room, room, measure):
    pieces, i = [], start
    limit = max(first_room, room / 4)
    while i < end:
        j = i + 1
        while j < end and measure(i, j + 1) <= limit:
            j += 1
        pieces.append((i, j))
        i, limit = j, room
    return pieces


@lru_cache(maxsize=16)
def space_run(font) -> Run:
    return shape(font, " ", 0)


# --- Drawing --------------------------------------------------------------------------------

def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def draw_line(canvas, x: float, y: float, runs: list[tuple[Run, bool]], size: float,
              color: Color = black) -> None:
    """Draw runs (in visual order) from the left at x on baseline y; a run whose font has no
    bold face but should be bold is stroked as well as filled."""
    if not runs:
        return
    doc = canvas._doc
    canvas.setFillColor(color)
    canvas.setStrokeColor(color)
    out = ["BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", f"{_num(size * 0.035)} w"]
    font_name, rise, render, array = None, 0.0, 0, []

    def flush():
        if array:
            out.append("[" + " ".join(array) + "] TJ")
            array.clear()

    for run, stroked in runs:
        if int(stroked) * 2 != render:
            flush()
            render = 2 if stroked else 0
            out.append(f"{render} Tr")
        ttf = run.font.ttf
        widths = ttf.face.charWidths
        codes = "".join(glyph.code for glyph in run.glyphs)
        per_glyph = [(subset, byte) for subset, chunk in ttf.splitString(codes, doc)
                     for byte in chunk]
        for glyph, (subset, byte) in zip(run.glyphs, per_glyph):
            name = ttf.getSubsetInternalName(subset, doc)
            if name != font_name:
                flush()
                out.append(f"{name} {_num(size)} Tf")
                font_name = name
            if glyph.y_offset != rise:
                flush()
                rise = glyph.y_offset
                out.append(f"{_num(rise * size / 1000)} Ts")
            natural = widths.get(ord(glyph.code), 0)
            before = -glyph.x_offset
            after = -(glyph.advance - glyph.x_offset - natural)
            if abs(before) > 0.01:
                array.append(_num(before))
            hexed = f"{byte:02X}"
            if array and array[-1].startswith("<"):
                array[-1] = array[-1][:-1] + hexed + ">"
            else:
                array.append(f"<{hexed}>")
            if abs(after) > 0.01:
                array.append(_num(after))
    flush()
    if render:  # the text mode outlives ET: the next line must not start bold
        out.append("0 Tr")
    out.append("ET")
    canvas._code.append("\n".join(out))


class TextBlock(Flowable):
    """One paragraph (or list item) of mixed-script text."""

    def __init__(self, spans: list[Span] | str, style: Style, context: Context,
                 bullet: str | None = None, lines: list[Line] | None = None,
                 outline: tuple[str, str] | None = None, direction: bool | None = None,
                 mirror: bool = False):
        super().__init__()
        self.direction = direction
        # Booklet words (mirror=True) sit at the booklet's start side whatever their own
        # direction; the family's words sit at the start side of their own direction.
        self.mirror = mirror
        self.spans = [Span(spans)] if isinstance(spans, str) else spans
        self.style = style
        self.context = context
        self.bullet = bullet
        self.lines = lines
        self._width = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.outline = outline  # (key, title) to bookmark where this paragraph is drawn

    def _text_width(self, width: float) -> float:
        return width - self.style.indent

    def wrap(self, available_width, available_height):
        if self.lines is None or self._width != available_width:
            self.lines = lay_out(self.spans, self._text_width(available_width), self.style,
                                 self.context, self.direction)
            self._width = available_width
        self.width = available_width
        self.height = len(self.lines) * self.style.leading
        return available_width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fit = int(available_height // self.style.leading)
        if fit < 1 or fit >= len(self.lines) or len(self.lines) < 2:
            return []
        fit = max(fit, 1)
        first = TextBlock(self.spans, replace(self.style, space_after=0), self.context,
                          self.bullet, self.lines[:fit], self.outline, self.direction,
                          self.mirror)
        rest = TextBlock(self.spans, replace(self.style, space_before=0), self.context, None,
                         self.lines[fit:], direction=self.direction, mirror=self.mirror)
        for part in (first, rest):
            part._width = available_width
        return [first, rest]

    def draw(self):
        canvas = self.canv
        style = self.style
        if self.outline:
            key, title = self.outline
            canvas.bookmarkHorizontal(key, 0, self.height + style.leading)
            canvas.addOutlineEntry(title, key, level=0)
            self.context.pages[key] = canvas.getPageNumber()
        descent = style.size * style.descent
        text_width = self._text_width(self.width)
        for n, line in enumerate(self.lines):
            y = self.height - (n + 1) * style.leading + (style.leading - style.size) / 2 + descent
            line_rtl = self.context.rtl if self.mirror else line.rtl
            if style.align == "centre":
                x = (self.width - line.width) / 2
            elif line_rtl:
                x = text_width - line.width
            else:
                x = style.indent
            draw_line(canvas, x, y, line.runs, style.size, style.color)
            if n == 0 and self.bullet:
                face = face_of(style.bold, False)
                bullet = [(run, fake_bold(face, run))
                          for run in shape_text(self.bullet, False, "latin", face=face)]
                bullet_width = sum(run.width for run, _ in bullet) * style.size / 1000
                bx = (self.width - style.indent / 2 - bullet_width / 2 if line_rtl
                      else style.indent / 2 - bullet_width / 2)
                draw_line(canvas, bx, y, bullet, style.size, style.color)
