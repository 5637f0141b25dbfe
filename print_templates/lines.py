"""Paragraphs of mixed-script text broken into lines.

ReportLab's own Paragraph cannot mix fonts inside a word nor order right-to-left text without a
library that is not on PyPI, so the booklet sets its own text: each paragraph is split into
words (see `breaking`), each word into shaped runs (see `shaping`), lines are filled greedily,
and each line is put into visual order by the Unicode bidi rules (see `direction`) once the
paragraph is broken. `textflow` draws them.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.colors import Color, black

from print_templates.breaking import HYPHEN, break_points, cluster_starts, words
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
    drawn: list["DrawnLine"] = field(default_factory=list)  # every line set, and where

    def note_drawn(self, canvas, text: str, line: "Line", x: float) -> None:
        a, _b, _c, _d, e, _f = canvas._currentMatrix
        left = e + a * x
        self.drawn.append(DrawnLine(text, line.start, line.end, line.hyphen is not None, left,
                                    left + a * line.width, canvas.getPageNumber()))


@dataclass(frozen=True)
class DrawnLine:
    """A line as printed: which part of which paragraph, and how far across the page."""

    text: str  # the whole paragraph
    start: int
    end: int
    hyphenated: bool
    left: float  # points from the page's left edge
    right: float
    page: int


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
    hyphen: Run | None = None  # the hyphen added where the line breaks inside a word


def _faces_at(spans: list[Span], style: Style) -> tuple[str, list[str]]:
    """The paragraph's text and the face of each character (the style's bold, or the span's)."""
    text, faces = "", []
    for span in spans:
        text += span.text
        faces += [face_of(span.bold or style.bold, span.italic)] * len(span.text)
    return text, faces


