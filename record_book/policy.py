"""Who may read and change which entry. The one place that decides it.

Every page, export and booklet asks `readable_entries` (or `readable_entry`, built on it), so a
rule changed here changes everywhere at once, and a list of entries is checked in one query.
Nothing is shared by default: someone outside the family reads an entry only while a live grant
covers it, and a grant that ends or is stopped is obeyed on the very next request.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import String, and_, cast, exists, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.model import Account, BookErasure, Entry, EntryRevision, Membership
from record_book.clock import utcnow
from record_book.sharing.model import Connection, Grant


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
        return self.role in ("holder", "young_person")


def reader_for(session: Session, account: Account, family_id: int,
               now: datetime | None = None) -> Reader:
    role = session.scalar(
        select(Membership.role).where(
            Membership.family_id == family_id, Membership.account_id == account.id
        )
    )
    return Reader(account.id, family_id, role, account.organisation_id, now or utcnow())


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
        Membership.role == "young_person").correlate(Entry))


def grant_covers_entry() -> ColumnElement[bool]:
    """A grant names the entry, or its category, or a day from which entries are shared.

    A young person's words reach someone outside the family only when the young person shares
    them, and nothing kept private is shared except by the one who keeps it."""
    dated = func.coalesce(Entry.sort_key, func.substr(cast(Entry.created_at, String), 1, 10))
    by_owner = Grant.granted_by_id == Entry.owner_account_id
    return or_(
        and_(Grant.entry_id == Entry.id, or_(Entry.visibility != "private", by_owner)),
        and_(Grant.entry_id.is_(None), Entry.visibility != "private",
             or_(by_owner, ~_owned_by_young_person()),
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


def _family_sees(reader: Reader, visibility) -> ColumnElement[bool]:
    """Inside the family: what the owner showed this member (`visibility` of the entry, or of
    one saved version of it), and everything the member owns."""
    own = Entry.owner_account_id == reader.account_id
    if reader.role == "holder":
        return or_(visibility.in_(("family", "adults")), own)
    return or_(visibility == "family", own)


def _visible_to(reader: Reader) -> ColumnElement[bool]:
    if reader.in_family:
        return _family_sees(reader, Entry.visibility)
    # Outside the family (advocates and professionals included) only what is shared.
    return and_(_shared_with(reader), ~book_closing(reader.family_id))


def readable_entries(reader: Reader, kind: str | None = None):
    """A query for the entries of the reader's family that the reader may read."""
    query = select(Entry).where(Entry.family_id == reader.family_id, _visible_to(reader))
    if kind is not None:
        query = query.where(Entry.kind == kind)
    return query


def readable_by_both(reader: Reader, other: Reader):
    """The entries both may read: what a family member is shown of what someone else sees, so a
    parent never learns of a young person's private entry by looking at who sees what."""
    return readable_entries(other).where(_visible_to(reader))


def readable_revisions(reader: Reader):
    """A query for the saved versions of readable entries that the reader may read.

    A version saved while its owner kept it private (or to the adults) keeps those words from
    whoever could not read them then, even after the entry is shown to the whole family."""
    query = select(EntryRevision).join(Entry, Entry.id == EntryRevision.entry_id).where(
        Entry.family_id == reader.family_id, _visible_to(reader))
    if reader.in_family:
        query = query.where(_family_sees(reader, EntryRevision.visibility))
    return query


def readable_entry(session: Session, reader: Reader, entry_id: int) -> Entry | None:
    return session.scalar(readable_entries(reader).where(Entry.id == entry_id))


def may_open_book(session: Session, reader: Reader) -> bool:
    """Family always; the advocate, and anyone else while connected, unless the book is closing."""
    if reader.in_family:
        return True
    if session.scalar(select(book_closing(reader.family_id))):
        return False
    if reader.role is not None:
        return True
    connected = select(Connection.id).where(
        Connection.family_id == reader.family_id, Connection.ended_at.is_(None),
        or_(Connection.account_id == reader.account_id,
            and_(Connection.organisation_id.is_not(None),
                 Connection.organisation_id == reader.organisation_id)))
    return session.scalar(connected.limit(1)) is not None


def may_add_entries(reader: Reader) -> bool:
    return reader.in_family


def may_edit(session: Session, reader: Reader, entry: Entry) -> bool:
    """Family words stay with their writer: a holder edits the holders' entries, and a young
    person edits their own. Words a professional sent are never edited by anyone else."""
    if entry.kind == "note":
        return False
    if entry.owner_account_id == reader.account_id:
        return reader.in_family
    if reader.role != "holder" or entry.visibility == "private":
        return False
    owner_role = session.scalar(
        select(Membership.role).where(
            Membership.family_id == entry.family_id,
            Membership.account_id == entry.owner_account_id,
        )
    )
    return owner_role == "holder"


def may_share(session: Session, reader: Reader, entry: Entry) -> bool:
    """Only the family shares: a holder shares the holders' entries, a young person their own."""
    if not reader.in_family:
        return False
    if entry.owner_account_id == reader.account_id:
        return True
    owner_role = session.scalar(select(Membership.role).where(
        Membership.family_id == entry.family_id, Membership.account_id == entry.owner_account_id))
    return reader.role == "holder" and owner_role != "young_person" and entry.visibility != "private"


def may_share_whole_parts(reader: Reader) -> bool:
    """Sharing a whole category or everything from a date reaches the parents' adults-only
    entries, so only a holder may; a young person shares their own entries one at a time."""
    return reader.role == "holder"


def may_stop(session: Session, reader: Reader, grant) -> bool:
    """Whoever may share an entry may stop its sharing; sharing of a whole part of the book (a
    category, a date, the plan) a holder stops."""
    if grant.entry_id is None:
        return may_share_whole_parts(reader)
    entry = readable_entry(session, reader, grant.entry_id)
    return entry is not None and may_share(session, reader, entry)


def may_choose_listings(reader: Reader) -> bool:
    """Holders choose which directory listings the family keeps for its booklet."""
    return reader.role == "holder"


def visibility_choices(reader: Reader) -> tuple[str, ...]:
    """Who inside the family the reader may show their own entries to."""
    if reader.role == "holder":
        return ("family", "adults")
    if reader.role == "young_person":
        return ("private", "family")
    return ()


def readable_plan_parts(session: Session, reader: Reader, closed_at: datetime | None = None
                        ) -> str | set[str]:
    """Which parts of the family's plan the reader may read: "all", or a set of goal ids.

    The family and its advocate read the whole plan. Anyone else reads only what a live grant
    names: the whole plan ("plan") or one goal ("goal:<id>"). Naming a professional as doing a
    step shows them nothing until the family shares it. For a plan that ended at `closed_at`,
    sharing "the whole plan" reaches it only if it was shared before the plan ended: sharing
    today's plan does not open the family's past plans, or why they ended."""
    if reader.in_family:
        return "all"
    if session.scalar(select(book_closing(reader.family_id))):
        return set()
    if reader.role == "advocate":
        return "all"
    parts = {part for part, granted_at in session.execute(
        select(Grant.plan_part, Grant.granted_at).where(
            Grant.family_id == reader.family_id, Grant.plan_part.is_not(None),
            grant_is_live(reader.now), grant_is_for(reader)))
        if part != "plan" or closed_at is None or granted_at <= closed_at}
    if "plan" in parts:
        return "all"
    return {part.removeprefix("goal:") for part in parts if part.startswith("goal:")}

