"""The kit every part of the booklet is built with: its words, type styles and text context."""

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable

from print_templates.content import BookContent
from print_templates.direction import base_is_rtl
from print_templates.i18n import N_, Words
from print_templates.layout import Styles
from print_templates.lines import Context, Span, Style
from print_templates.rich import blocks_of, plain_text
from print_templates.textflow import TextBlock
from record_book.book.text import isolate


@dataclass
class Kit:
    words: Words
    styles: Styles
    context: Context
    today: date
    used_text: list[str] = field(default_factory=list)  # family text printed, for the glossary

    def text(self, value: str, style: Style | None = None) -> TextBlock:
        """Words in the booklet's language, set in the booklet's direction."""
        return TextBlock(value, style or self.styles.body, self.context, mirror=True)

    def labelled(self, label: str, value: str, style: Style | None = None) -> TextBlock:
        style = style or self.styles.body
        self.used_text.append(value)
        # The value is an isolate: its own direction, whatever the label's.
        return TextBlock([Span(self.words(label) + ": ", True), Span(isolate(value))], style,
                         self.context, mirror=True)

    def rich(self, value: str | None, style: Style | None = None) -> list[Flowable]:
        style = style or self.styles.body
        blocks = blocks_of(value)  # sanitised once, for the glossary and for the page
        self.used_text.append(plain_text(blocks))
        return [TextBlock(block.spans, self.styles.item if block.bullet else style,
                          self.context, bullet=block.bullet, direction=own_direction(block.text),
                          mirror=True)
                for block in blocks]

    def family_words(self, value: str, style: Style) -> TextBlock:
        """A value a person wrote, set in its own direction at the booklet's start side."""
        self.used_text.append(value)
        return TextBlock(value, style, self.context, direction=own_direction(value),
                         mirror=True)

    def nothing(self, content: BookContent) -> list[Flowable]:
        message = (N_("Nothing in this part yet.") if content.for_family
                   else N_("Nothing in this part is shared with you."))
        return [self.text(self.words(message), self.styles.small)]


def own_direction(value: str) -> bool:
    """Right-to-left if the first strong letter is, as for a first-strong isolate: a value
    with no letters (a phone number) reads left to right."""
    return base_is_rtl(value, False)
