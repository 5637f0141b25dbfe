"""Agreed by all: the family asks its young people (12 and over) to agree the plan too; the
plan shows who agreed which version and "changed since you all agreed"; an old advocate's
agreement, after the family changed its advocate, is shown as theirs "as your advocate then"."""

import pytest
from conftest import sign_in

from plans import agreement, editing
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry
from record_book.book.families import join_family
from record_book.book.model import Membership
from record_book.policy import NotAllowed, reader_for
from record_book.sharing.leads import change_advocate
from record_book.sharing.model import Connection


@pytest.fixture
def plan(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "header.success": "A calm house"}, {}), 1)
    session.commit()
    return plan


def _young_aged(session, book, age: int):
    """Jo's place in the book, with their age."""
    holder = reader_for(session, book.holder, book.family.id)
    jo = add_entry(session, holder, "member", {"name": "Jo Carter", "relationship": "Son",
                                               "age": str(age), "lives": "with_us",
                                               "category": "family_life"})
    membership = session.query(Membership).filter_by(account_id=book.young.id).one()
    membership.member_entry_id = jo.id
    session.flush()


def _readers(session, book):
    return {name: reader_for(session, account, book.family.id)
            for name, account in book.accounts.items()}


def test_a_young_person_agrees_only_when_the_family_asks_and_they_are_12_or_over(
        session, book, plan):
    _young_aged(session, book, 13)
    r = _readers(session, book)
    with pytest.raises(NotAllowed):
        agreement.agree(session, r["young_person"], plan, plan.revision)
    # Only a holder chooses.
    with pytest.raises(NotAllowed):
        agreement.ask_young_people(session, r["young_person"], plan, True)
    agreement.ask_young_people(session, r["holder"], plan, True)
    agreement.agree(session, r["holder"], plan, plan.revision)
    agreement.agree(session, r["advocate"], plan, plan.revision)
    status = agreement.status(session, plan)
    assert not status.agreed_now and [a.display_name for a in status.young_waiting] == [
        "Jo Carter"]
    agreement.agree(session, r["young_person"], plan, plan.revision)
    status = agreement.status(session, plan)
    assert status.agreed_now and status.with_young and not status.young_waiting


def test_a_young_person_under_12_is_not_asked(session, book, plan):
    _young_aged(session, book, 11)
    r = _readers(session, book)
    agreement.ask_young_people(session, r["holder"], plan, True)
    with pytest.raises(NotAllowed):
        agreement.agree(session, r["young_person"], plan, plan.revision)
    agreement.agree(session, r["holder"], plan, plan.revision)
    agreement.agree(session, r["advocate"], plan, plan.revision)
    assert agreement.status(session, plan).agreed_now


def test_the_page_shows_who_agreed_and_changed_since_you_all_agreed(client, app, session, book,
                                                                   plan):
    _young_aged(session, book, 14)
    session.commit()
    sign_in(client, book.holder)
    url = f"/families/{book.family.id}/plan/"
    assert client.post(url + "young-people-agree", data={"asked": "yes"}).status_code == 302
    young = sign_in(app.test_client(), book.young)
    advocate = sign_in(app.test_client(), book.advocate)
    assert "I agree to this plan" in young.get(url).text
    for who in (client, advocate, young):
        assert who.post(url + "agree", data={"revision": str(plan.revision)}).status_code == 302
    page = client.get(url).text
    assert "You all agreed to this version" in page
    assert "Jo Carter agreed to version 2 on" in page
    client.post(url + "edit", data={"base_revision": str(plan.revision),
                                    "header.success": "A calmer house"})
    page = client.get(url).text
    assert "Changed since you all agreed on" in page
    assert "Waiting for the family and Ava Advocate and Jo Carter to agree." in page
    # The young person may not change who agrees.
    assert young.post(url + "young-people-agree", data={"asked": "no"}).status_code == 404


def test_an_old_advocate_s_agreement_is_shown_honestly(client, session, book, plan):
    r = _readers(session, book)
    agreement.agree(session, r["holder"], plan, plan.revision)
    agreement.agree(session, r["advocate"], plan, plan.revision)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    change_advocate(session, r["holder"], f"a{book.professional.id}")
    session.commit()
    status = agreement.status(session, plan)
    # Everyone agreed version 2 then; the family's new advocate has not agreed it yet.
    assert status.both_revision == plan.revision and not status.agreed_now
    assert status.advocate_waiting
    old = next(a for a in status.agreements if a.account_id == book.advocate.id)
    assert status.former_advocate(old)
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/plan/").text
    assert "Ava Advocate agreed to version 2 on" in page and "as your advocate then" in page
    assert "Waiting for Ms Patel to agree." in page
    # The new advocate agrees: agreed again.
    agreement.agree(session, reader_for(session, book.professional, book.family.id), plan,
                    plan.revision)
    assert agreement.status(session, plan).agreed_now


def test_a_young_person_with_no_age_in_the_book_is_not_asked(session, book, plan):
    """Asked are those the book knows are 12 or over: a young person who joins with no age
    written down does not undo the family's agreement."""
    _young_aged(session, book, 15)
    r = _readers(session, book)
    agreement.ask_young_people(session, r["holder"], plan, True)
    agreement.agree(session, r["holder"], plan, plan.revision)
    agreement.agree(session, r["advocate"], plan, plan.revision)
    agreement.agree(session, r["young_person"], plan, plan.revision)
    assert agreement.status(session, plan).agreed_now
    kit = create_account(session, "kit", "Kit Carter", "family", "correct horse battery")
    join_family(session, book.family, kit, "young_person")
    # Kit has no age in the book yet, so is not asked.
    assert agreement.status(session, plan).agreed_now
