"""The parts of the booklet a family can tick, each turned from entries into flowables.

`SECTIONS` is the order they print in. Each builder gets the book's content and a `Kit` (words,
styles, the text context) and returns flowables; the booklet adds the heading, page break and
bookmark, so every section is one bookmark and one line of the contents.

The plan's section is in `plan_section`: it prints the plan the reader may read, asked of the
same access rule as the web page.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from print_templates.attachments_print import attached
from print_templates.calendar import MonthCalendar, family_dates, months_ahead
from print_templates.content import BookContent, partial_date_text
from print_templates.i18n import N_
from print_templates.kit import Kit
from print_templates.layout import BlankTable, Rule, WritingLines
from print_templates.lines import Span
from print_templates.listings_section import listings_section
from print_templates.origins import origin
from print_templates.plan_section import plan_section
from print_templates.textflow import TextBlock
from record_book.book.dates import age_on, months_after
from record_book.book.kinds import (
    EVENT_TYPES,
    HELPS_SECTIONS,
    KINDS,
    LIVES,
    STORY_SECTIONS,
    VOICE,
    choice_label,
)
from record_book.book.paper import PAPER_PAGES
from record_book.book.text import isolate
from record_book.glossary.book_words import BOOK_WORDS
from record_book.glossary.terms import Term
from record_book.glossary.words import glossary
from record_book.languages.term_base import headword


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Callable[[BookContent, Kit], list[Flowable]]
    # Whether the part has anything of the book in it: a booklet for someone outside the
    # family leaves out the parts that hold nothing shared with them. None: always printed.
    holds: Callable[[BookContent], bool] | None = None


def _summary(content: BookContent, kit: Kit) -> list[Flowable]:
    if content.summary is None:
        return kit.nothing(content)
    return kit.rich(content.summary.fields.get("text")) + origin(content, kit, content.summary)


def _people(content: BookContent, kit: Kit) -> list[Flowable]:
    if not content.members and not content.voices:
        return kit.nothing(content)
    out: list[Flowable] = []
    for member in content.members:
        fields = member.fields
        lines = [kit.family_words(fields.get("name", ""), kit.styles.large_strong),
                 kit.family_words(fields.get("relationship", ""), kit.styles.body)]
        age = age_on(fields, kit.today)
        if age is not None:
            lines.append(kit.text(kit.words(N_("Age %(age)s"), age=kit.words.number(age)),
                                  kit.styles.body))
        if fields.get("lives"):
            lines.append(kit.text(kit.words(choice_label(LIVES, fields["lives"])),
                                  kit.styles.body))
        out.append(KeepTogether(lines))
        for voice in (v for v in content.voices if v.owner_member_id == member.id):
            out.extend(_own_words(content, kit, voice, fields.get("name", "")))
    shown = {member.id for member in content.members}
    for voice in (v for v in content.voices if v.owner_member_id not in shown):
        out.extend(_own_words(content, kit, voice, ""))
    return out


def _own_words(content: BookContent, kit: Kit, voice, name: str) -> list[Flowable]:
    """A child's page: what makes them happy, what worries them, what they wish for."""
    heading = (kit.words(N_("%(name)s in their own words"), name=name) if name
               else kit.words(VOICE.label))
    out: list[Flowable] = [kit.text(heading, kit.styles.subheading)]
    for f in VOICE.fields:
        if voice.fields.get(f.name):
            out.append(kit.text(kit.words(f.label), kit.styles.strong))
            out.extend(kit.rich(voice.fields[f.name]))
    out.extend(attached(content, kit, voice))
    return out


