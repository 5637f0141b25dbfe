"""The kit every part of the booklet is built with: its words, type styles and text context."""

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable

from print_templates.content import BookContent
from print_templates.i18n import N_, Words
from print_templates.layout import Styles
from print_templates.rich import blocks_of, plain_text
from print_templates.textflow import Context, Span, Style, TextBlock


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
        return TextBlock([Span(self.words(label) + ": ", True), Span(value)], style,
                         self.context, mirror=True)

    def rich(self, value: str | None, style: Style | None = None) -> list[Flowable]:
        style = style or self.styles.body
        self.used_text.append(plain_text(value))
        return [TextBlock(block.spans, self.styles.item if block.bullet else style,
                          self.context, bullet=block.bullet) for block in blocks_of(value)]

    def family_words(self, value: str, style: Style) -> TextBlock:
        self.used_text.append(value)
        return TextBlock(value, style, self.context)

    def nothing(self, content: BookContent) -> list[Flowable]:
        message = (N_("Nothing in this part yet.") if content.for_family
                   else N_("Nothing in this part is shared with you."))
        return [self.text(self.words(message), self.styles.small)]
