from hypothesis import given
from hypothesis import strategies as st

from record_book.book.text import clean_plain, clean_rich, for_editing, rich_to_html

SCRIPTS = [
    "ہم نے نیا گھر ڈھونڈ لیا",  # Urdu
    "مرحبا بكم في بيتنا",  # Arabic
    "আমরা ভালো আছি",  # Bengali
    "ਸਾਡਾ ਪਰਿਵਾਰ",  # Gurmukhi
    "Zażółć gęślą jaźń",  # Polish
    "We did it 🎉👨‍👩‍👧",
]


def test_text_in_any_script_is_kept_exactly():
    for line in SCRIPTS:
        assert clean_plain(line) == line
        assert clean_rich(line) == line


def test_script_tags_are_removed_from_plain_fields_but_the_words_stay():
    assert clean_plain("Moved <script>alert(1)</script>house") == "Moved alert(1)house"
    assert clean_plain('<img src=x onerror="alert(1)">Sam') == "Sam"


def test_angle_brackets_and_ampersands_in_plain_text_survive_as_characters():
    assert clean_plain("Tom & Jerry < 5 > 2") == "Tom & Jerry < 5 > 2"


def test_rich_text_keeps_simple_formatting_and_drops_the_rest():
    cleaned = clean_rich('<p onclick="x()">Hi <strong>there</strong> <a href="javascript:x">link</a>'
                         '<ul><li>one</li></ul><iframe src="evil"></iframe></p>')
    assert "<p>Hi <strong>there</strong> link" in cleaned
    assert "<ul><li>one</li></ul>" in cleaned
    for gone in ("onclick", "href", "javascript", "iframe", "evil"):
        assert gone not in cleaned


def test_typed_line_breaks_become_paragraphs_and_breaks():
    assert rich_to_html("First line\nsecond line\n\nNew paragraph") == (
        "<p dir=\"auto\">First line<br>second line</p><p dir=\"auto\">New paragraph</p>")


def test_editing_shows_what_was_typed():
    typed = "Rent < £500 & falling"
    assert for_editing(clean_rich(typed)) == typed


@given(st.text())
def test_no_tag_ever_survives_plain_cleaning_as_markup(value):
    # Whatever is typed, re-cleaning is stable and rendering it rich never yields a live tag
    # other than the allowed formatting.
    cleaned = clean_rich(value)
    assert clean_rich(cleaned) == cleaned
    html = rich_to_html(value).lower()
    for dangerous in ("<script", "<img", "<iframe", "<a ", "onerror=", "<svg", "<style"):
        assert dangerous not in html