def _titled_entries(content, kit, entries, sections) -> list[Flowable]:
    if not entries:
        return kit.nothing(content)
    out: list[Flowable] = []
    for code, label in sections:
        chosen = [e for e in entries if e.fields.get("section") == code]
        if not chosen:
            continue
        out.append(CondPageBreak(kit.styles.body.leading * 6))
        out.append(kit.text(kit.words(label), kit.styles.subheading))
        for entry in chosen:
            title = kit.family_words(entry.fields.get("title", ""), kit.styles.strong)
            body = kit.rich(entry.fields.get("text"))
            out.append(KeepTogether([title] + body[:1]))
            out.extend(body[1:])
            out.extend(origin(content, kit, entry))
            out.extend(attached(content, kit, entry))
    return out


def _story(content: BookContent, kit: Kit) -> list[Flowable]:
    return _titled_entries(content, kit, content.story, STORY_SECTIONS)


def _helps(content: BookContent, kit: Kit) -> list[Flowable]:
    return _titled_entries(content, kit, content.helps, HELPS_SECTIONS)


def _timeline(content: BookContent, kit: Kit) -> list[Flowable]:
    if not content.events:
        return kit.nothing(content)
    out: list[Flowable] = []
    for event in content.events:
        fields = event.fields
        when = partial_date_text(fields.get("date"), kit.words)
        kind = kit.words(choice_label(EVENT_TYPES, fields.get("event_type")))
        head = [kit.text(when, kit.styles.subheading),
                kit.family_words(fields.get("title", ""), kit.styles.strong),
                kit.text(kind, kit.styles.small)]
        if fields.get("who"):
            head.append(kit.labelled(N_("Who was involved"), fields["who"], kit.styles.small))
        out.append(KeepTogether(head))
        out.extend(kit.rich(fields.get("details")))
        out.extend(origin(content, kit, event))
        out.extend(attached(content, kit, event))
    return out


def _services(content: BookContent, kit: Kit) -> list[Flowable]:
    if not content.services:
        return kit.nothing(content)
    large, out = kit.styles.large, []
    for service in content.services:
        fields = service.fields
        block: list[Flowable] = [kit.family_words(fields.get("agency", ""),
                                                  kit.styles.large_strong)]
        if fields.get("team"):
            block.append(kit.family_words(fields["team"], large))
        if fields.get("contact_name"):
            block.append(kit.labelled(N_("Who we deal with"), fields["contact_name"], large))
        if fields.get("contact_how"):
            block.append(kit.labelled(N_("How to reach them"), fields["contact_how"], large))
        out.append(KeepTogether(block))
        if fields.get("why_our_words"):
            out.append(kit.text(kit.words(N_("Why they are involved, in our words")),
                                kit.styles.strong))
            out.extend(kit.rich(fields["why_our_words"]))
        since = partial_date_text(fields.get("since"), kit.words)
        until = partial_date_text(fields.get("until"), kit.words)
        if since:
            out.append(kit.text(kit.words(N_("Since %(date)s"), date=since), kit.styles.body))
        if until:
            out.append(kit.text(kit.words(N_("Until %(date)s"), date=until), kit.styles.body))
        if fields.get("how_often"):
            out.append(kit.labelled(N_("How often we see them"), fields["how_often"]))
        out.extend(origin(content, kit, service))
        out.extend(attached(content, kit, service))
        out.append(Rule())
    return out


def _glossary(content: BookContent, kit: Kit) -> list[Flowable]:
    """The book's own words, always (the booklet uses every one), then the services' words
    found in what it printed, each headed in the booklet's language where the term base has a
    word for it, with the English in brackets."""
    own = {term.term for term in BOOK_WORDS}
    out: list[Flowable] = [kit.text(kit.words(N_("Words this book uses")), kit.styles.subheading)]
    out += [_explained(term, kit) for term in BOOK_WORDS]
    found = [term for term in glossary(content.local_terms).find("\n".join(kit.used_text))
             if term.term not in own]
    if not found:
        out.append(kit.text(kit.words(N_("No special words were used in this booklet.")),
                            kit.styles.small))
        return out
    out.append(kit.text(kit.words(N_(
        "Words that services use, and what they mean, in plain words.")), kit.styles.small))
    out += [_explained(term, kit) for term in sorted(found, key=lambda t: t.term.casefold())]
    return out


