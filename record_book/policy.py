"""Who may do what: the one place that decides it, for reads and actions alike.

Every page, export and booklet asks here, so a rule changed here changes everywhere at once.
The role strings live here and nowhere else (tests/test_policy.py walks the code to hold it):
other modules ask a `Reader`'s properties or a `may_…` function.

Reading: `readable_entries` (and the queries built on it) is the rule, composed as SQL so that
a whole page is checked in one query. Nothing is shared by default: someone outside the family
reads an entry only while a live grant covers it, and a grant that ends or is stopped is obeyed
on the very next request. Book content reaches someone outside the family only through
`record_book.reading`, which logs what it hands out.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import String, and_, bindparam, cast, event, exists, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from record_book.accounts.model import Verification
from record_book.book.kinds import CATEGORIES
from record_book.book.model import (
    Account,
    BookErasure,
    Entry,
    EntryRevision,
    Membership,
    Proposal,
)
from record_book.clock import utcnow
from record_book.languages.model import LanguageReviewer
from record_book.sharing.model import Connection, ContributionPermission, Grant

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


def reader_for(session: Session, account: Account, family_id: int,
               now: datetime | None = None) -> Reader:
    role = session.scalar(
        select(Membership.role).where(
            Membership.family_id == family_id, Membership.account_id == account.id
        )
    )
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


def may_approve_set_up(session: Session, admin: Account, asked_by_id: int,
                       account: Account) -> bool:
    """A second admin: one who looks after the account, and not the one who asked."""
    return admin.id != asked_by_id and may_manage_account(session, admin, account)


def family_people_of(family_id) -> ColumnElement:
    """The account ids of the family's own people (holders and young people, not the
    advocate), as a subquery."""
    return select(Membership.account_id).where(Membership.family_id == family_id,
                                               Membership.role.in_((HOLDER, YOUNG_PERSON)))


def _role_of(session: Session, family_id: int, account_id: int | None) -> str | None:
    return session.scalar(select(Membership.role).where(
        Membership.family_id == family_id, Membership.account_id == account_id))


# The book --------------------------------------------------------------------------------

def may_open_book(session: Session, reader: Reader) -> bool:
    """Family always; the advocate, and anyone else while connected, unless the book is closing."""
    if reader.in_family:
        return True
    if is_closing(session, reader.family_id):
        return False
    if reader.role is not None:
        return True
    connected = select(Connection.id).where(
        Connection.family_id == reader.family_id,
        connection_reaches(reader.account_id, reader.organisation_id))
    return session.scalar(connected.limit(1)) is not None


def may_add_entries(reader: Reader) -> bool:
    return reader.in_family


def may_edit(session: Session, reader: Reader, entry: Entry) -> bool:
    """Family words stay with their writer: a holder edits the holders' entries, and a young
    person edits their own. Words a professional sent or wrote are never edited by anyone else."""
    if entry.kind == "note" or entry.written_by_id is not None:
        return False
    if entry.owner_account_id == reader.account_id:
        return reader.in_family
    if not reader.is_holder or entry.visibility == "private":
        return False
    return _role_of(session, entry.family_id, entry.owner_account_id) == HOLDER


def may_attach(session: Session, reader: Reader, entry: Entry) -> bool:
    """Letters and photos are part of an entry: whoever may change the entry adds, turns and
    removes them."""
    return may_edit(session, reader, entry)


def visibility_choices(reader: Reader) -> tuple[str, ...]:
    """Who inside the family the reader may show their own entries to."""
    if reader.is_holder:
        return ("family", "adults")
    if reader.is_young_person:
        return ("private", "family")
    return ()


def may_keep_the_book(reader: Reader) -> bool:
    """A holder takes a copy of the book, asks to delete it, or keeps it after all; a holder
    invites others into the family and reads the family's inbox of notes and requests."""
    return reader.is_holder


may_take_or_delete_book = may_invite = may_read_inbox = may_answer_requests = may_keep_the_book


def may_print(session: Session, reader: Reader) -> bool:
    """Whoever may open the book prints what they may read of it."""
    return may_open_book(session, reader)


