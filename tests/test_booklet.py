"""The paper booklet, read back from the PDF: scripts, fonts, sections, sizes, and who sees what."""

import os
import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from demo import family as demo
from print_templates.booklet import BookletOptionError, Options, build_booklet
from print_templates.fonts import MISSING_MARK, font_for_script, missing_glyphs
from print_templates.imposition import padded_order, sheet_sides
from print_templates.layout import styles_for
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account, Entry, Family
from record_book.policy import readable_entries, reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry
from record_book.sharing.model import AccessLogRow

URL = "https://book.example.org/families/1/"

SCRIPT_LINES = {
    "latin": "Zażółć gęślą jaźń, Babcia said",
    "arabic": "نحن عائلة سعيدة",
    "urdu": "ہمارا گھر ٹھیک ہے",
    "bengali": "আমাদের পরিবারের গল্প",
    "gurmukhi": "ਸਾਡੇ ਪਰਿਵਾਰ ਦੀ ਕਹਾਣੀ",
    "gujarati": "અમારા પરિવારની વાર્તા",
}
FONT_OF = {"urdu": "arabic"}


def _require_font(script: str) -> None:
    if font_for_script(FONT_OF.get(script, script)) is None:
        if os.environ.get("REQUIRE_PRINT_FONTS"):
            pytest.fail(f"no font for {script}: install fonts-noto-core (make print-fonts)")
        pytest.skip(f"no font for {script} on this machine (make print-fonts)")


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def has_phrase(text: str, phrase: str) -> bool:
    """Right-to-left lines come back from the PDF in visual order: words reversed."""
    return phrase in text or " ".join(reversed(phrase.split())) in text


def outline_titles(pdf: bytes) -> list[str]:
    return [item.title for item in PdfReader(BytesIO(pdf)).outline]


@pytest.fixture
def demo_family(session):
    demo.load(session)
    session.commit()
    people = {a.username: a for a in session.scalars(select(Account))}
    family = session.scalar(select(Family))
    return family, people


def _reader(session, family, account):
    return reader_for(session, account, family.id)


def test_every_script_prints_as_real_text_in_embedded_fonts(session, book):
    for script in SCRIPT_LINES:
        _require_font(script)
    holder = reader_for(session, book.holder, book.family.id)
    me = str(own_member_entry_id(session, holder))
    for script, line in SCRIPT_LINES.items():
        add_entry(session, holder, "story", {
            "section": "story_so_far", "title": f"Written in {script}", "text": line,
            "category": "family_life", "owner_member_id": me})
    add_entry(session, holder, "helps", {
        "section": "helps_us", "title": "Mixed: Text first, phir اردو میں بات", "text": "",
        "category": "home", "owner_member_id": me})
    session.commit()

    booklet = build_booklet(session, holder, Options(sections=frozenset({"story", "helps"}),
                                                     online_url=URL))
    text = pdf_text(booklet.pdf)
    for script, line in SCRIPT_LINES.items():
        assert has_phrase(text, line), (script, line)
    assert "Mixed: Text first, phir" in text and has_phrase(text, "اردو میں بات")
    assert booklet.missing == set()
    assert MISSING_MARK not in text

    reader = PdfReader(BytesIO(booklet.pdf))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]  # the TrueType program is embedded
        assert "+" in font["/BaseFont"]  # and subset


def test_a_character_no_font_has_is_reported_and_marked_not_boxed(session, book):
    assert missing_glyphs("Hello 🦜 world ٹھیک") == {"🦜"}
    assert missing_glyphs("Zażółć") == set()
    holder = reader_for(session, book.holder, book.family.id)
    add_entry(session, holder, "summary", {"text": "We love our parrot 🦜 very much",
                                           "category": "family_life",
                                           "owner_member_id": str(own_member_entry_id(
                                               session, holder))})
    session.commit()
    booklet = build_booklet(session, holder, Options(sections=frozenset({"summary"})))
    assert booklet.missing == {"🦜"}
    assert f"parrot {MISSING_MARK} very" in pdf_text(booklet.pdf)


