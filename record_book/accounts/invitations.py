"""One-time invitations: how a family, its members, and new staff first get in.

A code is 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in two
groups of five, valid for 7 days, used once, and stored only as a SHA-256 hash. Every refusal
raises `InvitationRefused` with a reason code, and changes nothing.
"""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from record_book import policy
from record_book.accounts.model import Invitation, Verification
from record_book.book.dates import PartialDate
from record_book.book.families import join_family, start_family
from record_book.book.model import Account, Entry, Family, Membership
from record_book.book.numbers import whole_number
from record_book.clock import utcnow
from record_book.policy import HOLDER, YOUNG_PERSON, Reader
from record_book.sharing import access_log, leads
from record_book.sharing.model import Notification

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
LIFETIME = timedelta(days=7)
YOUNG_PERSON_MIN_AGE = 12
JOIN_ROLES = (HOLDER, YOUNG_PERSON)


# A re-join code works only after this wait, while the holder's old ways in still work and every
# holder has been told and can stop it: whoever asked for it cannot take the book over quietly.
REJOIN_WAIT = timedelta(hours=72)


class InvitationRefused(Exception):
    """reason: unknown, expired, used, not_allowed, not_verified, too_young, not_holder,
    wrong_account, bad_role, waiting (with `usable_from`), cancelled."""

    def __init__(self, reason: str, usable_from: datetime | None = None):
        super().__init__(reason)
        self.reason = reason
        self.usable_from = usable_from


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(typed: str) -> str:
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def grouped(code: str) -> str:
    code = normalise(code)
    return f"{code[:5]}-{code[5:]}"


def code_hash(typed: str) -> str:
    return hashlib.sha256(normalise(typed).encode("ascii", "replace")).hexdigest()


def verify_account(session: Session, account: Account, by: Account | None,
                   now: datetime | None = None) -> Verification:
    existing = session.scalar(select(Verification).where(Verification.account_id == account.id))
    if existing is not None:
        return existing
    verification = Verification(account_id=account.id, verified_by_id=by.id if by else None,
                                verified_at=now or utcnow())
    session.add(verification)
    session.flush()
    return verification


def _issue(session: Session, now: datetime | None, **values) -> tuple[Invitation, str]:
    now = now or utcnow()
    code = new_code()
    invitation = Invitation(code_hash=code_hash(code), created_at=now, expires_at=now + LIFETIME,
                            **values)
    session.add(invitation)
    session.flush()
    return invitation, grouped(code)


def invite_to_start_book(session: Session, professional: Account, book_title: str,
                         now: datetime | None = None) -> tuple[Invitation, str]:
    """A verified professional starts a book; it is made, and owned, by whoever claims it."""
    if not policy.may_start_books(professional):
        raise InvitationRefused("not_allowed")
    if not policy.is_checked(session, professional):
        raise InvitationRefused("not_verified")
    return _issue(session, now, kind="start_book", role=HOLDER,
                  book_title=" ".join(book_title.split())[:200], invited_by_id=professional.id)


def age_of(fields: dict, today: date) -> int | None:
    born = PartialDate.from_json(fields.get("date_of_birth"))
    if born is None:
        age = fields.get("age")
        return whole_number(age)
    years = today.year - born.year
    if (today.month, today.day) < (born.month, born.day or 1):
        years -= 1
    return years


def invite_to_join(session: Session, holder: Reader, role: str, member_entry_id: int | None,
                   twelve_or_older: bool, now: datetime | None = None
                   ) -> tuple[Invitation, str]:
    """A holder invites another adult as holder, or a young person (12 or older)."""
    now = now or utcnow()
    if not policy.may_invite(holder):
        raise InvitationRefused("not_allowed")
    if role not in JOIN_ROLES:
        raise InvitationRefused("bad_role")
    member = None
    if member_entry_id is not None:
        # Only a person the holder may read: never a young person's private one.
        member = policy.readable_entry(session, holder, member_entry_id)
        taken = session.scalar(select(Membership.id).where(
            Membership.member_entry_id == member_entry_id))
        if member is None or member.family_id != holder.family_id or member.kind != "member" \
                or taken is not None:
            raise InvitationRefused("bad_role")
    if role == YOUNG_PERSON:
        age = age_of(member.fields, now.date()) if member is not None else None
        if not twelve_or_older or (age is not None and age < YOUNG_PERSON_MIN_AGE):
            raise InvitationRefused("too_young")
    return _issue(session, now, kind="join", role=role, family_id=holder.family_id,
                  member_entry_id=member_entry_id, invited_by_id=holder.account_id)


