"""A closed plan read in full, and one goal's form: who reads and writes what, and no edit lost."""

import re
from datetime import date

import pytest
from conftest import log_rows, sign_in

from plans import agreement, editing, reviews
from plans import sharing as plan_sharing
from plans.fields import goals, steps
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import stop_grant
from record_book.sharing.model import Connection


def _add(session, reader, plan, form):
    content = editing.latest(session, plan).content
    editing.save(session, reader, plan, editing.read_form(session, reader, form, content),
                 plan.revision)


def _goal(session, plan, title):
    return next(g for g in goals(editing.latest(session, plan).content) if g.title == title)


@pytest.fixture
def planned(session, book):
    """An open plan with two goals: the garden (with a step) and the bills."""
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    _add(session, holder, plan, {"header.success": "A dry flat",
                                 "new-goal.title": "Get the garden cleared",
                                 "new-goal.area": "home", "new-goal.priority": "first"})
    garden = _goal(session, plan, "Get the garden cleared")
    _add(session, holder, plan, {f"new-step.{garden.id}.what": "Ask for a skip",
                                 f"new-step.{garden.id}.by_when": "1 5 2030"})
    _add(session, holder, plan, {"new-goal.title": "Sort the bills", "new-goal.area": "money"})
    session.commit()
    return plan, garden, _goal(session, plan, "Sort the bills")


def url(book, rest=""):
    return f"/families/{book.family.id}/plan/{rest}"


def content(session, plan):
    session.expire_all()
    return editing.latest(session, editing.open_plan(session, plan.family_id)).content


def connect(session, book):
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.commit()


