"""Agreed by all: the family asks its young people (12 and over) to agree the plan too; the
plan shows who agreed which version and "changed since you all agreed"; an old advocate's
agreement, after the family changed its advocate, is shown as theirs "as your advocate then"."""

from datetime import timedelta

import made_files
import pytest
from conftest import log_rows, sign_in

from plans import agreement, editing, reviews
from plans import reading as plan_reading
from plans import sharing as plan_sharing
from plans.fields import CLOSE_REASONS, goals, steps
from record_book.accounts.accounts import create_account
from record_book.book.attachments import Upload
from record_book.book.entries import add_entry
from record_book.book.families import join_family
from record_book.book.model import Membership
from record_book.book.validation import Invalid
from record_book.clock import today, utcnow
from record_book.policy import NotAllowed, reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
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


def _agreed_then_the_advocate_changed(session, book, plan):
    """Everyone agrees the plan; then the family makes Ms Patel its advocate."""
    r = _readers(session, book)
    agreement.agree(session, r["holder"], plan, plan.revision)
    agreement.agree(session, r["advocate"], plan, plan.revision)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    change_advocate(session, r["holder"], f"a{book.professional.id}")


def test_an_old_advocate_s_agreement_is_shown_honestly(client, session, book, plan):
    _agreed_then_the_advocate_changed(session, book, plan)
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


def test_a_family_with_no_young_person_is_not_offered_to_ask_them(app, session, book, plan):
    other = reader_for(session, book.other_holder, book.other_family.id)
    theirs = editing.start_plan(session, other)
    session.commit()
    asks = "Ask our young people to agree too"
    assert asks in sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/plan/").text
    assert asks not in sign_in(app.test_client(), book.other_holder).get(
        f"/families/{book.other_family.id}/plan/").text
    assert agreement.has_young_people(session, plan)
    assert not agreement.has_young_people(session, theirs)


def test_only_the_old_advocates_agreement_says_as_your_advocate_then(client, session, book,
                                                                      plan):
    _agreed_then_the_advocate_changed(session, book, plan)
    agreement.agree(session, reader_for(session, book.professional, book.family.id), plan,
                    plan.revision)
    session.commit()
    status = agreement.status(session, plan)
    assert {a.account.display_name: status.former_advocate(a) for a in status.agreements} == {
        "Sam Carter": False, "Ava Advocate": True, "Ms Patel": False}
    page = sign_in(client, book.holder).get(f"/families/{book.family.id}/plan/").text
    assert page.count("as your advocate then") == 1


def test_who_agrees_is_chosen_only_in_the_familys_own_open_plan(session, book, plan):
    r = _readers(session, book)
    other = reader_for(session, book.other_holder, book.other_family.id)
    with pytest.raises(NotAllowed):
        agreement.ask_young_people(session, other, plan, True)
    reviews.close_plan(session, r["holder"], plan, CLOSE_REASONS[0][0])
    with pytest.raises(NotAllowed):
        agreement.ask_young_people(session, r["holder"], plan, True)
    assert not plan.young_people_agree


# Reading the plan they agree ---------------------------------------------------------------

def test_the_version_a_form_started_from_is_that_version_and_a_missing_one_is_none(session,
                                                                                   book, plan):
    advocate = reader_for(session, book.advocate, book.family.id)
    before = access_log.count(session, book.family.id)
    first = plan_reading.read_version(session, advocate, plan, 1)
    assert (first.number, plan.revision) == (1, 2)
    assert "A calm house" not in str(first.content)
    # The advocate read the plan, whichever version: the family's log says so, once.
    assert access_log.count(session, book.family.id) == before + 1
    row = log_rows(session, book.family.id)[0]
    assert (row.actor_id, row.action, row.details) == (
        book.advocate.id, "read", {"title": "Plan", "plan_part": "plan"})
    assert plan_reading.read(session, advocate, plan).whole
    assert [r.details for r in log_rows(session, book.family.id)[:2]] == [row.details] * 2
    before = access_log.count(session, book.family.id)
    assert plan_reading.read_version(session, advocate, plan, 99) is None
    assert access_log.count(session, book.family.id) == before


