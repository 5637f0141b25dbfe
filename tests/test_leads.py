"""Who leads for us: a holder changes the advocate or ends a connection, and it holds on the very
next request; every connected professional sees the lead card and its history."""

import html
import re

import pytest
from conftest import seen, sign_in
from sqlalchemy import select

from plans import editing
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Membership
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log, leads
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Connection, Grant


@pytest.fixture
def world(session, book):
    """The Carters' book with a plan, Ms Patel connected and shown one entry."""
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "header.success": "A dry flat for us all"}, {}), 1)
    session.commit()
    return entry


def words(response) -> str:
    """The page's text as a person reads it: no tags, one space between words."""
    return " ".join(html.unescape(seen(re.sub(r"<[^>]+>", "", response.text))).split())


def family_url(book, rest=""):
    return f"/families/{book.family.id}/{rest}"


def change(client, book, advocate, note="", checked=True):
    return client.post(family_url(book, "lead/change"), data={
        "advocate": advocate, "note": note, **({"checked": "yes"} if checked else {})})


def test_a_new_advocate_reads_the_whole_plan_and_the_old_one_gets_not_found_at_once(
        app, session, book, world):
    old = sign_in(app.test_client(), book.advocate)
    assert "A dry flat for us all" in old.get(family_url(book, "plan/")).text
    holder = sign_in(app.test_client(), book.holder)

    check = change(holder, book, f"a{book.professional.id}", checked=False)
    assert "Make Ms Patel (Riverside School) your advocate instead of Ava Advocate" in words(check)
    assert "A dry flat for us all" in old.get(family_url(book, "plan/")).text  # not yet

    done = change(holder, book, f"a{book.professional.id}", note="Ring before 10, please.")
    assert done.status_code == 302
    for page in ("plan/latest", "plan/edit", "plan/revisions", "rejoin"):
        assert old.get(family_url(book, page)).status_code == 404, page
    assert "A dry flat for us all" not in old.get(family_url(book, "plan/")).text
    # Still connected, as any professional: the book opens, with only what is shared.
    assert old.get(family_url(book)).status_code == 200
    assert "Moving house" not in old.get(family_url(book, "story")).text

    new = sign_in(app.test_client(), book.professional)
    assert "A dry flat for us all" in new.get(family_url(book, "plan/")).text
    before = access_log.count(session, book.family.id)
    card = words(new.get(family_url(book, "lead")))
    assert "Sam Carter chose Ms Patel (Riverside School) to lead for us, instead of Ava " \
        "Advocate (Riverside School)" in card
    assert "Ring before 10, please." in card
    assert access_log.count(session, book.family.id) > before  # reading the note is logged
    assert "Ring before 10, please." not in old.get(family_url(book, "lead")).text

    sentences = words(holder.get(family_url(book, "access-log")))
    assert "Sam Carter chose Ms Patel (Riverside School) as your advocate" in sentences
    assert "the handover note" in sentences


def test_an_advocate_must_be_connected_and_nothing_changes_on_a_refusal(app, session, book,
                                                                         world):
    holder = sign_in(app.test_client(), book.holder)
    stranger = f"a{book.other_holder.id}"
    refused = change(holder, book, stranger)
    assert refused.status_code == 400
    assert "Choose someone connected to your book" in refused.text
    again = change(holder, book, f"a{book.advocate.id}")
    assert again.status_code == 400 and "They already lead for you" in again.text
    note_alone = change(holder, book, "none", note="For whoever comes next")
    assert note_alone.status_code == 400
    session.expire_all()
    assert session.scalar(select(Membership.account_id).where(
        Membership.family_id == book.family.id, Membership.role == "advocate")) == book.advocate.id
    assert leads.history(session, book.family.id) == []


def test_no_advocate_for_now_and_only_a_holder_may_change(app, session, book, world):
    for account in (book.young, book.advocate, book.professional):
        client = sign_in(app.test_client(), account)
        assert client.get(family_url(book, "lead/change")).status_code == 404
        assert change(client, book, "none").status_code == 404
    holder = sign_in(app.test_client(), book.holder)
    assert change(holder, book, "none").status_code == 302
    card = words(holder.get(family_url(book, "lead")))
    assert "Nobody leads for us just now" in card
    assert "chose to have no advocate for now, instead of" in card
    old = sign_in(app.test_client(), book.advocate)
    assert old.get(family_url(book, "plan/latest")).status_code == 404
    assert "Nobody leads for us just now" in old.get(family_url(book, "lead")).text


def test_ending_a_connection_stops_every_grant_and_connecting_again_undoes_it(app, session,
                                                                               book, world):
    pat = sign_in(app.test_client(), book.professional)
    assert "Moving house" in pat.get(family_url(book, "story")).text
    holder = sign_in(app.test_client(), book.holder)
    who = f"a{book.professional.id}"
    check = holder.post(family_url(book, "connections/end"), data={"who": who})
    assert "End your connection with Ms Patel (Riverside School)?" in words(check)
    assert pat.get(family_url(book, "story")).status_code == 200  # not yet

    assert holder.post(family_url(book, "connections/end"),
                       data={"who": who, "checked": "yes"}).status_code == 302
    assert pat.get(family_url(book)).status_code == 404
    assert pat.get(family_url(book, "entries/%d" % world.id)).status_code == 404
    session.expire_all()
    assert session.scalars(select(Grant).where(
        Grant.grantee_account_id == book.professional.id, Grant.revoked_at.is_(None))).all() == []
    assert "ended the connection with Ms Patel" in words(holder.get(family_url(book, "access-log")))
    assert holder.post(family_url(book, "connections/end"),
                       data={"who": who, "checked": "yes"}).status_code == 404

    # Connecting again: the book opens, and nothing is shared until the family shares again.
    connect_with_code(session, book.professional, new_connection_code(
        session, reader_for(session, book.holder, book.family.id)), utcnow())
    session.commit()
    assert pat.get(family_url(book)).status_code == 200
    assert "Moving house" not in pat.get(family_url(book, "story")).text


def test_ending_the_advocates_connection_leaves_nobody_leading(app, session, book, world):
    holder = sign_in(app.test_client(), book.holder)
    assert holder.post(family_url(book, "connections/end"), data={
        "who": f"a{book.advocate.id}", "checked": "yes"}).status_code == 302
    old = sign_in(app.test_client(), book.advocate)
    assert old.get(family_url(book)).status_code == 404
    assert old.get(family_url(book, "plan/latest")).status_code == 404
    assert "Nobody leads for us just now" in holder.get(family_url(book, "lead")).text
    session.expire_all()
    assert session.scalars(select(Connection).where(
        Connection.account_id == book.advocate.id, Connection.ended_at.is_(None))).all() == []


def test_every_connected_professional_sees_who_leads_and_since_when(app, session, book, world):
    pat = sign_in(app.test_client(), book.professional)
    card = pat.get(family_url(book, "lead"))
    assert card.status_code == 200
    assert "Ava Advocate (Riverside School)" in card.text and "Since" in card.text
    assert "No changes yet." in card.text
    outsider = sign_in(app.test_client(), book.other_holder)
    assert outsider.get(family_url(book, "lead")).status_code == 404
