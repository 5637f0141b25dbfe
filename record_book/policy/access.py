"""Who a reader is towards one book, and the access rule: which entries they may read."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import String, and_, bindparam, cast, event, exists, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.model import (
    Account,
    BookErasure,
    Entry,
    EntryRevision,
    Membership,
)
from record_book.clock import utcnow
from record_book.sharing.model import Connection, Grant

# A person's place in one family's book.
HOLDER, YOUNG_PERSON, ADVOCATE = "holder", "young_person", "advocate"
# What kind of account someone has, whatever book they look at.
FAMILY_ACCOUNT, PROFESSIONAL, ORG_ADMIN, PORTAL_ADMIN = (
    "family", "professional", "org_admin", "portal_admin")


class NotAllowed(Exception):
    """The reader may not do this; the portal answers as if the thing did not exist."""


@dataclass(frozen=True)
class Reader:
    """An account (or, for "who can see what", an organisation) as it stands towards one book."""

    account_id: int | None
    family_id: int
    role: str | None  # holder, young_person, advocate, or None for someone outside the family
    organisation_id: int | None = None
    now: datetime = field(default_factory=utcnow)

    @property
    def in_family(self) -> bool:
        return self.role in (HOLDER, YOUNG_PERSON)

    @property
    def is_holder(self) -> bool:
        return self.role == HOLDER

    @property
    def is_young_person(self) -> bool:
        return self.role == YOUNG_PERSON

    @property
    def is_advocate(self) -> bool:
        return self.role == ADVOCATE


def holder_reader(account_id: int, family_id: int, now: datetime | None = None) -> Reader:
    """How the book looks to one of its holders (for notices and printing from the CLI)."""
    return Reader(account_id, family_id, HOLDER, now=now or utcnow())


# Asked on every page of a book: built once, the family and account bound each time.
_ROLE = select(Membership.role).where(Membership.family_id == bindparam("family_id"),
                                      Membership.account_id == bindparam("account_id"))


def reader_for(session: Session, account: Account, family_id: int,
               now: datetime | None = None) -> Reader:
    role = session.scalar(_ROLE, {"family_id": family_id, "account_id": account.id})
    return Reader(account.id, family_id, role, team_of(account), now or utcnow())


def team_of(account: Account) -> int | None:
    """The organisation whose connections and shares reach this account: a professional's own.
    An organisation's admin reads nothing for the organisation; only what names them."""
    return account.organisation_id if account.kind == PROFESSIONAL else None


def connection_reaches(account_id: int | None, organisation_id: int | None
                       ) -> ColumnElement[bool]:
    """A live connection names this person, or their organisation. Someone without an
    organisation never matches another connection whose organisation is empty."""
    whom = [Connection.account_id == account_id] if account_id is not None else []
    if organisation_id is not None:
        whom.append(Connection.organisation_id == organisation_id)
    return and_(Connection.ended_at.is_(None), or_(*whom) if whom else false())


def grantee_reader(family_id: int, account_id: int | None, organisation_id: int | None,
                   now: datetime | None = None) -> Reader:
    """How the book looks to a person or an organisation outside the family."""
    return Reader(account_id, family_id, None, organisation_id, now or utcnow())


def grant_is_live(now: datetime) -> ColumnElement[bool]:
    return and_(Grant.revoked_at.is_(None),
                or_(Grant.expires_at.is_(None), Grant.expires_at > now))


def grant_is_for(reader: Reader) -> ColumnElement[bool]:
    whom = []
    if reader.account_id is not None:
        whom.append(Grant.grantee_account_id == reader.account_id)
    if reader.organisation_id is not None:
        whom.append(Grant.grantee_organisation_id == reader.organisation_id)
    return or_(*whom) if whom else false()


def _owned_by_young_person() -> ColumnElement[bool]:
    # Tied to the entry being checked: nested inside the grant's EXISTS, it would otherwise ask
    # about every entry in the database.
    return exists(select(Membership.id).where(
        Membership.family_id == Entry.family_id, Membership.account_id == Entry.owner_account_id,
        Membership.role == YOUNG_PERSON).correlate(Entry))


def grant_covers_entry() -> ColumnElement[bool]:
    """A grant names the entry, or its category, or a day from which entries are shared.

    A young person's words reach someone outside the family only when the young person shares
    them, and nothing kept private is shared except by the one who keeps it."""
    dated = func.coalesce(Entry.sort_key, func.substr(cast(Entry.created_at, String), 1, 10))
    by_owner = Grant.granted_by_id == Entry.owner_account_id
    # Whoever made the grant (a grant in an imported book included), a young person's entry is
    # shared only by them, and a private one only by its owner.
    sharer_may = or_(by_owner, and_(Entry.visibility != "private", ~_owned_by_young_person()))
    return or_(
        and_(Grant.entry_id == Entry.id, sharer_may),
        and_(Grant.entry_id.is_(None), Entry.visibility != "private", sharer_may,
             or_(and_(Grant.category.is_not(None), Grant.category == Entry.category),
                 and_(Grant.from_date.is_not(None), dated >= Grant.from_date))),
    )


def _shared_with(reader: Reader) -> ColumnElement[bool]:
    return exists(select(Grant.id).where(
        Grant.family_id == Entry.family_id, grant_is_live(reader.now), grant_is_for(reader),
        grant_covers_entry()))


def book_closing(family_id) -> ColumnElement[bool]:
    """The family asked to delete its book: it is closed at once to everyone outside the family,
    however it was shared, while the family has time to change its mind."""
    return exists(select(BookErasure.id).where(BookErasure.family_id == family_id,
                                               BookErasure.erased_at.is_(None)))


_CLOSING = "books_closing"