def holders_of(session: Session, family_id: int) -> list[Account]:
    return list(session.scalars(
        select(Account).where(Account.id.in_(policy.holders_of(family_id)))
        .order_by(Account.display_name, Account.id)))


def _tell_holders(session: Session, family_id: int, kind: str, invitation: Invitation,
                  now: datetime) -> None:
    """Every holder, the one the code is for included: in the book, and by email to those who
    gave an address (`flask send-notifications`)."""
    for holder in holders_of(session, family_id):
        session.add(Notification(
            account_id=holder.id, family_id=family_id, kind=kind, created_at=now,
            params={"invitation_id": invitation.id,
                    "usable_from": invitation.usable_from.date().isoformat()}))


def invite_to_rejoin(session: Session, advocate: Reader, holder: Account,
                     now: datetime | None = None) -> tuple[Invitation, str]:
    """The advocate lets a holder who lost every way in back in, after REJOIN_WAIT.

    Until then the holder's old ways in keep working, every holder is told, and any holder can
    stop it (cancel_rejoin); each step is in the family's access log under its doer's name."""
    now = now or utcnow()
    if not policy.may_rejoin_holder(advocate):
        raise InvitationRefused("not_allowed")
    if holder.id not in {a.id for a in holders_of(session, advocate.family_id)}:
        raise InvitationRefused("not_holder")
    # Only the newest re-join code for an account works.
    session.execute(update(Invitation).where(
        Invitation.kind == "rejoin", Invitation.account_id == holder.id,
        Invitation.claimed_at.is_(None), Invitation.expires_at > now).values(expires_at=now))
    invitation, code = _issue(session, now, kind="rejoin", role=HOLDER,
                              family_id=advocate.family_id, account_id=holder.id,
                              invited_by_id=advocate.account_id)
    invitation.usable_from = now + REJOIN_WAIT
    invitation.expires_at = invitation.usable_from + LIFETIME
    access_log.append(session, advocate.family_id, advocate.account_id, "rejoin",
                      ((None, {"account_id": holder.id, "invitation_id": invitation.id}),),
                      now=now)
    _tell_holders(session, advocate.family_id, "rejoin_issued", invitation, now)
    session.flush()
    return invitation, code


def waiting_rejoins(session: Session, family_id: int, now: datetime | None = None
                    ) -> list[Invitation]:
    """Re-join codes of this book not yet used, stopped or out of date: for its holders to see."""
    now = now or utcnow()
    return list(session.scalars(select(Invitation).where(
        Invitation.kind == "rejoin", Invitation.family_id == family_id,
        Invitation.claimed_at.is_(None), Invitation.cancelled_at.is_(None),
        Invitation.expires_at > now).order_by(Invitation.created_at, Invitation.id)))


def cancel_rejoin(session: Session, holder: Reader, invitation_id: int,
                  now: datetime | None = None) -> Invitation:
    """Any holder stops a re-join code, before or after its wait: it never works again."""
    now = now or utcnow()
    if not policy.may_cancel_rejoin(holder):
        raise InvitationRefused("not_allowed")
    invitation = next((i for i in waiting_rejoins(session, holder.family_id, now)
                       if i.id == invitation_id), None)
    if invitation is None:
        raise InvitationRefused("unknown")
    invitation.cancelled_at, invitation.cancelled_by_id = now, holder.account_id
    access_log.append(session, holder.family_id, holder.account_id, "rejoin_stop",
                      ((None, {"account_id": invitation.account_id,
                               "invitation_id": invitation.id}),), now=now)
    _tell_holders(session, holder.family_id, "rejoin_stopped", invitation, now)
    session.flush()
    return invitation