def _explained(term: Term, kit: Kit) -> Flowable:
    own_word = headword(kit.words.language, term.term)
    heading = f"{own_word} ({isolate(term.term)})" if own_word else term.term
    parts: list[Flowable] = [TextBlock(heading, kit.styles.strong, kit.context),
                             kit.text(kit.words(term.meaning), kit.styles.body)]
    if term.example:
        parts.append(TextBlock([Span(kit.words(N_("For example:")) + " ", True),
                                Span(kit.words(term.example))], kit.styles.body, kit.context,
                               mirror=True))
    return KeepTogether(parts)


def _calendar(content: BookContent, kit: Kit) -> list[Flowable]:
    """This month and the next, with the book's own dates on them."""
    months = months_ahead(kit.today)
    last = months_after(months[-1], 1) - timedelta(days=1)
    marks = family_dates(content, kit.words, months[0], last)
    out: list[Flowable] = []
    for n, month in enumerate(months):
        if n:
            out.append(PageBreak())
        out += [kit.text(kit.words.date(month, "LLLL yyyy"), kit.styles.subheading),
                Spacer(1, kit.styles.body.size * 0.5),
                MonthCalendar(month, kit.words, kit.styles, kit.context, marks)]
    return out


def _notes(content: BookContent, kit: Kit) -> list[Flowable]:
    gap = kit.styles.body.leading * 1.6
    return [kit.text(kit.words(N_("Write down anything you want to remember or ask.")),
                     kit.styles.small),
            WritingLines(gap), PageBreak(), WritingLines(gap)]


def _blank_pages(content: BookContent, kit: Kit) -> list[Flowable]:
    """A page for each part of the online book the family may write by hand, headed with that
    part's name and where it goes back in, so the advocate types each page into the same place."""
    words, styles = kit.words, kit.styles
    gap = styles.body.leading * 1.6
    out: list[Flowable] = []
    for page in PAPER_PAGES:
        if out:
            out.append(PageBreak())
        out += [kit.text(words(page.heading), styles.subheading),
                kit.text(words(N_("To type into the online book: %(kind)s"),
                               kind=words(KINDS[page.kind].label)), styles.small)]
        if page.kind == "event":
            out.append(BlankTable([words(N_("When")), words(N_("What happened")),
                                   words(N_("Who was involved"))], [0.22, 0.48, 0.30], styles,
                                  kit.context))
        elif page.kind == "service":
            out.append(BlankTable([words(N_("Service")), words(N_("Name")),
                                   words(N_("How to reach them"))], [0.30, 0.30, 0.40], styles,
                                  kit.context))
        else:
            out.append(WritingLines(gap))
    return out


SECTIONS: tuple[Section, ...] = (
    Section("summary", N_("Read this first"), _summary, lambda c: c.summary is not None),
    Section("people", N_("Our people"), _people, lambda c: bool(c.members or c.voices)),
    Section("story", N_("Our story"), _story, lambda c: bool(c.story)),
    Section("timeline", N_("Our timeline"), _timeline, lambda c: bool(c.events)),
    Section("services", N_("Services involved with us"), _services, lambda c: bool(c.services)),
    Section("helps", N_("What helps us and what to avoid"), _helps, lambda c: bool(c.helps)),
    Section("plan", N_("Our plan"), plan_section, lambda c: c.plan is not None),
    Section("listings", N_("Local help we keep"), listings_section,
            lambda c: bool(c.listings)),
    Section("glossary", N_("Words explained"), _glossary),
    Section("calendar", N_("Calendar for appointments"), _calendar),
    Section("notes", N_("Notes and things to ask"), _notes),
    # The family's own pages, to write its book by hand: not in a booklet of what is shared.
    Section("blank_pages", N_("Pages to fill in by hand"), _blank_pages, lambda c: c.for_family),
)

SECTION_KEYS = tuple(section.key for section in SECTIONS)
