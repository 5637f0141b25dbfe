"""Running the portal: portal admins make organisations and add and check their admins;
organisation admins add their professionals. Admins see who has an account, never what any
family wrote."""

import re

import pytest
from conftest import PASSWORD, field_value, sign_in, summary_links
from sqlalchemy import select
from webauthn_authenticator import SoftAuthenticator

from record_book.accounts.accounts import create_account, find_account
from record_book.accounts.invitations import verify_account
from record_book.accounts.model import Verification
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Organisation
from record_book.policy import is_checked as is_verified
from record_book.policy import reader_for

CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")
ORIGIN = "https://book.example.org"


@pytest.fixture
def admins(app, session, book, monkeypatch):
    monkeypatch.setitem(app.config, "RP_ID", "book.example.org")
    monkeypatch.setitem(app.config, "ORIGIN", ORIGIN)
    portal_admin = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    org_admin = create_account(session, "oa", "Olive Admin", "org_admin", PASSWORD,
                               book.professional.organisation)
    holder = reader_for(session, book.holder, book.family.id)
    add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    return portal_admin, org_admin


def set_up_passkey(app, code) -> SoftAuthenticator:
    phone = SoftAuthenticator(ORIGIN)
    client = app.test_client()
    assert client.post("/join", data={"code": code}).status_code == 302
    page = client.get("/join/set-up").text
    assert "Choose a password" not in page  # staff use passkeys only
    assert client.post("/join/set-up", data={"password": "a kettle on the hob",
                                             "password_again": "a kettle on the hob"}
                       ).status_code == 400
    options = client.post("/join/passkey/options", json={"fields": {}}).get_json()
    response = client.post("/join/passkey", json={"credential": phone.create(options)})
    assert response.status_code == 200, response.get_json()
    return phone


def passkey_client(app, phone):
    client = app.test_client()
    options = client.post("/sign-in/passkey/options").get_json()
    assert client.post("/sign-in/passkey", json={"credential": phone.get(options)}
                       ).status_code == 200
    return client


def test_from_organisation_to_professional_to_a_family_book(app, admins, session):
    root, _org_admin = admins
    admin = sign_in(app.test_client(), root)
    assert admin.post("/admin/organisations", data={"name": "Northgate Health Visiting"}
                      ).status_code == 302
    assert admin.post("/admin/organisations", data={"name": "northgate health visiting"}
                      ).status_code == 400
    org = session.scalars(select(Organisation).where(
        Organisation.name == "Northgate Health Visiting")).one()
    page = admin.post(f"/admin/organisations/{org.id}/admins",
                      data={"display_name": "Nia Lead", "username": "nia"})
    assert page.status_code == 200
    nia = find_account(session, "nia")
    assert nia.kind == "org_admin" and is_verified(session, nia)
    nia_phone = set_up_passkey(app, CODE.search(page.text).group(1))
    # Nia adds a professional, who sets up a passkey and can start a book.
    nia_client = passkey_client(app, nia_phone)
    page = nia_client.post("/admin/professionals",
                           data={"display_name": "Hana Visitor", "username": "hana"})
    assert page.status_code == 200
    hana = find_account(session, "hana")
    assert hana.organisation_id == org.id and is_verified(session, hana)
    hana_phone = set_up_passkey(app, CODE.search(page.text).group(1))
    hana_client = passkey_client(app, hana_phone)
    started = hana_client.post("/start-a-book", data={"book_title": "The Osei family"})
    assert started.status_code == 200 and CODE.search(started.text)


def test_admins_see_accounts_never_what_families_wrote(app, admins, book, session):
    root, org_admin = admins
    for person in admins:
        page = sign_in(app.test_client(), person).get("/admin/")
        assert page.status_code == 200
        assert "Moving house" not in page.text
        assert book.family.title not in page.text
    everyone = sign_in(app.test_client(), root).get("/admin/").text
    assert "Sam Carter" in everyone and "Ms Patel" in everyone
    # An organisation's admin sees only their own organisation's people.
    own = sign_in(app.test_client(), org_admin).get("/admin/").text
    assert "Ms Patel" in own and "Sam Carter" not in own
    # Admins have no way into a family's book.
    for person in admins:
        client = sign_in(app.test_client(), person)
        assert client.get(f"/families/{book.family.id}/").status_code == 404


def test_only_admins_reach_admin_pages(app, admins, book):
    for person in (book.holder, book.young, book.advocate, book.professional):
        client = sign_in(app.test_client(), person)
        assert client.get("/admin/").status_code == 404
        assert client.post("/admin/organisations", data={"name": "X"}).status_code == 404
    assert app.test_client().get("/admin/").status_code == 302


