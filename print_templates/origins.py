"""Whose words an entry is, printed under it as on the web page: "Written by Ms Patel,
Riverside School, on 3 March" for an entry a professional wrote and the family accepted, "From
our paper book, typed by Rosa on 3 March" for the family's own words typed in from paper."""

from reportlab.platypus import Flowable

from print_templates.content import BookContent
from print_templates.i18n import N_
from print_templates.kit import Kit
from record_book.book.model import Entry

PAPER = N_("From our paper book, typed by %(name)s on %(date)s")
WRITTEN_AT = N_("Written by %(name)s, %(organisation)s, on %(date)s")
WRITTEN = N_("Written by %(name)s on %(date)s")


def origin(content: BookContent, kit: Kit, entry: Entry) -> list[Flowable]:
    proposal = content.origins.get(entry.id)
    if proposal is None:
        return []
    day = kit.words.date(proposal.created_at.date(), "d MMMM")
    if proposal.from_paper:
        line = kit.words(PAPER, name=proposal.author_name, date=day)
    elif proposal.author_organisation:
        line = kit.words(WRITTEN_AT, name=proposal.author_name,
                         organisation=proposal.author_organisation, date=day)
    else:
        line = kit.words(WRITTEN, name=proposal.author_name, date=day)
    return [kit.text(line, kit.styles.small)]
