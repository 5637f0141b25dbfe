"""A new set-up code for someone who already has a way in: never shown to the admin who asks.

One admin asks; the person is told at once (by the portal, at their own email address) and so
are the families they are the advocate of, in each family's access log under the asking admin's
name. Nothing is issued until a second admin who looks after the account agrees; the code then
goes only to the person's own email address. An account with no way in yet (a new one) gets its
code on the admin's screen as before: there is nobody to take it from.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book import policy
from record_book.accounts import invitations
from record_book.accounts.model import Invitation, Passkey, SetUpRequest
from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.sharing import access_log
from record_book.sharing.notices import notify_holders


class SetUpRefused(Exception):
    """reason: not_allowed, no_email, same_admin, unknown."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def has_a_way_in(session: Session, account: Account) -> bool:
    return account.password_hash is not None or session.scalar(
        select(Passkey.id).where(Passkey.account_id == account.id).limit(1)) is not None


def _advocated(session: Session, account: Account) -> list[int]:
    return list(session.scalars(policy.advocated_by(account.id)))


def _tell_families(session: Session, account: Account, admin: Account, action: str,
                   now: datetime) -> None:
    for family_id in _advocated(session, account):
        access_log.append(session, family_id, admin.id, action,
                          ((None, {"who": account.display_name, "account_id": account.id}),),
                          now=now)
        if action == "setup_asked":
            notify_holders(session, family_id, "setup_asked", {"account_id": account.id},
                           now=now)


def pending(session: Session, account: Account) -> SetUpRequest | None:
    return session.scalar(select(SetUpRequest).where(
        SetUpRequest.account_id == account.id, SetUpRequest.approved_at.is_(None)))


def ask(session: Session, admin: Account, account: Account,
        now: datetime | None = None) -> SetUpRequest:
    """The first admin's step. Asking again while one waits gives back the waiting one."""
    now = now or utcnow()
    if not policy.may_manage_account(session, admin, account):
        raise SetUpRefused("not_allowed")
    if not account.email:
        raise SetUpRefused("no_email")
    waiting = pending(session, account)
    if waiting is not None:
        return waiting
    request = SetUpRequest(account_id=account.id, asked_by_id=admin.id, asked_at=now)
    session.add(request)
    _tell_families(session, account, admin, "setup_asked", now)
    session.flush()
    return request


def waiting_for(session: Session, admin: Account) -> list[SetUpRequest]:
    """The requests this admin may agree to: asked by someone else, for people they look after."""
    found = session.scalars(select(SetUpRequest).where(SetUpRequest.approved_at.is_(None))
                            .order_by(SetUpRequest.asked_at, SetUpRequest.id))
    return [r for r in found
            if policy.may_approve_set_up(session, admin, r.asked_by_id, r.account)]


def approve(session: Session, admin: Account, request_id: int,
            now: datetime | None = None) -> tuple[SetUpRequest, Invitation, str]:
    """The second admin's step: the code is made, for the caller to email to the person only."""
    now = now or utcnow()
    request = session.get(SetUpRequest, request_id)
    if request is None or request.approved_at is not None:
        raise SetUpRefused("unknown")
    if request.asked_by_id == admin.id:
        raise SetUpRefused("same_admin")
    if not policy.may_approve_set_up(session, admin, request.asked_by_id, request.account):
        raise SetUpRefused("not_allowed")
    if not request.account.email:
        raise SetUpRefused("no_email")
    invitation, code = invitations.invite_to_set_up(session, admin, request.account, now)
    request.approved_by_id, request.approved_at = admin.id, now
    request.invitation_id = invitation.id
    _tell_families(session, request.account, admin, "setup_sent", now)
    session.flush()
    return request, invitation, code