def test_sections_appear_only_when_ticked_each_with_one_bookmark(session, demo_family):
    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    booklet = build_booklet(session, holder, Options(
        sections=frozenset({"people", "timeline", "calendar"}), online_url=URL))
    text = pdf_text(booklet.pdf)
    assert outline_titles(booklet.pdf) == ["Our people", "Our timeline",
                                           "Calendar for appointments"]
    assert "Halina Nowicka" in text and "Mia was born" in text
    for absent in ("Read this first", "Services involved with us", "Words explained",
                   "Notes and things to ask", "Northgate Homes repairs line 01632 960905"):
        assert absent not in text
    assert [key for key, _title, _page in booklet.sections] == ["people", "timeline",
                                                                "calendar"]
    pages = [page for _key, _title, page in booklet.sections]
    assert pages == sorted(pages) and pages[0] == 3  # after the cover and the contents

    everything = build_booklet(session, holder, Options(online_url=URL))
    titles = outline_titles(everything.pdf)
    assert titles == [title for _key, title, _page in everything.sections]
    assert len(titles) == 12
    whole = pdf_text(everything.pdf)
    for expected in ("The Hollis family book", "This book belongs to", "Who has a copy",
                     "Contents", "Read this first", "Services involved with us",
                     "07700 900417", "What helps us and what to avoid", "Words explained",
                     "CAMHS",
                     "Notes and things to ask", "Our book online", URL):
        assert expected in whole, expected
    meta = PdfReader(BytesIO(everything.pdf))
    assert meta.metadata.title == "The Hollis family book"
    assert meta.trailer["/Root"]["/Lang"] == "en"


def test_glossary_prints_each_term_used_with_its_meaning_in_the_language(session,
                                                                        demo_family):
    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    booklet = build_booklet(session, holder, Options(
        sections=frozenset({"summary", "glossary"}), online_url=URL))
    text = pdf_text(booklet.pdf)
    words_part = text.split("Words explained")[-1]
    assert "CAMHS" in words_part and "EHC" in words_part
    assert "Section 47" not in words_part  # not used in the summary


