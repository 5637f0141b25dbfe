"""The plan: who reads, writes, agrees, reviews, closes and shares it."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from record_book.book.model import (
    Membership,
)
from record_book.policy.access import (
    ADVOCATE,
    HOLDER,
    YOUNG_PERSON,
    Reader,
    grant_is_for,
    grant_is_live,
    is_closing,
)
from record_book.sharing.model import Grant

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