# Words remembered across booklets: a few books' worth (about a kilobyte each), so a worker that
# prints for many families stays within its memory.
@lru_cache(maxsize=8192)
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
    of the paragraph's first letter, as the family wrote it. Remembered: platypus asks again
    for a paragraph it splits or keeps with the next, and the same book is often printed
    again in another size or language."""
    lines, missing = _laid_out(tuple(spans), round(width, 3), style, context.rtl,
                               context.script, context.language, direction)
    context.missing.update(missing)
    return list(lines)


@lru_cache(maxsize=2048)
def _laid_out(spans: tuple[Span, ...], width: float, style: Style, booklet_rtl: bool,
              script: str, language: str, direction: bool | None
              ) -> tuple[tuple[Line, ...], frozenset[str]]:
    context = Context(booklet_rtl, script, language)
    lines = _lay_out(list(spans), width, style, context, direction)
    return tuple(lines), frozenset(context.missing)


def _lay_out(spans: list[Span], width: float, style: Style, context: Context,
             direction: bool | None) -> list[Line]:
    text, faces = _faces_at(spans, style)
    rtl = base_rtl(text, context.rtl) if direction is None else direction
    # A line break the family typed starts a new bidi paragraph in the same direction.
    char_levels = []
    for piece_start, piece_end in _split(text, "\n"):
        char_levels += levels(text[piece_start:piece_end], rtl) + [int(rtl)]
    char_levels.pop()
    size = style.size
    space = font_with(" ", context.script)

    # Words as (start, end, hyphenated); a newline forces a break.
    lines: list[Line] = []
    current: list[tuple[int, int, bool]] = []
    current_width = 0.0

    # A word is measured, asked for its space and set more than once: at the paragraph's own
    # levels, its pieces are found once.
    pieces_at_paragraph_levels: dict[tuple[int, int], list[tuple[Run, bool, int]]] = {}

    def word_pieces(start: int, end: int, at_levels: list[int] | None = None
                    ) -> list[tuple[Run, bool, int]]:
        if at_levels is None or at_levels is char_levels:
            found = pieces_at_paragraph_levels.get((start, end))
            if found is None:
                found = pieces_at_paragraph_levels[start, end] = _pieces(start, end, char_levels)
            return found
        return _pieces(start, end, at_levels)

    def _pieces(start: int, end: int, at_levels: list[int]) -> list[tuple[Run, bool, int]]:
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

    widths: dict[tuple[int, int], float] = {}
    spaces: dict[tuple[int, int], tuple] = {}

    def measure(start: int, end: int) -> float:
        width = widths.get((start, end))
        if width is None:
            width = widths[start, end] = sum(
                run.width for run, _b, _l in word_pieces(start, end)) * size / 1000
        return width

    def last_font(start: int, end: int):
        pieces = word_pieces(start, end)
        return pieces[-1][0].font if pieces else space

    def space_after(start: int, end: int):
        """The space after a word is the word's font's (a Latin space after Latin words)."""
        found = spaces.get((start, end))
        if found is None:
            font = last_font(start, end)
            font = font if font is not None and font.has(" ") else space
            found = spaces[start, end] = (font, (font.ttf.face.charWidths.get(32, 250) * size
                                                 / 1000 if font else size / 4))
        return found

    def hyphen(start: int, end: int, level: int) -> Run:
        font = last_font(start, end)
        return shape(font if font.has(HYPHEN) else font_with(HYPHEN, "latin"), HYPHEN, level)

    def finish():
        nonlocal current, current_width
        if not current:
            lines.append(Line([], 0.0, rtl, paragraph_start, paragraph_start))
        else:
            # The line is ordered on its own, from the paragraph's levels (L1, then L2).
            first, last = current[0][0], current[-1][1]
            reordered = line_levels(text, char_levels, first, last, rtl)
            if reordered == char_levels[first:last]:
                at_levels = char_levels
            else:
                at_levels = list(char_levels)
                at_levels[first:last] = reordered
            items, item_levels = [], []
            for n, (start, end, _hyphenated) in enumerate(current):
                gap = current[n - 1][1] if n else start
                if gap < start:
                    items.append((space_run(space_after(*current[n - 1][:2])[0]), False))
                    item_levels.append(at_levels[gap])
                for run, is_bold, level in word_pieces(start, end, at_levels):
                    items.append((run, is_bold))
                    item_levels.append(level)
            added = None
            if current[-1][2]:
                added = hyphen(current[-1][0], last, at_levels[last - 1])
                items.append((added, False))
                item_levels.append(at_levels[last - 1])
            ordered = visual_order(items, item_levels)
            lines.append(Line(ordered, current_width, rtl, first, last, added))
        current, current_width = [], 0.0

    def best_break(start: int, end: int, room: float) -> tuple[int, int, bool] | None:
        for found in break_points(text, start, end, context.language):
            point, _next, hyphenated = found
            if measure(start, point) + (hyphen_width if hyphenated else 0) <= room:
                return found
        return None

    hyphen_width = measure_text(HYPHEN, size)
    for paragraph_start, paragraph_end in _split(text, "\n"):
        queue = list(words(text, paragraph_start, paragraph_end))
        queue.reverse()
        while queue:
            start, end = queue.pop()
            word_width = measure(start, end)
            gap = space_after(*current[-1][:2])[1] if current else 0.0
            if current_width + gap + word_width <= width:
                current.append((start, end, False))
                current_width += gap + word_width
                continue
            if word_width > width:  # too wide for any line: it must break inside
                room = width - current_width - gap if current else width
                found = best_break(start, end, room)
                if found is None and not current:
                    found = _cluster_break(text, start, end, room - hyphen_width, measure)
                if found is not None:
                    point, following, hyphenated = found
                    current.append((start, point, hyphenated))
                    current_width += (gap + measure(start, point)
                                      + (hyphen_width if hyphenated else 0))
                    finish()
                    queue.append((following, end))
                    continue
            if current:
                finish()
                queue.append((start, end))
                continue
            current.append((start, end, False))  # one cluster wider than the line
            current_width = word_width
        finish()
    return lines


def _cluster_break(text, start, end, room, measure) -> tuple[int, int, bool] | None:
    """The last cluster boundary that leaves a piece no wider than `room` (at least one
    cluster), with a hyphen; None if the word is a single cluster."""
    starts = cluster_starts(text, start, end)
    if not starts:
        return None
    fitting = [p for p in starts if measure(start, p) <= room]
    point = fitting[-1] if fitting else starts[0]
    return point, point, True


def measure_text(value: str, size: float) -> float:
    runs = shape_text(value, False, "latin")
    return sum(run.width for run in runs) * size / 1000


def _split(text: str, separator: str):
    start = 0
    for index, char in enumerate(text):
        if char == separator:
            yield start, index
            start = index + 1
    yield start, len(text)


@lru_cache(maxsize=16)
def space_run(font) -> Run:
    return shape(font, " ", 0)
