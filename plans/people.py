"""The people a plan names: who does a step, who a goal is about, and the names behind them.

Kept apart from editing because the form, the plan page, the booklet and the checks on a save
all ask the same questions about the family's people, and none of them is about saving.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.fields import split_key
from record_book import reading
from record_book.book.model import Account, Entry, Membership
from record_book.book.numbers import whole_number
from record_book.i18n import N_
from record_book.policy import Reader, advocates_of

# The "who" of a step the family's advocate does (whoever leads for the family then).
THE_ADVOCATE = "advocate"


def own_member_id(session: Session, reader: Reader) -> int | None:
    return session.scalar(select(Membership.member_entry_id).where(
        Membership.family_id == reader.family_id, Membership.account_id == reader.account_id))


def _advocate_names(session: Session, family_id: int) -> list[str]:
    return list(session.scalars(select(Account.display_name).where(
        Account.id.in_(advocates_of(family_id)))))


def who_names(session: Session, family_id: int, content: dict) -> dict[str, str]:
    """The names behind every "who" and "about" the plan already uses.

    Naming someone in the plan puts their name in the plan: whoever may read a step reads who
    does it, and nothing else of that person's entry."""
    ids = set()
    for key, value in content.items():
        scope, _ident, name = split_key(key)
        if name == "who" and ":" in value:
            ids.add(value.split(":", 1)[1])
        elif name == "about" and whole_number(value) is not None:
            ids.add(value)
    names = {"advocate": ", ".join(_advocate_names(session, family_id)) or N_("Our advocate")}
    if ids:
        rows = session.execute(select(Entry.id, Entry.kind, Entry.title).where(
            Entry.family_id == family_id, Entry.kind.in_(("member", "service")),
            Entry.id.in_([n for n in map(whole_number, ids) if n is not None])))
        for entry_id, kind, title in rows:
            names[f"{kind}:{entry_id}"] = title
            if kind == "member":
                names[str(entry_id)] = title
    return names


def who_choices(session: Session, reader: Reader, content: dict,
                names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Who may be named as doing a step: a person in the book, the advocate, or a service from
    the book's services. The reader chooses from what they may read, and what is already named
    (`names`: who_names of the same content, when the caller has them already)."""
    names = who_names(session, reader.family_id, content) if names is None else names
    choices = {"advocate": names["advocate"]}
    named = reading.entries(session, reader, "member") + reading.entries(session, reader, "service")
    for entry in sorted(named, key=lambda entry: (entry.kind, entry.title)):
        choices[f"{entry.kind}:{entry.id}"] = entry.title
    for value, name in names.items():
        if ":" in value:
            choices.setdefault(value, name)
    members = [(k, v) for k, v in choices.items() if k.startswith("member:")]
    services = [(k, v) for k, v in choices.items() if k.startswith("service:")]
    return members + [("advocate", choices["advocate"])] + services


def member_choices(session: Session, reader: Reader, content: dict) -> list[tuple[str, str]]:
    return [(value.split(":", 1)[1], name) for value, name in who_choices(session, reader, content)
            if value.startswith("member:")]
