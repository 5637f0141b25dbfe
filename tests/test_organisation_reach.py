"""Only the family widens access: a professional's code connects that professional alone; a
holder connects a whole organisation; an organisation's admin reads nothing through the
organisation; a professional without an organisation never matches anyone else's connection;
a young person's private person never reaches a holder's invitation form."""

import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, log_rows, seen, sign_in
from sqlalchemy import select

from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import InvitationRefused, invite_to_join
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import NotAllowed, reader_for
from record_book.sharing.connections import (
    Grantee,
    connect_organisation,
    connect_their_organisation,
    connect_with_code,
    find_grantee,
    grantees,
    new_connection_code,
    organisations_to_offer,
)
from record_book.sharing.grants import share_entry
from record_book.sharing.leads import end_connection
from record_book.sharing.model import AccessLogRow, Connection


def story(session, reader, title):
    return add_entry(session, reader, "story", {
        "section": "story_so_far", "title": title, "text": f"Words of {title}",
        "category": "school", "owner_member_id": str(own_member_entry_id(session, reader))})


@pytest.fixture
def connected_school(app, session, book):
    org = book.professional.organisation
    colleague = create_account(session, "col", "Mr Colleague", "professional", PASSWORD, org)
    org_admin = create_account(session, "head", "School Admin", "org_admin", PASSWORD, org)
    holder = reader_for(session, book.holder, book.family.id)
    code = new_connection_code(session, holder)
    session.commit()
    pat = sign_in(app.test_client(), book.professional)
    assert pat.post("/connect", data={"code": code, "organisation": "yes"}).status_code == 302
    return colleague, org_admin


def test_a_professionals_code_connects_them_alone(app, session, book, connected_school):
    colleague, org_admin = connected_school
    session.expire_all()
    connections = session.scalars(select(Connection).where(
        Connection.family_id == book.family.id)).all()
    assert [(c.account_id, c.organisation_id) for c in connections] == [
        (book.professional.id, None)]
    page = sign_in(app.test_client(), book.professional).get("/connect").text
    assert "whole team" not in page and 'name="organisation"' not in page
    for outsider in (colleague, org_admin):
        client = sign_in(app.test_client(), outsider)
        assert client.get(f"/families/{book.family.id}/").status_code == 404
        assert book.family.title not in client.get("/shared-with-me").text


