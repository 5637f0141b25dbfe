"""The directory's pages: public search and listing, admins keeping listings, families using them."""

import pytest
from conftest import PASSWORD, sign_in
from sqlalchemy import select
from test_directory import CARERS, DEBT, FOOD

from plans import editing
from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account
from record_book.book.model import Entry
from record_book.directory.listings import chosen_listings, publish_listing
from record_book.policy import reader_for


@pytest.fixture
def listed(session, book):
    school = book.professional.organisation
    pantry = create_organisation(session, "Eastfield Community Pantry")
    admin = create_account(session, "school-admin", "Sue Admin", "org_admin", PASSWORD, school)
    verify_account(session, admin, None)
    portal = create_account(session, "root", "Portal Admin", "portal_admin", PASSWORD)
    own = publish_listing(session, admin, school.id, {
        **DEBT, "does": "<script>alert('x')</script><p>Money help</p>"}, ["money"])
    other = publish_listing(session, portal, pantry.id, FOOD, ["money", "everyday"])
    carers = publish_listing(session, portal, pantry.id, CARERS, ["caring"])
    holder = reader_for(session, book.holder, book.family.id)
    session.add(Entry(family_id=book.family.id, kind="story", category="home",
                      owner_account_id=book.holder.id, title="Our secret story", fields={},
                      updated_by_id=book.holder.id))
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Pay off the catalogue debt", "new-goal.area": "money"}, {}), 1)
    session.commit()
    return {"admin": admin, "portal": portal, "own": own, "other": other, "carers": carers}


def test_the_directory_needs_no_sign_in_and_shows_nothing_about_families(client, book, listed):
    for url in ("/directory", "/directory?q=dept+advise", f"/directory/{listed['own'].id}"):
        response = client.get(url)
        assert response.status_code == 200
        for private in ("Carter", "Our secret story", "catalogue", "Keep this for our booklet"):
            assert private not in response.text
    assert "Debt advice drop-in" in client.get("/directory?q=dept+advise").text


def test_search_page_filters_and_advice(client, listed):
    page = client.get("/directory?area=caring&self_referral=yes").text
    assert "Young carers group" in page and "Debt advice drop-in" not in page
    empty = client.get("/directory?q=trampoline&place=Atlantis").text
    assert "We found nothing for that search" in empty
    assert "Try a town nearby, or leave the place empty." in empty
    assert client.get("/directory?q=%D9%82%D8%B1%D8%B6&area=nonsense").status_code == 200


def test_listing_text_is_escaped_on_the_way_out(client, listed):
    page = client.get(f"/directory/{listed['own'].id}").text
    assert "<script>alert" not in page
    assert "<p>Money help</p>" in page
    assert 'href="tel:01632960111"' in page


def test_an_out_of_date_listing_says_so(client, session, listed):
    from datetime import date

    listed["other"].reviewed_on = date(2020, 1, 1)
    session.commit()
    assert "This may be out of date" in client.get(f"/directory/{listed['other'].id}").text
    assert "This may be out of date" not in client.get(f"/directory/{listed['own'].id}").text


def test_an_org_admin_edits_their_own_listing_and_not_anothers(client, session, listed):
    sign_in(client, listed["admin"])
    manage = client.get("/directory/manage/").text
    assert "Debt advice drop-in" in manage and "Northgate food bank" not in manage
    assert client.get(f"/directory/manage/{listed['other'].id}/edit").status_code == 404
    assert client.post(f"/directory/manage/{listed['other'].id}/edit",
                       data={**FOOD, "areas": "money", "base_version": "1"}).status_code == 404
    assert client.post(f"/directory/manage/{listed['other'].id}/reviewed").status_code == 404
    own = listed["own"]
    form = client.get(f"/directory/manage/{own.id}/edit")
    assert form.status_code == 200 and "Debt advice drop-in" in form.text
    saved = client.post(f"/directory/manage/{own.id}/edit", data={
        **DEBT, "waiting_time": "About a week", "areas": ["money", "home"],
        "base_version": str(own.version)})
    assert saved.status_code == 302
    assert "About a week" in client.get(f"/directory/{own.id}").text
    stale = client.post(f"/directory/manage/{own.id}/edit", data={
        **DEBT, "areas": "money", "base_version": "1"})
    assert stale.status_code == 409 and "Someone else changed this service" in stale.text


def test_an_org_admin_adds_a_listing_for_their_organisation_only(client, session, listed):
    sign_in(client, listed["admin"])
    assert client.post("/directory/manage/new", data={**CARERS, "areas": "caring"}
                       ).status_code == 302
    problem = client.post("/directory/manage/new", data={**CARERS, "name": ""})
    assert problem.status_code == 400 and "Choose at least one part of life" in problem.text


def test_a_portal_admin_adds_a_listing_for_a_community_group(client, session, book, listed):
    group = create_organisation(session, "Eastfield Mosque Food Share")
    session.commit()
    sign_in(client, listed["portal"])
    response = client.post("/directory/manage/new", data={
        **FOOD, "name": "Friday food share", "areas": "money",
        "organisation_id": str(group.id)})
    assert response.status_code == 302
    assert "Eastfield Mosque Food Share" in client.get(response.headers["Location"]).text