@pytest.fixture
def two_goals(session, book, plan):
    """The Carters' plan with two goals, a step on each and a photo on the first goal's step."""
    holder = reader_for(session, book.holder, book.family.id)
    for title in ("Get the damp fixed", "Jo back at school"):
        editing.save(session, holder, plan, editing.read_form(session, holder, {
            "new-goal.title": title, "new-goal.area": "home"},
            editing.latest(session, plan).content), plan.revision)
    damp, school = goals(editing.latest(session, plan).content)
    for goal in (damp, school):
        editing.save(session, holder, plan, editing.read_form(session, holder, {
            f"new-step.{goal.id}.what": f"A step for {goal.title}"},
            editing.latest(session, plan).content), plan.revision)
    step = next(s for s in steps(editing.latest(session, plan).content) if s.goal_id == damp.id)
    photo = plan_reading.attach_to_step(session, holder, plan, step.id, Upload(
        "mould.jpg", made_files.photo(), "Photo of the mould"))
    session.commit()
    return damp, school, step, photo


def _newest_log_row(session, book):
    return log_rows(session, book.family.id)[0]


def test_a_photos_thumbnail_is_logged_as_reading_the_plan_or_its_own_goal(session, book, plan,
                                                                          two_goals):
    damp, school, _step, photo = two_goals
    holder = reader_for(session, book.holder, book.family.id)
    advocate = reader_for(session, book.advocate, book.family.id)
    assert plan_reading.step_attachment(session, advocate, plan, photo.id, "read") == photo
    row = _newest_log_row(session, book)
    assert (row.actor_id, row.action, row.details) == (
        book.advocate.id, "read", {"title": "Plan", "plan_part": "plan"})
    # Opening the photo itself names it.
    assert plan_reading.step_attachment(session, advocate, plan, photo.id) == photo
    row = _newest_log_row(session, book)
    assert (row.actor_id, row.action, row.details) == (
        book.advocate.id, "open", {"title": "Photo of the mould"})
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    pat = Grantee(book.professional.id, None, "Ms Patel")
    for goal in (school, damp):
        plan_sharing.share(session, holder, plan, f"goal:{goal.id}", pat)
    patel = reader_for(session, book.professional, book.family.id)
    assert plan_reading.step_attachment(session, patel, plan, photo.id, "read") == photo
    row = _newest_log_row(session, book)
    assert (row.actor_id, row.action, row.details) == (
        book.professional.id, "read", {"title": "Get the damp fixed",
                                       "plan_part": f"goal:{damp.id}"})


def test_only_the_familys_own_holder_adds_a_file_to_its_plans_steps(session, book, plan,
                                                                     two_goals):
    _damp, _school, step, _photo = two_goals
    other = reader_for(session, book.other_holder, book.other_family.id)
    with pytest.raises(NotAllowed):
        plan_reading.attach_to_step(session, other, plan, step.id, Upload(
            "theirs.jpg", made_files.photo(), "Not theirs to add"))


def test_another_familys_file_is_never_opened_through_this_plan_even_on_a_same_named_step(
        session, book, plan, two_goals, monkeypatch):
    """A step's key is random and short; should another family's step ever carry the same
    one, its files still belong to that family's plan alone."""
    _damp, _school, step, _photo = two_goals
    other = reader_for(session, book.other_holder, book.other_family.id)
    theirs = editing.start_plan(session, other)
    monkeypatch.setattr(editing, "new_id", lambda: step.id)
    editing.save(session, other, theirs, editing.read_form(session, other, {
        "new-goal.title": "Their own goal", "new-goal.area": "home"},
        editing.latest(session, theirs).content), theirs.revision)
    editing.save(session, other, theirs, editing.read_form(session, other, {
        f"new-step.{step.id}.what": "Their own step"},
        editing.latest(session, theirs).content), theirs.revision)
    their_file = plan_reading.attach_to_step(session, other, theirs, step.id, Upload(
        "theirs.jpg", made_files.photo(), "Their letter"))
    holder = reader_for(session, book.holder, book.family.id)
    assert plan_reading.step_attachment(session, holder, plan, their_file.id, "read") is None
    assert plan_reading.step_attachment(session, other, theirs, their_file.id, "read") == (
        their_file)


