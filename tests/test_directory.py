"""The directory of local help: publishing, searching, staleness, and a family's kept listings."""

from datetime import date, datetime, timezone

import pytest
from conftest import PASSWORD

from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account
from record_book.book.model import Account
from record_book.book.validation import Invalid
from record_book.directory.listings import (
    ListingChanged,
    chosen_listings,
    keep_listing,
    listing_for_editor,
    may_be_out_of_date,
    publish_listing,
    stop_keeping_listing,
    update_listing,
)
from record_book.directory.search import Search, search
from record_book.policy import NotAllowed, reader_for

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)

DEBT = {"name": "Debt advice drop-in", "does": "Free, private help with debts, bills and "
        "benefits.", "area_covered": "Northgate", "countywide": "no", "self_referral": "yes",
        "phone": "01632 960111", "address": "12 High Street, Northgate"}
FOOD = {"name": "Northgate food bank", "does": "Food parcels for three days.",
        "area_covered": "Eastfield", "countywide": "no", "self_referral": "no",
        "referral_by": "A GP, school or advocate gives you a voucher", "phone": "01632 960222"}
CARERS = {"name": "Young carers group", "does": "A break and friends for young people who look "
          "after someone at home.", "area_covered": "All of the county", "countywide": "yes",
          "self_referral": "yes", "age_from": "8", "age_to": "17",
          "email": "hello@carers.example.org"}


@pytest.fixture
def places(session):
    advice = create_organisation(session, "Northgate Citizens Advice")
    pantry = create_organisation(session, "Eastfield Community Pantry")
    admin = create_account(session, "advice-admin", "Ada Admin", "org_admin", PASSWORD, advice)
    verify_account(session, admin, None)
    portal = create_account(session, "root", "Portal Admin", "portal_admin", PASSWORD)
    listings = {
        "debt": publish_listing(session, admin, advice.id, DEBT, ["money"], now=NOW),
        "food": publish_listing(session, portal, pantry.id, FOOD, ["money", "everyday"], now=NOW),
        "carers": publish_listing(session, portal, pantry.id, CARERS, ["caring", "friends"],
                                  now=NOW),
    }
    session.commit()
    return {"admin": admin, "portal": portal, "advice": advice, "pantry": pantry, **listings}


def names(results):
    return [found.listing.name for found in results.found]


def test_search_by_part_of_life(session, places):
    assert names(search(session, Search(area="money"), NOW)) == [
        "Debt advice drop-in", "Northgate food bank"]
    assert names(search(session, Search(area="caring"), NOW)) == ["Young carers group"]


def test_search_for_services_we_can_contact_ourselves(session, places):
    assert "Northgate food bank" not in names(search(session, Search(self_referral=True), NOW))
    assert len(search(session, Search(self_referral=True), NOW).found) == 2


def test_search_by_place_includes_services_for_the_whole_county(session, places):
    assert names(search(session, Search(place="Northgate"), NOW)) == [
        "Debt advice drop-in", "Young carers group"]
    assert names(search(session, Search(place="eastfeild"), NOW)) == [
        "Northgate food bank", "Young carers group"]


@pytest.mark.parametrize("typed", ["dept advise", "DEBT", "help with my debts", "bennefits"])
def test_words_with_spelling_mistakes_still_find_the_service(session, places, typed):
    assert names(search(session, Search(words=typed), NOW))[0] == "Debt advice drop-in"


def test_joined_up_words_are_found(session, places):
    assert names(search(session, Search(words="foodbank"), NOW)) == ["Northgate food bank"]


@pytest.mark.parametrize("typed", ["قرض کی مدد", "ঋণ সাহায্য", "مساعدة", "💷 <script>", "  ", "–"])
def test_other_scripts_and_odd_text_do_not_break_search(session, places, typed):
    results = search(session, Search(words=typed), NOW)
    assert results.found or results.advice


def test_an_empty_result_says_what_to_try_next(session, places):
    results = search(session, Search(words="trampoline", area="caring", place="Atlantis",
                                     self_referral=True), NOW)
    assert results.found == []
    assert "Try fewer words, or other words for the same thing." in results.advice
    assert "Try another part of life, or every part of life." in results.advice
    assert "Try a town nearby, or leave the place empty." in results.advice
    assert "Clear the search to see every service." in results.advice


def test_a_listing_is_out_of_date_twelve_months_after_its_check(session, places):
    listing = places["debt"]
    assert listing.reviewed_on == date(2026, 3, 10)
    assert not may_be_out_of_date(listing, datetime(2027, 3, 9, 23, 59, tzinfo=timezone.utc))
    assert may_be_out_of_date(listing, datetime(2027, 3, 10, 0, 0, tzinfo=timezone.utc))


def test_a_listing_checked_on_29_february_goes_out_of_date_on_28_february(session, places):
    listing = places["debt"]
    listing.reviewed_on = date(2028, 2, 29)
    assert not may_be_out_of_date(listing, datetime(2029, 2, 27, tzinfo=timezone.utc))
    assert may_be_out_of_date(listing, datetime(2029, 2, 28, tzinfo=timezone.utc))


