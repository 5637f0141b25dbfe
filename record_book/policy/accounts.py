"""Accounts: what kind of account someone has, and who looks after whose."""


from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.accounts.model import Verification
from record_book.book.model import (
    Account,
)
from record_book.policy.access import FAMILY_ACCOUNT, ORG_ADMIN, PORTAL_ADMIN, PROFESSIONAL

# Accounts -----------------------------------------------------------------------------------

def may_approve_set_up(session: Session, admin: Account, asked_by_id: int,
                       account: Account) -> bool:
    """A second admin: one who looks after the account, and not the one who asked."""
    return admin.id != asked_by_id and may_manage_account(session, admin, account)


def is_family_account(account: Account) -> bool:
    return account.kind == FAMILY_ACCOUNT


def may_join_a_book_by_code(account: Account) -> bool:
    """Only a family's own account starts or joins a book with a code: a professional or an
    admin who got hold of a family's code would otherwise read the whole book as its member."""
    return is_family_account(account)


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
