"""The fonts the booklet prints with: one Noto-style font per script, found on this machine.

Fonts come only from packages the project's own set-up installs, never from the network:

- Python wheels (pyproject.toml): fontpkg-noto-sans (Latin, Greek, Cyrillic and symbols),
  fontpkg-noto-sans-arabic (Arabic and Urdu), fontpkg-noto-sans-devanagari, and
  fontpkg-hind-siliguri (Bengali; no Noto Bengali wheel exists).
- Debian's fonts-noto-core, for Gurmukhi and Gujarati, which have no wheel, for Urdu's Noto
  Nastaliq Urdu, and for the real bold and italic faces (`make install` and `.ci/run` install
  it). Its regular Latin, Arabic, Devanagari and Bengali files are used only when a wheel is
  missing.

Each font is embedded (subset) in the PDF. A character no font has is reported by
`missing_glyphs`, and the booklet prints a visible marker for it instead of an empty box.
"""

import importlib
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

DEBIAN_NOTO = Path("/usr/share/fonts/truetype/noto")
DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "regular", "bold", "italic", "bold_italic"


def _noto(name: str) -> tuple[str, str]:
    return ("file", str(DEBIAN_NOTO / name))


# font key: {face: candidate files in order of preference, as ("wheel", module, file) or
# ("file", path)}. A key is a script, except "nastaliq", Urdu's own style of the Arabic script.
# Bold and italic are real faces: a face with no file falls back to bold (for bold italic) or
# regular, and only bold is then imitated, by stroking the letters.
CANDIDATES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "latin": {
        REGULAR: (("wheel", "fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"),
                  _noto("NotoSans-Regular.ttf"), ("file", str(DEBIAN_DEJAVU / "DejaVuSans.ttf"))),
        BOLD: (_noto("NotoSans-Bold.ttf"), ("file", str(DEBIAN_DEJAVU / "DejaVuSans-Bold.ttf"))),
        ITALIC: (("wheel", "fontpkg_noto_sans", "NotoSans-Italic[wdth,wght].ttf"),
                 _noto("NotoSans-Italic.ttf")),
        BOLD_ITALIC: (_noto("NotoSans-BoldItalic.ttf"),),
    },
    "arabic": {
        REGULAR: (("wheel", "fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
                  _noto("NotoSansArabic-Regular.ttf"), _noto("NotoNaskhArabic-Regular.ttf")),
        BOLD: (_noto("NotoSansArabic-Bold.ttf"), _noto("NotoNaskhArabic-Bold.ttf")),
    },
    "nastaliq": {
        REGULAR: (_noto("NotoNastaliqUrdu-Regular.ttf"),),
        BOLD: (_noto("NotoNastaliqUrdu-Bold.ttf"),),
    },
    "devanagari": {
        REGULAR: (("wheel", "fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf"),
                  _noto("NotoSansDevanagari-Regular.ttf")),
        BOLD: (_noto("NotoSansDevanagari-Bold.ttf"),),
    },
    "bengali": {
        REGULAR: (("wheel", "fontpkg_hind_siliguri", "HindSiliguri-Regular.ttf"),
                  _noto("NotoSansBengali-Regular.ttf")),
        BOLD: (("wheel", "fontpkg_hind_siliguri", "HindSiliguri-Bold.ttf"),
               _noto("NotoSansBengali-Bold.ttf")),
    },
    "gurmukhi": {REGULAR: (_noto("NotoSansGurmukhi-Regular.ttf"),),
                 BOLD: (_noto("NotoSansGurmukhi-Bold.ttf"),)},
    "gujarati": {REGULAR: (_noto("NotoSansGujarati-Regular.ttf"),),
                 BOLD: (_noto("NotoSansGujarati-Bold.ttf"),)},
}
# Where a face has no file of its own, the face used instead.
_FALLBACK = {BOLD_ITALIC: BOLD, BOLD: REGULAR, ITALIC: REGULAR}

SCRIPTS = tuple(key for key in CANDIDATES if key != "nastaliq")
# Characters every Indic script shares (the danda and double danda): drawn by the font of the
# letters around them, so a Bengali sentence ends in a Bengali danda.
_SHARED = {"\u0964", "\u0965"}

# Characters that shape or steer text but draw nothing themselves.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
              "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
              "\u2069", "\n", "\t"}

# The visible stand-in for a character that no font can draw.
MISSING_MARK = "[?]"

_lock = threading.RLock()


@dataclass(eq=False)
class Font:
    """A registered font and what it can draw."""

    script: str  # the font key: a script, or "nastaliq"
    name: str  # the ReportLab font name
    path: Path
    ttf: TTFont
    cmap: frozenset[int]  # code points the font itself maps (before any private codes)
    units_per_em: int
    face: str = REGULAR  # the face this file really is
    # (glyph id, text) -> the private-use character that draws that glyph and reads as text
    private: dict[tuple[int, str], str] = field(default_factory=dict)
    reads_as: dict[int, str] = field(default_factory=dict)  # private code point -> text
    _next_private: int = 0xE000

    def has(self, char: str) -> bool:
        return ord(char) in self.cmap

    def code_for(self, gid: int, text: str, advance_1000: float) -> str:
        """A character that draws glyph `gid` and that text extraction reads as `text`."""
        if len(text) == 1 and self.ttf.face.charToGlyph.get(ord(text)) == gid \
                and ord(text) in self.cmap:
            return text
        key = (gid, text)
        code = self.private.get(key)
        if code is not None:
            return code
        with _lock:
            face = self.ttf.face
            point = self._next_private
            while point in face.charToGlyph:
                point += 1
            if point > 0xF8FF:
                raise RuntimeError(f"{self.name}: out of private-use codes")
            self._next_private = point + 1
            face.charToGlyph[point] = gid
            face.glyphToChar.setdefault(gid, []).append(point)
            face.charWidths[point] = advance_1000
            self.reads_as[point] = text
            code = self.private[key] = chr(point)
        return code


