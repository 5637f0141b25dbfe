"""Agreeing a plan: a holder and the advocate each agree a specific revision.

Agreements are kept forever. A later change does not remove them: the plan shows it "changed
since you both agreed" until both agree the newest revision again.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plans.model import Plan, PlanAgreement
from record_book import policy
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader


def agree(session: Session, reader: Reader, plan: Plan, number: int,
          now: datetime | None = None) -> PlanAgreement:
    """"We agree to this plan", for the revision the person read."""
    if not policy.may_agree_plan(reader) or plan.family_id != reader.family_id or not plan.is_open:
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


@dataclass(frozen=True)
class Status:
    agreements: list[PlanAgreement]  # every agreement, newest first
    latest_revision: int
    # The newest revision both a holder and the advocate agreed, and when the second agreed.
    both_revision: int | None
    both_at: datetime | None

    @property
    def agreed_now(self) -> bool:
        return self.both_revision == self.latest_revision

    @property
    def changed_since(self) -> bool:
        """Both agreed once, and the plan has changed since."""
        return self.both_revision is not None and self.both_revision < self.latest_revision

    def on_latest(self) -> list[PlanAgreement]:
        return [a for a in self.agreements if a.revision_number == self.latest_revision]

    def _agreed_latest(self, side: str) -> bool:
        return any(a.role == side for a in self.on_latest())

    @property
    def family_waiting(self) -> bool:
        """No holder has agreed the newest revision yet."""
        return not self._agreed_latest(policy.HOLDER)

    @property
    def advocate_waiting(self) -> bool:
        return not self._agreed_latest(policy.ADVOCATE)

    def has_agreed_latest(self, account_id: int) -> bool:
        return any(a.account_id == account_id for a in self.on_latest())


def status(session: Session, plan: Plan) -> Status:
    agreements = list(session.scalars(select(PlanAgreement).where(
        PlanAgreement.plan_id == plan.id).order_by(PlanAgreement.at.desc(),
                                                   PlanAgreement.id.desc())))
    by_revision: dict[int, dict[str, datetime]] = {}
    for a in agreements:
        sides = by_revision.setdefault(a.revision_number, {})
        sides[a.role] = max(sides.get(a.role, a.at), a.at)
    both = [number for number, sides in by_revision.items()
            if policy.agreed_by_all(sides)]
    both_revision = max(both) if both else None
    both_at = max(by_revision[both_revision].values()) if both_revision else None
    return Status(agreements, plan.revision, both_revision, both_at)
