"""Entries written from outside the family: they wait as proposals, join the book only when the
family accepts them, stay attributed, and are in the access log at every step."""

import pytest
from conftest import log_rows, seen, sign_in
from sqlalchemy import func, select

from record_book.book import proposals
from record_book.book.entries import add_entry
from record_book.book.model import Entry, Membership, Proposal
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed, reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.contributors import set_categories
from record_book.sharing.grants import share_entry
from record_book.sharing.model import AccessLogRow


def school_story(title="Reading club", **extra):
    return {"section": "what_helped", "title": title, "text": f"Words of {title}",
            "category": "school", **extra}


@pytest.fixture
def teacher(session, book):
    """Ms Patel, connected to the Carters' book and allowed to write about school."""
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder),
                      holder.now)
    set_categories(session, holder, book.professional.id, ["school"])
    session.commit()
    return reader_for(session, book.professional, book.family.id)


def actions(session, family_id):
    return [row.action for row in log_rows(session, family_id)][::-1]


def test_a_permitted_professional_proposes_and_the_family_accepts_with_its_own_answer(
        app, session, book, teacher):
    family = f"/families/{book.family.id}"
    pat = sign_in(app.test_client(), book.professional)
    assert "School and learning" in pat.get(f"{family}/write").text
    response = pat.post(f"{family}/write/story", data=school_story("Zosia reads every day"))
    assert response.status_code == 302
    assert "Waiting for the family." in pat.get(f"{family}/write").text
    # Not in the book: not for the family's pages, not for the writer.
    assert session.scalar(select(func.count()).select_from(Entry).where(
        Entry.title == "Zosia reads every day")) == 0
    assert "Zosia reads every day" not in pat.get(f"{family}/story").text

    sam = sign_in(app.test_client(), book.holder)
    assert "waiting for your answer: 1" in sam.get(f"{family}/").text
    waiting = sam.get(f"{family}/waiting").text
    assert "Zosia reads every day" in waiting
    assert "Written by Ms Patel, Riverside School" in waiting
    proposal = session.scalar(select(Proposal))
    member = session.scalar(select(Entry.id).where(Entry.kind == "member"))
    response = sam.post(f"{family}/waiting/{proposal.id}", data={
        "answer_choice": "accept", "answer": "We read together at bedtime.",
        "owner_member_id": str(member)})
    assert response.status_code == 302
    page = sam.get(response.headers["Location"]).text
    assert "Words of Zosia reads every day" in page
    assert "Written by Ms Patel, Riverside School" in page
    assert "We read together at bedtime." in page
    # The professional's words stay theirs; the family's answer stays apart from them.
    entry = session.scalar(select(Entry).where(Entry.title == "Zosia reads every day"))
    assert entry.written_by_id == book.professional.id
    assert "bedtime" not in str(entry.fields)
    assert sam.get(f"{family}/entries/{entry.id}/edit").status_code == 404
    assert "The family added it to their book." in pat.get(f"{family}/write").text
    assert actions(session, book.family.id)[-2:] == ["propose", "accept_entry"]
    assert "Ms Patel (Riverside School) wrote “Zosia reads every day” for your book" in (
        seen(sam.get(f"{family}/access-log").text))


def test_an_accepted_proposal_is_shared_like_any_entry(app, session, book, teacher):
    proposal = proposals.propose(session, teacher, "story", school_story("Spelling test"))
    holder = reader_for(session, book.holder, book.family.id)
    member = session.scalar(select(Entry.id).where(Entry.kind == "member"))
    entry = proposals.accept(session, holder, proposal, owner_member_id=str(member))
    session.commit()
    family = f"/families/{book.family.id}"
    pat = sign_in(app.test_client(), book.professional)
    # Writing it is not reading it: the writer sees it only once the family shares it.
    assert pat.get(f"{family}/entries/{entry.id}").status_code == 404
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    assert "Words of Spelling test" in pat.get(f"{family}/entries/{entry.id}").text


def test_a_kind_not_allowed_is_refused_in_plain_words_and_nothing_is_saved(
        app, session, book, teacher):
    family = f"/families/{book.family.id}"
    pat = sign_in(app.test_client(), book.professional)
    logged = access_log.count(session, book.family.id)
    response = pat.post(f"{family}/write/story", data=school_story(category="money"))
    assert response.status_code == 400
    assert "The family has not asked you to write about this" in response.text
    assert session.scalar(select(func.count()).select_from(Proposal)) == 0
    assert access_log.count(session, book.family.id) == logged
    # Notes, people and "read this first" are not written from outside.
    assert pat.get(f"{family}/write/member").status_code == 404
    with pytest.raises(NotAllowed):
        proposals.propose(session, teacher, "summary", {"text": "x", "category": "school"})


