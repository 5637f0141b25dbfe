"""Right-to-left done right: our bidi levels and line order against ICU, and the demo family's
phone numbers read back from Arabic and Urdu booklets in the order they were written."""

import os
import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from demo import family as demo
from print_templates.booklet import Options, build_booklet
from print_templates.direction import bidi_class, line_levels, paragraph_levels
from print_templates.layout import styles_for
from print_templates.lines import Context, Span, lay_out
from print_templates.shaping import visual_order
from record_book.book.model import Account, Entry, Family
from record_book.book.text import isolate
from record_book.directory.listings import chosen_listings
from record_book.policy import reader_for

if os.environ.get("REQUIRE_BIDI_REFERENCE"):  # CI installs it (.ci/run)
    import icu
else:
    icu = pytest.importorskip("icu", reason="pip install -e '.[reference]' (PyICU)")

AR = "رقم الهاتف"
UR = "فون نمبر"
AR_WORDS = "كل أسبوعين"
UR_WORDS = "ہر دو ہفتے"
PHONES = ["07700 900417", "01632 960542 (ring at 8am)", "+44 7700 900263", "0161-496-0000"]
DATES = ["12/03/2024", "3 March 2024", "2024-03-12", "12.03.2024 10:14"]
ADDRESSES = ["22 Station Road, Northgate NG1 4AB", "Flat 3/2, 14 Hill Road", "St Mark's Hall"]
NAMES = ["Marta Hollis", "Dr Ali (GP)", "Rosa Lindqvist (key worker)", "علي حسن", "محمد (أبو علي)"]


def _corpus() -> list[str]:
    out = []
    for label in (AR, UR, "Phone", "Who we deal with"):
        for value in PHONES + DATES + ADDRESSES + NAMES:
            out.append(f"{label}: {isolate(value)}")
            out.append(f"{label}: {value}")
    for inner in ("every two weeks", AR_WORDS, UR_WORDS):
        out += [f"{AR} ({inner} (now finished))", f"{UR} [{inner}] 3 {inner}",
                f"We see {AR} ({inner}) on Tuesdays", f"({inner}) {AR} 12.5% - 3"]
    out += [f"{UR} {isolate('Dr Smith')} (12/03/2024)", f"Marta said «{AR_WORDS}» twice",
            f"{AR} {isolate('07700 900417')}؛ {isolate('01632 960905')}",
            "\u202bembedded\u202c then \u202eoverridden\u202c text"]
    return out


REMOVED = ("RLE", "LRE", "RLO", "LRO", "PDF", "BN")


def _icu_line(text: str, rtl: bool, start: int, end: int) -> str:
    paragraph = icu.Bidi()
    paragraph.setPara(icu.UnicodeString(text), 1 if rtl else 0)
    line = paragraph.setLine(start, end)
    return "".join(text[start + i] for i in line.getVisualMap()
                   if bidi_class(text[start + i]) not in REMOVED)


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_levels_and_order_match_icu_on_mixed_strings(rtl):
    for text in _corpus():
        levels = line_levels(text, paragraph_levels(text, rtl), 0, len(text), rtl)
        ours = "".join(text[i] for i in visual_order(list(range(len(text))), levels)
                       if bidi_class(text[i]) not in REMOVED)
        assert ours == _icu_line(text, rtl, 0, len(text)), text


def _drawn(line) -> str:
    """What a line draws, left to right, as characters (a right-to-left run backwards)."""
    return "".join(run.text if not run.rtl else run.text[::-1] for run, _bold in line.runs
                   if run is not line.hyphen)


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
@pytest.mark.parametrize("width", [60, 110, 400])
def test_lines_are_reordered_after_breaking_as_icu_does(rtl, width):
    """Each line is ordered on its own from the paragraph's levels (UAX #9 L1-L2)."""
    context = Context(rtl=rtl, script="arabic", language="ar")
    style = styles_for(False).body
    for text in _corpus():
        for line in lay_out([Span(text)], width, style, context, direction=rtl):
            expected = _icu_line(text, rtl, line.start, line.end)
            drawn_expected = "".join(c for c in expected if c not in "\u2066\u2067\u2068\u2069")
            assert _drawn(line) == drawn_expected, (text, width)


def test_a_bare_phone_number_after_an_arabic_label_keeps_its_groups_in_order():
    context = Context(rtl=True, script="arabic", language="ar")
    style = styles_for(False).body
    [line] = lay_out([Span(AR + ": ", True), Span(isolate("07700 900417"))], 1000, style,
                     context)
    assert "07700 900417" in _drawn(line)
    [bare] = lay_out([Span(AR + ": 07700 900417")], 1000, style, context)
    assert "900417 07700" in _drawn(bare)  # what UAX #9 does without the isolate


PHONE = re.compile(r"\+?\d[\d -]{6,}\d")


def _pdf_lines(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_every_demo_phone_number_reads_back_in_logical_order(session, language):
    demo.load(session)
    session.commit()
    family = session.scalar(select(Family))
    holder = session.scalar(select(Account).where(Account.username == "holder"))
    reader = reader_for(session, holder, family.id)
    values = [e.fields.get("contact_how", "") for e in session.scalars(
        select(Entry).where(Entry.kind == "service"))]
    values += [listing.fields.get("phone", "") for listing in chosen_listings(session, family.id)]
    numbers = {match.group(0).strip() for value in values for match in PHONE.finditer(value)}
    assert len(numbers) >= 8
    for size, large in (("a4", False), ("a5", True)):
        booklet = build_booklet(session, reader, Options(
            language=language, size=size, large_print=large,
            sections=frozenset({"services", "listings"})))
        text = _pdf_lines(booklet.pdf)
        for number in numbers:
            assert number in text, (number, size)
