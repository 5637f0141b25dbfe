import html
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from record_book.book.text import (
    RICH_TAGS,
    clean_plain,
    clean_rich,
    for_editing,
    plain_to_html,
    rich_to_html,
    rich_to_plain,
)

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


def test_plain_fields_are_text_kept_as_typed_and_shown_escaped():
    for typed in ("Moved <script>alert(1)</script>house", '<img src=x onerror="alert(1)">Sam',
                  "&lt;img src=x onerror=alert(1)&gt;", "Tom &amp; Jerry"):
        assert clean_plain(typed) == typed
        shown = plain_to_html(typed)
        assert "<script" not in shown and "<img" not in shown
        assert html.unescape(shown.replace("<p dir=\"auto\">", "").replace("</p>", "")) == typed


def test_control_characters_are_taken_out_of_plain_text():
    assert clean_plain("Sam\x00\x1b[31m Carter\r\nnext") == "Sam[31m Carter\nnext"


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


HOSTILE = ["<script>", "</script>", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=x&gt;",
           "<iframe src=evil>", '<a href="javascript:x">', "<svg onload=x>", "<style>",
           '<p style="x" class="y">', "<IMG SRC=x>", "<<script>>", "&#60;script&#62;", "<!--",
           "-->", "<p>", "</p>", "<strong>", "\n\n", "\n", " ", "words", "ہم", "&"]


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from a piece of HTML."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, tuple(attrs)))

    handle_startendtag = handle_starttag


def live_tags(shown: str) -> set:
    parser = _Tags()
    parser.feed(shown)
    parser.close()
    return {(tag, attrs) for tag, attrs in parser.found
            if tag not in RICH_TAGS or attrs not in ((), (("dir", "auto"),))}


@given(st.lists(st.sampled_from(HOSTILE) | st.text(max_size=5), max_size=12).map("".join))
def test_no_hostile_markup_survives_as_a_live_tag(value):
    # Rich text cleaned on the way in is stable and shows no live tag but the formatting
    # allowed; plain text shows none at all.
    cleaned = clean_rich(value)
    assert clean_rich(cleaned) == cleaned
    assert live_tags(rich_to_html(cleaned)) == set()
    plain = plain_to_html(clean_plain(value))
    assert live_tags(plain) == set() and {tag for tag, _a in _parsed(plain)} <= {"p", "br"}


def _parsed(shown: str) -> list:
    parser = _Tags()
    parser.feed(shown)
    return parser.found


def test_the_live_tag_check_sees_a_tag_that_would_run():
    assert live_tags('<p>ok</p><img src=x onerror="alert(1)">') == {
        ("img", (("src", "x"), ("onerror", "alert(1)")))}
    assert live_tags('<p dir="auto">&lt;img onerror=x&gt;</p>') == set()


def test_rich_text_keeps_no_attribute_and_no_image_not_even_a_tracking_pixel():
    cleaned = clean_rich('<p style="color:red" class="big">Hi <b class="x">you</b></p>'
                         '<img src="https://tracker.example/p.gif"><em id="e">ok</em>')
    assert cleaned == "<p>Hi <b>you</b></p><em>ok</em>"


def test_control_characters_are_taken_out_of_rich_text_and_line_endings_made_one():
    assert clean_rich("Sam\x00\x07 Carter\r\nnext\rline\x7f") == "Sam Carter\nnext\nline"
    assert clean_rich("  <i>x</i>  <script>y</script> ") == "<i>x</i>  y"
    assert clean_rich("cafe\u0301") == "caf\u00e9"  # one way of writing é, whatever was typed


def test_tabs_and_newlines_are_kept_in_plain_text():
    assert clean_plain("a\tb\nc\x0bd\x0ce") == "a\tb\ncde"
    assert clean_plain(None) == ""


def test_a_rich_field_read_as_plain_words():
    words = rich_to_plain("<p>First</p><p>Second &amp; <b>third</b><br>line</p>"
                          "<ul><li>one</li><li>two</li></ul><!-- note -->")
    assert [line for line in words.split("\n") if line] == [
        "First", "Second & third", "line", "one", "two"]
    assert rich_to_plain("") == "" and rich_to_plain(None) == ""
    assert rich_to_plain("<p>Rent &lt; £500</p>") == "Rent < £500"


def test_a_stored_rich_field_is_shown_as_stored_once_it_has_paragraphs_or_lists():
    for stored in ("<p>One</p><p>Two</p>", "<ul><li>one</li></ul>", "<ol><li>1</li></ol>"):
        assert rich_to_html(stored) == stored
    assert rich_to_html("One\n\n\n  \nTwo") == '<p dir="auto">One</p><p dir="auto">Two</p>'
    assert rich_to_html(None) == ""


def test_plain_text_is_escaped_into_paragraphs():
    assert plain_to_html('Rent < "£500"\n& more\n\nNext') == (
        '<p dir="auto">Rent &lt; "£500"<br>&amp; more</p><p dir="auto">Next</p>')
    assert plain_to_html(None) == ""


def test_editing_gives_back_the_characters_typed():
    assert for_editing("Tom &amp; Jerry &lt;3") == "Tom & Jerry <3"
    assert for_editing(None) == ""


def test_a_line_ended_the_old_way_is_a_line_break_in_plain_text_and_shows_as_one():
    """Some keyboards and old files end a line with a carriage return alone."""
    assert clean_plain("Moved house\rin May") == "Moved house\nin May"
    assert plain_to_html(clean_plain("Moved house\rin May")) == (
        '<p dir="auto">Moved house<br>in May</p>')


def test_a_stray_line_end_at_the_edge_of_a_paragraph_shows_no_empty_line():
    assert plain_to_html("Moved house\n") == '<p dir="auto">Moved house</p>'
    assert rich_to_html("\nFirst\n\n\tSecond\n") == (
        '<p dir="auto">First</p><p dir="auto">Second</p>')
