"""Cleaning what people type, once, on the way in (imports included).

Rich text keeps a small set of formatting (paragraphs, line breaks, bold, lists) and no
attributes; everything else that looks like markup is stripped, and what is stored is then safe
to show as it is. Plain fields are text, never HTML: they keep exactly the characters people
typed ("<", "&lt;" and all), and are escaped wherever they are shown.
"""

import html
import re
import threading
import unicodedata

import bleach

RICH_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"})

# Control characters other than tab and newline have no place in a record and can hide text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a form may not carry at all: those, the C1 controls (U+0080 to U+009F), which no
# keyboard types, and halves of a surrogate pair, which are no character (a database cannot
# store one). Tab and line breaks (CR LF from a text area) are typing.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
FSI, PDI = "\u2068", "\u2069"


def has_hidden_characters(value: str) -> bool:
    """Whether `value` holds a control character that a person cannot have meant to type."""
    return _REFUSED.search(value) is not None


def isolate(value: str) -> str:
    """A value written by a person, set apart in its own direction (its first strong letter)
    when the portal puts it inside its own sentence: a right-to-left override in a title then
    ends with the title and cannot turn the portal's words around it."""
    return f"{FSI}{value}{PDI}" if value else value


def _normalise(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()


def clean_plain(value: str) -> str:
    """Text as typed: line endings made one kind, control characters taken out, NFC."""
    return _normalise(value or "")


_cleaners = threading.local()


def _rich_cleaner() -> bleach.Cleaner:
    """One cleaner per thread: making one (its HTML parser) costs more than cleaning a field
    (a booklet cleans hundreds), and bleach's cleaners are not safe to share between threads."""
    cleaner = getattr(_cleaners, "rich", None)
    if cleaner is None:
        cleaner = _cleaners.rich = bleach.Cleaner(tags=RICH_TAGS, attributes={}, strip=True,
                                                  strip_comments=True)
    return cleaner


def clean_rich(value: str) -> str:
    """Sanitised HTML fragment with only the allowed formatting tags and no attributes."""
    # Stripped after cleaning too: a tag taken out can leave only spaces behind.
    return _rich_cleaner().clean(_normalise(value)).strip()


def rich_to_plain(value: str) -> str:
    """What a rich field says, without its formatting (for titles, diffs and search)."""
    text = bleach.clean(re.sub(r"<(br|/p|/li)\s*/?>", "\n", value or ""), tags=set(),
                        attributes={}, strip=True, strip_comments=True)
    return html.unescape(text).strip()


def _paragraphs(html_text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", html_text) if p.strip()]
    # dir="auto" lets a paragraph written in Urdu or Arabic run right to left on any page.
    return "".join('<p dir="auto">' + p.strip().replace("\n", "<br>") + "</p>" for p in paragraphs)


def rich_to_html(value: str) -> str:
    """A stored rich field ready to show: it was cleaned when it was saved, so only the line
    breaks people typed are made visible."""
    value = value or ""
    if re.search(r"<(p|ul|ol)\b", value):
        return value
    return _paragraphs(value)


def plain_to_html(value: str) -> str:
    """A plain field as HTML: every character escaped, then its paragraphs and line breaks."""
    return _paragraphs(html.escape(value or "", quote=False))


def for_editing(value: str) -> str:
    """A stored rich field as the person typed it, to put back in a text box."""
    return html.unescape(value or "")