def may_collect_booklet(session: Session, reader: Reader, asked_by_id: int,
                        made_at: datetime) -> bool:
    """A booklet made in the background goes only to the person who asked for it, while they
    may still print the book. Someone outside the family gets it only if nothing shared with
    them has stopped or run out since it was made; otherwise they make it again, and it holds
    what is shared now."""
    if reader.account_id != asked_by_id or not may_print(session, reader):
        return False
    if reader.in_family:
        return True
    stopped = select(Grant.id).where(
        Grant.family_id == reader.family_id, grant_is_for(reader),
        or_(Grant.revoked_at >= made_at,
            and_(Grant.expires_at >= made_at, Grant.expires_at <= reader.now)))
    return session.scalar(stopped.limit(1)) is None


# Sharing ------------------------------------------------------------------------------------

def may_share(session: Session, reader: Reader, entry: Entry) -> bool:
    """Only the family shares: a holder shares the holders' entries, a young person their own."""
    if not reader.in_family:
        return False
    if entry.owner_account_id == reader.account_id:
        return True
    owner_role = _role_of(session, entry.family_id, entry.owner_account_id)
    return reader.is_holder and owner_role != YOUNG_PERSON and entry.visibility != "private"


def may_share_whole_parts(reader: Reader) -> bool:
    """Sharing a whole category, everything from a date, or the plan reaches the parents'
    adults-only entries, so only a holder may; a young person shares their own entries one at a
    time. The same goes for connecting someone new and stopping all sharing with someone."""
    return reader.is_holder


may_connect_others = may_stop_all_sharing = may_share_plan = may_share_whole_parts


def may_stop(session: Session, reader: Reader, grant) -> bool:
    """Whoever may share an entry may stop its sharing; sharing of a whole part of the book (a
    category, a date, the plan) a holder stops."""
    if not reader.in_family or grant.family_id != reader.family_id:
        return False
    if grant.entry_id is None:
        return may_share_whole_parts(reader)
    entry = readable_entry(session, reader, grant.entry_id)
    return entry is not None and may_share(session, reader, entry)


def may_change_advocate(reader: Reader) -> bool:
    """Only the family chooses who leads for it: a holder names a different connected
    professional as the advocate, or none, and ends any connection."""
    return reader.is_holder


may_end_connection = may_change_advocate


def may_lead(account: Account) -> bool:
    """Who a family may choose as its advocate: a professional already connected to the book."""
    return is_professional(account)


def reads_handover_note(reader: Reader, advocate_id: int | None) -> bool:
    """A handover note is the family's words for the advocate it chose: the family reads it,
    and that advocate while they lead; nobody else."""
    return reader.in_family or (reader.is_advocate and advocate_id == reader.account_id)


def may_choose_listings(reader: Reader) -> bool:
    """Holders choose which directory listings the family keeps for its booklet."""
    return reader.is_holder


def may_rejoin_holder(reader: Reader) -> bool:
    """The advocate lets a holder who lost every way in back in (after a wait)."""
    return reader.is_advocate


def may_cancel_rejoin(reader: Reader) -> bool:
    """Any holder stops a re-join code: the one it is for, from a phone that still works, or
    another holder."""
    return reader.is_holder


# Contributions: entries written from outside the family, joining the book when it accepts them

def contribution_categories(session: Session, reader: Reader) -> tuple[str, ...]:
    """The parts of the family's life the reader may write entries about, for the family to
    accept: the advocate, who co-writes with the family, any part; a connected professional the
    parts a holder allowed them ("may add entries about school"); the family none (it writes its
    own entries). Nobody proposes to a book that is closing."""
    if reader.in_family or reader.account_id is None or not may_open_book(session, reader):
        return ()
    if reader.is_advocate:
        return tuple(code for code, _label in CATEGORIES)
    allowed = set(session.scalars(select(ContributionPermission.category).where(
        ContributionPermission.family_id == reader.family_id,
        ContributionPermission.account_id == reader.account_id,
        ContributionPermission.revoked_at.is_(None))))
    return tuple(code for code, _label in CATEGORIES if code in allowed)


def may_propose(session: Session, reader: Reader) -> bool:
    return bool(contribution_categories(session, reader))


def may_type_from_paper(session: Session, reader: Reader) -> bool:
    """The advocate types in what the family wrote in its paper book, sitting with them."""
    return reader.is_advocate and may_open_book(session, reader)


def may_allow_contributors(reader: Reader) -> bool:
    """Only a holder lets a professional write entries for the family to accept."""
    return reader.is_holder


def _own_member_entry(reader: Reader):
    return select(Membership.member_entry_id).where(
        Membership.family_id == reader.family_id,
        Membership.account_id == reader.account_id).scalar_subquery()


