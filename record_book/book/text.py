"""Cleaning what people type, on the way in.

Rich text keeps a small set of formatting (paragraphs, line breaks, bold, lists); everything else
that looks like markup is stripped. Plain fields keep the characters people typed, so a "<" in a
name is still a "<": the templates escape it on the way out.
"""

import html
import re
import unicodedata

import bleach

RICH_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"})

# Control characters other than tab and newline have no place in a record and can hide text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalise(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()


def clean_plain(value: str) -> str:
    """Text with every tag removed; entities turned back into the characters they stand for."""
    stripped = bleach.clean(_normalise(value), tags=set(), attributes={}, strip=True,
                            strip_comments=True)
    return html.unescape(stripped).strip()


def clean_rich(value: str) -> str:
    """Sanitised HTML fragment with only the allowed formatting tags and no attributes."""
    return bleach.clean(_normalise(value), tags=RICH_TAGS, attributes={}, strip=True,
                        strip_comments=True)


def rich_to_plain(value: str) -> str:
    """What a rich field says, without its formatting (for titles, diffs and search)."""
    return clean_plain(re.sub(r"<(br|/p|/li)\s*/?>", "\n", value or ""))


def rich_to_html(value: str) -> str:
    """HTML ready to show: sanitised again, and typed line breaks made visible."""
    cleaned = clean_rich(value or "")
    if re.search(r"<(p|ul|ol)\b", cleaned):
        return cleaned
    paragraphs = [p for p in re.split(r"\n\s*\n", cleaned) if p.strip()]
    # dir="auto" lets a paragraph written in Urdu or Arabic run right to left on any page.
    return "".join('<p dir="auto">' + p.strip().replace("\n", "<br>") + "</p>" for p in paragraphs)


def for_editing(value: str) -> str:
    """A stored rich field as the person typed it, to put back in a text box."""
    return html.unescape(value or "")