def test_only_a_holder_connects_the_organisation_and_the_log_says_who(app, session, book,
                                                                      connected_school):
    colleague, org_admin = connected_school
    org = book.professional.organisation
    url = f"/families/{book.family.id}/sharing/team"
    # Ms Patel, her colleague, the advocate and a young person cannot.
    for someone in (book.professional, colleague, book.advocate, book.young):
        assert sign_in(app.test_client(), someone).post(
            url, data={"person": str(book.professional.id)}).status_code == 404
    holder = sign_in(app.test_client(), book.holder)
    overview = seen(holder.get(f"/families/{book.family.id}/sharing").text)
    assert "Connect Riverside School" in overview
    # Only the organisation of someone connected: not one the family never met.
    assert holder.post(url, data={"person": str(book.other_holder.id)}).status_code == 404
    assert holder.post(url, data={"person": "nonsense"}).status_code == 404
    response = holder.post(url, data={"person": str(book.professional.id)})
    assert response.status_code == 302
    assert "Riverside School is connected" in seen(holder.get(response.location).text)
    assert "Connect Riverside School" not in seen(holder.get(f"/families/{book.family.id}/sharing").text)
    session.expire_all()
    row = session.scalars(select(AccessLogRow).where(AccessLogRow.family_id == book.family.id)
                          .order_by(AccessLogRow.id.desc())).first()
    assert row.action == "connect" and row.actor_id == book.holder.id
    assert "Riverside School" in holder.get(f"/families/{book.family.id}/access-log").text
    # The colleague now sees the family, and only what is shared with the organisation.
    family_holder = reader_for(session, book.holder, book.family.id)
    for_school = story(session, family_holder, "For the whole school")
    for_pat = story(session, family_holder, "Only for Ms Patel")
    share_entry(session, family_holder, for_school, Grantee(None, org.id, org.name))
    share_entry(session, family_holder, for_pat, Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    client = sign_in(app.test_client(), colleague)
    assert book.family.title in client.get("/shared-with-me").text
    page = client.get(f"/families/{book.family.id}/story").text
    assert "For the whole school" in page and "Only for Ms Patel" not in page
    # The organisation's admin sees neither the family nor what is shared with the school.
    admin = sign_in(app.test_client(), org_admin)
    for path in ("/", "/story", "/print"):
        assert admin.get(f"/families/{book.family.id}{path}").status_code == 404
    assert admin.get("/shared-with-me").status_code == 404


def test_a_professional_without_an_organisation_never_matches_another(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    freelance = create_account(session, "free", "Fay Freelance", "professional", PASSWORD)
    also_alone = create_account(session, "solo", "Sol Solo", "professional", PASSWORD)
    connect_with_code(session, also_alone, new_connection_code(session, holder), utcnow())
    session.commit()
    client = sign_in(app.test_client(), freelance)
    assert book.family.title not in client.get("/shared-with-me").text
    assert client.get(f"/families/{book.family.id}/").status_code == 404
    solo = sign_in(app.test_client(), also_alone)
    assert book.family.title in solo.get("/shared-with-me").text


def test_a_young_persons_private_person_is_not_offered_to_a_holder(app, session, book):
    young = reader_for(session, book.young, book.family.id)
    secret = add_entry(session, young, "member", {
        "name": "My secret friend", "relationship": "friend", "age": "15",
        "lives": "elsewhere", "category": "family_life", "owner_member_id": "",
        "visibility": "private"})
    holder = reader_for(session, book.holder, book.family.id)
    open_person = add_entry(session, holder, "member", {
        "name": "Gran", "relationship": "gran", "age": "70", "lives": "elsewhere",
        "category": "family_life", "owner_member_id": ""})
    session.commit()
    assert session.get(Entry, secret.id).visibility == "private"
    page = sign_in(app.test_client(), book.holder).get(f"/families/{book.family.id}/invite").text
    assert "Gran" in page and "My secret friend" not in page
    assert f'value="{secret.id}"' not in page and f'value="{open_person.id}"' in page
    # Posting its number anyway is refused like any number that is not a person.
    with pytest.raises(InvitationRefused):
        invite_to_join(session, holder, "holder", secret.id, False)


def _organisation_of(session, username, name, organisation):
    return create_account(session, username, name, "professional", PASSWORD,
                          create_organisation(session, organisation))


def test_the_teams_offered_are_those_of_people_connected_to_this_book_now(session, book):
    """The family can connect only the teams of people it knows: connected to this book (not
    another), still connected, or its advocate; a team already connected is not offered again,
    though one connected only to another book, or no longer, is."""
    holder = reader_for(session, book.holder, book.family.id)
    other = reader_for(session, book.other_holder, book.other_family.id)
    nurse = _organisation_of(session, "nia", "Nia Nurse", "Eastfield Clinic")
    worker = _organisation_of(session, "wes", "Wes Worker", "Housing Team")
    gone = _organisation_of(session, "gus", "Gus Gone", "Old Service")
    theirs = _organisation_of(session, "tia", "Tia Theirs", "Their Service")
    for person, reader in ((nurse, holder), (worker, holder), (gone, holder), (theirs, other),
                           (worker, other)):
        connect_with_code(session, person, new_connection_code(session, reader), utcnow())
    end_connection(session, holder, Grantee(gone.id, None, gone.display_name))
    connect_organisation(session, other, nurse.organisation)
    offered = {account: org.name for account, org in organisations_to_offer(session, holder)
               .items()}
    # Ava, the advocate, is in the book without a connection of her own.
    assert offered == {nurse.id: "Eastfield Clinic", worker.id: "Housing Team",
                       book.advocate.id: "Riverside School"}
    connected = connect_organisation(session, holder, worker.organisation)
    assert worker.id not in organisations_to_offer(session, holder)
    connected.ended_at = holder.now
    session.flush()
    assert worker.id in organisations_to_offer(session, holder)


def test_only_a_holder_connects_a_team(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    nurse = _organisation_of(session, "nia", "Nia Nurse", "Eastfield Clinic")
    connect_with_code(session, nurse, new_connection_code(session, holder), utcnow())
    young = reader_for(session, book.young, book.family.id)
    with pytest.raises(NotAllowed):
        connect_their_organisation(session, young, nurse.id)
    assert connect_their_organisation(session, holder, nurse.id).organisation_id == (
        nurse.organisation_id)


def test_sharing_with_someone_not_connected_asks_who_to_share_with(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    with pytest.raises(Invalid) as refused:
        find_grantee(session, holder, "account:999999")
    assert {field: problem.message for field, problem in refused.value.problems.items()} == {
        "grantee": "Choose who to share with"}


# Codes ------------------------------------------------------------------------------------------

CODE_SHOWN = re.compile(r"[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}")


def _pat_connections(session, book, family_id=None):
    session.expire_all()
    return session.scalars(select(Connection).where(
        Connection.family_id == (family_id or book.family.id),
        Connection.account_id == book.professional.id).order_by(Connection.id)).all()


def test_a_code_is_two_groups_of_five_letters_that_cannot_be_misread(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    codes = [new_connection_code(session, holder) for _ in range(20)]
    assert all(CODE_SHOWN.fullmatch(code) for code in codes), codes
    # Read out over the phone and typed in small letters with spaces, it still works.
    typed = codes[0].lower().replace("-", " ")
    connect_with_code(session, book.professional, typed, utcnow())
    assert len(_pat_connections(session, book)) == 1


def test_someone_who_is_not_a_professional_is_told_only_professionals_connect(session, book):
    holder = reader_for(session, book.other_holder, book.other_family.id)
    code = new_connection_code(session, holder)
    with pytest.raises(Invalid) as refused:
        connect_with_code(session, book.holder, code, utcnow())
    assert {field: problem.message for field, problem in refused.value.problems.items()} == {
        "code": "Only professionals can connect to a family's book"}
    # The code is still the family's to give.
    connect_with_code(session, book.professional, code, utcnow())
    assert len(_pat_connections(session, book, book.other_family.id)) == 1


def test_a_code_that_does_not_work_says_so_beside_the_code_box(app, book):
    client = sign_in(app.test_client(), book.professional)
    response = client.post("/connect", data={"code": "AAAAA-AAAAA"})
    assert response.status_code == 400
    assert ('<a href="#code">That code does not work. It may be mistyped, used already or more '
            'than 7 days old. Ask the family for a new one.</a>') in seen(response.text)


def test_a_second_code_of_the_same_family_leaves_one_connection_from_the_first_day(session,
                                                                                    book):
    given = utcnow() - timedelta(days=3)
    holder = reader_for(session, book.holder, book.family.id, now=given)
    first = connect_with_code(session, book.professional, new_connection_code(session, holder),
                              given + timedelta(hours=1))
    again = connect_with_code(session, book.professional, new_connection_code(session, holder),
                              given + timedelta(days=1))
    assert again.id == first.id
    assert [c.created_at for c in _pat_connections(session, book)] == [given + timedelta(hours=1)]


def test_a_code_connects_a_professional_known_elsewhere_and_after_an_ended_connection(session,
                                                                                        book):
    """Ms Patel already reads another family's book, and her colleague already this one: the
    family's code still connects her to this book; and after the family ended her connection, a
    new code connects her again."""
    holder = reader_for(session, book.holder, book.family.id)
    other = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, other), utcnow())
    colleague = create_account(session, "col", "Mr Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    connect_with_code(session, colleague, new_connection_code(session, holder), utcnow())
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    assert [c.ended_at for c in _pat_connections(session, book)] == [None]
    end_connection(session, holder, Grantee(book.professional.id, None, "Ms Patel"))
    assert [c.ended_at is None for c in _pat_connections(session, book)] == [False]
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    assert [c.ended_at is None for c in _pat_connections(session, book)] == [False, True]
    # Her connection to the other family was never touched.
    assert [c.ended_at for c in _pat_connections(session, book, book.other_family.id)] == [None]


def test_a_code_used_the_next_day_connects_from_that_moment_and_the_log_says_who(app, session,
                                                                                 book):
    given = utcnow() - timedelta(days=2)
    used = given + timedelta(days=1)
    holder = reader_for(session, book.holder, book.family.id, now=given)
    code = new_connection_code(session, holder)
    connection = connect_with_code(session, book.professional, code, used)
    session.commit()
    assert connection.created_at == used
    row = log_rows(session, book.family.id)[0]
    assert (row.action, row.actor_id, row.details, row.created_at) == (
        "connect", book.professional.id, {"who": "Ms Patel"}, used)
    page = seen(sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/access-log").text)
    assert "Ms Patel was connected to the book on" in page


def test_a_team_connected_by_a_holder_is_in_the_log_by_its_name_at_that_moment(app, session,
                                                                                book):
    moment = utcnow() - timedelta(hours=5)
    holder = reader_for(session, book.holder, book.family.id, now=moment)
    school = book.professional.organisation
    connection = connect_organisation(session, holder, school)
    session.commit()
    assert connection.created_at == moment
    row = log_rows(session, book.family.id)[0]
    assert (row.action, row.actor_id, row.details, row.created_at) == (
        "connect", book.holder.id, {"who": "Riverside School"}, moment)
    page = seen(sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/access-log").text)
    assert "Riverside School was connected to the book on" in page


def test_the_people_to_share_with_are_this_books_live_connections_the_advocate_first(session,
                                                                                     book):
    """Each person by name and team, each connected team by its name, everyone once; not a
    connection to another book, nor one the family ended."""
    holder = reader_for(session, book.holder, book.family.id)
    other = reader_for(session, book.other_holder, book.other_family.id)
    school = book.professional.organisation
    freelance = create_account(session, "free", "Fay Freelance", "professional", PASSWORD)
    gone = _organisation_of(session, "gus", "Gus Gone", "Old Service")
    theirs = _organisation_of(session, "tia", "Tia Theirs", "Their Service")
    for person, reader in ((book.professional, holder), (freelance, holder), (gone, holder),
                           (book.advocate, holder), (theirs, other)):
        connect_with_code(session, person, new_connection_code(session, reader), utcnow())
    connect_organisation(session, holder, school)
    connect_organisation(session, other, theirs.organisation)
    end_connection(session, holder, Grantee(gone.id, None, gone.display_name))
    listed = grantees(session, holder)
    assert listed[0] == Grantee(book.advocate.id, None, "Ava Advocate (Riverside School)")
    assert sorted(listed[1:], key=lambda g: g.name) == [
        Grantee(freelance.id, None, "Fay Freelance"),
        Grantee(book.professional.id, None, "Ms Patel (Riverside School)"),
        Grantee(None, school.id, "Riverside School")]
    assert find_grantee(session, holder, f"o{school.id}") == Grantee(None, school.id,
                                                                     "Riverside School")
    assert find_grantee(session, holder, f"a{freelance.id}").name == "Fay Freelance"


def test_a_code_works_until_seven_days_after_it_was_given_and_not_at_that_instant(session,
                                                                                  book):
    given = utcnow() - timedelta(days=10)
    holder = reader_for(session, book.holder, book.family.id, now=given)
    in_time, too_late = new_connection_code(session, holder), new_connection_code(session, holder)
    last_moment = given + timedelta(days=7) - timedelta(microseconds=1)
    connect_with_code(session, book.professional, in_time, last_moment)
    colleague = create_account(session, "col", "Mr Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    with pytest.raises(Invalid):
        connect_with_code(session, colleague, too_late, given + timedelta(days=7))
    session.expire_all()
    assert session.scalars(select(Connection.account_id).where(
        Connection.family_id == book.family.id)).all() == [book.professional.id]


def test_a_code_once_used_connects_no_one_else(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    code = new_connection_code(session, holder)
    connect_with_code(session, book.professional, code, utcnow())
    colleague = create_account(session, "col", "Mr Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    with pytest.raises(Invalid) as refused:
        connect_with_code(session, colleague, code, utcnow())
    assert "That code does not work" in refused.value.problems["code"].message
    session.expire_all()
    assert session.scalars(select(Connection.account_id).where(
        Connection.family_id == book.family.id)).all() == [book.professional.id]


def test_only_a_holder_gives_a_code_or_connects_a_team(session, book):
    """The young person and the advocate are in the book, but connecting someone new reaches
    the parents' adults-only entries: only a holder may."""
    school = book.professional.organisation
    for someone in (book.young, book.advocate):
        reader = reader_for(session, someone, book.family.id)
        with pytest.raises(NotAllowed):
            new_connection_code(session, reader)
        with pytest.raises(NotAllowed):
            connect_organisation(session, reader, school)
    session.expire_all()
    assert session.scalars(select(Connection).where(
        Connection.family_id == book.family.id)).all() == []
