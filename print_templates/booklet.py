"""Print a family's book: `build_booklet(session, reader, options)` returns the PDF.

The booklet reads entries only through the record book's access rule (see `content`), in the
reader's view: the family prints its own book, and anyone else prints only what is shared with
them now, which the cover says. It does not import Flask; the portal and the CLI pass in the
language, the options and the address of the online book.
"""

import threading
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak

from print_templates.content import BookContent, gather
from print_templates.covers import back_cover, contents, cover, log_head
from print_templates.i18n import N_, TRANSLATIONS, available_languages, words_for
from print_templates.imposition import impose
from print_templates.kit import Kit
from print_templates.layout import PAGE_SIZES, BookCanvas, BookTemplate, styles_for
from print_templates.lines import Context, DrawnLine
from print_templates.sections import SECTION_KEYS, SECTIONS
from print_templates.textflow import TextBlock
from record_book.clock import today as clock_today
from record_book.glossary.words import glossary, local_terms
from record_book.languages.catalogs import reviewed_share
from record_book.policy import Reader

SIZES = ("a4", "a5")
DEFAULT_SECTIONS = frozenset(SECTION_KEYS)

# ReportLab's font objects are shared by the whole process: one PDF (booklet or meeting page)
# is set at a time.
PRINTING = threading.Lock()


class BookletOptionError(ValueError):
    """An option that cannot be printed; the message is plain words, ready to translate."""


@dataclass(frozen=True)
class Options:
    language: str = "en"
    large_print: bool = False
    size: str = "a4"  # a4 or a5; a folded booklet always has A5 pages
    folded: bool = False  # A5 pages imposed two to each A4 sheet, in saddle-stitch order
    sections: frozenset[str] = DEFAULT_SECTIONS
    online_url: str = ""
    printed_on: date | None = None
    translations_dir: Path | None = None

    @property
    def page_size(self) -> str:
        return "a5" if self.folded else self.size

    def check(self) -> None:
        if self.language not in available_languages(self.translations_dir):
            raise BookletOptionError(N_("We cannot print in that language yet. Choose one "
                                        "from the list."))
        if self.size not in SIZES:
            raise BookletOptionError(N_("Choose A4 or A5 for the page size."))
        unknown = set(self.sections) - set(SECTION_KEYS)
        if unknown:
            raise BookletOptionError(N_("Choose the parts of the book from the list."))
        if not self.sections:
            raise BookletOptionError(N_("Tick at least one part of the book to print."))


@dataclass
class Booklet:
    pdf: bytes
    pages: int  # pages of the booklet (A4 or A5), padded to a multiple of 4 when folded
    sheet_sides: int  # pages in the PDF file: sheet sides when folded, else the same as pages
    sections: list[tuple[str, str, int]]  # key, title, page it starts on
    missing: set[str] = field(default_factory=set)  # characters no font could draw
    title: str = ""
    lines: list[DrawnLine] = field(default_factory=list)  # every line set, and where (A5 pages)


def prepare(session, translations_dir: Path | None = None) -> None:
    """Work out once what every family's booklet needs alike, before the booklet worker makes
    each booklet in a child process of its own (which would otherwise work it out every time):
    the glossary's matcher, with the portal's own words as they are now (changed since, a
    booklet compiles its own), and how much of each language a speaker has checked."""
    glossary(local_terms(session)).find("")
    for language in available_languages(translations_dir):
        reviewed_share(translations_dir or TRANSLATIONS, language)


def build_booklet(session, reader: Reader, options: Options) -> Booklet:
    options.check()
    content = gather(session, reader, options.sections)
    with PRINTING:
        return _build(content, options)


def _build(content: BookContent, options: Options) -> Booklet:
    words = words_for(options.language, options.translations_dir)
    styles = styles_for(options.large_print, words.script)
    today = options.printed_on or clock_today()
    chosen = [s for s in SECTIONS if s.key in options.sections]
    if not content.for_family:  # parts with nothing shared are left out, and the cover says so
        chosen = [s for s in chosen if s.holds is None or s.holds(content)]
    titles = [(s.key, words(s.title)) for s in chosen]
    held = [title for (key, title), s in zip(titles, chosen) if s.holds is not None]
    title = content.family_title or words(N_("Our family book"))

    # Set once: the contents' page numbers are filled in when the last page is done.
    context = Context(rtl=words.rtl, script=words.script, language=options.language)
    kit = Kit(words, styles, context, today)
    target = BytesIO()
    doc = BookTemplate(target, options.page_size, context, styles, title, words.number,
                       title=title, lang=options.language, author=title,
                       subject=words(N_("A family's record book")),
                       creator="Family Record Book")
    height = PAGE_SIZES[options.page_size][1]
    story = [NextPageTemplate("cover")] + cover(content, kit, height, held)
    story += [NextPageTemplate("inner"), PageBreak()] + contents(kit, titles, context.pages)
    for section, (key, heading) in zip(chosen, titles):
        story += [PageBreak(), TextBlock(heading, styles.heading, context,
                                         outline=(key, heading), mirror=True)]
        story += section.build(content, kit)
    story += log_head(content, kit)
    story += [NextPageTemplate("cover"), PageBreak()] + back_cover(
        kit, options.online_url, height)
    doc.build(story, canvasmaker=_canvas_for(words.rtl))
    pdf, page_count = target.getvalue(), doc.page
    sections = [(key, heading, context.pages.get(key, 0)) for key, heading in titles]
    if options.folded:
        outline = [(heading, page - 1) for _key, heading, page in sections if page]
        pdf, logical, sides = impose(pdf, words.rtl, title, options.language, outline)
        return Booklet(pdf, logical, sides, sections, set(context.missing), title,
                       context.drawn)
    return Booklet(pdf, page_count, page_count, sections, set(context.missing), title,
                   context.drawn)


def _canvas_for(rtl: bool):
    class Canvas(BookCanvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.showOutline()
            if rtl:
                self.setViewerPreference("Direction", "R2L")
    return Canvas