def test_nobody_writes_without_the_familys_leave(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder),
                      holder.now)
    session.commit()
    family = f"/families/{book.family.id}"
    pat = sign_in(app.test_client(), book.professional)
    assert "has not asked you to write" in pat.get(f"{family}/write").text
    assert pat.post(f"{family}/write/story", data=school_story()).status_code == 404
    # Leave given, then taken back: the next request is refused.
    set_categories(session, holder, book.professional.id, ["school"])
    session.commit()
    assert pat.get(f"{family}/write/story").status_code == 200
    set_categories(session, holder, book.professional.id, [])
    session.commit()
    assert pat.get(f"{family}/write/story").status_code == 404
    assert actions(session, book.family.id)[-2:] == ["allow", "disallow"]
    # Someone not connected is told nothing, not even that there is a book.
    outsider = sign_in(app.test_client(), book.other_holder)
    assert outsider.get(f"{family}/write/story").status_code == 404


def test_the_advocate_writes_about_anything(session, book):
    advocate = reader_for(session, book.advocate, book.family.id)
    proposal = proposals.propose(session, advocate, "helps", {
        "section": "helps_us", "title": "Short meetings", "category": "health"})
    assert proposal.author_organisation == "Riverside School"


def test_a_stale_acceptance_changes_nothing(app, session, book, teacher):
    proposal = proposals.propose(session, teacher, "story", school_story("Parents evening"))
    session.commit()
    family = f"/families/{book.family.id}"
    member = session.scalar(select(Entry.id).where(Entry.kind == "member"))
    sam = sign_in(app.test_client(), book.holder)
    lee = sign_in(app.test_client(), book.second_holder)
    form = sam.get(f"{family}/waiting/{proposal.id}")
    assert form.status_code == 200
    assert lee.post(f"{family}/waiting/{proposal.id}",
                    data={"answer_choice": "refuse"}).status_code == 302
    response = sam.post(f"{family}/waiting/{proposal.id}", data={
        "answer_choice": "accept", "owner_member_id": str(member)})
    assert response.status_code == 409
    assert "Someone in your family answered this already" in response.text
    assert session.scalar(select(func.count()).select_from(Entry).where(
        Entry.title == "Parents evening")) == 0
    assert actions(session, book.family.id)[-1] == "refuse_entry"
    assert "The family did not add it." in sign_in(
        app.test_client(), book.professional).get(f"{family}/write").text


def jo_in_the_book(session, book) -> int:
    """Jo's own page in "Our people", tied to Jo's account."""
    young = reader_for(session, book.young, book.family.id)
    member = add_entry(session, young, "member", {"name": "Jo Carter", "relationship": "Son",
                                                  "lives": "with_us", "category": "family_life"})
    session.scalar(select(Membership).where(Membership.account_id == book.young.id)
                   ).member_entry_id = member.id
    session.flush()
    return member.id


def test_a_young_person_answers_what_is_about_them_and_nothing_else(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    advocate = reader_for(session, book.advocate, book.family.id)
    jo_member = jo_in_the_book(session, book)
    # The advocate sees who Jo is only because Jo shared it.
    young = reader_for(session, book.young, book.family.id)
    share_entry(session, young, session.get(Entry, jo_member),
                Grantee(book.advocate.id, None, "Ava"))
    about_jo = proposals.propose(session, advocate, "story", school_story(
        "Jo's exams", owner_member_id=str(jo_member)))
    about_all = proposals.propose(session, advocate, "story", school_story("Money worries"))
    assert proposals.waiting(session, young) == [about_jo]
    assert {p.id for p in proposals.waiting(session, holder)} == {about_jo.id, about_all.id}
    with pytest.raises(NotAllowed):
        proposals.accept(session, young, about_all)
    entry = proposals.accept(session, young, about_jo)
    assert entry.owner_account_id == book.young.id and entry.owner_member_id == jo_member


def test_a_professional_cannot_choose_someone_they_cannot_see(session, book, teacher):
    jo_member = jo_in_the_book(session, book)
    with pytest.raises(Invalid) as refused:
        proposals.propose(session, teacher, "story", school_story(owner_member_id=str(jo_member)))
    assert "owner_member_id" in refused.value.problems


def test_the_holder_chooses_who_may_write_about_what(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder),
                      holder.now)
    session.commit()
    family = f"/families/{book.family.id}"
    sam = sign_in(app.test_client(), book.holder)
    page = sam.get(f"{family}/sharing/writers").text
    assert "Ms Patel (Riverside School) may add entries about:" in page
    assert "Ava Advocate" not in page  # the advocate always may
    response = sam.post(f"{family}/sharing/writers", data={
        "person": str(book.professional.id), "category": ["school", "health"]})
    assert response.status_code == 302
    assert "let Ms Patel (Riverside School) write about school and learning" in (
        seen(sam.get(f"{family}/access-log").text))
    jo = sign_in(app.test_client(), book.young)
    assert jo.get(f"{family}/sharing/writers").status_code == 404
    assert sam.post(f"{family}/sharing/writers", data={
        "person": str(book.other_holder.id), "category": "school"}).status_code == 400
    assert session.scalar(select(func.count()).select_from(AccessLogRow).where(
        AccessLogRow.action == "allow")) == 2