def test_the_plan_is_agreed_only_when_both_sides_agree_its_newest_version(client, session,
                                                                          book, plan):
    r = _readers(session, book)
    morning = utcnow() - timedelta(days=1)
    afternoon = morning + timedelta(hours=5)
    ours = agreement.agree(session, r["holder"], plan, plan.revision, now=morning)
    assert ours.at == morning
    status = agreement.status(session, plan)
    assert (status.agreed_now, status.both_revision, status.family_waiting,
            status.advocate_waiting) == (False, None, False, True)
    assert status.has_agreed_latest(book.holder.id)
    assert not status.has_agreed_latest(book.advocate.id)
    session.commit()
    advocate = sign_in(client, book.advocate)
    assert "We agree to this plan" in advocate.get(f"/families/{book.family.id}/plan/").text
    with pytest.raises(Invalid) as refused:
        agreement.agree(session, r["advocate"], plan, plan.revision - 1)
    assert {field: problem.message for field, problem in refused.value.problems.items()} == {
        "revision": "The plan changed since you opened it. Read the newest version, then agree."}
    agreement.agree(session, r["advocate"], plan, plan.revision, now=afternoon)
    session.commit()
    status = agreement.status(session, plan)
    assert (status.agreed_now, status.changed_since, status.both_revision, status.both_at) == (
        True, False, plan.revision, afternoon)
    page = advocate.get(f"/families/{book.family.id}/plan/").text
    assert "You both agreed to this version on" in page
    assert "Changed since" not in page and "We agree to this plan" not in page


def test_a_young_person_is_asked_from_their_twelfth_birthday_in_the_book(session, book, plan):
    holder = reader_for(session, book.holder, book.family.id)
    born = today() - timedelta(days=12 * 366)
    jo = add_entry(session, holder, "member", {
        "name": "Jo Carter", "relationship": "Son", "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month), "date_of_birth-year": str(born.year),
        "lives": "with_us", "category": "family_life"})
    session.query(Membership).filter_by(account_id=book.young.id).one().member_entry_id = jo.id
    agreement.ask_young_people(session, holder, plan, True)
    assert [a.display_name for a in agreement.young_agreers(session, plan)] == ["Jo Carter"]
    # Twelve times 365 days after their birth, their twelfth birthday is still to come.
    assert agreement.young_agreers(session, plan, on=born + timedelta(days=12 * 365)) == []


def test_agreed_again_after_a_change_is_agreed_now_from_the_last_to_agree(session, book, plan):
    """Everyone agreed version 2, the plan changed, and everyone agreed version 3: the plan is
    agreed now, not "changed since", and from when the last of them (the second holder, after
    the first) agreed."""
    r = _readers(session, book)
    start = utcnow() - timedelta(days=2)
    agreement.agree(session, r["holder"], plan, plan.revision, now=start)
    agreement.agree(session, r["advocate"], plan, plan.revision, now=start)
    editing.save(session, r["holder"], plan, editing.read_form(session, r["holder"], {
        "header.success": "A calm house, and school every day"}, {}), plan.revision)
    advocate_agrees, first, second = (start + timedelta(hours=h) for h in (1, 2, 3))
    agreement.agree(session, r["advocate"], plan, plan.revision, now=advocate_agrees)
    agreement.agree(session, r["holder"], plan, plan.revision, now=first)
    agreement.agree(session, r["second_holder"], plan, plan.revision, now=second)
    status = agreement.status(session, plan)
    assert (status.agreed_now, status.changed_since, status.both_revision, status.both_at) == (
        True, False, plan.revision, second)


def test_the_advocate_printing_the_plan_is_logged_as_printing_it(session, book, plan):
    advocate = reader_for(session, book.advocate, book.family.id)
    plan_reading.read(session, advocate, plan, action="print")
    row = log_rows(session, book.family.id, book.advocate.id)[0]
    assert (row.action, row.details) == ("print", {"title": "Plan", "plan_part": "plan"})
