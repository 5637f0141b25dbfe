"""From a string to shaped, ordered runs of glyphs: bidi levels, font runs, HarfBuzz shaping.

A piece of text is split into runs that share one font and one bidi level. Each run is shaped by
HarfBuzz (joined Arabic letters, Indic conjuncts and reordered vowel signs, mark positions) and
kept in its visual order. Glyphs that have no character of their own (a joined form, a conjunct)
are drawn through a private code that text extraction reads back as the characters they stand
for, cluster by cluster, so the PDF's text stays real text.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import uharfbuzz as hb

from print_templates.direction import base_is_rtl, is_control, paragraph_levels
from print_templates.fonts import (
    MISSING_MARK,
    REGULAR,
    Font,
    draws_nothing,
    font_for_script,
    font_with,
    script_of,
)


class Glyph(NamedTuple):  # a tuple: a booklet's first print makes tens of thousands
    code: str  # the character that draws the glyph in its font
    advance: float  # in thousandths of an em
    x_offset: float
    y_offset: float
    # The PDF's TJ adjustments around the glyph ("" for none), worked out once when the word is
    # shaped (shaping is remembered) rather than each time a line is drawn.
    before: str = ""
    after: str = ""


def pdf_number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _adjustment(value: float) -> str:
    return pdf_number(value) if value > 0.01 or value < -0.01 else ""


@dataclass(frozen=True)
class Run:
    """Text in one font at one bidi level, shaped, glyphs in visual (left to right) order."""

    font: Font
    text: str
    level: int
    glyphs: tuple[Glyph, ...]
    width: float  # thousandths of an em
    codes: str = ""  # the glyphs' codes, as one string
    plain: bool = False  # no glyph is moved off its place (no adjustment, no rise)

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


# --- Bidi levels ----------------------------------------------------------------------------

def has_rtl(text: str) -> bool:
    return any(script_of(char) == "arabic" or "\u0590" <= char <= "\u08ff" for char in text)


def base_rtl(text: str, default_rtl: bool) -> bool:
    """The direction of a paragraph: its first strong letter's (outside isolates), else the
    default."""
    return base_is_rtl(text, default_rtl)


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved bidi level of each character of one paragraph (UAX #9, see `direction`)."""
    return paragraph_levels(text, rtl)


def visual_order(items: list, item_levels: list[int]) -> list:
    """Rule L2: reverse each sequence at or above each level, highest first."""
    if not items:
        return items
    order = list(range(len(items)))
    top = max(item_levels)
    lowest_odd = min(level for level in item_levels if level % 2) if any(
        level % 2 for level in item_levels) else top + 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [items[i] for i in order]


# --- Fonts for each character ---------------------------------------------------------------

def font_runs(text: str, char_levels: list[int], preferred: str,
              missing: set[str] | None = None, face: str = REGULAR
              ) -> list[tuple[Font, str, int]]:
    """Split text into (font, text, level) runs; characters no font has become a marker.

    Letters take their own script's font (Latin letters the Latin font, even in an Urdu
    booklet whose Nastaliq font has some); digits and punctuation take the font of the letters
    before them, else of the letters after them, else (plain ASCII, as in a phone number) the
    Latin font."""
    if text.isascii() and text.isprintable() and text:
        # Most words: every character Latin (or taking the Latin letters' font), no control;
        # the same as character by character, which is five times as long.
        latin, level = font_for_script("latin", face), char_levels[0]
        if latin is not None and char_levels.count(level) == len(text) \
                and all(ord(char) in latin.cmap for char in text):
            return [(latin, text, level)]
    return font_runs_by_character(text, char_levels, preferred, missing, face)


def font_runs_by_character(text: str, char_levels: list[int], preferred: str,
                           missing: set[str] | None = None, face: str = REGULAR
                           ) -> list[tuple[Font, str, int]]:
    runs: list[list] = []
    scripts = _neutral_scripts(text, preferred)
    for char, level, current_script in zip(text, char_levels, scripts):
        if is_control(char):  # direction controls steer the levels and draw nothing
            continue
        script = script_of(char)
        font = None
        if runs and (draws_nothing(char) or script is None) and runs[-1][0].has(char) \
                and runs[-1][0].script == current_script:
            font = runs[-1][0]
        elif draws_nothing(char):
            font = runs[-1][0] if runs else font_for_script(preferred, face) or font_with(" ")
        else:
            font = font_with(char, current_script, face)
        if font is None:
            if missing is not None:
                missing.add(char)
            fallback = font_with("?", "latin")
            for mark in MISSING_MARK:
                _append(runs, fallback, mark, level)
            continue
        _append(runs, font, char, level)
    return [(font, "".join(chars), level) for font, chars, level in runs]


