"""The plan's rules: merging two people's edits, agreeing, reviews, who does a step, sharing."""

from datetime import date, timedelta

import pytest
from conftest import log_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from plans import agreement, editing, goal_comments, people, reviews
from plans import changes as plan_changes
from plans import reading as plan_reading
from plans import sharing as plan_sharing
from plans.fields import goals, steps
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.merge import merge
from record_book.book.model import Membership
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import NotAllowed, grantee_reader, readable_plan_parts, reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import stop_grant
from record_book.sharing.model import Connection


def readers(session, book):
    return {name: reader_for(session, account, book.family.id)
            for name, account in book.accounts.items() if name != "other_family"}


@pytest.fixture
def plan(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    session.commit()
    return plan


def write(session, reader, plan, form, base=None):
    base_number = plan.revision if base is None else base
    content = editing.revision(session, plan, base_number).content
    mine = editing.read_form(session, reader, form, content)
    return editing.save(session, reader, plan, mine, base_number)


def first_goal(session, plan):
    return goals(editing.latest(session, plan).content)[0]


def with_goal(session, book, plan, title="Get the garden cleared"):
    holder = reader_for(session, book.holder, book.family.id)
    write(session, holder, plan, {"new-goal.title": title, "new-goal.area": "home",
                                  "new-goal.priority": "first"})
    goal = [g for g in goals(editing.latest(session, plan).content) if g.title == title][0]
    write(session, holder, plan, {f"new-step.{goal.id}.what": "Ask the council for a skip",
                                  f"new-step.{goal.id}.by_when": "1 5 2030",
                                  f"new-step.{goal.id}.who": "advocate"})
    session.commit()
    return goal


# Merging --------------------------------------------------------------------------------------

def test_two_people_changing_different_fields_both_keep_their_change(session, book, plan):
    goal = with_goal(session, book, plan)
    step = steps(editing.latest(session, plan).content)[0]
    r = readers(session, book)
    base = plan.revision
    write(session, r["holder"], plan, {f"goal.{goal.id}.title": "Clear the garden"}, base)
    saved = write(session, r["advocate"], plan, {f"step.{step.id}.status": "started"}, base)
    assert saved.kept_others
    content = editing.latest(session, plan).content
    assert content[f"goal.{goal.id}.title"] == "Clear the garden"
    assert content[f"step.{step.id}.status"] == "started"
    assert plan.revision == base + 2


def test_the_same_field_changed_twice_is_a_conflict_with_both_versions(session, book, plan):
    with_goal(session, book, plan)
    step = steps(editing.latest(session, plan).content)[0]
    r = readers(session, book)
    base = plan.revision
    write(session, r["holder"], plan, {f"step.{step.id}.by_when": "15 5 2030"}, base)
    session.commit()
    with pytest.raises(editing.Conflict) as caught:
        write(session, r["advocate"], plan, {f"step.{step.id}.by_when": "20 5 2030"}, base)
    assert caught.value.result.conflicts == {
        f"step.{step.id}.by_when": ("2030-05-15", "2030-05-20")}
    session.rollback()
    assert editing.latest(session, plan).content[f"step.{step.id}.by_when"] == "2030-05-15"


def test_the_plain_words_of_a_change(session, book, plan):
    goal = with_goal(session, book, plan)
    step = steps(editing.latest(session, plan).content)[0]
    holder = readers(session, book)["holder"]
    before = plan.revision
    write(session, holder, plan, {f"step.{step.id}.by_when": "15 5 2030"})
    found = plan_changes.compare(session, plan, before, plan.revision)
    assert found == [{"message": plan_changes.CHANGED_OF, "params": {
        "field": f"step.{step.id}.by_when", "subject": "Ask the council for a skip",
        "old": "2030-05-01", "new": "2030-05-15", "name": "Sam Carter"}}]
    # A goal's new title: the words name the goal by the title it had, and say the new one.
    before = plan.revision
    write(session, holder, plan, {f"goal.{goal.id}.title": "Clear the garden by May"})
    [renamed] = plan_changes.compare(session, plan, before, plan.revision)
    assert renamed["params"]["subject"] == "Get the garden cleared"
    assert renamed["params"]["new"] == "Clear the garden by May"


KEYS = st.sampled_from(["header.success", "header.measures", "sides.family", "sides.advocate",
                        "if_not_done", "goal.aaaaaaaa.title", "step.bbbbbbbb.what"])
VALUES = st.sampled_from(["one", "two", "three", None])
EDITS = st.dictionaries(KEYS, VALUES, max_size=5)


def _apply(base, edits):
    out = dict(base)
    for key, value in edits.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


@given(base=st.dictionaries(KEYS, st.sampled_from(["one", "two"]), max_size=5),
       theirs_edits=EDITS, mine_edits=EDITS)
def test_concurrent_edits_keep_every_change_or_surface_it(base, theirs_edits, mine_edits):
    theirs, mine = _apply(base, theirs_edits), _apply(base, mine_edits)
    result = merge(base, theirs, mine)
    for key in set(base) | set(theirs) | set(mine):
        t_changed = theirs.get(key) != base.get(key)
        m_changed = mine.get(key) != base.get(key)
        if t_changed and m_changed and theirs.get(key) != mine.get(key):
            assert key in result.conflicts
            assert result.conflicts[key] == (theirs.get(key), mine.get(key))
        else:
            assert key not in result.conflicts
            expected = mine.get(key) if m_changed else theirs.get(key)
            assert result.merged.get(key) == expected


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(theirs_edits=EDITS, mine_edits=EDITS)
def test_saving_two_concurrent_edits_keeps_both_or_raises(session, book, theirs_edits,
                                                          mine_edits):
    r = readers(session, book)
    plan = editing.open_plan(session, book.family.id) or editing.start_plan(session, r["holder"])
    base_rev = editing.latest(session, plan)
    base = base_rev.content
    theirs = {k: v for k, v in _apply(base, theirs_edits).items()
              if not k.startswith(("goal.", "step."))}
    mine = {k: v for k, v in _apply(base, mine_edits).items()
            if not k.startswith(("goal.", "step."))}
    editing.save(session, r["holder"], plan, theirs, base_rev.number)
    # The model: a field both changed, to different values, is a conflict; nothing else is.
    clashes = {key for key in set(base) | set(theirs) | set(mine)
               if theirs.get(key) != base.get(key) and mine.get(key) != base.get(key)
               and theirs.get(key) != mine.get(key)}
    try:
        editing.save(session, r["advocate"], plan, mine, base_rev.number)
    except editing.Conflict as conflict:
        assert set(conflict.result.conflicts) == clashes
        for key, (t, m) in conflict.result.conflicts.items():
            assert theirs.get(key) == t and mine.get(key) == m
        return
    assert not clashes
    content = editing.latest(session, plan).content
    for key in set(base) | set(theirs) | set(mine):
        if mine.get(key) != base.get(key):
            assert content.get(key) == mine.get(key)
        elif theirs.get(key) != base.get(key):
            assert content.get(key) == theirs.get(key)
        else:
            assert content.get(key) == base.get(key)


# Checking -------------------------------------------------------------------------------------

def test_dates_must_be_real_and_stuck_needs_a_reason(session, book, plan):
    goal = with_goal(session, book, plan)
    step = steps(editing.latest(session, plan).content)[0]
    holder = readers(session, book)["holder"]
    with pytest.raises(Invalid) as caught:
        write(session, holder, plan, {f"step.{step.id}.by_when": "31 2 2030",
                                      f"step.{step.id}.status": "stuck"})
    assert set(caught.value.problems) == {f"step.{step.id}.by_when",
                                          f"step.{step.id}.stuck_reason"}
    write(session, holder, plan, {f"step.{step.id}.status": "stuck",
                                  f"step.{step.id}.stuck_reason": "Waiting for the council"})
    assert goal.id


def test_who_does_a_step_is_a_person_the_advocate_or_a_service(session, book, plan):
    goal = with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    me = own_member_entry_id(session, holder)
    service = add_entry(session, holder, "service", {
        "agency": "Eastside Housing", "category": "home", "owner_member_id": str(me)})
    other = own_member_entry_id(session, reader_for(session, book.other_holder,
                                                    book.other_family.id))
    for who in (f"member:{me}", "advocate", f"service:{service.id}"):
        write(session, holder, plan, {f"new-step.{goal.id}.what": f"Step by {who}",
                                      f"new-step.{goal.id}.who": who})
    for who in (f"member:{other}", "someone", f"service:{me}"):
        with pytest.raises(Invalid):
            write(session, holder, plan, {f"new-step.{goal.id}.what": "Bad",
                                          f"new-step.{goal.id}.who": who})
    names = people.who_names(session, book.family.id, editing.latest(session, plan).content)
    assert names[f"service:{service.id}"] == "Eastside Housing"
    assert names["advocate"] == "Ava Advocate"


def test_young_people_add_their_own_goals_and_nothing_else(session, book, plan):
    goal = with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    jo = add_entry(session, holder, "member", {"name": "Jo Carter", "relationship": "Son",
                                               "lives": "with_us"})
    session.scalars(select(Membership).where(Membership.account_id == book.young.id)).one() \
        .member_entry_id = jo.id
    young = readers(session, book)["young_person"]
    with pytest.raises(NotAllowed):
        write(session, young, plan, {f"goal.{goal.id}.title": "Mine now"})
    write(session, young, plan, {"new-goal.title": "Go to football", "new-goal.area": "friends"})
    own = [g for g in goals(editing.latest(session, plan).content) if g.title == "Go to football"]
    assert own[0].fields["about"] == str(jo.id)
    write(session, young, plan, {f"goal.{own[0].id}.title": "Go to football on Saturdays"})
    content = editing.latest(session, plan).content
    assert editing.may_comment(session, young, content, own[0].id)
    assert not editing.may_comment(session, young, content, goal.id)
    goal_comments.add_comment(session, young, plan, own[0].id, "I want to go with Sam")
    with pytest.raises(NotAllowed):
        goal_comments.add_comment(session, young, plan, goal.id, "Not mine")
    with pytest.raises(NotAllowed):
        editing.start_plan(session, young)


def test_a_professional_cannot_edit(session, book, plan):
    with_goal(session, book, plan)
    pro = reader_for(session, book.professional, book.family.id)
    with pytest.raises(NotAllowed):
        write(session, pro, plan, {"header.success": "Mine"})


# Agreeing ------------------------------------------------------------------------------------

def test_agreement_holds_until_the_plan_changes(session, book, plan):
    with_goal(session, book, plan)
    r = readers(session, book)
    assert agreement.status(session, plan).both_revision is None
    agreement.agree(session, r["holder"], plan, plan.revision)
    assert not agreement.status(session, plan).agreed_now
    agreement.agree(session, r["advocate"], plan, plan.revision)
    status = agreement.status(session, plan)
    assert status.agreed_now and not status.changed_since
    agreed = plan.revision
    write(session, r["holder"], plan, {"header.success": "A tidy garden"})
    status = agreement.status(session, plan)
    assert status.changed_since and status.both_revision == agreed
    assert len(status.agreements) == 2  # kept
    with pytest.raises(Invalid):
        agreement.agree(session, r["advocate"], plan, agreed)
    for name in ("young_person", "professional"):
        with pytest.raises(NotAllowed):
            agreement.agree(session, r[name], plan, plan.revision)


# Reviews -------------------------------------------------------------------------------------

def test_each_side_rates_every_goal_and_the_history_shows_both(session, book, plan):
    goal = with_goal(session, book, plan)
    r = readers(session, book)
    with pytest.raises(Invalid):
        reviews.record_review(session, r["holder"], plan, date(2030, 1, 1),
                              {goal.id: {"rating": "11"}})
    reviews.record_review(session, r["holder"], plan, date(2030, 1, 1),
                          {goal.id: {"rating": "3", "working": "Rosa rang the council"}})
    reviews.record_review(session, r["advocate"], plan, date(2030, 1, 1),
                          {goal.id: {"rating": "4"}})
    reviews.record_review(session, r["holder"], plan, date(2030, 3, 1),
                          {goal.id: {"rating": "7"}})
    points = reviews.history(session, plan)[goal.id]
    assert [(p.on, p.family, p.advocate) for p in points] == [
        (date(2030, 1, 1), 3, 4), (date(2030, 3, 1), 7, None)]
    with pytest.raises(NotAllowed):
        reviews.record_review(session, r["young_person"], plan, date(2030, 1, 1),
                              {goal.id: {"rating": "5"}})


def test_a_goal_that_can_wait_may_be_left_out_of_a_review(session, book, plan):
    first = with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    write(session, holder, plan, {"new-goal.title": "Learn to drive", "new-goal.area": "work",
                                  "new-goal.priority": "later"})
    waiting = next(g for g in goals(editing.latest(session, plan).content)
                   if g.title == "Learn to drive")
    rows = reviews.record_review(session, holder, plan, date(2030, 1, 1),
                                 {first.id: {"rating": "5"}})
    assert [row.goal_id for row in rows] == [first.id]
    assert waiting.id not in reviews.history(session, plan)
    # A goal to do first or next still needs its number.
    with pytest.raises(Invalid) as refused:
        reviews.record_review(session, holder, plan, date(2030, 2, 1),
                              {waiting.id: {"rating": "2"}})
    assert set(refused.value.problems) == {f"rating-{first.id}"}


def test_closing_keeps_the_plan_and_sets_a_check_in_six_months_on(session, book, plan):
    with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    with pytest.raises(Invalid):
        reviews.close_plan(session, holder, plan, "bored")
    reviews.close_plan(session, holder, plan, "better", "We did it")
    assert not plan.is_open
    assert editing.open_plan(session, book.family.id) is None
    assert plan.check_in_on == reviews.six_months_after(utcnow().date())
    assert editing.latest(session, plan).content["close.reason"] == "better"
    assert reviews.check_in_reminder(session, book.family.id).id == plan.id
    again = editing.start_plan(session, holder)
    assert again.id != plan.id
    assert reviews.six_months_after(date(2030, 8, 31)) == date(2031, 2, 28)


def test_steps_due_soon_and_overdue(session, book, plan):
    goal = with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    today = utcnow().date()
    for what, when in (("Late", today - timedelta(days=2)), ("Soon", today + timedelta(days=3))):
        write(session, holder, plan, {f"new-step.{goal.id}.what": what,
                                      f"new-step.{goal.id}.by_when": when.isoformat()})
    overdue, soon = reviews.steps_due(editing.latest(session, plan).content, today)
    assert [s.what for s in overdue] == ["Late"]
    assert [s.what for s in soon] == ["Soon"]


# Sharing parts of the plan ------------------------------------------------------------------

def test_plan_parts_follow_live_grants_only(session, book, plan):
    goal = with_goal(session, book, plan)
    with_goal(session, book, plan, "Pay off the rent")
    r = readers(session, book)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    assert readable_plan_parts(session, r["holder"]) == "all"
    assert readable_plan_parts(session, r["advocate"]) == "all"
    assert readable_plan_parts(session, r["young_person"]) == "all"
    pro = reader_for(session, book.professional, book.family.id)
    assert readable_plan_parts(session, pro) == set()
    grantee = Grantee(book.professional.id, None, "Ms Patel")
    grant = plan_sharing.share(session, r["holder"], plan, f"goal:{goal.id}", grantee)
    assert readable_plan_parts(session, pro) == {goal.id}
    log = log_rows(session, book.family.id)[0]
    assert log.action == "grant" and log.details["plan_part"] == f"goal:{goal.id}"
    seen = plan_reading.read(session, pro, plan)
    assert not seen.whole and [g.id for g in seen.goals] == [goal.id]
    assert {s.goal_id for s in seen.steps} == {goal.id}
    assert log_rows(session, book.family.id)[0].details == {
        "title": goal.title, "plan_part": f"goal:{goal.id}"}
    stop_grant(session, r["holder"], grant)
    assert readable_plan_parts(session, pro) == set()
    plan_sharing.share(session, r["holder"], plan, "plan", grantee,
                       until=utcnow().date() + timedelta(days=3))
    assert readable_plan_parts(session, pro) == "all"
    later = grantee_reader(book.family.id, book.professional.id, None,
                           utcnow() + timedelta(days=10))
    assert readable_plan_parts(session, later) == set()
    with pytest.raises(Invalid):
        plan_sharing.share(session, r["holder"], plan, "goal:nothere", grantee)
    for name in ("young_person", "advocate"):
        with pytest.raises(NotAllowed):
            plan_sharing.share(session, r[name], plan, "plan", grantee)


def test_a_step_named_for_a_professional_shows_nothing_until_shared(session, book, plan):
    goal = with_goal(session, book, plan)
    holder = readers(session, book)["holder"]
    write(session, holder, plan, {f"new-step.{goal.id}.what": "Ms Patel writes to housing",
                                  f"new-step.{goal.id}.who": "advocate"})
    pro = reader_for(session, book.professional, book.family.id)
    seen = plan_reading.read(session, pro, plan)
    assert not seen.shows_anything and seen.steps == []


def test_the_demo_family_has_a_plan_written_together(session):
    from demo import family as demo
    from plans.model import PlanReview
    from record_book.book.model import Family

    demo.load(session)
    session.flush()
    family = session.scalars(select(Family)).one()
    plan = editing.open_plan(session, family.id)
    content = editing.latest(session, plan).content
    assert 3 <= len(goals(content)) <= 5
    statuses = {s.fields.get("status") for s in steps(content)}
    assert {"done", "started", "not_started", "stuck"} <= statuses
    assert all(s.fields.get("stuck_reason") for s in steps(content)
               if s.fields.get("status") == "stuck")
    assert {r.rater_role for r in session.scalars(select(PlanReview))} == {"family", "advocate"}
    status = agreement.status(session, plan)
    assert status.both_revision is not None and status.changed_since
