"""Young carers: a child the family says helps look after someone at home is offered the local
help for young carers from the directory, on the family's own people page."""

from conftest import sign_in

from record_book.accounts.accounts import create_account, create_organisation
from record_book.directory.listings import publish_listing
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_category

CARERS_GROUP = "Northgate Young Carers group"
LUNCH_CLUB = "Lunch club for older carers"


def _directory(session):
    admin = create_account(session, "padmin", "Pat Admin", "portal_admin", "an admin password!")
    charity = create_organisation(session, "Northgate Carers Centre")
    details = {"does": "Help for carers.", "area_covered": "Northgate", "countywide": "yes",
               "self_referral": "yes", "phone": "01632 960111"}
    publish_listing(session, admin, charity.id, {**details, "name": LUNCH_CLUB}, ["caring"])
    publish_listing(session, admin, charity.id, {
        **details, "name": CARERS_GROUP, "does": "Breaks and a group for young carers aged 8–18."},
        ["caring", "friends"])
    session.commit()


def _add_person(client, book, name, age, cares):
    return client.post(f"/families/{book.family.id}/new/member", data={
        "name": name, "relationship": "Son", "age": str(age), "lives": "with_us",
        "cares": cares})


def test_a_child_who_helps_care_is_offered_young_carers_help_first(client, session, book):
    _directory(session)
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/people").text
    assert "Help for young carers" not in page
    assert _add_person(client, book, "Tomasz", 10, "yes").status_code == 302
    page = client.get(f"/families/{book.family.id}/people").text
    assert "Help for young carers" in page
    assert "You said Tomasz helps look after someone at home." in page
    assert page.index(CARERS_GROUP) < page.index(LUNCH_CLUB)
    assert "/directory?area=caring" in page


def test_two_children_are_named_together_and_a_no_or_a_grown_up_offers_nothing(
        client, session, book):
    _directory(session)
    sign_in(client, book.holder)
    _add_person(client, book, "Grandad", 70, "yes")
    _add_person(client, book, "Ola", 9, "no")
    _add_person(client, book, "Kuba", 12, "not_sure")
    assert "Help for young carers" not in client.get(f"/families/{book.family.id}/people").text
    _add_person(client, book, "Tomasz", 10, "yes")
    _add_person(client, book, "Ewa", 14, "yes")
    assert "You said Tomasz and Ewa help look after someone at home." in client.get(
        f"/families/{book.family.id}/people").text


def test_the_question_is_on_the_person_form_and_a_made_up_answer_is_refused(client, book):
    sign_in(client, book.holder)
    form = client.get(f"/families/{book.family.id}/new/member").text
    assert "do they help look after someone at home?" in form
    refused = _add_person(client, book, "Tomasz", 10, "sometimes")
    assert refused.status_code == 400


def test_a_professional_shown_the_people_is_not_shown_the_young_carers_offer(
        app, session, book):
    _directory(session)
    holder = sign_in(app.test_client(), book.holder)
    _add_person(holder, book, "Tomasz", 10, "yes")
    share_category(session, reader_for(session, book.holder, book.family.id), "family_life",
                   Grantee(book.advocate.id, None, "Ava"))
    session.commit()
    advocate = sign_in(app.test_client(), book.advocate)
    page = advocate.get(f"/families/{book.family.id}/people").text
    assert "Tomasz" in page
    assert "Help for young carers" not in page
