"""The family's rich text (sanitised HTML) as paragraphs and list items of plain spans.

Only the formatting the portal keeps is understood (paragraphs, line breaks, bold, italic,
lists); any other markup is dropped and its text kept as text, never interpreted, so nothing a
person typed
can change the layout or the PDF.
"""

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from print_templates.lines import Span
from record_book.book.text import clean_rich


@dataclass(frozen=True)
class Block:
    spans: tuple[Span, ...]
    bullet: str | None = None  # "•" or "1." for list items

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: list[Span] = []
        self.bold = 0
        self.italic = 0
        self.lists: list[list] = []  # each open list: [ordered, count]
        self.bullet: str | None = None

    def _close_block(self):
        text = "".join(span.text for span in self.current).strip()
        if text:
            spans = _trim(self.current)
            self.blocks.append(Block(tuple(spans), self.bullet))
        self.current, self.bullet = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "ul", "ol"):
            self._close_block()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._close_block()
            if self.lists:
                self.lists[-1][1] += 1
                ordered, count = self.lists[-1]
                self.bullet = f"{count}." if ordered else "•"
            else:
                self.bullet = "•"
        elif tag == "br":
            self.current.append(self._span("\n"))
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._close_block()
        elif tag in ("ul", "ol"):
            self._close_block()
            if self.lists:
                self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)

    def _span(self, text: str) -> Span:
        return Span(text, self.bold > 0, self.italic > 0)

    def handle_data(self, data):
        text = re.sub(r"[ \t\r\f\v]+", " ", data)
        if self.current or text.strip():
            self.current.append(self._span(text))


def _trim(spans: list[Span]) -> list[Span]:
    spans = [replace(s, text=re.sub(r" *\n *", "\n", s.text)) for s in spans]
    if spans:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return [s for s in spans if s.text]


def blocks_of(value: str | None) -> tuple[Block, ...]:
    """Paragraphs and list items of a stored rich field."""
    cleaned = clean_rich(value or "")
    if not re.search(r"<(p|ul|ol)\b", cleaned):
        parts = [p for p in re.split(r"\n\s*\n", cleaned) if p.strip()]
        cleaned = "".join("<p>" + p.strip().replace("\n", "<br>") + "</p>" for p in parts)
    reader = _Reader()
    reader.feed(cleaned)
    reader.close()
    reader._close_block()
    return tuple(reader.blocks)


def plain_text(blocks: tuple[Block, ...]) -> str:
    return "\n".join(block.text for block in blocks)