def proposals_they_answer(reader: Reader) -> ColumnElement[bool]:
    """The proposals a family member reads and answers: a holder every one; a young person
    those about them (their own part of the book). Nobody else sees a proposal of the family's,
    except the one who wrote it."""
    if reader.is_holder:
        return Proposal.family_id == reader.family_id
    if reader.is_young_person:
        return and_(Proposal.family_id == reader.family_id,
                    Proposal.owner_member_id == _own_member_entry(reader))
    return false()


def proposals_they_wrote(reader: Reader) -> ColumnElement[bool]:
    if reader.account_id is None:
        return false()
    return and_(Proposal.family_id == reader.family_id, Proposal.author_id == reader.account_id)


def may_answer_proposal(session: Session, reader: Reader, proposal: Proposal) -> bool:
    return session.scalar(select(Proposal.id).where(
        Proposal.id == proposal.id, proposals_they_answer(reader))) is not None


# The plan -----------------------------------------------------------------------------------

def may_edit_plan(reader: Reader) -> bool:
    """Holders and the family's advocate write the plan, agree it, review it and close it."""
    return reader.is_holder or reader.is_advocate


may_review_plan = may_close_plan = may_edit_plan
# The age from which a young person may be asked to agree the plan too.
AGREEING_AGE = 12


def may_agree_plan(reader: Reader, asked_as_young_person: bool = False) -> bool:
    """Holders and the advocate agree the plan; a young person too, when the family asked its
    young people (12 and over) to."""
    return may_edit_plan(reader) or (reader.is_young_person and asked_as_young_person)


def may_choose_who_agrees(reader: Reader) -> bool:
    """A holder chooses whether the family's young people agree the plan too."""
    return reader.is_holder


def old_enough_to_agree(age: int | None) -> bool:
    return age is not None and age >= AGREEING_AGE


def young_people_of(family_id) -> ColumnElement:
    """The account ids of a family's young people, as a subquery."""
    return select(Membership.account_id).where(Membership.family_id == family_id,
                                               Membership.role == YOUNG_PERSON)


def agreed_as_holder(role: str) -> bool:
    return role == HOLDER


def agreed_as_advocate(role: str) -> bool:
    return role == ADVOCATE
# Letters and photos on the plan's steps ("write to the landlord with photos of the mould").
may_attach_to_steps = may_edit_plan

# The sides whose agreement makes a plan agreed.
AGREEING_ROLES = (HOLDER, ADVOCATE)


def agreed_by_all(roles) -> bool:
    return set(AGREEING_ROLES) <= set(roles)


def review_side(reader: Reader) -> str | None:
    """Which rating a reader gives in a review: the family's or the advocate's."""
    return {HOLDER: "family", ADVOCATE: "advocate"}.get(reader.role)


def may_add_goal(reader: Reader) -> bool:
    """Young people add their own goals too."""
    return may_edit_plan(reader) or reader.is_young_person


def may_edit_goal(reader: Reader, added_by: str | None) -> bool:
    """Holders and the advocate change any goal; a young person the goals they added."""
    if may_edit_plan(reader):
        return True
    return reader.is_young_person and added_by == str(reader.account_id)


def may_comment(reader: Reader, concerns_them: bool) -> bool:
    """Holders and the advocate comment on any goal; a young person on the goals that concern
    them (about them, or added by them)."""
    return may_edit_plan(reader) or (reader.is_young_person and concerns_them)


def chooses_goal_subject(reader: Reader) -> bool:
    """A young person's goals are about themselves; the adults choose whom a goal is about."""
    return not reader.is_young_person


def reads_family_notes(reader: Reader) -> bool:
    """The family and its advocate read the whole plan's workings: review notes, goal comments,
    versions; anyone else reads only the goals and steps shared with them."""
    return reader.in_family or reader.is_advocate


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
    if is_closing(session, reader.family_id):
        return set()
    if reader.is_advocate:
        return "all"
    parts = {part for part, granted_at in session.execute(
        select(Grant.plan_part, Grant.granted_at).where(
            Grant.family_id == reader.family_id, Grant.plan_part.is_not(None),
            grant_is_live(reader.now), grant_is_for(reader)))
        if part != "plan" or closed_at is None or granted_at <= closed_at}
    if "plan" in parts:
        return "all"
    return {part.removeprefix("goal:") for part in parts if part.startswith("goal:")}


