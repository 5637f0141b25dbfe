"""The plan's pages: writing, conflicts, agreeing, reviewing, young people's goals, sharing."""

import html
import re

import pytest
from conftest import log_rows, seen, sign_in
from sqlalchemy import select

from plans import editing
from plans.fields import goals, steps
from record_book.policy import reader_for
from record_book.sharing.model import Connection, Grant


@pytest.fixture
def planned(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    mine = editing.read_form(session, holder, {
        "header.success": "A dry flat", "new-goal.title": "Get the garden cleared",
        "new-goal.area": "home", "new-goal.priority": "first"}, {})
    editing.save(session, holder, plan, mine, 1)
    goal = goals(editing.latest(session, plan).content)[0]
    mine = editing.read_form(session, holder, {f"new-step.{goal.id}.what": "Ask for a skip",
                                               f"new-step.{goal.id}.by_when": "1 5 2030"},
                             editing.latest(session, plan).content)
    editing.save(session, holder, plan, mine, plan.revision)
    session.commit()
    return plan, goal, steps(editing.latest(session, plan).content)[0]


def url(book, rest=""):
    return f"/families/{book.family.id}/plan/{rest}"


def content(session, plan):
    session.expire_all()
    return editing.latest(session, editing.open_plan(session, plan.family_id)).content


def test_the_plan_page_shows_goals_steps_and_a_nav_link(client, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    page = client.get(url(book))
    assert page.status_code == 200
    assert "Get the garden cleared" in page.text and "Ask for a skip" in page.text
    assert "1 May 2030" in page.text and "Not started" in page.text
    assert 'href="/families/%d/plan/"' % book.family.id in page.text
    assert "plan-watch.js" in page.text and "<script>" not in page.text


def test_starting_and_editing_the_whole_plan(client, session, book):
    sign_in(client, book.advocate)
    assert client.post(url(book, "start")).status_code == 302
    page = client.get(url(book, "edit"))
    base = re.search(r'name="base_revision" value="(\d+)"', page.text)[1]
    response = client.post(url(book, "edit"), data={
        "base_revision": base, "header.success": "Less stress",
        "new-goal.title": "Sort the bills", "new-goal.area": "money"})
    assert response.status_code == 302
    plan = editing.open_plan(session, book.family.id)
    assert content(session, plan)["header.success"] == "Less stress"
    assert [g.title for g in goals(content(session, plan))] == ["Sort the bills"]


def test_a_problem_keeps_what_was_typed(client, session, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    response = client.post(url(book, "edit"), data={
        "base_revision": str(plan.revision), f"step.{step.id}.by_when": "31 2 2030",
        f"step.{step.id}.status": "stuck", "new-goal.title": "A new goal",
        "new-goal.area": "money"})
    assert response.status_code == 400
    assert "must be a real date" in response.text
    assert "Say why this step is stuck" in response.text
    assert 'value="31 2 2030"' in response.text and "A new goal" in response.text


def test_each_problem_with_the_plan_is_said_in_its_own_words_by_its_question(
        client, session, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    response = client.post(url(book, "edit"), data={
        "base_revision": str(plan.revision), f"goal.{goal.id}.priority": "yesterday",
        f"goal.{goal.id}.title": "x" * 201, f"step.{step.id}.what": "",
        f"step.{step.id}.by_when": "31 2 2030", f"step.{step.id}.who": "someone-else",
        f"step.{step.id}.status": "stuck", f"step.{step.id}.stuck_reason": ""})
    assert response.status_code == 400
    page = html.unescape(seen(response.text))
    for key, words in ((f"goal.{goal.id}.priority", 'Choose one of the answers for "How soon"'),
                       (f"goal.{goal.id}.title",
                        '"Goal" must be 200 characters or fewer. You wrote 201.'),
                       (f"step.{step.id}.by_when",
                        '"By when" must be a real date, like 27 3 2024'),
                       (f"step.{step.id}.who", "Choose who will do this step from the list"),
                       (f"step.{step.id}.what", 'Fill in "Step"'),
                       (f"step.{step.id}.stuck_reason",
                        "Say why this step is stuck, so others can help")):
        # In the error summary, linked to its question, and again beside the question.
        assert f'href="#{key}">{words}</a>' in page, key
        assert len(re.findall(rf">\s*(?:<span[^>]*>[^<]*</span>)?\s*{re.escape(words)}\s*<",
                              page)) == 2, key
    assert content(session, plan)[f"step.{step.id}.by_when"] == "2030-05-01", "nothing saved"


def test_saving_an_unchanged_form_after_someone_else_saved_says_their_changes_stand(
        client, app, session, book, planned):
    plan, _goal, _step = planned
    base = str(plan.revision)
    sign_in(client, book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    assert advocate.post(url(book, "edit"), data={
        "base_revision": base, "header.success": "A dry, warm flat"}).status_code == 302
    response = client.post(url(book, "edit"), data={
        "base_revision": base, "header.success": "A dry flat"}, follow_redirects=True)
    assert "Someone else changed the plan while you were writing. We kept their changes and " \
           "yours." in response.text
    assert content(session, plan)["header.success"] == "A dry, warm flat"


def test_two_people_at_once_keep_both_and_a_same_field_clash_is_shown(client, app, session,
                                                                      book, planned):
    plan, goal, step = planned
    base = str(plan.revision)
    family, advocate = client, app.test_client()
    sign_in(family, book.holder)
    sign_in(advocate, book.advocate)
    assert family.post(url(book, "edit"), data={
        "base_revision": base, f"goal.{goal.id}.title": "Clear the garden",
        f"step.{step.id}.by_when": "15 5 2030"}).status_code == 302
    # The advocate's different field merges.
    kept = advocate.post(url(book, "edit"), data={
        "base_revision": base, f"step.{step.id}.status": "started"}, follow_redirects=True)
    assert "We kept their changes and yours" in kept.text
    now = content(session, plan)
    assert now[f"goal.{goal.id}.title"] == "Clear the garden"
    assert now[f"step.{step.id}.status"] == "started"
    # The same field: both versions side by side, nothing saved.
    clash = advocate.post(url(book, "edit"), data={
        "base_revision": base, f"step.{step.id}.by_when": "20 5 2030"})
    assert clash.status_code == 409
    assert "15 May 2030" in clash.text and "20 May 2030" in clash.text
    assert "Which version of" in clash.text
    new_base = re.search(r'name="base_revision" value="(\d+)"', clash.text)[1]
    # The form shows the merged plan: resubmitting it keeps the family's title.
    assert 'value="Clear the garden"' in clash.text
    resolved = advocate.post(url(book, "edit"), data={
        "base_revision": new_base, f"step.{step.id}.by_when": "20 5 2030",
        f"goal.{goal.id}.title": "Clear the garden",
        f"resolve-step.{step.id}.by_when": "saved"})
    assert resolved.status_code == 302
    assert content(session, plan)[f"step.{step.id}.by_when"] == "2030-05-15"


def test_revisions_and_plain_words_compare(client, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    client.post(url(book, "edit"), data={"base_revision": str(plan.revision),
                                         f"step.{step.id}.by_when": "15 5 2030"})
    page = client.get(url(book, "revisions"))
    assert "Sam Carter added the goal “Get the garden cleared”" in page.text
    compare = client.get(url(book, f"compare?from={plan.revision}&to={plan.revision + 1}"))
    assert ("Sam Carter changed “By when” of “Ask for a skip” from 1 May 2030 to 15 May 2030"
            in compare.text)


def test_agreeing_and_changed_since(client, app, session, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    advocate = sign_in(app.test_client(), book.advocate)
    for who in (client, advocate):
        assert who.post(url(book, "agree"), data={"revision": str(plan.revision)}).status_code \
            == 302
    assert "You both agreed to this version" in client.get(url(book)).text
    client.post(url(book, "edit"), data={"base_revision": str(plan.revision),
                                         "header.success": "Changed"})
    assert "Changed since you both agreed on" in client.get(url(book)).text
    stale = advocate.post(url(book, "agree"), data={"revision": str(plan.revision)},
                          follow_redirects=True)
    assert "The plan changed since you opened it" in stale.text
    young = sign_in(app.test_client(), book.young)
    assert young.post(url(book, "agree"), data={"revision": "3"}).status_code == 404


def test_reviews_from_both_sides_show_as_a_chart_and_a_table(client, app, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    bad = client.post(url(book, "review"), data={"reviewed_on": "1 3 2030",
                                                 f"rating-{goal.id}": "0"})
    assert bad.status_code == 400 and "a number from 1 to 10" in bad.text
    client.post(url(book, "review"), data={"reviewed_on": "1 3 2030", f"rating-{goal.id}": "3",
                                           f"working-{goal.id}": "We asked"})
    advocate = sign_in(app.test_client(), book.advocate)
    advocate.post(url(book, "review"), data={"reviewed_on": "1 3 2030",
                                             f"rating-{goal.id}": "5"})
    page = client.get(url(book))
    assert "<svg" in page.text and "1 March 2030" in page.text
    row = re.search(r"1 March 2030</th><td>(\d+)</td><td>(\d+)</td>", page.text)
    assert row.groups() == ("3", "5")


def test_young_person_adds_a_goal_and_comments_on_their_own(client, session, book, planned):
    plan, goal, step = planned
    sign_in(client, book.young)
    assert client.get(url(book, "edit")).status_code == 404
    assert client.post(url(book, "goals/new"), data={
        "base_revision": str(plan.revision), "new-goal.title": "Learn to cook",
        "new-goal.area": "everyday"}).status_code == 302
    own = [g for g in goals(content(session, plan)) if g.title == "Learn to cook"][0]
    assert client.post(url(book, f"goals/{own.id}/comments"),
                       data={"text": "Pasta first"}).status_code == 302
    assert "Pasta first" in client.get(url(book)).text
    assert client.post(url(book, f"goals/{goal.id}/comments"),
                       data={"text": "Not mine"}).status_code == 404


def test_a_goal_shared_with_a_professional_is_all_they_see_until_stopped(client, app, session,
                                                                        book, planned):
    plan, goal, step = planned
    holder = reader_for(session, book.holder, book.family.id)
    other = editing.read_form(session, holder, {"new-goal.title": "Private money goal",
                                                "new-goal.area": "money"},
                              editing.latest(session, plan).content)
    editing.save(session, holder, plan, other, plan.revision)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.commit()
    pro = sign_in(app.test_client(), book.professional)
    assert "Get the garden cleared" not in pro.get(url(book)).text
    assert pro.get(url(book, "latest")).status_code == 404
    sign_in(client, book.holder)
    assert client.post(url(book, "sharing"), data={
        "part": f"goal:{goal.id}", "grantee": f"a{book.professional.id}"}).status_code == 302
    page = pro.get(url(book))
    assert "Get the garden cleared" in page.text and "Ask for a skip" in page.text
    assert "Private money goal" not in page.text and "A dry flat" not in page.text
    assert pro.get(url(book, "edit")).status_code == 404
    assert pro.get(url(book, "revisions")).status_code == 404
    session.expire_all()
    read = log_rows(session, book.family.id, actor_id=book.professional.id)[0]
    assert read.action == "read" and read.details["title"] == "Get the garden cleared"
    grant = session.scalars(select(Grant).where(Grant.plan_part.is_not(None))).one()
    assert client.post(url(book, f"sharing/{grant.id}/stop")).status_code == 302
    assert "Get the garden cleared" not in pro.get(url(book)).text


def test_watching_for_changes_does_not_keep_a_session_alive(client, book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    with client.session_transaction() as s:
        s["last_seen"] = s["last_seen"] - 100
        before = s["last_seen"]
    assert client.get(url(book, "latest")).get_json() == {"revision": plan.revision}
    with client.session_transaction() as s:
        assert s["last_seen"] == before


def test_closing_the_plan_shows_the_check_in_at_home(client, book, planned):
    sign_in(client, book.holder)
    assert client.post(url(book, "close"), data={"reason": "better"}).status_code == 302
    assert "Check in again on" in client.get(f"/families/{book.family.id}/").text
    assert "Start a plan" in client.get(url(book)).text


def test_who_can_see_what_lists_the_plan_goals_shared_with_each_person(app, session, book,
                                                                       planned):
    from record_book.sharing.connections import Grantee
    from record_book.sharing.grants import share_plan_part

    plan, goal, _step = planned
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.commit()
    holder = reader_for(session, book.holder, book.family.id)
    family = sign_in(app.test_client(), book.holder)
    assert "Plan goal:" not in seen(family.get(f"/families/{book.family.id}/sharing").text)
    share_plan_part(session, holder, f"goal:{goal.id}",
                    Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    page = seen(family.get(f"/families/{book.family.id}/sharing").text)
    assert "Plan goal: Get the garden cleared" in page


def test_every_plan_page_the_advocate_opens_is_in_the_familys_who_has_looked(app, session,
                                                                            book, planned):
    plan, goal, _step = planned
    advocate, family = app.test_client(), app.test_client()
    sign_in(advocate, book.advocate)
    sign_in(family, book.holder)

    def plan_reads():
        session.expire_all()
        return len([row for row in log_rows(session, book.family.id, book.advocate.id)
                    if row.action == "read" and row.details.get("plan_part") == "plan"])

    pages = ["", "edit", "revisions", f"compare?from=1&to={plan.revision}", "review",
             f"goals/{goal.id}/edit"]
    for n, page in enumerate(pages, start=1):
        response = advocate.get(url(book, page))
        assert response.status_code == 200 and "Get the garden cleared" in response.text, page
        assert plan_reads() == n, page
    page = family.get(f"/families/{book.family.id}/access-log?who={book.advocate.id}").text
    assert "Ava Advocate" in page and "the plan" in page.lower()
