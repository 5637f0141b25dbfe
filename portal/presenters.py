"""Turning stored values into words on a page, in the reader's language."""

from datetime import timedelta

from flask import Flask, g
from flask_babel import format_percent, gettext
from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.db import db
from portal.language import page_words
from portal.sharing import log_words
from record_book.book.dates import PartialDate
from record_book.book.kinds import CATEGORIES, FEELINGS, KINDS, Field, choice_label
from record_book.book.text import isolate, rich_to_html
from record_book.glossary.words import glossary, local_terms
from record_book.i18n import N_


def translate(message: str, **params) -> str:
    """Translate a message the domain named, and the domain's words inside it."""
    words = {k: gettext(v) if isinstance(v, str) else v for k, v in params.items()}
    return gettext(message, **words)


# What templates call for each entry and field, many times a page: each takes the page's own
# words (portal.language.PageWords, looked up once a page) from the template's context.

@pass_context
def partial_date(context, value: dict | None) -> str:
    when = PartialDate.from_json(value)
    if when is None:
        return ""
    words = page_words(context)
    text = words.day(when.earliest, "d MMMM yyyy" if when.day else "LLLL yyyy")
    return words.text("around %(date)s", date=text) if when.around else text


@pass_context
def field_value(context, field: Field, value) -> str | Markup:
    """A field as the page shows it. What a person wrote is isolated (dir="auto", <bdi>), so a
    phone number or an English name keeps its order inside an Arabic or Urdu page."""
    if value in (None, "") or field.type == "hidden":
        return ""
    if field.type == "rich":
        return Markup('<div dir="auto">' + str(rich_to_html(value)) + "</div>")
    if field.type in ("choice", "radios"):
        return page_words(context).text(choice_label(field.choices, value))
    if field.type in ("date", "partial_date", "month"):
        return partial_date(context, value)
    return Markup("<bdi>" + str(escape(value)) + "</bdi>")


@pass_context
def entry_title(context, entry) -> str:
    kind = KINDS[entry.kind]
    if kind.title_field:
        return entry.title
    words = page_words(context)
    if kind.sort_field and entry.fields.get(kind.sort_field):
        return words.text(kind.label) + " " + partial_date(context, entry.fields[kind.sort_field])
    return words.text(kind.label)


@pass_context
def category_label(context, code: str) -> str:
    return page_words(context).text(choice_label(CATEGORIES, code))


META_LABELS = {"_category": N_("What is this about?"), "_owner_member_id": N_("Who is this about?"),
               "_visibility": N_("Who in your family can see this?")}


@pass_context
def field_label(context, name: str, kind) -> str:
    if name in META_LABELS:
        return page_words(context).text(META_LABELS[name])
    return page_words(context).text(kind.field(name).label)


def _request_glossary():
    """The glossary with the portal's local terms, read once per request however many texts a
    page explains."""
    if "glossary" not in g:
        g.glossary = glossary(local_terms(db()))
    return g.glossary


@pass_context
def words_explained(context, *texts) -> list[tuple[str, str, str]]:
    """Each jargon term in these texts, with its plain meaning and an example sentence in the
    reader's language (a portal's local terms have no example: "")."""
    combined = "\n".join(str(text) for text in texts if text)
    found = _request_glossary().find(combined)
    words = page_words(context)
    return [(term.term, words.text(term.meaning), words.text(term.example) if term.example else "")
            for term in found]


# What the services page shows of each service, in this order.
SERVICE_SUMMARY = tuple(KINDS["service"].field(name) for name in (
    "contact_name", "contact_how", "why_our_words", "chosen", "since", "until", "how_often",
    "helpful"))

# Pictures beside section headings in easy read, so each part can be found without reading.
SECTION_ICONS = {"story_so_far": "📖", "what_helped": "🤝", "what_hard": "⛰️",
                 "help_ourselves": "💪", "matters_now": "⭐", "helps_us": "✅", "avoid": "⛔"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        partial_date=partial_date,
        when=pass_context(lambda context, moment: page_words(context).moment(
            moment, "d MMMM yyyy, HH:mm")),
        day=pass_context(lambda context, moment: page_words(context).moment(
            moment, "d MMMM yyyy")),
        # A grant that ends at midnight ends after the day before: the day the family chose.
        last_day=pass_context(lambda context, moment: page_words(context).moment(
            moment - timedelta(seconds=1), "d MMMM yyyy")),
        category=category_label,
        translate_choice=pass_context(
            lambda context, pair: (pair[0], page_words(context).text(pair[1]))),
        pair_with=lambda value, labels: (value, labels[value]),
        field_label=field_label,
        feeling=pass_context(
            lambda context, value: page_words(context).text(choice_label(FEELINGS, value))),
        # A person's words inside the portal's own sentence keep their own direction.
        isolate=isolate,
    )
    app.jinja_env.globals.update(
        log_sentence=log_words.log_sentence, grant_whom=log_words.grant_whom,
        grant_scope=log_words.grant_scope, notice_sentence=log_words.notice_sentence,
        who=log_words.who,
        SECTION_ICONS=SECTION_ICONS, SERVICE_SUMMARY=SERVICE_SUMMARY, translate=translate, field_value=field_value, words_explained=words_explained, format_percent=format_percent, entry_title=entry_title,
        choice_label=choice_label, KINDS=KINDS, CATEGORIES=CATEGORIES,
    )