def test_out_of_date_listings_are_marked_in_results(session, places):
    later = datetime(2027, 4, 1, tzinfo=timezone.utc)
    assert all(found.out_of_date for found in search(session, Search(), later).found)
    assert not any(found.out_of_date for found in search(session, Search(), NOW).found)


def test_listings_are_sanitised(session, places):
    with pytest.raises(Invalid) as refused:
        publish_listing(session, places["admin"], places["advice"].id, {
            **DEBT, "website": "javascript:alert(1)"}, ["money"], now=NOW)
    assert "website" in refused.value.problems
    listing = publish_listing(session, places["admin"], places["advice"].id, {
        **DEBT, "name": "<script>alert(1)</script>Money clinic",
        "does": "<p onclick='x()'>Help <b>now</b></p><script>bad()</script>",
        "website": "www.example.org"}, ["money"], now=NOW)
    # A plain field is text, kept as typed and escaped wherever it is shown; a rich one keeps
    # only simple formatting.
    assert listing.name == "<script>alert(1)</script>Money clinic"
    assert listing.fields["does"] == "<p>Help <b>now</b></p>bad()"
    assert listing.fields["website"] == "https://www.example.org"


@pytest.mark.parametrize("change,problem", [
    ({"name": ""}, "name"), ({"phone": "", "address": ""}, "phone"),
    ({"phone": "call us"}, "phone"), ({"email": "not an email"}, "email"),
    ({"age_from": "16", "age_to": "12"}, "age_to"), ({"self_referral": "maybe"}, "self_referral"),
])
def test_a_listing_with_a_problem_is_not_published(session, places, change, problem):
    with pytest.raises(Invalid) as refused:
        publish_listing(session, places["admin"], places["advice"].id, {**DEBT, **change},
                        ["money"], now=NOW)
    assert problem in refused.value.problems


def test_a_listing_needs_a_known_part_of_life(session, places):
    for areas in ([], ["money", "fishing"]):
        with pytest.raises(Invalid) as refused:
            publish_listing(session, places["admin"], places["advice"].id, DEBT, areas, now=NOW)
        assert "areas" in refused.value.problems


def test_an_org_admin_edits_only_their_own_organisations_listings(session, places):
    admin = places["admin"]
    assert listing_for_editor(session, admin, places["debt"].id) is not None
    assert listing_for_editor(session, admin, places["food"].id) is None
    with pytest.raises(NotAllowed):
        publish_listing(session, admin, places["pantry"].id, FOOD, ["money"], now=NOW)
    with pytest.raises(NotAllowed):
        update_listing(session, admin, places["food"], FOOD, ["money"],
                       places["food"].version, now=NOW)
    unchecked = create_account(session, "new-admin", "New Admin", "org_admin", PASSWORD,
                               places["advice"])
    assert listing_for_editor(session, unchecked, places["debt"].id) is None


def test_an_edit_from_an_older_version_is_not_saved_over_a_newer_one(session, places):
    debt = places["debt"]
    started = debt.version
    update_listing(session, places["admin"], debt, {**DEBT, "waiting_time": "1 week"},
                   ["money"], started, now=NOW)
    with pytest.raises(ListingChanged):
        update_listing(session, places["portal"], debt, {**DEBT, "cost": "£2"}, ["money"],
                       started, now=NOW)
    assert debt.fields["waiting_time"] == "1 week"


def test_holders_keep_and_remove_listings_for_the_booklet(session, book, places):
    holder = reader_for(session, book.holder, book.family.id)
    keep_listing(session, holder, places["food"])
    keep_listing(session, holder, places["debt"])
    keep_listing(session, holder, places["food"])
    assert [l.name for l in chosen_listings(session, book.family.id)] == [
        "Northgate food bank", "Debt advice drop-in"]
    assert chosen_listings(session, book.other_family.id) == []
    stop_keeping_listing(session, holder, places["food"].id)
    assert [l.name for l in chosen_listings(session, book.family.id)] == ["Debt advice drop-in"]
    for account in (book.young, book.advocate):
        with pytest.raises(NotAllowed):
            keep_listing(session, reader_for(session, account, book.family.id), places["food"])


def test_the_demo_directory_covers_many_needs_and_one_listing_is_out_of_date(session):
    from demo import family as demo
    from record_book.directory.model import Listing

    demo.load(session)
    session.commit()
    listings = session.query(Listing).all()
    assert 6 <= len(listings) <= 10
    assert {"money", "home", "safe", "caring", "health", "work"} <= {
        area for listing in listings for area in listing.areas}
    assert sum(may_be_out_of_date(listing) for listing in listings) == 1
    assert names(search(session, Search(words="dept advise")))[0] == "Debt advice drop-in"
    orgadmin = session.query(Account).filter_by(username="orgadmin").one()
    assert [l.name for l in listings if listing_for_editor(session, orgadmin, l.id)] == [
        "After-school homework club"]
