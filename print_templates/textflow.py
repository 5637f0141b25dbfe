"""Drawing lines of shaped glyphs, and the paragraph flowable the whole booklet is set in.

The lines come from `lines.lay_out`; each glyph is written with its private code where it has no
character of its own (see `shaping`), so the PDF's text stays real text.
"""

from dataclasses import replace

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable

from print_templates.fonts import face_of
from print_templates.lines import Context, Line, Span, Style, fake_bold, lay_out
from print_templates.shaping import Run, pdf_number, shape_text

_HEX = [f"{byte:02X}" for byte in range(256)]


_num = pdf_number


def draw_line(canvas, x: float, y: float, runs: list[tuple[Run, bool]], size: float,
              color: Color = black) -> None:
    """Draw runs (in visual order) from the left at x on baseline y; a run whose font has no
    bold face but should be bold is stroked as well as filled."""
    if not runs:
        return
    doc = canvas._doc
    # Most lines are in the colour the last one left (the canvas keeps it across saveState).
    if canvas._fillColorObj != color:
        canvas.setFillColor(color)
    if canvas._strokeColorObj != color:
        canvas.setStrokeColor(color)
    size_text = _num(size)
    out = ["BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm", f"{_num(size * 0.035)} w"]
    font_name, rise, render = None, 0.0, 0
    # The TJ array being written, and the glyphs (as hex) since its last adjustment: a run of
    # glyphs with no kerning between them is one <…> string.
    array, glyph_hex = [], []

    def close_hex():
        if glyph_hex:
            array.append("<" + "".join(glyph_hex) + ">")
            glyph_hex.clear()

    def flush():
        close_hex()
        if array:
            out.append("[" + " ".join(array) + "] TJ")
            array.clear()

    for ttf, stroked, joined in _by_font(runs):
        if int(stroked) * 2 != render:
            flush()
            render = 2 if stroked else 0
            out.append(f"{render} Tr")
        # Runs with no glyph moved off its place are written a chunk at a time.
        plain = rise == 0 and all(run.plain for run in joined)
        glyphs = () if plain else [glyph for run in joined for glyph in run.glyphs]
        n = 0
        for subset, chunk in ttf.splitString("".join([run.codes for run in joined]), doc):
            name = ttf.getSubsetInternalName(subset, doc)
            if name != font_name:
                flush()
                out.append(f"{name} {size_text} Tf")
                font_name = name
            if plain:
                glyph_hex.append(chunk.hex().upper())
                continue
            for byte in chunk:
                glyph = glyphs[n]
                n += 1
                if glyph.y_offset != rise:
                    flush()
                    rise = glyph.y_offset
                    out.append(f"{_num(rise * size / 1000)} Ts")
                if glyph.before:
                    close_hex()
                    array.append(glyph.before)
                glyph_hex.append(_HEX[byte])
                if glyph.after:
                    close_hex()
                    array.append(glyph.after)
    flush()
    if render:  # the text mode outlives ET: the next line must not start bold
        out.append("0 Tr")
    out.append("ET")
    canvas._code.append("\n".join(out))


def _by_font(runs: list[tuple[Run, bool]]):
    """Neighbouring runs in one font and one text mode, joined: one subset lookup each."""
    joined: list[tuple] = []
    for run, stroked in runs:
        ttf = run.font.ttf
        if joined and joined[-1][0] is ttf and joined[-1][1] == stroked:
            joined[-1][2].append(run)
        else:
            joined.append((ttf, stroked, [run]))
    return joined


ORPHANS = WIDOWS = 2


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
        # A heading or a bold label belongs with what follows it, on the same page.
        self.keepWithNext = style.bold

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
        """Split between lines, leaving no orphan (one line at a page's foot) and no widow
        (one line at the next page's head): a paragraph of three lines or fewer moves whole."""
        self.wrap(available_width, available_height)
        fit = min(int(available_height // self.style.leading), len(self.lines) - WIDOWS)
        if fit < ORPHANS:
            return []
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
        text = "".join(span.text for span in self.spans)
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
            self.context.note_drawn(canvas, text, line, x)
            if n == 0 and self.bullet:
                face = face_of(style.bold, False)
                bullet = [(run, fake_bold(face, run))
                          for run in shape_text(self.bullet, False, "latin", face=face)]
                bullet_width = sum(run.width for run, _ in bullet) * style.size / 1000
                bx = (self.width - style.indent / 2 - bullet_width / 2 if line_rtl
                      else style.indent / 2 - bullet_width / 2)
                draw_line(canvas, bx, y, bullet, style.size, style.color)
