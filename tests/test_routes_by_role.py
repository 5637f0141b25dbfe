"""Every route against every kind of person: who gets the page, and who is told it is not there.

Each later route joins ROUTES; a route missing from this table fails the completeness test.
"""

import pytest

from record_book.access import reader_for
from record_book.entries import add_entry
from record_book.families import own_member_entry_id

from conftest import sign_in

ROLES = ("anonymous", "holder", "young_person", "advocate", "professional", "org_admin",
         "portal_admin", "other_family")

FAMILY = {"holder", "young_person"}
# The advocate the family chose can open the book, and sees only what the family shares.
BOOK = FAMILY | {"advocate"}
# What each role gets, by the route's audience.
EXPECTED = {
    "public": {role: 200 for role in ROLES},
    "signed_in": {role: (302 if role == "anonymous" else 200) for role in ROLES},
    "family": {role: 200 if role in FAMILY else (302 if role == "anonymous" else 404)
               for role in ROLES},
    "redirect": {role: 302 for role in ROLES},
    "book": {role: 200 if role in BOOK else (302 if role == "anonymous" else 404)
             for role in ROLES},
    "holder_entry": {role: 200 if role == "holder" else (302 if role == "anonymous" else 404)
                     for role in ROLES},
}

ROUTES = [
    ("GET", "/sign-in", "public"),
    ("GET", "/languages", "public"),
    ("GET", "/language/cy?next=/sign-in", "redirect"),
    ("GET", "/easy-read/on?next=/sign-in", "redirect"),
    ("GET", "/", "signed_in_start"),
    ("GET", "/families/{family}/", "book"),
    ("GET", "/families/{family}/people", "book"),
    ("GET", "/families/{family}/story", "book"),
    ("GET", "/families/{family}/what-helps", "book"),
    ("GET", "/families/{family}/timeline", "book"),
    ("GET", "/families/{family}/services", "book"),
    ("GET", "/families/{family}/check-ins", "book"),
    ("GET", "/families/{family}/new/story", "family"),
    ("GET", "/families/{family}/entries/{entry}", "family"),
    ("GET", "/families/{family}/entries/{entry}/history", "family"),
    ("GET", "/families/{family}/entries/{entry}/history/1", "family"),
    ("GET", "/families/{family}/entries/{entry}/edit", "holder_entry"),
]

# Routes whose access is checked elsewhere: state-changing posts have their own tests.
NOT_IN_TABLE = {"static", "auth.sign_out", "auth.leave"}


@pytest.fixture
def accounts(session, book):
    from record_book.accounts import create_account

    extra = {
        "org_admin": create_account(session, "oa", "Org Admin", "org_admin", "a long enough test password"),
        "portal_admin": create_account(session, "pa", "Portal Admin", "portal_admin",
                                       "a long enough test password"),
    }
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    return {**book.accounts, **extra}, entry.id


@pytest.mark.parametrize("method,path,audience", ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(app, book, accounts, method, path, audience, role):
    people, entry_id = accounts
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, people[role])
    url = path.format(family=book.family.id, entry=entry_id)
    response = client.open(url, method=method)
    if audience == "signed_in_start":
        expected = 302 if role in ("anonymous", "holder", "young_person", "advocate",
                                   "other_family") else 200
    else:
        expected = EXPECTED[audience][role]
    assert response.status_code == expected, (role, url)
    if response.status_code == 404:
        assert "Moving house" not in response.text


def test_every_route_is_in_the_table(app):
    tabled = {path.split("{")[0].split("?")[0].rstrip("/") for _m, path, _a in ROUTES}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_IN_TABLE:
            continue
        prefix = rule.rule.split("<")[0].rstrip("/")
        if rule.rule.startswith(("/language/", "/easy-read/")):
            prefix = rule.rule.split("<")[0] + ("cy" if "language" in rule.rule else "on")
        assert prefix in tabled or rule.rule in {p for _m, p, _a in ROUTES}, rule.rule
