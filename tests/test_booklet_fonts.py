"""Type as a printer would set it: real bold and italic faces, Urdu in Nastaliq with its own
line height, Latin letters in the Latin font, the danda from the script's own font."""

from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from demo import family as demo
from print_templates.booklet import Options, build_booklet
from print_templates.direction import paragraph_levels
from print_templates.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, font_for_script
from print_templates.layout import styles_for
from print_templates.shaping import font_runs, font_runs_by_character
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account, Family
from record_book.policy import reader_for


def _need(script: str, face: str = BOLD) -> None:
    font = font_for_script(script, face)
    if font is None or font.face != face:
        pytest.skip(f"no {face} {script} font here (apt-get install fonts-noto-core)")


def _drawn_in(pdf: bytes) -> dict[str, set[str]]:
    """Each font's name (without its subset tag) and the text drawn in it."""
    found: dict[str, set[str]] = {}

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            found.setdefault(name, set()).add(text.strip())

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def _embedded(pdf: bytes) -> dict[str, dict]:
    fonts = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


@pytest.fixture
def holder(session):
    demo.load(session)
    session.commit()
    family = session.scalar(select(Family))
    account = session.scalar(select(Account).where(Account.username == "holder"))
    return reader_for(session, account, family.id)


def test_headings_and_titles_are_set_in_embedded_bold_faces(session, holder):
    _need("latin")
    booklet = build_booklet(session, holder, Options())
    fonts = _embedded(booklet.pdf)
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name  # embedded, subset
        assert "+" in name
    drawn = _drawn_in(booklet.pdf)
    assert "NotoSans-Bold" in drawn
    bold_text = " ".join(drawn["NotoSans-Bold"])
    for heading in ("Our people", "Our plan", "Marta Hollis"):
        assert heading in bold_text
    assert "Every Sunday" not in bold_text  # body text stays regular
    assert "Every Sunday" in " ".join(drawn["NotoSans-Regular"])


def test_italic_in_the_familys_words_prints_in_the_italic_face(session, holder):
    _need("latin", "italic")
    me = str(own_member_entry_id(session, holder))
    add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Slowly", "text": "<p>We go <em>slowly</em> now.</p>",
        "category": "family_life", "owner_member_id": me})
    session.commit()
    booklet = build_booklet(session, holder, Options(sections=frozenset({"story"})))
    drawn = _drawn_in(booklet.pdf)
    assert any("slowly" in text for name, texts in drawn.items() if "Italic" in name
               for text in texts)


def test_urdu_is_set_in_nastaliq_with_latin_in_the_latin_font(session, holder):
    _need("nastaliq")
    booklet = build_booklet(session, holder, Options(language="ur"))
    drawn = _drawn_in(booklet.pdf)
    names = set(drawn)
    assert {"NotoNastaliqUrdu-Regular", "NotoNastaliqUrdu-Bold"} <= names
    assert not any("NotoSansArabic" in name for name in names)
    latin = " ".join(t for name, texts in drawn.items() if name.startswith("NotoSans-")
                     for t in texts)
    assert "Marta Hollis" in latin and "07700 900417" in latin
    nastaliq = " ".join(t for name, texts in drawn.items() if "Nastaliq" in name for t in texts)
    assert not any("a" <= char <= "z" for char in nastaliq)


def test_nastaliq_has_its_own_line_height():
    _need("nastaliq")
    urdu, latin = styles_for(False, "nastaliq"), styles_for(False)
    assert urdu.body.size == latin.body.size
    assert urdu.body.leading >= latin.body.leading * 1.4
    assert styles_for(False, "arabic") == latin


@pytest.mark.parametrize("script,sentence", [
    ("bengali", "আমরা ভালো আছি। আবার দেখা হবে॥"),
    ("gurmukhi", "ਅਸੀਂ ਠੀਕ ਹਾਂ। ਫਿਰ ਮਿਲਾਂਗੇ।"),
    ("gujarati", "અમે મજામાં છીએ। ફરી મળીશું।"),
])
def test_the_danda_comes_from_the_scripts_own_font(script, sentence):
    if font_for_script(script) is None:
        pytest.skip(f"no {script} font here")
    runs = font_runs(sentence, paragraph_levels(sentence, False), script)
    for font, text, _level in runs:
        if "\u0964" in text or "\u0965" in text:
            assert font.script == script, (font.name, text)
    assert all(font.script == script for font, _text, _level in runs)


@settings(max_examples=300, deadline=None)
@given(word=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1,
                    max_size=12),
       level=st.integers(0, 2), preferred=st.sampled_from(["latin", "arabic", "nastaliq",
                                                           "bengali", "devanagari"]),
       face=st.sampled_from([REGULAR, BOLD, ITALIC, BOLD_ITALIC]))
def test_a_plain_ascii_word_takes_the_fonts_it_would_take_character_by_character(
        word, level, preferred, face):
    # An ASCII word in any booklet, at one level, is set in one run of the Latin font: the
    # quick way must give exactly what the character-by-character way gives.
    levels = [level] * len(word)
    assert font_runs(word, levels, preferred, face=face) == \
        font_runs_by_character(word, levels, preferred, face=face)