def test_an_arabic_booklet_is_right_to_left_with_its_language_set(session, demo_family):
    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    booklet = build_booklet(session, holder, Options(
        language="ar", sections=frozenset({"summary", "people"}), online_url=URL))
    reader = PdfReader(BytesIO(booklet.pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    text = pdf_text(booklet.pdf)
    assert has_phrase(text, "اقرأ هذا أولًا")  # "Read this first", from the Arabic catalog
    assert "Marta Hollis" in text  # the family's words as they wrote them
    assert booklet.missing == set()


def test_a_young_persons_private_entry_prints_only_in_their_own_booklet(session,
                                                                        demo_family):
    family, people = demo_family
    private = "Things I have not told Mum yet"
    options = Options(sections=frozenset({"story"}), online_url=URL)
    mine = pdf_text(build_booklet(session, _reader(session, family, people["young"]),
                                  options).pdf)
    parent = pdf_text(build_booklet(session, _reader(session, family, people["holder"]),
                                    options).pdf)
    assert private in mine and "worried about Mum" in mine
    assert private not in parent and "worried about Mum" not in parent
    assert "What matters to me" in parent  # what she shares with the family is there


def test_someone_outside_the_family_prints_only_what_is_shared_now(session, demo_family):
    family, people = demo_family
    nurse = people["nurse"]
    holder = _reader(session, family, people["holder"])
    entries = session.scalars(select(Entry).where(Entry.family_id == family.id)).all()

    nothing = pdf_text(build_booklet(session, _reader(session, family, nurse),
                                     Options(online_url=URL)).pdf)
    assert "only what the family shares with Grace Mensah now" in nothing
    for entry in entries:
        if entry.kind not in ("summary", "checkin"):  # titled by their kind, not by the family
            assert entry.title not in nothing, entry.title
    assert "Marta" not in nothing and "07700" not in nothing and "We are" not in nothing

    shared = next(e for e in entries if e.title == "Northgate Health Visiting")
    share_entry(session, holder, shared, Grantee(nurse.id, None, nurse.display_name))
    session.commit()
    some = pdf_text(build_booklet(session, _reader(session, family, nurse),
                                  Options(online_url=URL)).pdf)
    assert "Northgate Health Visiting" in some and "07700 900263" in some
    for entry in entries:
        if entry.id != shared.id and entry.kind not in ("summary", "checkin"):
            assert entry.title not in some, entry.title


def test_page_counts_for_a4_a5_and_folded(session, demo_family):
    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    parts = frozenset({"summary", "people", "services", "notes"})
    a4 = build_booklet(session, holder, Options(size="a4", sections=parts, online_url=URL))
    a5 = build_booklet(session, holder, Options(size="a5", sections=parts, online_url=URL))
    large = build_booklet(session, holder, Options(size="a5", large_print=True, sections=parts,
                                                   online_url=URL))
    folded = build_booklet(session, holder, Options(folded=True, large_print=True,
                                                    sections=parts, online_url=URL))
    assert 8 <= a4.pages <= 20
    assert a4.pages < a5.pages < large.pages
    for booklet, width, height in ((a4, 595.3, 841.9), (a5, 419.5, 595.3)):
        pdf = PdfReader(BytesIO(booklet.pdf))
        assert len(pdf.pages) == booklet.pages == booklet.sheet_sides
        box = pdf.pages[0].mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (width, height)
    assert folded.pages % 4 == 0 and large.pages <= folded.pages < large.pages + 4
    assert folded.sheet_sides * 2 == folded.pages
    sheets = PdfReader(BytesIO(folded.pdf))
    assert len(sheets.pages) == folded.sheet_sides
    box = sheets.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert sheets.trailer["/Root"]["/Lang"] == "en"
    assert len(sheets.outline) == 4
    outer = re.sub(r"\s+", " ", sheets.pages[0].extract_text())
    assert "Our book online" in outer and "The Hollis family book" in outer


def test_saddle_stitch_order():
    assert padded_order(6) == [0, 1, 2, 3, 4, None, None, 5]
    assert sheet_sides(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert sheet_sides(8, rtl=True) == [(0, 7), (6, 1), (2, 5), (4, 3)]


def test_large_print_is_16_point_and_standard_12():
    assert styles_for(True).body.size >= 16 and styles_for(True).item.size >= 16
    assert styles_for(False).body.size >= 12 and styles_for(False).small.size >= 10.5
    assert styles_for(True).large.size > styles_for(True).body.size  # services, larger still


def test_options_that_cannot_print_say_so_in_plain_words(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    for bad in (Options(language="xx"), Options(size="letter"),
                Options(sections=frozenset({"secrets"})), Options(sections=frozenset())):
        with pytest.raises(BookletOptionError) as problem:
            build_booklet(session, holder, bad)
        assert str(problem.value)[0].isupper() and "Error" not in str(problem.value)


def test_an_outsiders_booklet_logs_just_what_it_printed_and_the_familys_logs_nothing(
        session, demo_family):
    family, people = demo_family
    teacher = _reader(session, family, people["teacher"])

    def new_rows(since):
        return list(session.scalars(select(AccessLogRow).where(
            AccessLogRow.family_id == family.id, AccessLogRow.seq > since)
            .order_by(AccessLogRow.seq)))

    before = access_log.count(session, family.id)
    build_booklet(session, _reader(session, family, people["holder"]), Options())
    assert new_rows(before) == []

    build_booklet(session, teacher, Options(sections=frozenset({"services"})))
    rows = new_rows(before)
    assert rows and {row.action for row in rows} == {"print"}
    printed = {session.get(Entry, row.entry_id) for row in rows if row.entry_id}
    assert {entry.kind for entry in printed} <= {"member", "service"}  # the cover names people
    shared = set(session.scalars(readable_entries(teacher)))
    assert printed and printed <= shared
    # Leaving the story out means nothing of the story is logged as printed.
    assert not any(entry.kind == "story" for entry in printed)


def test_the_booklet_explains_the_portals_local_words_too(session, book):
    import io

    from pypdf import PdfReader

    from print_templates.booklet import Options, build_booklet
    from record_book.book.entries import add_entry
    from record_book.book.families import own_member_entry_id
    from record_book.glossary.words import add_local_term
    from record_book.policy import reader_for

    add_local_term(session, book.holder.id, "Early Help Hub", "EHH",
                   "The council team you call first when a family needs help.")
    holder = reader_for(session, book.holder, book.family.id)
    add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Calling EHH", "text": "We rang EHH.",
        "category": "family_life", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    pdf = build_booklet(session, holder, Options(language="en",
                                                 sections=frozenset({"story", "glossary"})))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.pdf)).pages)
    assert "The council team you call first" in text


def test_the_plan_prints_as_tables_by_part_of_life_with_the_latest_review(session,
                                                                          demo_family):
    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    booklet = build_booklet(session, holder, Options(sections=frozenset({"plan"})))
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(BytesIO(booklet.pdf)).pages)
    for words in ("What success looks like, in our words", "Get the damp and mould fixed",
                  "Who does it", "By when", "How it is going", "Rosa Lindqvist",
                  "how things are going, out of 10"):
        assert words in text, words
    assert text.index("Money") < text.index("Home") < text.index("School and learning")
    arabic = build_booklet(session, holder, Options(language="ar",
                                                    sections=frozenset({"plan"})))
    assert not arabic.missing
    assert "Get the damp and mould fixed" in " ".join(
        page.extract_text() for page in PdfReader(BytesIO(arabic.pdf)).pages)


