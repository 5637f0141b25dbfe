"""Each kind of account's own first pages: where signing in lands, and what the menu offers
outside a book. A family member's first page is their book (auth.start opens it)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from record_book import policy
from record_book.book.model import Account

FAMILY_PAGES = (("auth.start", _l("Your books")),)
PROFESSIONAL_PAGES = (("professional.shared_with_me", _l("Families sharing with you")),
                      ("professional.connect", _l("I have a code from a family")),
                      ("joining.start_a_book", _l("Start a book for a family")))
ORG_ADMIN_PAGES = (("directory_manage.index", _l("Your listings")),
                   ("admin.index", _l("Your people")))
PORTAL_ADMIN_PAGES = (("admin.index", _l("Admin home")),
                      ("directory_manage.index", _l("Listings in the directory")),
                      ("glossary_admin.terms", _l("Local words")))


def first_pages(account: Account) -> tuple:
    if policy.is_professional(account):
        return PROFESSIONAL_PAGES
    if policy.is_org_admin(account):
        return ORG_ADMIN_PAGES
    if policy.is_portal_admin(account):
        return PORTAL_ADMIN_PAGES
    return FAMILY_PAGES


def first_page(account: Account) -> str:
    """The endpoint a person lands on after signing in."""
    return first_pages(account)[0][0]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["first_pages"] = first_pages
