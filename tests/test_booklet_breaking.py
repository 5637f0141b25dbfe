"""Lines broken as a printer would: no word cut without a hyphen, never inside a grapheme
cluster, every line inside the page's margins, in every language, in A5 large print."""

import pytest
from sqlalchemy import select

from demo import family as demo
from print_templates.booklet import Options, build_booklet
from print_templates.breaking import break_points, cluster_starts
from print_templates.i18n import available_languages
from print_templates.layout import PAGE_SIZES, margins_for, styles_for
from print_templates.lines import Context, Span, lay_out
from record_book.book.model import Account, Family
from record_book.policy import reader_for


@pytest.fixture
def holder(session):
    demo.load(session)
    session.commit()
    family = session.scalar(select(Family))
    account = session.scalar(select(Account).where(Account.username == "holder"))
    return reader_for(session, account, family.id)


def _inside_a_word(text: str, end: int) -> bool:
    return 0 < end < len(text) and text[end] not in " \n" and text[end - 1] not in " \n"


@pytest.mark.parametrize("language", available_languages())
def test_no_word_is_broken_without_a_hyphen_and_every_line_is_inside_the_page(
        session, holder, language):
    booklet = build_booklet(session, holder, Options(language=language, size="a5",
                                                     large_print=True))
    width = PAGE_SIZES["a5"][0]
    margin = margins_for("a5")
    assert booklet.lines
    for line in booklet.lines:
        if _inside_a_word(line.text, line.end):
            broken = line.text[line.start:line.end + 8]
            assert line.hyphenated or line.text[line.end - 1] == "-", broken
            assert line.end in cluster_starts(line.text, line.start, len(line.text)), broken
        assert line.left >= margin - 0.5 and line.right <= width - margin + 0.5, (
            line.text[line.start:line.end], line.page, line.left, line.right)


def test_a_narrow_column_hyphenates_by_the_dictionary():
    context = Context(rtl=False, script="latin", language="en")
    style = styles_for(True).body
    lines = lay_out([Span("Appointments in November at Northgate")], 70, style, context)
    assert any(line.hyphen is not None for line in lines)
    text = "Appointments in November at Northgate"
    pieces = [text[line.start:line.end] for line in lines]
    assert "Novem" in pieces or "Appoint" in pieces or any(p.endswith("ment") for p in pieces)
    for line in lines:
        if _inside_a_word(text, line.end):
            assert line.end in [p for p, _n, _h in break_points(text, line.start, len(text),
                                                                 "en")] or line.hyphen


def test_a_phone_number_too_wide_breaks_between_its_groups_without_a_hyphen():
    context = Context(rtl=True, script="arabic", language="ar")
    style = styles_for(True).body
    text = "07700 900417"
    lines = lay_out([Span(text)], 60, style, context, direction=False)
    assert [text[line.start:line.end] for line in lines] == ["07700", "900417"]
    assert all(line.hyphen is None for line in lines)


def test_a_bengali_word_without_a_dictionary_breaks_between_clusters():
    context = Context(rtl=False, script="bengali", language="bn")
    style = styles_for(True).body
    word = "পরিবারেরগল্পক্ষমতাসম্পন্ন"
    lines = lay_out([Span(word)], 50, style, context)
    assert len(lines) > 1
    for line in lines[:-1]:
        assert line.hyphen is not None
        assert line.end in cluster_starts(word, 0, len(word))
        assert word[line.end - 1] != "\u09cd"  # never between a virama and its consonant
