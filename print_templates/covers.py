"""The front cover, the contents page, the access log's head at the end of the inside pages
and the back cover with its QR code."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from print_templates.content import BookContent
from print_templates.i18n import N_
from print_templates.kit import Kit
from print_templates.layout import ACCENT, LabelRow, Rule, WritingLines
from print_templates.lines import Span
from print_templates.qr import QRCode
from print_templates.textflow import TextBlock


def cover(content: BookContent, kit: Kit, page_height: float, held: list[str]) -> list[Flowable]:
    """The front cover; `held` names the parts of the book printed (for a reader outside the
    family, only the parts that hold something shared with them)."""
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
        if held:
            out.append(kit.text(words(N_("It holds: %(parts)s."), parts=words.and_list(held)),
                                styles.body))
        else:
            out.append(kit.text(words(N_("Nothing in the book is shared with you now.")),
                                styles.body))
    if not words.checked:
        said = (words(N_("A speaker has checked %(percent)s of the words in this translation. "
                         "A computer wrote the rest."), percent=words.percent(words.checked_share))
                if words.checked_share else
                words(N_("This translation has not been checked by a speaker yet.")))
        out += [Spacer(1, styles.body.size), kit.text(said, styles.small)]
    return out


def contents(kit: Kit, titles: list[tuple[str, str]], pages: dict[str, int]) -> list[Flowable]:
    """The contents page: one line per ticked section, with the page it starts on (`pages`,
    filled in as the booklet is set)."""
    words, styles = kit.words, kit.styles
    out: list[Flowable] = [kit.text(words(N_("Contents")), styles.heading)]
    for key, title in titles:
        def page_of(key=key) -> str:  # filled in when the booklet is finished
            return words.number(pages[key]) if pages.get(key) else ""

        out.append(LabelRow(title, page_of, styles.body, kit.context))
    return out


def chain_groups(chain: str) -> str:
    """The chain value in groups of four, easier to read out and copy."""
    return " ".join(chain[i:i + 4] for i in range(0, len(chain), 4))


def log_head(content: BookContent, kit: Kit) -> list[Flowable]:
    """Closes the last inside page (the back cover is full on a large-print A5)."""
    if content.log_head is None:
        return []
    words, styles = kit.words, kit.styles
    rows, chain = content.log_head
    return [
        Spacer(1, styles.body.size),
        kit.text(words(N_("Our record of who has looked")), styles.subheading),
        kit.text(words(N_("When this booklet was printed, the record of who has looked at our "
                          "book had %(count)s lines. Its check number was:"),
                       count=words.number(rows)), styles.small),
        # Always left to right, in groups of four, whatever the booklet's direction.
        TextBlock(chain_groups(chain), styles.small, kit.context, direction=False, mirror=True),
        kit.text(words(N_("Keep this page. If anyone changes or removes part of that record "
                          "later, checking it against this number shows it.")), styles.small),
    ]


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