def _neutral_scripts(text: str, preferred: str) -> list[str]:
    """The font key each character is drawn in: its own script's, else its neighbours'."""
    own = [script_of(char) for char in text]
    if preferred == "nastaliq":
        own = ["nastaliq" if script == "arabic" else script for script in own]
    after: list[str | None] = [None] * len(text)
    following = None
    for i in range(len(text) - 1, -1, -1):
        following = own[i] or following
        after[i] = following
    out, before = [], None
    for i, char in enumerate(text):
        before = own[i] or before
        chosen = before or after[i]
        if chosen is None:
            chosen = "latin" if char.isascii() else preferred
        out.append(chosen)
    return out


def _append(runs: list, font: Font, char: str, level: int) -> None:
    if runs and runs[-1][0] is font and runs[-1][2] == level:
        runs[-1][1].append(char)
    else:
        runs.append([font, [char], level])


# --- Shaping --------------------------------------------------------------------------------

_HB_FONTS: dict[str, hb.Font] = {}


def _hb_font(font: Font) -> hb.Font:
    found = _HB_FONTS.get(font.name)
    if found is None:
        face = hb.Face(hb.Blob(font.ttf.face._ttf_data))
        found = _HB_FONTS[font.name] = hb.Font(face)
    return found


_FEATURES = {"kern": True, "liga": True}


@lru_cache(maxsize=8192)  # as lines._word_runs: a few books' words
def shape(font: Font, text: str, level: int, language: str = "") -> Run:
    rtl = level % 2 == 1
    hb_font = _hb_font(font)
    buffer = hb.Buffer()
    buffer.add_codepoints(list(map(ord, text)))
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    if language:
        buffer.language = language
    hb.shape(hb_font, buffer, _FEATURES)
    scale = 1000 / font.units_per_em
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    clusters = [info.cluster for info in infos]
    starts = sorted(set(clusters) | {len(text)})
    end_of = {start: starts[i + 1] for i, start in enumerate(starts[:-1])}
    face = font.ttf.face
    widths, char_to_glyph, cmap = face.charWidths, face.charToGlyph, font.cmap
    glyphs: list[Glyph] = []
    width = 0.0
    plain = True
    i, count = 0, len(infos)
    while i < count:
        cluster = clusters[i]
        j = i + 1
        while j < count and clusters[j] == cluster:
            j += 1
        cluster_text = text[cluster:end_of[cluster]]
        if j - i == 1:
            shares = [cluster_text[::-1] if rtl else cluster_text]
        elif rtl:
            # Extraction reads right-to-left glyphs backwards: give them the text backwards.
            shares = [share[::-1] for share in reversed(_share(cluster_text, j - i))]
        else:
            shares = _share(cluster_text, j - i)
        for k in range(i, j):
            gid, pos = infos[k].codepoint, positions[k]
            share = shares[k - i]
            if len(share) == 1 and ord(share) in cmap and char_to_glyph.get(ord(share)) == gid:
                code = share  # the glyph of the character itself (Font.code_for's first case)
            else:
                code = font.code_for(gid, share, hb_font.get_glyph_h_advance(gid) * scale)
            advance = pos.x_advance * scale
            x_offset = pos.x_offset * scale
            y_offset = pos.y_offset * scale
            # The PDF draws the glyph at its font's width: what HarfBuzz moved differs by this
            # (adjustments under a hundredth of a unit are none: see _adjustment).
            moved = widths.get(ord(code), 0) + x_offset - advance
            if x_offset or y_offset or not -0.01 <= moved <= 0.01:
                before = _adjustment(-x_offset) if x_offset else ""
                after = _adjustment(moved)
                if before or after or y_offset:
                    plain = False
                glyphs.append(Glyph(code, advance, x_offset, y_offset, before, after))
            else:
                glyphs.append(Glyph(code, advance, x_offset, y_offset))
            width += advance
        i = j
    return Run(font, text, level, tuple(glyphs), width,
               "".join([glyph.code for glyph in glyphs]), plain)


def _share(text: str, count: int) -> list[str]:
    """Give each glyph of a cluster part of its text, in order; the last takes what is left."""
    if count == 1:
        return [text]
    shares = [text[k] if k < len(text) else "" for k in range(count - 1)]
    shares.append(text[count - 1:] if count - 1 < len(text) else "")
    return shares


def shape_text(text: str, rtl_default: bool, preferred: str, language: str = "",
               missing: set[str] | None = None, base: bool | None = None,
               face: str = REGULAR) -> list[Run]:
    """Shape a piece of a line, in logical order (reorder a whole line with `visual_order`)."""
    paragraph_rtl = base_rtl(text, rtl_default) if base is None else base
    char_levels = levels(text, paragraph_rtl)
    return [shape(font, part, level, language)
            for font, part, level in font_runs(text, char_levels, preferred, missing, face)]
