"""Agreeing a plan: a holder and the advocate each agree a specific revision, and the family's
young people (12 and over) too when the family chooses.

Agreements are kept forever. A later change does not remove them: the plan shows it "changed
since you all agreed" until everyone agrees the newest revision again. An agreement keeps the
role its maker had then: after the family changes its advocate, the old advocate's agreement
still says they agreed version n as the advocate then, and the new advocate's is awaited.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.model import Plan, PlanAgreement
from record_book import policy
from record_book.book.dates import age_on
from record_book.book.model import Account, Entry, Membership
from record_book.book.validation import Invalid, Problem
from record_book.clock import today, utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader


def young_agreers(session: Session, plan: Plan, on: date | None = None) -> list[Account]:
    """The young people asked to agree this plan: none unless the family chose it, then those
    whose age in the book is 12 or more."""
    if not plan.young_people_agree:
        return []
    on = on or today()
    rows = session.execute(select(Account, Entry.fields).join(
        Membership, Membership.account_id == Account.id).join(
        Entry, Entry.id == Membership.member_entry_id).where(
        Membership.family_id == plan.family_id, Membership.account_id.in_(
            policy.young_people_of(plan.family_id))).order_by(Account.display_name))
    return [account for account, fields in rows
            if policy.old_enough_to_agree(age_on(fields, on))]


def has_young_people(session: Session, plan: Plan) -> bool:
    """Whether the family has young people to ask at all."""
    return session.scalar(policy.young_people_of(plan.family_id).limit(1)) is not None


def may_agree(session: Session, reader: Reader, plan: Plan) -> bool:
    asked = reader.is_young_person and any(
        account.id == reader.account_id for account in young_agreers(session, plan))
    return (policy.may_agree_plan(reader, asked) and plan.family_id == reader.family_id
            and plan.is_open)


def agree(session: Session, reader: Reader, plan: Plan, number: int,
          now: datetime | None = None) -> PlanAgreement:
    """"We agree to this plan", for the revision the person read."""
    if not may_agree(session, reader, plan):
        raise NotAllowed()
    if number != plan.revision:
        raise Invalid({"revision": Problem(N_(
            "The plan changed since you opened it. Read the newest version, then agree."))})
    agreement = PlanAgreement(plan_id=plan.id, revision_number=number,
                              account_id=reader.account_id, role=reader.role,
                              at=now or utcnow())
    session.add(agreement)
    session.flush()
    return agreement


def ask_young_people(session: Session, reader: Reader, plan: Plan, asked: bool) -> None:
    """The family chooses whether its young people agree the plan too."""
    if not policy.may_choose_who_agrees(reader) or plan.family_id != reader.family_id \
            or not plan.is_open:
        raise NotAllowed()
    plan.young_people_agree = asked
    session.flush()


@dataclass(frozen=True)
class Status:
    agreements: list[PlanAgreement]  # every agreement, newest first
    latest_revision: int
    # The newest revision everyone agreed, and when the last of them agreed.
    both_revision: int | None
    both_at: datetime | None
    # Who leads for the family now, and the young people asked to agree.
    advocate_ids: frozenset[int] = frozenset()
    young: list[Account] = field(default_factory=list)

    @property
    def with_young(self) -> bool:
        return bool(self.young)

    @property
    def agreed_now(self) -> bool:
        return (self.both_revision == self.latest_revision and not self.advocate_waiting
                and not self.young_waiting)

    @property
    def changed_since(self) -> bool:
        """Everyone agreed once, and the plan has changed since."""
        return self.both_revision is not None and self.both_revision < self.latest_revision

    def on_latest(self) -> list[PlanAgreement]:
        return [a for a in self.agreements if a.revision_number == self.latest_revision]

    @property
    def family_waiting(self) -> bool:
        """No holder has agreed the newest revision yet."""
        return not any(policy.agreed_as_holder(a.role) for a in self.on_latest())

    @property
    def advocate_waiting(self) -> bool:
        """The advocate who leads now has not agreed the newest revision (an old advocate's
        agreement is theirs, not the new one's)."""
        return not any(a.account_id in self.advocate_ids for a in self.on_latest()
                       if policy.agreed_as_advocate(a.role))

    @property
    def young_waiting(self) -> list[Account]:
        agreed = {a.account_id for a in self.on_latest()}
        return [account for account in self.young if account.id not in agreed]

    def has_agreed_latest(self, account_id: int) -> bool:
        return any(a.account_id == account_id for a in self.on_latest())

    def former_advocate(self, agreement: PlanAgreement) -> bool:
        """They agreed as the family's advocate then, and lead for it no longer."""
        return policy.agreed_as_advocate(agreement.role) and \
            agreement.account_id not in self.advocate_ids


def status(session: Session, plan: Plan) -> Status:
    agreements = list(session.scalars(select(PlanAgreement).where(
        PlanAgreement.plan_id == plan.id).order_by(PlanAgreement.at.desc(),
                                                   PlanAgreement.id.desc())))
    young = young_agreers(session, plan)
    by_revision: dict[int, dict[str, datetime]] = {}
    young_by_revision: dict[int, set[int]] = {}
    for a in agreements:
        sides = by_revision.setdefault(a.revision_number, {})
        sides[a.role] = max(sides.get(a.role, a.at), a.at)
        young_by_revision.setdefault(a.revision_number, set()).add(a.account_id)
    young_ids = {account.id for account in young}
    both = [number for number, sides in by_revision.items()
            if policy.agreed_by_all(sides) and young_ids <= young_by_revision[number]]
    both_revision = max(both) if both else None
    both_at = max(by_revision[both_revision].values()) if both_revision else None
    return Status(agreements, plan.revision, both_revision, both_at,
                  frozenset(session.scalars(policy.advocates_of(plan.family_id))), young)