def _resolve(candidate: tuple[str, ...]) -> Path | None:
    if candidate[0] == "wheel":
        try:
            module = importlib.import_module(candidate[1])
        except ImportError:
            return None
        path = Path(module.ROOT) / "files" / candidate[2]
    else:
        path = Path(candidate[1])
    return path if path.is_file() else None


def font_for_script(script: str, face: str = REGULAR) -> Font | None:
    """The font this machine has for a script (or "nastaliq") in a face, registered with
    ReportLab: the face itself, else the nearest face there is; None if the script has none."""
    return _font(script, face)  # one cache key however it is called: one Font per file


@cache
def _font(script: str, face: str) -> Font | None:
    with _lock:
        for candidate in CANDIDATES[script].get(face, ()):
            path = _resolve(candidate)
            if path is None:
                continue
            name = f"Booklet-{script}" + ("" if face == REGULAR else f"-{face}")
            ttf = TTFont(name, str(path), shapable=False)
            pdfmetrics.registerFont(ttf)
            ttf_face = ttf.face
            _PRIVATE_TEXT[ttf_face.name] = {}
            font = Font(script, name, path, ttf, frozenset(ttf_face.charToGlyph),
                        ttf_face.unitsPerEm, face)
            font.reads_as = _PRIVATE_TEXT[ttf_face.name]
            return font
    if face in _FALLBACK:
        return font_for_script(script, _FALLBACK[face])
    return None


def face_of(bold: bool, italic: bool) -> str:
    return (BOLD_ITALIC if italic else BOLD) if bold else (ITALIC if italic else REGULAR)


def available_fonts() -> list[Font]:
    return [font for script in SCRIPTS if (font := font_for_script(script)) is not None]


def missing_scripts() -> list[str]:
    """Scripts this machine has no font for (their text would print as markers)."""
    return [script for script in SCRIPTS if font_for_script(script) is None]


@lru_cache(maxsize=4096)  # asked for every character set: see direction.is_control
def script_of(char: str) -> str | None:
    """The script a character belongs to, or None for spaces, digits and punctuation."""
    point = ord(char)
    if 0x0600 <= point <= 0x06FF or 0x0750 <= point <= 0x077F or 0x08A0 <= point <= 0x08FF \
            or 0xFB50 <= point <= 0xFDFF or 0xFE70 <= point <= 0xFEFF:
        return "arabic"
    if char in _SHARED:
        return None
    if 0x0900 <= point <= 0x097F or 0xA8E0 <= point <= 0xA8FF:
        return "devanagari"
    if 0x0980 <= point <= 0x09FF:
        return "bengali"
    if 0x0A00 <= point <= 0x0A7F:
        return "gurmukhi"
    if 0x0A80 <= point <= 0x0AFF:
        return "gujarati"
    if char.isalpha():
        return "latin"
    return None


@lru_cache(maxsize=4096)
def draws_nothing(char: str) -> bool:
    """Controls and format characters (joiners, direction marks): shaping uses them."""
    return char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cf")


def font_with(char: str, preferred: str | None = None, face: str = REGULAR) -> Font | None:
    """The font to draw a character with: the preferred font's if it has it, else its script's
    own (Urdu's Arabic letters in Nastaliq when Nastaliq is preferred), else the first that
    has it."""
    if preferred:
        first = font_for_script(preferred, face)
        if first is not None and first.has(char):
            return first
    script = script_of(char)
    if script == "arabic" and preferred == "nastaliq":
        script = "nastaliq"
    if script:
        own = font_for_script(script, face)
        if own is not None and own.has(char):
            return own
    if face != REGULAR:
        return font_with(char, preferred)
    return next((font for font in available_fonts() if font.has(char)), None)


def missing_glyphs(text: str) -> set[str]:
    """The characters in `text` that no available font can draw."""
    return {char for char in set(text or "")
            if not char.isspace() and not draws_nothing(char) and font_with(char) is None}


# --- Extraction: a glyph drawn through a private code reads as the text it stands for. -------

_PRIVATE_TEXT: dict[bytes, dict[int, str]] = {}
_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname, subset):
    face_name = fontname.split("+", 1)[-1].encode("latin-1", "replace")
    # The longest name that matches: "NotoSans-Bold" must not take "NotoSans-BoldItalic"'s.
    matching = [name for name in _PRIVATE_TEXT if face_name.startswith(name)]
    private = _PRIVATE_TEXT[max(matching, key=len)] if matching else None
    if not private or not any(code in private for code in subset):
        return _reportlab_cmap(fontname, subset)
    lines = _reportlab_cmap(fontname, subset).split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith("beginbfchar"))
    end = lines.index("endbfchar")
    pairs = []
    for index, code in enumerate(subset):
        text = private.get(code, chr(code))
        pairs.append(f"<{index:02X}> <{_utf16_hex(text)}>")
    return "\n".join(lines[:start] + [f"{len(pairs)} beginbfchar"] + pairs + lines[end:])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