def test_adding_to_our_services_starts_a_card_from_the_listing(client, session, book, listed):
    sign_in(client, book.holder)
    listing = listed["own"]
    page = client.get(f"/directory/{listing.id}").text
    assert "Add to our services" in page and "The Carter family book" in page
    form = client.get(f"/families/{book.family.id}/new/service?listing={listing.id}").text
    assert 'value="Debt advice drop-in"' in form
    assert "01632 960111 · 12 High Street, Northgate" in form
    assert f'name="listing" value="{listing.id}"' in form
    response = client.post(f"/families/{book.family.id}/new/service", data={
        "agency": "Debt advice drop-in", "contact_how": "01632 960111", "listing": str(listing.id),
        "why_our_words": "We are behind on the catalogue.", "category": "money",
        "owner_member_id": form.split('<option value="')[1].split('"')[0],
        "visibility": "family"})
    assert response.status_code == 302
    entry = session.scalar(select(Entry).where(Entry.kind == "service"))
    assert entry.fields["listing"] == str(listing.id)
    assert entry.fields["why_our_words"] == "We are behind on the catalogue."
    assert "our_view" not in entry.fields
    assert "See it in the directory" in client.get(
        f"/families/{book.family.id}/entries/{entry.id}").text


def test_a_plan_step_from_a_listing_is_typed_in_but_not_saved(client, session, book, listed):
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/directory/{listed['own'].id}/plan-step")
    assert page.status_code == 200
    assert "Ask Debt advice drop-in for an appointment" in page.text
    assert "add it to your services first" in page.text
    plan = editing.open_plan(session, book.family.id)
    assert plan.revision == 2
    sign_in(client, book.young)
    assert client.get(f"/families/{book.family.id}/directory/{listed['own'].id}/plan-step"
                      ).status_code == 404


def test_holders_keep_listings_and_take_them_off(client, session, book, listed):
    sign_in(client, book.holder)
    family = book.family.id
    for listing in (listed["own"], listed["other"]):
        assert client.post(f"/families/{family}/directory/{listing.id}/keep").status_code == 302
    kept = client.get(f"/families/{family}/directory").text
    assert "Debt advice drop-in" in kept and "Northgate food bank" in kept
    client.post(f"/families/{family}/directory/{listed['own'].id}/remove")
    assert [l.name for l in chosen_listings(session, family)] == ["Northgate food bank"]
    sign_in(client, book.young)
    assert client.post(f"/families/{family}/directory/{listed['own'].id}/keep").status_code == 404
    assert "Take “Northgate food bank” off our list" not in client.get(
        f"/families/{family}/directory").text
    sign_in(client, book.other_holder)
    assert client.get(f"/families/{family}/directory").status_code == 404


def test_the_advocate_is_not_offered_a_book_waiting_to_be_deleted(client, session, book,
                                                                  listed):
    from record_book.data_rights.erasure import ask_to_delete

    listing = f"/directory/{listed['own'].id}"
    sign_in(client, book.advocate)
    assert "Add to a plan step" in client.get(listing).text
    ask_to_delete(session, reader_for(session, book.holder, book.family.id))
    session.commit()
    page = client.get(listing)
    assert page.status_code == 200 and "Add to a plan step" not in page.text
    assert book.family.title not in page.text


def test_an_org_admin_takes_their_own_closed_service_out_and_families_keep_their_cards(
        client, session, book, listed):
    own, other = listed["own"], listed["other"]
    family = book.family.id
    holder = sign_in(client, book.holder)
    holder.post(f"/families/{family}/directory/{own.id}/keep")
    form = holder.get(f"/families/{family}/new/service?listing={own.id}").text
    card = holder.post(f"/families/{family}/new/service", data={
        "agency": "Debt advice drop-in", "category": "money", "listing": str(own.id),
        "owner_member_id": form.split('<option value="')[1].split('"')[0],
        "visibility": "family"})
    assert card.status_code == 302

    admin = sign_in(client, listed["admin"])
    assert admin.get(f"/directory/manage/{other.id}/withdraw").status_code == 404
    assert admin.post(f"/directory/manage/{other.id}/withdraw").status_code == 404
    confirm = admin.get(f"/directory/manage/{own.id}/withdraw")
    assert confirm.status_code == 200 and "Service cards they made from it stay" in confirm.text
    assert admin.post(f"/directory/manage/{own.id}/withdraw").status_code == 302
    assert client.get(f"/directory/{own.id}").status_code == 404
    assert "Debt advice drop-in" not in client.get("/directory?q=debt").text
    session.expire_all()
    assert chosen_listings(session, family) == []
    card = session.scalar(select(Entry).where(Entry.family_id == family, Entry.kind == "service",
                                              Entry.title == "Debt advice drop-in"))
    page = sign_in(client, book.holder).get(f"/families/{family}/entries/{card.id}")
    assert page.status_code == 200 and "See it in the directory" not in page.text