def test_an_unchecked_org_admin_cannot_add_professionals(app, admins, session):
    root, org_admin = admins
    client = sign_in(app.test_client(), org_admin)
    assert "has to check your account first" in client.get("/admin/").text
    assert client.post("/admin/professionals", data={"display_name": "A", "username": "abc"}
                       ).status_code == 400
    assert find_account(session, "abc") is None
    # A portal admin checks them; then they can.
    admin = sign_in(app.test_client(), root)
    assert admin.post(f"/admin/accounts/{org_admin.id}/verify").status_code == 302
    assert client.post("/admin/professionals", data={"display_name": "A Person",
                                                     "username": "abc"}).status_code == 200


def test_org_admins_manage_only_their_own_professionals(app, admins, book, session):
    root, org_admin = admins
    verify_account(session, org_admin, root)
    outsider = create_account(session, "far", "Far Away", "professional", PASSWORD)
    session.commit()
    client = sign_in(app.test_client(), org_admin)
    assert client.post(f"/admin/accounts/{outsider.id}/verify").status_code == 404
    assert client.post(f"/admin/accounts/{book.holder.id}/set-up-code").status_code == 404
    assert client.post(f"/admin/accounts/{root.id}/set-up-code").status_code == 404
    # Someone with no way in yet gets the code on the admin's screen (tests/test_takeovers.py
    # has the rest: a code for someone who has a way in is never shown).
    new_starter = create_account(session, "newbie", "New Starter", "professional",
                                 organisation=book.professional.organisation)
    session.commit()
    page = client.post(f"/admin/accounts/{new_starter.id}/set-up-code")
    assert page.status_code == 200 and CODE.search(page.text)
    assert client.post(f"/admin/accounts/{book.professional.id}/verify").status_code == 302
    assert session.scalar(select(Verification.verified_by_id).where(
        Verification.account_id == book.professional.id)) == org_admin.id


def test_the_set_up_code_command(app, admins):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["set-up-code", "root"])
    assert result.exit_code == 0 and CODE.search(result.output)
    assert runner.invoke(args=["set-up-code", "sam"]).exit_code != 0


# A form with a problem keeps what was typed, says what is wrong beside the field, and links
# to it from the summary at the top; the page's other forms stay empty.

def test_a_taken_username_for_an_organisations_admin_keeps_both_answers(app, admins, session):
    root, _org_admin = admins
    admin = sign_in(app.test_client(), root)
    for name in ("Northgate Health Visiting", "Riverside School Trust"):
        assert admin.post("/admin/organisations", data={"name": name}).status_code == 302
    first, second = session.scalars(select(Organisation).where(Organisation.name.in_(
        ["Northgate Health Visiting", "Riverside School Trust"])).order_by(Organisation.name))
    page = admin.post(f"/admin/organisations/{first.id}/admins",
                      data={"display_name": "Nia Lead", "username": "ROOT"})
    assert page.status_code == 400
    assert summary_links(page.text) == [f"username-{first.id}"]
    assert f'id="username-{first.id}-error"' in page.text and "That username is taken" in page.text
    assert field_value(page.text, f"name-{first.id}") == "Nia Lead"
    assert field_value(page.text, f"username-{first.id}") == "ROOT"
    assert field_value(page.text, f"name-{second.id}") == ""


def test_a_professional_without_a_name_keeps_the_username(app, admins, session):
    root, org_admin = admins
    verify_account(session, org_admin, root)
    session.commit()
    client = sign_in(app.test_client(), org_admin)
    page = client.post("/admin/professionals", data={"display_name": "  ", "username": "hana"})
    assert page.status_code == 400
    assert summary_links(page.text) == ["display_name"]
    assert 'id="display_name-error"' in page.text
    assert field_value(page.text, "username") == "hana"
    assert find_account(session, "hana") is None


def test_names_longer_than_an_account_or_organisation_holds_are_refused_in_plain_words(
        app, admins, session):
    root, org_admin = admins
    admin = sign_in(app.test_client(), root)
    long_name = "Riverside " * 30
    page = admin.post("/admin/organisations", data={"name": long_name})
    assert page.status_code == 400
    assert "Keep this to 200 characters or fewer" in page.text
    assert summary_links(page.text) == ["organisation"]
    assert field_value(page.text, "organisation") == long_name
    verify_account(session, org_admin, root)
    session.commit()
    client = sign_in(app.test_client(), org_admin)
    page = client.post("/admin/professionals", data={"display_name": "Hana " * 50,
                                                     "username": "h" * 81})
    assert page.status_code == 400
    assert summary_links(page.text) == ["display_name", "username"]
    assert page.text.count("Keep this to 200 characters or fewer") == 2  # summary and field
    assert page.text.count("Keep this to 80 characters or fewer") == 2
    assert find_account(session, "h" * 81) is None