def test_local_help_the_family_kept_prints_with_contacts_only_in_the_familys_booklet(
        session, demo_family):
    family, people = demo_family
    kept = Options(sections=frozenset({"listings"}), large_print=True)
    booklet = build_booklet(session, _reader(session, family, people["holder"]), kept)
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(BytesIO(booklet.pdf)).pages)
    assert "Debt advice drop-in" in text and "Phone: 01632 960101" in text
    assert "You can contact them yourself." in text
    assert text.count("This may be out of date") == 1  # the food bank, checked 450 days ago
    assert "Young carers group" not in text  # published, but not kept by this family
    advocate = build_booklet(session, _reader(session, family, people["advocate"]), kept)
    assert "Debt advice" not in " ".join(
        page.extract_text() for page in PdfReader(BytesIO(advocate.pdf)).pages)


def _images_by_page(pdf: bytes) -> list[list[tuple[float, float]]]:
    """Each page's images, as their drawn size in points."""
    sizes = []
    for page in PdfReader(BytesIO(pdf)).pages:
        sizes.append([(image.image.width, image.image.height) for image in page.images])
    return sizes


def test_photos_print_under_their_entry_and_pdfs_are_listed_by_caption(session, demo_family):
    import made_files

    from record_book.book.attachments import Upload, add_attachment

    family, people = demo_family
    holder = _reader(session, family, people["holder"])
    event = session.scalar(select(Entry).where(Entry.title == "Zosia started missing school"))
    add_attachment(session, holder, event, Upload("letter.pdf", made_files.plain_pdf(3),
                                                  "Attendance letter from the council"))
    session.commit()
    booklet = build_booklet(session, holder, Options(online_url=URL, sections=("timeline",)))
    text = pdf_text(booklet.pdf)
    assert "Letter kept in our book: Attendance letter from the council" in text
    assert "Letter from Riverside School about the meeting" in text
    assert "Photo of the mould by Mia's bed" in text
    assert sum(len(images) for images in _images_by_page(booklet.pdf)) >= 2

    # The teacher's booklet has the school's photo and nothing of the unshared ones.
    teacher = build_booklet(session, _reader(session, family, people["teacher"]),
                            Options(online_url=URL, sections=("timeline",)))
    shared = pdf_text(teacher.pdf)
    assert "Letter from Riverside School about the meeting" in shared
    assert "mould" not in shared and "Attendance letter" in shared


def test_a_printed_photo_is_big_enough_to_read(session, demo_family):
    from print_templates.attachments_print import PrintedPhoto

    photo = PrintedPhoto(b"", 1200, 1600, styles_for(False).body.leading * 18, "LEFT")
    width, height = photo.wrap(360, 500)  # an A5 page's frame, in points
    assert height >= 250 and width >= 180, "about half an A5 page, portrait"
    assert abs(width / height - 1200 / 1600) < 0.01
    wide = PrintedPhoto(b"", 1600, 1200, styles_for(False).body.leading * 18, "LEFT")
    assert wide.wrap(360, 500)[0] == 360