def invite_to_set_up(session: Session, admin: Account, account: Account,
                     now: datetime | None = None) -> tuple[Invitation, str]:
    """An admin lets a professional or admin add a passkey (a new account, or a lost one)."""
    if not policy.is_staff(account):
        raise InvitationRefused("not_allowed")
    now = now or utcnow()
    session.execute(update(Invitation).where(
        Invitation.kind == "setup", Invitation.account_id == account.id,
        Invitation.claimed_at.is_(None), Invitation.expires_at > now).values(expires_at=now))
    return _issue(session, now, kind="setup", account_id=account.id, invited_by_id=admin.id)


def find_open(session: Session, typed: str, now: datetime | None = None) -> Invitation:
    """The invitation a typed code opens, or a refusal: unknown, expired or used."""
    now = now or utcnow()
    code = normalise(typed)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise InvitationRefused("unknown")
    invitation = session.scalar(select(Invitation).where(Invitation.code_hash == code_hash(code)))
    return check_open(invitation, now)


def check_open(invitation: Invitation | None, now: datetime | None = None) -> Invitation:
    now = now or utcnow()
    if invitation is None:
        raise InvitationRefused("unknown")
    if invitation.claimed_at is not None:
        raise InvitationRefused("used")
    if invitation.cancelled_at is not None:
        raise InvitationRefused("cancelled")
    if invitation.expires_at <= now:
        raise InvitationRefused("expired")
    if invitation.usable_from is not None and now < invitation.usable_from:
        raise InvitationRefused("waiting", invitation.usable_from)
    return invitation


def needs_new_account(invitation: Invitation) -> bool:
    return invitation.kind in ("start_book", "join")


def claim(session: Session, invitation: Invitation, account: Account,
          holder_fields: dict | None = None, advocate_confirmed: bool | None = None,
          now: datetime | None = None) -> Family | None:
    """Use the invitation, once. Returns the family the account is now in, if any."""
    now = now or utcnow()
    check_open(invitation, now)
    if invitation.account_id is not None and invitation.account_id != account.id:
        raise InvitationRefused("wrong_account")
    if invitation.kind in ("start_book", "join") and not policy.may_join_a_book_by_code(account):
        raise InvitationRefused("wrong_account")
    # Only one claim can win, even if two phones try at the same moment.
    won = session.execute(update(Invitation).where(
        Invitation.id == invitation.id, Invitation.claimed_at.is_(None),
        Invitation.cancelled_at.is_(None),
        Invitation.expires_at > now).values(claimed_at=now, claimed_by_id=account.id))
    if won.rowcount != 1:
        raise InvitationRefused("used")
    session.refresh(invitation)
    family = None
    if invitation.kind == "start_book":
        family = start_family(session, invitation.book_title or account.display_name, account,
                              holder_fields or {"name": account.display_name,
                                                "relationship": "", "lives": "with_us"}, now)
        invitation.family_id = family.id
        invitation.advocate_confirmed = bool(advocate_confirmed)
        if advocate_confirmed:
            leads.first_advocate(session, family.id, invitation.invited_by, account.id, now)
    elif invitation.kind == "join":
        family = session.get(Family, invitation.family_id)
        member = session.get(Entry, invitation.member_entry_id) \
            if invitation.member_entry_id else None
        join_family(session, family, account, invitation.role, member)
    elif invitation.kind == "rejoin":
        family = session.get(Family, invitation.family_id)
        access_log.append(session, family.id, account.id, "rejoined",
                          ((None, {"account_id": account.id, "invitation_id": invitation.id}),),
                          now=now)
        _tell_holders(session, family.id, "rejoin_used", invitation, now)
    session.flush()
    return family


def invitations_by(session: Session, account: Account, kind: str | None = None
                   ) -> list[Invitation]:
    query = select(Invitation).where(Invitation.invited_by_id == account.id)
    if kind:
        query = query.where(Invitation.kind == kind)
    return list(session.scalars(query.order_by(Invitation.created_at.desc(), Invitation.id.desc())
                                .limit(50)))


def status(invitation: Invitation, now: datetime | None = None) -> str:
    now = now or utcnow()
    if invitation.claimed_at is not None:
        return "claimed"
    return "expired" if invitation.expires_at <= now else "waiting"
