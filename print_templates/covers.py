"""The front cover, the contents page and the back cover with its QR code."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from print_templates.content import BookContent
from print_templates.i18n import N_
from print_templates.kit import Kit
from print_templates.layout import ACCENT, LabelRow, Rule, WritingLines
from print_templates.qr import QRCode
from print_templates.textflow import Span, TextBlock


def cover(content: BookContent, kit: Kit, page_height: float) -> list[Flowable]:
    words, styles = kit.words, kit.styles
    gap = styles.body.leading * 1.6
    out: list[Flowable] = [
        Spacer(1, page_height * 0.08),
        TextBlock(content.family_title, styles.title, kit.context),
        Rule(space=styles.body.size * 0.6, color=ACCENT, width=2),
        kit.text(words(N_("This book belongs to")), styles.subheading),
    ]
    names = [m.fields.get("name", "") for m in content.members
             if m.fields.get("lives") == "with_us"]
    if names:
        out.append(kit.family_words(", ".join(names), styles.large))
    else:
        out.append(WritingLines(gap, count=2))
    out += [
        kit.text(words(N_("Printed on %(date)s"), date=words.date(kit.today)), styles.body),
        kit.text(words(N_("Who has a copy")), styles.subheading),
        kit.text(words(N_("Write the name of each person or service you give a copy to.")),
                 styles.small),
        WritingLines(gap, count=3),
    ]
    if not content.for_family:
        out += [Spacer(1, styles.body.size),
                TextBlock([Span(words(N_(
                    "This copy holds only what the family shares with %(name)s now, on "
                    "%(date)s. The family can change what they share at any time."),
                    name=content.reader_name, date=words.date(kit.today)), True)],
                    styles.body, kit.context, mirror=True)]
    return out


def contents(kit: Kit, titles: list[tuple[str, str]], pages: dict[str, int]) -> list[Flowable]:
    """The contents page: one line per ticked section, with the page it starts on."""
    words, styles = kit.words, kit.styles
    out: list[Flowable] = [kit.text(words(N_("Contents")), styles.heading)]
    for key, title in titles:
        page = pages.get(key)
        out.append(LabelRow(title, words.number(page) if page else "", styles.body, kit.context))
    return out


def back_cover(kit: Kit, url: str, page_height: float) -> list[Flowable]:
    words, styles = kit.words, kit.styles
    out: list[Flowable] = [Spacer(1, page_height * 0.12),
                           kit.text(words(N_("Our book online")), styles.heading)]
    if url:
        out += [
            kit.text(words(N_("Scan this code with a phone camera to open our book online. "
                              "You sign in first, and see only what you are allowed to see.")),
                     styles.body),
            Spacer(1, styles.body.size),
            QRCode(url, min(60 * mm, page_height * 0.3)),
            Spacer(1, styles.body.size),
            TextBlock(url, styles.small, kit.context),
        ]
    out.append(Spacer(1, styles.body.size * 2))
    out.append(kit.text(words(N_("Keep this booklet somewhere safe. It has private things in "
                                 "it about our family.")), styles.small))
    return out