# Meetings around the family ------------------------------------------------------------------

def may_arrange_meeting(reader: Reader) -> bool:
    """Holders and the advocate set up a meeting, change it, and record what was decided and
    who does what (the actions become plan steps, which they also write)."""
    return may_edit_plan(reader)


may_record_meeting = may_arrange_meeting


def may_prepare_meeting(reader: Reader) -> bool:
    """The family writes what it wants to say and ask; its advocate may help write it."""
    return reader.in_family or reader.is_advocate


def may_share_preparation(reader: Reader) -> bool:
    """Only the family chooses to share what it wants to say with those coming: a holder."""
    return reader.is_holder


def may_agree_meeting_notes(reader: Reader) -> bool:
    """The family reads the notes and says "this is right", or adds what was missed."""
    return reader.in_family


def reads_whole_meeting(reader: Reader) -> bool:
    """The family and its advocate read all of a meeting. Anyone else invited reads its time,
    place and purpose and what the family chose to share, and writes their own notes."""
    return reader.in_family or reader.is_advocate


def may_read_meeting(session: Session, reader: Reader, invited: bool) -> bool:
    """A meeting reaches someone outside the family only while they are invited and may open
    the book (connected, and the book not closing); the advocate while they lead."""
    if reader.in_family:
        return True
    if not may_open_book(session, reader):
        return False
    return reader.is_advocate or invited


def may_write_professional_note(session: Session, reader: Reader, invited: bool) -> bool:
    """An invited professional writes notes of their own, kept apart and attributed."""
    return (not reads_whole_meeting(reader) and reader.account_id is not None
            and may_read_meeting(session, reader, invited) and invited)


# Accounts -----------------------------------------------------------------------------------

def is_family_account(account: Account) -> bool:
    return account.kind == FAMILY_ACCOUNT


def is_professional(account: Account) -> bool:
    return account.kind == PROFESSIONAL


def is_portal_admin(account: Account) -> bool:
    return account.kind == PORTAL_ADMIN


def is_org_admin(account: Account) -> bool:
    return account.kind == ORG_ADMIN


def is_staff(account: Account) -> bool:
    """Professionals and admins: they sign in with passkeys, set up by a code."""
    return not is_family_account(account)


def may_run_admin_pages(account: Account) -> bool:
    """Portal admins and organisation admins look after accounts (and organisation admins
    their organisation's listings)."""
    return is_portal_admin(account) or is_org_admin(account)


def may_use_password(account: Account, demo_mode: bool) -> bool:
    """Family members may sign in with a password; staff only with a passkey, except while the
    portal runs its demo accounts."""
    return is_family_account(account) or demo_mode


def may_start_books(account: Account) -> bool:
    """A professional starts a book for a family (once a portal admin has checked them)."""
    return is_professional(account)


may_connect_to_books = may_start_books


def is_checked(session: Session, account: Account) -> bool:
    """A portal admin has checked who this person is (portal admins need no one to)."""
    if is_portal_admin(account):
        return True
    return session.scalar(select(Verification.id).where(Verification.account_id == account.id)
                          ) is not None


def may_manage_account(session: Session, admin: Account, account: Account) -> bool:
    """Portal admins look after organisation admins and professionals; an organisation's admin
    looks after that organisation's professionals, once a portal admin has checked them."""
    if is_portal_admin(admin):
        return account.kind in (ORG_ADMIN, PROFESSIONAL)
    return (is_org_admin(admin) and is_professional(account)
            and account.organisation_id == admin.organisation_id and is_checked(session, admin))


def may_edit_listings(session: Session, account: Account, organisation_id: int) -> bool:
    """A portal admin edits every organisation's listings; an organisation's admin, once
    checked by a portal admin, edits only their own organisation's."""
    if is_portal_admin(account):
        return True
    return (is_org_admin(account) and account.organisation_id == organisation_id
            and is_checked(session, account))


# Speakers' reviews of a language (record_book/languages/reviews.py) -------------------------

def may_give_language_reviewers(account: Account) -> bool:
    """A portal admin chooses who checks a language's words; anyone with an account may be
    chosen (an interpreter, an advocate, a parent): the role reaches no family's book."""
    return is_portal_admin(account)


def may_review_language(session: Session, account: Account, language: str) -> bool:
    return session.scalar(select(LanguageReviewer.id).where(
        LanguageReviewer.account_id == account.id, LanguageReviewer.language == language)
    ) is not None