def share_goal(session, book, plan, goal):
    holder = reader_for(session, book.holder, book.family.id)
    grant = plan_sharing.share(session, holder, plan, f"goal:{goal.id}",
                               Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    return grant


def close(session, book, plan):
    """Both sides agree and rate the garden, then the plan ends; a new plan is started."""
    holder = reader_for(session, book.holder, book.family.id)
    advocate = reader_for(session, book.advocate, book.family.id)
    for who in (holder, advocate):
        agreement.agree(session, who, plan, plan.revision)
    ids = [g.id for g in goals(editing.latest(session, plan).content)]
    reviews.record_review(session, holder, plan, date(2030, 3, 1),
                          {gid: {"rating": "3", "working": "We asked"} for gid in ids})
    reviews.record_review(session, advocate, plan, date(2030, 3, 1),
                          {gid: {"rating": "6"} for gid in ids})
    reviews.close_plan(session, holder, plan, "better", "The garden is clear")
    editing.start_plan(session, holder)
    session.commit()
    return plan


# One goal's form ------------------------------------------------------------------------------

def test_each_goal_links_to_its_own_form_for_whoever_may_change_it(app, client, session, book,
                                                                    planned):
    plan, garden, bills = planned
    young = reader_for(session, book.young, book.family.id)
    _add(session, young, plan, {"new-goal.title": "Learn to cook", "new-goal.area": "everyday"})
    session.commit()
    own = _goal(session, plan, "Learn to cook")
    links = {g.id: url(book, f"goals/{g.id}/edit") for g in (garden, bills, own)}
    page = sign_in(client, book.holder).get(url(book)).text
    assert all(f'href="{link}"' in page for link in links.values())
    assert "Change this goal" in page
    # A young person changes the goals they added, and no other.
    page = sign_in(app.test_client(), book.young).get(url(book)).text
    assert f'href="{links[own.id]}"' in page and f'href="{links[garden.id]}"' not in page
    connect(session, book)
    share_goal(session, book, plan, garden)
    page = sign_in(app.test_client(), book.professional).get(url(book)).text
    assert "Get the garden cleared" in page and "Change this goal" not in page


def test_one_goals_form_shows_that_goal_alone_and_saves_it(client, session, book, planned):
    plan, garden, bills = planned
    sign_in(client, book.holder)
    form = client.get(url(book, f"goals/{garden.id}/edit"))
    assert form.status_code == 200
    assert 'value="Get the garden cleared"' in form.text and 'value="Ask for a skip"' in form.text
    assert "Add a step to “Get the garden cleared”" in form.text
    assert "Sort the bills" not in form.text and "What success looks like" not in form.text
    # A plain form: it works without JavaScript.
    assert f'action="{url(book, f"goals/{garden.id}/edit")}"' in form.text
    assert "<script>" not in form.text
    base = re.search(r'name="base_revision" value="(\d+)"', form.text)[1]
    step = steps(content(session, plan), garden.id)[0]
    saved = client.post(url(book, f"goals/{garden.id}/edit"), data={
        "base_revision": base, f"goal.{garden.id}.title": "Clear the garden",
        f"goal.{garden.id}.area": "home", f"step.{step.id}.what": "Ask for a skip",
        f"step.{step.id}.status": "started",
        f"new-step.{garden.id}.what": "Borrow a wheelbarrow"})
    assert saved.status_code == 302 and saved.location.endswith(f"#goal-{garden.id}")
    now = content(session, plan)
    assert now[f"goal.{garden.id}.title"] == "Clear the garden"
    assert now[f"step.{step.id}.status"] == "started"
    assert [s.fields["what"] for s in steps(now, garden.id)] == ["Ask for a skip",
                                                                 "Borrow a wheelbarrow"]
    assert now[f"goal.{bills.id}.title"] == "Sort the bills"
    assert "Saved." in client.get(url(book)).text


def test_two_people_changing_different_goals_at_once_both_keep_their_changes(
        app, client, session, book, planned):
    plan, garden, bills = planned
    base = str(plan.revision)
    family = sign_in(client, book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    # Both opened their goal's form at the same version; the family saves first.
    assert family.post(url(book, f"goals/{garden.id}/edit"), data={
        "base_revision": base, f"goal.{garden.id}.title": "Clear the garden",
        f"goal.{garden.id}.area": "home"}).status_code == 302
    kept = advocate.post(url(book, f"goals/{bills.id}/edit"), data={
        "base_revision": base, f"goal.{bills.id}.title": "Sort the bills",
        f"goal.{bills.id}.area": "money", f"goal.{bills.id}.priority": "first",
        f"new-step.{bills.id}.what": "Call the energy company"}, follow_redirects=True)
    assert "We kept their changes and yours" in kept.text
    now = content(session, plan)
    assert now[f"goal.{garden.id}.title"] == "Clear the garden"
    assert now[f"goal.{bills.id}.priority"] == "first"
    assert [s.fields["what"] for s in steps(now, bills.id)] == ["Call the energy company"]


def test_the_same_goal_changed_at_once_meets_the_conflict_page(app, client, session, book,
                                                               planned):
    plan, garden, bills = planned
    base = str(plan.revision)
    family = sign_in(client, book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    assert family.post(url(book, f"goals/{garden.id}/edit"), data={
        "base_revision": base, f"goal.{garden.id}.title": "Clear the garden",
        f"goal.{garden.id}.area": "home"}).status_code == 302
    clash = advocate.post(url(book, f"goals/{garden.id}/edit"), data={
        "base_revision": base, f"goal.{garden.id}.title": "Tidy the garden",
        f"goal.{garden.id}.area": "home"})
    assert clash.status_code == 409
    assert "Someone else changed the plan while you were writing" in clash.text
    assert "Clear the garden" in clash.text and "Tidy the garden" in clash.text
    assert "Which version of" in clash.text
    # Still this goal's form, not the whole plan's.
    assert "Change this goal" in clash.text and "Sort the bills" not in clash.text
    assert content(session, plan)[f"goal.{garden.id}.title"] == "Clear the garden"
    new_base = re.search(r'name="base_revision" value="(\d+)"', clash.text)[1]
    resolved = advocate.post(url(book, f"goals/{garden.id}/edit"), data={
        "base_revision": new_base, f"goal.{garden.id}.title": "Tidy the garden",
        f"goal.{garden.id}.area": "home", f"resolve-goal.{garden.id}.title": "mine"})
    assert resolved.status_code == 302
    assert content(session, plan)[f"goal.{garden.id}.title"] == "Tidy the garden"


def test_a_problem_on_a_goals_form_keeps_what_was_typed(client, session, book, planned):
    plan, garden, bills = planned
    sign_in(client, book.holder)
    target = url(book, f"goals/{garden.id}/edit")
    wrong = client.post(target, data={
        "base_revision": str(plan.revision), f"new-step.{garden.id}.what": "Hire a van",
        f"new-step.{garden.id}.by_when": "31 2 2030"})
    assert wrong.status_code == 400
    assert "must be a real date" in wrong.text and 'value="31 2 2030"' in wrong.text
    # The new step comes back with its new id; sending the form again saves it once.
    inputs = re.findall(r"<input [^>]+>", wrong.text)
    typed = {re.search(r'name="([^"]+)"', i)[1]: re.search(r'value="([^"]*)"', i)[1]
             for i in inputs if re.search(r'name="(goal|step)\.', i)}
    typed = {k: v.replace("31 2 2030", "28 2 2030") for k, v in typed.items()}
    typed["base_revision"] = str(plan.revision)
    assert client.post(target, data=typed).status_code == 302
    vans = [s for s in steps(content(session, plan)) if s.fields["what"] == "Hire a van"]
    assert len(vans) == 1 and vans[0].fields["by_when"] == "2030-02-28"


def test_a_goal_not_in_the_plan_or_not_theirs_to_change_is_not_found(app, client, session,
                                                                      book, planned):
    plan, garden, bills = planned
    base = {"base_revision": str(plan.revision)}
    sign_in(client, book.holder)
    assert client.get(url(book, "goals/nosuchgl/edit")).status_code == 404
    assert client.post(url(book, "goals/nosuchgl/edit"), data=base).status_code == 404
    young = sign_in(app.test_client(), book.young)
    assert young.get(url(book, f"goals/{garden.id}/edit")).status_code == 404
    assert young.post(url(book, f"goals/{garden.id}/edit"), data={
        **base, f"goal.{garden.id}.title": "Mine now"}).status_code == 404
    other = sign_in(app.test_client(), book.other_holder)
    assert other.get(url(book, f"goals/{garden.id}/edit")).status_code == 404
    connect(session, book)
    share_goal(session, book, plan, garden)
    pro = sign_in(app.test_client(), book.professional)
    assert pro.get(url(book, f"goals/{garden.id}/edit")).status_code == 404
    assert content(session, plan)[f"goal.{garden.id}.title"] == "Get the garden cleared"


def test_a_young_person_changes_their_own_goal_on_its_form(client, session, book, planned):
    plan, _garden, _bills = planned
    young = reader_for(session, book.young, book.family.id)
    _add(session, young, plan, {"new-goal.title": "Learn to cook", "new-goal.area": "everyday"})
    session.commit()
    own = _goal(session, plan, "Learn to cook")
    sign_in(client, book.young)
    form = client.get(url(book, f"goals/{own.id}/edit"))
    assert form.status_code == 200 and "Who this goal is about" not in form.text
    assert client.post(url(book, f"goals/{own.id}/edit"), data={
        "base_revision": str(plan.revision), f"goal.{own.id}.title": "Learn to cook pasta",
        f"goal.{own.id}.area": "everyday"}).status_code == 302
    assert content(session, plan)[f"goal.{own.id}.title"] == "Learn to cook pasta"


# A closed plan, read in full -------------------------------------------------------------------

def test_the_family_and_advocate_read_a_closed_plan_in_full(app, client, session, book, planned):
    plan, garden, bills = planned
    close(session, book, plan)
    sign_in(client, book.holder)
    target = url(book, f"closed/{plan.id}")
    assert f'href="{target}"' in client.get(url(book)).text
    page = client.get(target)
    assert page.status_code == 200
    for words in ("Things got better", "The garden is clear", "Sam Carter ended the plan on",
                  "A dry flat", "Get the garden cleared", "Ask for a skip", "1 May 2030",
                  "Not started", "Sort the bills", "Check in again on",
                  "The family and the advocate both agreed to version",
                  "Ava Advocate agreed to version"):
        assert words in page.text, words
    # The review history, as a chart and the same numbers in a table.
    assert "<svg" in page.text
    assert "1 March 2030</th><td>3</td><td>6</td>" in page.text and "We asked" in page.text
    # Read-only.
    for action in ("We agree to this plan", "Change this goal", "Add comment", "End this plan"):
        assert action not in page.text
    for who in (book.young, book.advocate):
        assert sign_in(app.test_client(), who).get(target).status_code == 200
    session.expire_all()
    read = log_rows(session, book.family.id, actor_id=book.advocate.id)[0]
    assert read.action == "read" and read.details["plan_part"] == "plan"
    assert log_rows(session, book.family.id, actor_id=book.holder.id) == []


def test_a_professional_reads_only_the_goals_shared_with_them_and_it_is_logged(
        app, client, session, book, planned):
    plan, garden, bills = planned
    connect(session, book)
    grant = share_goal(session, book, plan, garden)
    close(session, book, plan)
    pro = sign_in(client, book.professional)
    target = url(book, f"closed/{plan.id}")
    # The new plan shares nothing with them; the goal of the ended plan is still shared.
    assert f'href="{target}"' in pro.get(url(book)).text
    page = pro.get(target)
    assert page.status_code == 200
    assert "Get the garden cleared" in page.text and "Ask for a skip" in page.text
    for private in ("Sort the bills", "A dry flat", "Things got better", "The garden is clear",
                    "agreed to version"):
        assert private not in page.text, private
    session.expire_all()
    read = log_rows(session, book.family.id, actor_id=book.professional.id)[0]
    assert read.action == "read" and read.details == {"title": "Get the garden cleared",
                                                      "plan_part": f"goal:{garden.id}"}
    # Stopping the grant is obeyed on the very next request.
    stop_grant(session, reader_for(session, book.holder, book.family.id), grant)
    session.commit()
    assert pro.get(target).status_code == 404
    assert f'href="{target}"' not in pro.get(url(book)).text


def test_a_goal_shared_from_a_later_plan_does_not_open_an_ended_one(app, client, session, book,
                                                                    planned):
    plan, _garden, _bills = planned
    connect(session, book)
    close(session, book, plan)
    holder = reader_for(session, book.holder, book.family.id)
    new = editing.open_plan(session, book.family.id)
    _add(session, holder, new, {"new-goal.title": "Get the garden cleared",
                                "new-goal.area": "home"})
    share_goal(session, book, new, _goal(session, new, "Get the garden cleared"))
    pro = sign_in(client, book.professional)
    # Goal ids are random per goal: the new goal's grant names no goal of the ended plan.
    assert pro.get(url(book, f"closed/{plan.id}")).status_code == 404
    assert f'closed/{plan.id}"' not in pro.get(url(book)).text


def test_sharing_the_whole_plan_shows_a_closed_plan_whole(client, session, book, planned):
    plan, _garden, _bills = planned
    connect(session, book)
    holder = reader_for(session, book.holder, book.family.id)
    plan_sharing.share(session, holder, plan, "plan",
                       Grantee(book.professional.id, None, "Ms Patel"))
    close(session, book, plan)
    page = sign_in(client, book.professional).get(url(book, f"closed/{plan.id}"))
    assert page.status_code == 200
    assert "Things got better" in page.text and "Sort the bills" in page.text


def test_sharing_todays_whole_plan_does_not_open_the_plans_that_ended_before(
        client, session, book, planned):
    plan, _garden, _bills = planned
    connect(session, book)
    close(session, book, plan)
    holder = reader_for(session, book.holder, book.family.id)
    today = editing.open_plan(session, book.family.id)
    _add(session, holder, today, {"new-goal.title": "Find a dentist", "new-goal.area": "health"})
    plan_sharing.share(session, holder, today, "plan",
                       Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    pro = sign_in(client, book.professional)
    assert "Find a dentist" in pro.get(url(book)).text
    assert pro.get(url(book, f"closed/{plan.id}")).status_code == 404
    assert f'closed/{plan.id}"' not in pro.get(url(book)).text


def test_anyone_else_is_told_a_closed_plan_is_not_there(app, client, session, book, planned):
    plan, _garden, _bills = planned
    close(session, book, plan)
    target = url(book, f"closed/{plan.id}")
    # Connected, with nothing of the plan shared; not connected; another family.
    connect(session, book)
    assert sign_in(client, book.professional).get(target).status_code == 404
    assert sign_in(app.test_client(), book.other_holder).get(target).status_code == 404
    # Another family's plan through this family's address, and an open plan's id.
    other = reader_for(session, book.other_holder, book.other_family.id)
    theirs = editing.start_plan(session, other)
    reviews.close_plan(session, other, theirs, "moved")
    session.commit()
    holder = sign_in(app.test_client(), book.holder)
    assert holder.get(url(book, f"closed/{theirs.id}")).status_code == 404
    open_id = editing.open_plan(session, book.family.id).id
    assert holder.get(url(book, f"closed/{open_id}")).status_code == 404
    assert holder.get(target).status_code == 200