def is_closing(session: Session, family_id: int) -> bool:
    """Whether the book is closing, asked once for as long as the session writes nothing (a
    page asks it from several rules); any flush, commit or rollback asks again."""
    known = session.info.setdefault(_CLOSING, {})
    if family_id not in known:
        known[family_id] = bool(session.scalar(select(book_closing(family_id))))
    return known[family_id]


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_soft_rollback")
@event.listens_for(Session, "after_transaction_end")
def _forget_closing(session: Session, *_args) -> None:
    session.info.pop(_CLOSING, None)


def _family_sees(reader: Reader, visibility) -> ColumnElement[bool]:
    """Inside the family: what the owner showed this member (`visibility` of the entry, or of
    one saved version of it), and everything the member owns."""
    own = Entry.owner_account_id == reader.account_id
    if reader.is_holder:
        return or_(visibility.in_(("family", "adults")), own)
    return or_(visibility == "family", own)


def _visible_to(reader: Reader) -> ColumnElement[bool]:
    if reader.in_family:
        return _family_sees(reader, Entry.visibility)
    # Outside the family (advocates and professionals included) only what is shared.
    return and_(_shared_with(reader), ~book_closing(reader.family_id))


def _entries_rule(reader: Reader, kind=None):
    query = select(Entry).where(Entry.family_id == reader.family_id, _visible_to(reader))
    if kind is not None:
        query = query.where(Entry.kind == kind)
    return query


def _revisions_rule(reader: Reader):
    query = select(EntryRevision).join(Entry, Entry.id == EntryRevision.entry_id).where(
        Entry.family_id == reader.family_id, _visible_to(reader))
    if reader.in_family:
        query = query.where(_family_sees(reader, EntryRevision.visibility))
    return query


# The rule's SQL is built once per shape of reader, with the reader's values as bound
# parameters, and bound to each reader when it runs: built afresh on every call (its cache key
# included) it was a fifth to a third of a professional's page.
_RULE_VALUES = ("family", "account", "organisation", "now", "kind")


def rule_shape(reader: Reader) -> tuple:
    """All the access rule's SQL depends on besides the values bound into it."""
    side = reader.role if reader.in_family else None
    return side, reader.account_id is not None, reader.organisation_id is not None


def rule_values(reader: Reader, kind: str | None = None) -> dict:
    """The values the rule's statements (`rule_statement`) are run with, for this reader."""
    return {"rule_family": reader.family_id, "rule_account": reader.account_id,
            "rule_organisation": reader.organisation_id, "rule_now": reader.now,
            "rule_kind": kind}


@lru_cache(maxsize=None)
def rule_statement(shape: tuple, what: str, by_kind: bool = False):
    """The readable entries ("entries") or saved versions ("revisions") for readers of one
    shape, to be run with `rule_values`. Further clauses added to it are built once too when the
    caller caches its own statement on the shape."""
    placeholder = rule_placeholder(shape)
    if what == "revisions":
        return _revisions_rule(placeholder)
    return _entries_rule(placeholder, bindparam("rule_kind") if by_kind else None)


def rule_placeholder(shape: tuple) -> Reader:
    """A reader of this shape whose values are the bound parameters `rule_values` fills, for
    building a statement on the rule once."""
    role, has_account, has_organisation = shape
    bound = {name: bindparam(f"rule_{name}") for name in _RULE_VALUES}
    return Reader(bound["account"] if has_account else None, bound["family"], role,
                  bound["organisation"] if has_organisation else None, bound["now"])


def readable_entries(reader: Reader, kind: str | None = None):
    """A query for the entries of the reader's family that the reader may read."""
    return rule_statement(rule_shape(reader), "entries", kind is not None).params(
        rule_values(reader, kind))


def readable_by_both(reader: Reader, other: Reader):
    """The entries both may read: what a family member is shown of what someone else sees, so a
    parent never learns of a young person's private entry by looking at who sees what."""
    return _entries_rule(other).where(_visible_to(reader))


def readable_revisions(reader: Reader):
    """A query for the saved versions of readable entries that the reader may read.

    A version saved while its owner kept it private (or to the adults) keeps those words from
    whoever could not read them then, even after the entry is shown to the whole family."""
    return rule_statement(rule_shape(reader), "revisions").params(rule_values(reader))


@lru_cache(maxsize=None)
def _one_entry(shape: tuple):
    return rule_statement(shape, "entries").where(Entry.id == bindparam("entry_id"))


def readable_entry(session: Session, reader: Reader, entry_id: int) -> Entry | None:
    return session.scalar(_one_entry(rule_shape(reader)),
                          {**rule_values(reader), "entry_id": entry_id})


def holders_of(family_id) -> ColumnElement:
    """The account ids of a family's holders, as a subquery."""
    return select(Membership.account_id).where(Membership.family_id == family_id,
                                               Membership.role == HOLDER)


def advocates_of(family_id) -> ColumnElement:
    """The account ids of a family's advocates, as a subquery."""
    return select(Membership.account_id).where(Membership.family_id == family_id,
                                               Membership.role == ADVOCATE)


def advocated_by(account_id) -> ColumnElement:
    """The ids of the families this account is the advocate of, as a subquery."""
    return select(Membership.family_id).where(Membership.account_id == account_id,
                                              Membership.role == ADVOCATE)



def family_people_of(family_id) -> ColumnElement:
    """The account ids of the family's own people (holders and young people, not the
    advocate), as a subquery."""
    return select(Membership.account_id).where(Membership.family_id == family_id,
                                               Membership.role.in_((HOLDER, YOUNG_PERSON)))


def _role_of(session: Session, family_id: int, account_id: int | None) -> str | None:
    return session.scalar(_ROLE, {"family_id": family_id, "account_id": account_id})
