"""The edges of sharing, where a small slip would open a book or lose a trace: the last day of a
share, a code's last instant, an ended connection, another family's share, a private entry shared
by someone other than its owner, and the log row every stop writes."""

from datetime import datetime, time, timedelta

import pytest
from conftest import PASSWORD, seen, sign_in
from sqlalchemy import select
from test_sharing import pat, story

from record_book import reading
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.data_rights import erasure
from record_book.policy import (
    NotAllowed,
    grantee_reader,
    may_agree_plan,
    may_collect_booklet,
    may_edit,
    may_open_book,
    may_share,
    may_stop,
    readable_entries,
    readable_entry,
    readable_plan_parts,
    reader_for,
)
from record_book.sharing import access_log, leads, notes
from record_book.sharing.connections import (
    Grantee,
    connect_with_code,
    grantees,
    new_connection_code,
)
from record_book.sharing.grants import (
    grants_for_reader,
    live_grants,
    plan_goals_they_can_see,
    record_expiries,
    share_category,
    share_entry,
    share_plan_part,
    share_present_and_future,
    stop_all_sharing,
    stop_grant,
    what_they_can_see,
    who_can_see,
)
from record_book.sharing.model import AccessLogRow, Connection, Grant, Notification


@pytest.fixture
def holder(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    session.commit()
    return holder


def pat_reads(session, book, now=None):
    as_pat = reader_for(session, book.professional, book.family.id, now=now)
    return set(session.scalars(readable_entries(as_pat).with_only_columns(Entry.id)))


# The last day of a share ------------------------------------------------------------------------

def test_shared_until_a_day_means_all_of_that_day_and_not_a_moment_more(session, book, holder):
    """"Until 5 March" is read all of 5 March; from the first instant of 6 March it is not."""
    entry = story(session, holder, "Moving house")
    last_day = (utcnow() + timedelta(days=3)).date()
    share_entry(session, holder, entry, pat(book), until=last_day)
    midnight = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=utcnow().tzinfo)
    assert entry.id in pat_reads(session, book, now=midnight - timedelta(days=1))
    assert entry.id in pat_reads(session, book, now=midnight - timedelta(microseconds=1))
    assert entry.id not in pat_reads(session, book, now=midnight)
    assert entry.id not in pat_reads(session, book, now=midnight + timedelta(hours=1))


def test_an_end_date_of_today_is_refused_and_tomorrow_is_taken(session, book, holder):
    entry = story(session, holder, "Moving house")
    with pytest.raises(Invalid):
        share_entry(session, holder, entry, pat(book), until=holder.now.date())
    grant = share_entry(session, holder, entry, pat(book),
                        until=holder.now.date() + timedelta(days=1))
    assert grant.expires_at.date() == holder.now.date() + timedelta(days=2)


# Connection codes ----------------------------------------------------------------------------

def test_a_connection_code_works_for_seven_days_and_not_after(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    made = holder.now
    stale = new_connection_code(session, holder)
    with pytest.raises(Invalid):
        connect_with_code(session, book.professional, stale, made + timedelta(days=7))
    fresh = new_connection_code(session, holder)
    connect_with_code(session, book.professional, fresh,
                      made + timedelta(days=7) - timedelta(seconds=1))
    assert may_open_book(session, reader_for(session, book.professional, book.family.id))


def test_a_code_is_used_once(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    code = new_connection_code(session, holder)
    connect_with_code(session, book.professional, code, utcnow())
    with pytest.raises(Invalid):
        connect_with_code(session, book.advocate, code, utcnow())


# Ended connections ---------------------------------------------------------------------------

def test_an_ended_connection_opens_nothing_and_is_not_offered_to_share_with(app, session, book,
                                                                           holder):
    entry = story(session, holder, "Moving house")
    share_entry(session, holder, entry, pat(book))
    connection = session.scalar(select(Connection).where(
        Connection.account_id == book.professional.id))
    session.commit()
    client = sign_in(app.test_client(), book.professional)
    assert "Moving house" in client.get(f"/families/{book.family.id}/entries/{entry.id}").text
    connection.ended_at = utcnow()
    session.commit()
    assert not may_open_book(session, reader_for(session, book.professional, book.family.id))
    for page in ("/", f"/entries/{entry.id}", "/story"):
        response = client.get(f"/families/{book.family.id}{page}")
        assert response.status_code == 404 and "Moving house" not in response.text
    assert book.professional.id not in {g.account_id for g in grantees(session, holder)}
    # A new code connects them again.
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    assert may_open_book(session, reader_for(session, book.professional, book.family.id))


# Another family's share ----------------------------------------------------------------------

def test_one_familys_category_share_opens_nothing_in_another_familys_book(session, book, holder):
    """Both families share with Ms Patel; the other family shares "home", the Carters do not."""
    carters = story(session, holder, "Our home", category="home")
    other = reader_for(session, book.other_holder, book.other_family.id)
    session.add(Connection(family_id=book.other_family.id, account_id=book.professional.id,
                           created_by_id=book.other_holder.id))
    theirs = story(session, other, "Their home", category="home")
    share_category(session, other, "home", pat(book))
    share_entry(session, other, theirs, pat(book))
    assert pat_reads(session, book) == set()
    as_pat_there = reader_for(session, book.professional, book.other_family.id)
    assert set(session.scalars(readable_entries(as_pat_there).with_only_columns(Entry.id))) == {
        theirs.id}
    assert carters.id not in {e.id for e in what_they_can_see(session, holder, pat(book))}


# A private entry -----------------------------------------------------------------------------

def test_a_young_persons_private_entry_is_reached_only_by_their_own_share(session, book, holder):
    young = reader_for(session, book.young, book.family.id)
    secret = story(session, young, "Only for my counsellor", visibility="private")
    # A grant of it made by a holder (an imported book could hold one) reaches no one.
    session.add(Grant(family_id=book.family.id, entry_id=secret.id,
                      grantee_account_id=book.professional.id, granted_by_id=book.holder.id,
                      granted_at=utcnow()))
    session.flush()
    assert secret.id not in pat_reads(session, book)
    share_entry(session, young, secret, pat(book))
    assert secret.id in pat_reads(session, book)


def test_a_young_persons_entry_shown_to_the_family_is_still_theirs_to_share(session, book,
                                                                            holder):
    young = reader_for(session, book.young, book.family.id)
    theirs = story(session, young, "My new school", category="school", visibility="family")
    session.add(Grant(family_id=book.family.id, entry_id=theirs.id,
                      grantee_account_id=book.professional.id, granted_by_id=book.holder.id,
                      granted_at=utcnow()))
    session.flush()
    # Shown to the family is not shown to the world: the holder's grant does not reach it.
    assert theirs.id not in pat_reads(session, book)


# Stopping is logged -----------------------------------------------------------------------------

def revokes(session, book):
    return session.scalars(select(AccessLogRow).where(
        AccessLogRow.family_id == book.family.id, AccessLogRow.action == "revoke")).all()


def test_stopping_a_share_is_in_the_log_with_who_stopped_it(session, book, holder):
    entry = story(session, holder, "Moving house")
    grant = share_entry(session, holder, entry, pat(book))
    stop_grant(session, holder, grant)
    [row] = revokes(session, book)
    assert row.actor_id == book.holder.id and row.entry_id == entry.id
    assert row.details["grant"] == grant.id and row.details["who"].startswith("Ms Patel")
    assert readable_entry(session, reader_for(session, book.professional, book.family.id),
                          entry.id) is None
    assert access_log.verify(session, book.family.id) == []


def test_stopping_everything_logs_each_share_stopped(session, book, holder):
    first, second = story(session, holder, "Moving house"), story(session, holder, "School")
    grants = [share_entry(session, holder, first, pat(book)),
              share_category(session, holder, "school", pat(book)),
              share_entry(session, holder, second, pat(book))]
    assert stop_all_sharing(session, holder, pat(book)) == 3
    assert {row.details["grant"] for row in revokes(session, book)} == {g.id for g in grants}
    assert pat_reads(session, book) == set()


def test_a_share_with_a_colleague_stops_only_theirs(session, book, holder):
    colleague = create_account(session, "cole", "Cole Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    session.add(Connection(family_id=book.family.id, account_id=colleague.id,
                           created_by_id=book.holder.id))
    entry = story(session, holder, "Moving house")
    share_entry(session, holder, entry, Grantee(colleague.id, None, "Cole"))
    share_entry(session, holder, entry, pat(book))
    assert stop_all_sharing(session, holder, pat(book)) == 1
    as_cole = reader_for(session, colleague, book.family.id)
    assert readable_entry(session, as_cole, entry.id) is not None
    assert pat_reads(session, book) == set()


# What a family is told about its shares -----------------------------------------------------

# What a family is told about its shares: an entry's page lists every live share that reaches
# it (named one by one, by its category or by a date), oldest first, and none of another entry's,
# a stopped one's or another family's; "from now on" starts the day it says, ends when asked and
# keeps its reason, and the log names that day.

def test_an_entrys_page_lists_each_live_share_that_reaches_it_oldest_first(
        session, book, holder):
    entry = story(session, holder, "Moving house", category="home")
    other = story(session, holder, "School", category="school")
    later = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=1))
    latest = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=2))
    # Made in another order than they were dated: the list goes by when each was made.
    from_a_date = share_present_and_future(session, latest, 3, pat(book))
    by_category = share_category(session, later, "home", Grantee(book.advocate.id, None, "Ava"))
    by_name = share_entry(session, holder, entry, pat(book))
    share_entry(session, holder, other, pat(book))
    stopped = share_category(session, holder, "home", pat(book))
    stop_grant(session, holder, stopped)
    assert [g.id for g in who_can_see(session, latest, entry)] == [
        by_name.id, by_category.id, from_a_date.id]


def test_another_familys_share_of_the_same_category_is_not_listed(session, book, holder):
    entry = story(session, holder, "Moving house", category="home")
    theirs = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, theirs), utcnow())
    share_category(session, theirs, "home", pat(book))
    assert who_can_see(session, holder, entry) == []


def test_from_now_on_starts_as_many_months_back_as_chosen(session, book, holder):
    for months, days in ((1, 30), (3, 91), (12, 365), (24, 731)):
        grant = share_present_and_future(session, holder, months, pat(book))
        assert grant.from_date == (holder.now - timedelta(days=days)).date().isoformat()


def test_from_now_on_ends_when_asked_and_keeps_its_reason(app, session, book, holder):
    last_day = (holder.now + timedelta(days=10)).date()
    grant = share_present_and_future(session, holder, 3, pat(book), until=last_day,
                                     purpose="For the school move")
    assert grant.expires_at.date() == last_day + timedelta(days=1)
    assert grant.purpose == "For the school move"
    session.commit()
    page = seen(sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/access-log").get_data(as_text=True))
    assert f"everything from {grant.from_date} on" in page
    assert "For the school move" in page


def test_the_sharing_page_lists_this_familys_live_shares_newest_first(session, book, holder):
    """Nothing stopped, nothing of another family, and no share of an entry the reader may not
    read: a parent does not learn of a young person's private entry from its share."""
    young = reader_for(session, book.young, book.family.id)
    secret = story(session, young, "Only for me", visibility="private")
    at = [reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=h))
          for h in (1, 2, 3)]
    oldest = share_entry(session, at[0], story(session, holder, "Moving house"), pat(book))
    newest = share_category(session, at[1], "home", pat(book))
    stopped = share_category(session, holder, "school", pat(book))
    stop_grant(session, holder, stopped)
    young_share = share_entry(session, young, secret, pat(book))
    other = reader_for(session, book.other_holder, book.other_family.id)
    share_category(session, other, "home", pat(book))
    listed = [g.id for g in live_grants(session, at[2])]
    assert listed == [newest.id, oldest.id]
    assert young_share.id in [g.id for g in live_grants(session, young)]


def test_stopping_everything_stops_this_familys_live_shares_with_them_alone(
        session, book, holder):
    other = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, other), utcnow())
    theirs = share_category(session, other, "home", pat(book))
    school = create_organisation(session, "Hillside School")
    clinic = create_organisation(session, "Eastfield Clinic")
    for_school = share_category(session, holder, "school", Grantee(None, school.id, school.name))
    for_clinic = share_category(session, holder, "health", Grantee(None, clinic.id, clinic.name))
    earlier = share_category(session, holder, "money", pat(book))
    stop_grant(session, holder, earlier)
    stopped_at = earlier.revoked_at
    live = share_category(session, holder, "home", pat(book))
    later = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=1))
    assert stop_all_sharing(session, later, pat(book)) == 1
    assert live.revoked_at == later.now and earlier.revoked_at == stopped_at
    assert theirs.revoked_at is None
    row = session.scalars(select(AccessLogRow).where(AccessLogRow.family_id == book.family.id)
                          .order_by(AccessLogRow.seq.desc())).first()
    assert (row.action, row.created_at, row.details["who"]) == ("revoke", later.now, "Ms Patel")
    assert stop_all_sharing(session, later, Grantee(None, school.id, school.name)) == 1
    assert for_school.revoked_at == later.now and for_clinic.revoked_at is None


def test_what_they_can_see_is_asked_at_the_askers_time_and_for_organisations_too(
        session, book, holder):
    school = create_organisation(session, "Hillside School")
    as_school = Grantee(None, school.id, school.name)
    told = story(session, holder, "Moving house")
    event = add_entry(session, holder, "event", {
        "title": "Review meeting", "date-day": "3", "date-month": "3", "date-year": "2026",
        "event_type": "meeting", "category": "home",
        "owner_member_id": str(own_member_entry_id(session, holder))})
    share_category(session, holder, "home", as_school,
                   until=(holder.now + timedelta(days=2)).date())
    assert [e.id for e in what_they_can_see(session, holder, as_school)] == [event.id, told.id]
    after = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(days=5))
    assert what_they_can_see(session, after, as_school) == []


# What the log says when sharing stops or runs out ---------------------------------------------

def log_of(session, book, action):
    return {row.details["grant"]: row for row in session.scalars(select(AccessLogRow).where(
        AccessLogRow.family_id == book.family.id, AccessLogRow.action == action))}


def each_way_of_sharing(session, book, holder, until=None):
    """One share of each kind: an entry by name, a category, everything from a date, the plan."""
    entry = story(session, holder, "Moving house")
    return [share_entry(session, holder, entry, pat(book), until=until),
            share_category(session, holder, "school", pat(book), until=until),
            share_present_and_future(session, holder, 3, pat(book), until=until),
            share_plan_part(session, holder, "plan", pat(book), until=until)]


def test_a_stopped_share_is_logged_naming_what_it_covered_as_its_start_was(
        app, session, book, holder):
    grants = each_way_of_sharing(session, book, holder)
    later = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=1))
    for grant in grants:
        stop_grant(session, later, grant)
    started, stopped = log_of(session, book, "grant"), log_of(session, book, "revoke")
    for grant in grants:
        row = stopped[grant.id]
        assert {**row.details, "who": "Ms Patel"} == started[grant.id].details
        assert row.details["who"] == "Ms Patel (Riverside School)"
        assert (row.actor_id, row.entry_id, row.created_at) == (
            book.holder.id, grant.entry_id, later.now)
        start = started[grant.id]
        assert (start.actor_id, start.entry_id, start.created_at) == (
            book.holder.id, grant.entry_id, holder.now)
    session.commit()
    page = seen(sign_in(app.test_client(), book.holder).get(
        f"/families/{book.family.id}/access-log").get_data(as_text=True))
    for what in ("“Moving house”", "everything about school and learning",
                 f"everything from {grants[2].from_date} on", "the plan"):
        assert f"Sam Carter stopped sharing {what} with Ms Patel (Riverside School)" in page


def test_stopping_a_share_twice_is_refused_and_logged_once(session, book, holder):
    grant = share_category(session, holder, "school", pat(book))
    stop_grant(session, holder, grant)
    later = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(hours=1))
    with pytest.raises(NotAllowed):
        stop_grant(session, later, grant)
    assert grant.revoked_at == holder.now and len(revokes(session, book)) == 1


def test_the_log_names_whoever_a_share_was_with_as_the_family_knows_them(session, book, holder):
    """A professional of an organisation with it, one on their own by name, an organisation by
    its name."""
    on_their_own = create_account(session, "nia", "Nia Brook", "professional", PASSWORD)
    school = create_organisation(session, "Hillside School")
    grants = {"Ms Patel (Riverside School)": share_category(session, holder, "home", pat(book)),
              "Nia Brook": share_category(session, holder, "home",
                                          Grantee(on_their_own.id, None, "Nia Brook")),
              "Hillside School": share_category(session, holder, "home",
                                                Grantee(None, school.id, school.name))}
    for grant in grants.values():
        stop_grant(session, holder, grant)
    stopped = log_of(session, book, "revoke")
    assert {stopped[grant.id].details["who"]: grant for grant in grants.values()} == grants


def test_a_share_that_runs_out_is_logged_at_its_end_naming_what_it_covered(session, book,
                                                                           holder):
    grants = each_way_of_sharing(session, book, holder,
                                 until=(holder.now + timedelta(days=1)).date())
    end = grants[0].expires_at
    record_expiries(session, book.family.id, end - timedelta(microseconds=1))
    assert log_of(session, book, "expire") == {}
    record_expiries(session, book.family.id, end)
    started, ended = log_of(session, book, "grant"), log_of(session, book, "expire")
    assert set(ended) == {grant.id for grant in grants}
    for grant in grants:
        row = ended[grant.id]
        assert {**row.details, "who": "Ms Patel"} == started[grant.id].details
        assert row.details["who"] == "Ms Patel (Riverside School)"
        assert (row.actor_id, row.entry_id, row.created_at) == (
            book.holder.id, grant.entry_id, end)


def test_only_this_familys_shares_that_ran_out_are_logged_in_its_book(session, book, holder):
    """A share stopped before its end does not "come to its end" as well; another family's
    share with the same professional is logged in their book, when their turn comes."""
    until = (holder.now + timedelta(days=1)).date()
    stopped = share_category(session, holder, "home", pat(book), until=until)
    stop_grant(session, holder, stopped)
    other = reader_for(session, book.other_holder, book.other_family.id)
    theirs = share_category(session, other, "home", pat(book), until=until)
    later = holder.now + timedelta(days=3)
    record_expiries(session, book.family.id, later)
    assert log_of(session, book, "expire") == {}
    assert theirs.expiry_logged_at is None
    record_expiries(session, book.other_family.id, later)
    assert theirs.expiry_logged_at == later


def test_holders_are_warned_once_of_each_share_ending_within_three_days(session, book, holder):
    """Three days ahead to the instant: not a share ending a day after that, one already
    stopped, one with no end, or another family's."""
    last_day = (holder.now + timedelta(days=5)).date()
    ending = share_category(session, holder, "home", pat(book), until=last_day)
    share_category(session, holder, "school", pat(book), until=last_day + timedelta(days=1))
    stopped = share_category(session, holder, "money", pat(book), until=last_day)
    stop_grant(session, holder, stopped)
    share_category(session, holder, "health", pat(book))
    other = reader_for(session, book.other_holder, book.other_family.id)
    share_category(session, other, "home", pat(book), until=last_day)
    now = ending.expires_at - timedelta(days=3)
    record_expiries(session, book.family.id, now)
    record_expiries(session, book.family.id, now)
    told = session.scalars(select(Notification).where(Notification.kind == "grant_ending")).all()
    assert sorted((n.account_id, n.family_id, n.params, n.dedupe_key, n.created_at)
                  for n in told) == [
        (account.id, book.family.id, {"who": "Ms Patel (Riverside School)"},
         f"ending:{ending.id}", now) for account in (book.holder, book.second_holder)]


# What someone sees of the plan ---------------------------------------------------------------

def test_the_plan_goals_someone_sees_are_those_shared_with_them_at_the_askers_time(
        session, book, holder):
    goals = {"7": "Find a new school", "9": "Sleep better"}
    school = create_organisation(session, "Hillside School")
    as_school = Grantee(None, school.id, school.name)
    share_plan_part(session, holder, "goal:9", pat(book),
                    until=(holder.now + timedelta(days=2)).date(), title="Sleep better")
    share_plan_part(session, holder, "plan", as_school)
    assert plan_goals_they_can_see(session, holder, pat(book), goals) == ["Sleep better"]
    assert plan_goals_they_can_see(session, holder, as_school, goals) == [
        "Find a new school", "Sleep better"]
    after = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(days=5))
    assert plan_goals_they_can_see(session, after, pat(book), goals) == []
    assert plan_goals_they_can_see(session, after, as_school, goals) == [
        "Find a new school", "Sleep better"]


# A booklet made for someone outside the family -----------------------------------------------

def test_a_professionals_booklet_is_theirs_to_collect_only_while_nothing_shared_has_stopped(
        session, book, holder):
    """The booklet holds what was shared while it was being made, up to the instant it was
    finished: a share with them stopped or run out since then (that instant included) holds it
    back; a share of another family's, or with someone else, does not."""
    base = holder.now
    stopped = share_entry(session, holder, story(session, holder, "Moving house"), pat(book))
    stopped_at = base + timedelta(hours=2)
    stop_grant(session, reader_for(session, book.holder, book.family.id, now=stopped_at), stopped)
    ending = share_category(session, holder, "school", pat(book),
                            until=(base + timedelta(days=1)).date())
    share_category(session, holder, "home", pat(book), until=(base + timedelta(days=30)).date())
    ends_at = ending.expires_at
    # Stopped after the booklet below was made, but not shared with Ms Patel, or not here.
    elsewhere_at = stopped_at + timedelta(hours=1)
    school = create_organisation(session, "Hillside School")
    for account, family_id, grantee in (
            (book.other_holder, book.other_family.id, pat(book)),
            (book.holder, book.family.id, Grantee(None, school.id, school.name))):
        grant = share_category(session, reader_for(session, account, family_id), "home", grantee)
        stop_grant(session, reader_for(session, account, family_id, now=elsewhere_at), grant)

    def collects(made_at, now, asked_by=book.professional.id):
        as_pat = reader_for(session, book.professional, book.family.id, now=now)
        return may_collect_booklet(session, as_pat, asked_by, made_at)

    just_after = timedelta(microseconds=1)
    assert not collects(stopped_at, stopped_at + timedelta(hours=1))
    assert collects(stopped_at + just_after, ends_at - just_after)
    assert not collects(stopped_at + just_after, ends_at - just_after, asked_by=book.advocate.id)
    assert not collects(stopped_at + just_after, ends_at)
    assert not collects(ends_at, ends_at + timedelta(hours=1))
    assert collects(ends_at + just_after, ends_at + timedelta(hours=1))


def test_a_booklet_is_not_collected_by_someone_no_longer_connected(session, book, holder):
    made_at = holder.now
    share_category(session, holder, "home", pat(book))
    connection = session.scalar(select(Connection).where(
        Connection.account_id == book.professional.id))
    connection.ended_at = made_at + timedelta(minutes=5)
    session.flush()
    as_pat = reader_for(session, book.professional, book.family.id,
                        now=made_at + timedelta(minutes=10))
    assert not may_collect_booklet(session, as_pat, book.professional.id, made_at)


# A handover note ---------------------------------------------------------------------------

def test_a_handover_note_is_read_by_the_advocate_it_was_written_for_while_they_lead(
        session, book, holder):
    cole = create_account(session, "cole", "Cole Colleague", "professional", PASSWORD,
                          book.professional.organisation)
    connect_with_code(session, cole, new_connection_code(session, holder), utcnow())
    to_pat = leads.change_advocate(session, holder, f"a{book.professional.id}",
                                   "Jo starts a new school in May")
    to_cole = leads.change_advocate(session, holder, f"a{cole.id}",
                                    "Ms Patel knows about the housing")
    changes = leads.history(session, book.family.id)

    def notes_for(account):
        return reading.handover_notes(session, reader_for(session, account, book.family.id),
                                      changes)

    assert notes_for(cole) == {to_cole.id: "Ms Patel knows about the housing"}
    # Ms Patel stepped down: she stays connected, and her note is no longer hers to read.
    assert notes_for(book.professional) == {}
    assert notes_for(book.holder) == {to_pat.id: "Jo starts a new school in May",
                                      to_cole.id: "Ms Patel knows about the housing"}



# Who opens the book, and whose words stay theirs ----------------------------------------------

def test_the_advocate_opens_the_book_unconnected_and_no_one_outside_once_it_is_closing(
        session, book, holder):
    as_ava = reader_for(session, book.advocate, book.family.id)
    as_pat = reader_for(session, book.professional, book.family.id)
    assert may_open_book(session, as_ava) and may_open_book(session, as_pat)
    erasure.ask_to_delete(session, holder)
    assert not may_open_book(session, as_ava) and not may_open_book(session, as_pat)
    assert may_open_book(session, holder)


def test_a_professionals_note_added_to_the_book_is_not_edited_by_the_holder_who_added_it(
        session, book, holder):
    sent = notes.send(session, reader_for(session, book.professional, book.family.id),
                      "Assessment result", "Jo is doing well")
    entry = notes.add_to_book(session, holder, sent.id, "school")
    assert entry.owner_account_id == book.holder.id
    assert not may_edit(session, holder, entry)



def test_holders_edit_each_others_entries_and_a_young_person_edits_only_their_own(
        session, book, holder):
    as_lee = reader_for(session, book.second_holder, book.family.id)
    as_jo = reader_for(session, book.young, book.family.id)
    sams = story(session, holder, "Moving house")
    jos_shown = story(session, as_jo, "My new school", visibility="family")
    jos_secret = story(session, as_jo, "Only for me", visibility="private")
    assert may_edit(session, as_lee, sams) and not may_edit(session, as_jo, sams)
    assert may_edit(session, as_jo, jos_shown) and may_edit(session, as_jo, jos_secret)
    assert not may_edit(session, holder, jos_shown) and not may_edit(session, holder, jos_secret)



def test_who_shares_and_stops_sharing_an_entry_is_its_owner_or_a_holder_of_adults_words(
        session, book, holder):
    """The advocate shares nothing; a young person shares and stops only their own; a holder
    not a young person's; another family's holder stops nothing of this book."""
    as_ava = reader_for(session, book.advocate, book.family.id)
    as_jo = reader_for(session, book.young, book.family.id)
    as_olu = reader_for(session, book.other_holder, book.other_family.id)
    sams = story(session, holder, "Moving house")
    jos_shown = story(session, as_jo, "My new school", visibility="family")
    assert may_share(session, holder, sams) and may_share(session, as_jo, jos_shown)
    assert not may_share(session, as_ava, sams) and not may_share(session, as_jo, sams)
    assert not may_share(session, holder, jos_shown)
    of_sams = share_entry(session, holder, sams, pat(book))
    of_home = share_category(session, holder, "home", pat(book))
    assert may_stop(session, holder, of_sams) and may_stop(session, holder, of_home)
    assert not may_stop(session, as_jo, of_sams)
    assert not may_stop(session, as_olu, of_home)



def test_holders_and_the_advocate_agree_the_plan_and_a_young_person_only_when_asked(
        session, book, holder):
    as_ava = reader_for(session, book.advocate, book.family.id)
    as_jo = reader_for(session, book.young, book.family.id)
    as_pat = reader_for(session, book.professional, book.family.id)
    assert may_agree_plan(holder) and may_agree_plan(as_ava)
    assert may_agree_plan(as_jo, asked_as_young_person=True) and not may_agree_plan(as_jo)
    assert not may_agree_plan(as_pat, asked_as_young_person=True)


# What a share may be ---------------------------------------------------------------------------

def test_a_whole_part_is_1_to_24_months_back_or_a_category_the_book_has(session, book, holder):
    for months in (0, 25):
        with pytest.raises(Invalid) as refused:
            share_present_and_future(session, holder, months, pat(book))
        assert list(refused.value.problems) == ["months"]
    with pytest.raises(Invalid) as refused:
        share_category(session, holder, "secrets", pat(book))
    assert list(refused.value.problems) == ["category"]
    # The end date must be after the day the family shares on, as the book's clock has it.
    days_on = reader_for(session, book.holder, book.family.id, now=holder.now + timedelta(days=5))
    with pytest.raises(Invalid) as refused:
        share_category(session, days_on, "home", pat(book),
                       until=(holder.now + timedelta(days=2)).date())
    assert list(refused.value.problems) == ["until"]
    assert live_grants(session, holder) == []
    assert share_present_and_future(session, holder, 24, pat(book)).recent_months == 24


def test_what_a_share_is_for_is_kept_to_300_characters_and_no_reason_is_none(session, book,
                                                                             holder):
    entry = story(session, holder, "Moving house")
    reason = ("For the school move. " * 15)[:300]
    kept = share_entry(session, holder, entry, pat(book), purpose=reason)
    with pytest.raises(Invalid) as refused:
        share_entry(session, holder, entry, pat(book), purpose=reason + "!")
    assert list(refused.value.problems) == ["purpose"]
    assert share_category(session, holder, "school", pat(book),
                          purpose="For the review").purpose == "For the review"
    unsaid = [share_entry(session, holder, entry, pat(book)),
              share_category(session, holder, "home", pat(book), purpose="   ")]
    started = log_of(session, book, "grant")
    assert kept.purpose == reason.strip() and started[kept.id].details["purpose"] == reason.strip()
    for grant in unsaid:
        assert grant.purpose is None and "purpose" not in started[grant.id].details


def test_a_professional_is_shown_the_earliest_live_share_with_them_behind_each_entry(
        session, book, holder):
    """Not a stopped one, one with someone else, another family's, or one of another entry."""
    moving = story(session, holder, "Moving house", category="home")
    school = story(session, holder, "School", category="school")

    def at(hours, account=book.holder, family_id=book.family.id):
        return reader_for(session, account, family_id, now=holder.now + timedelta(hours=hours))

    share_category(session, at(-3, book.other_holder, book.other_family.id), "home", pat(book))
    stop_grant(session, at(-2), share_category(session, at(-2), "home", pat(book)))
    share_entry(session, at(-1), moving, Grantee(book.advocate.id, None, "Ava Advocate"))
    by_category = share_category(session, at(0), "home", pat(book))
    share_entry(session, at(1), moving, pat(book))
    as_pat = reader_for(session, book.professional, book.family.id, now=at(2).now)
    assert grants_for_reader(session, as_pat, [moving.id, school.id]) == {moving.id: by_category}
    assert grants_for_reader(session, as_pat, []) == {}


def test_the_whole_plan_shared_opens_an_ended_plan_only_if_shared_before_it_ended(
        session, book, holder):
    """Sharing today's plan does not open the family's past plans; a goal shared is that goal
    wherever it is; another family's share of its plan opens nothing here."""
    school = create_organisation(session, "Hillside School")
    share_plan_part(session, holder, "plan", pat(book))
    goal = share_plan_part(session, holder, "goal:9", Grantee(None, school.id, school.name),
                           title="Sleep better")
    assert log_of(session, book, "grant")[goal.id].details == {
        "who": "Hillside School", "grant": goal.id, "plan_part": "goal:9", "title": "Sleep better"}
    theirs = reader_for(session, book.other_holder, book.other_family.id)
    share_plan_part(session, theirs, "plan", Grantee(None, school.id, school.name))
    as_pat = reader_for(session, book.professional, book.family.id)
    as_school = grantee_reader(book.family.id, None, school.id, as_pat.now)
    assert readable_plan_parts(session, as_pat, holder.now - timedelta(days=1)) == set()
    assert readable_plan_parts(session, as_pat, holder.now) == "all"
    assert readable_plan_parts(session, as_school, holder.now - timedelta(days=1)) == {"9"}
    assert readable_plan_parts(session, as_school) == {"9"}
    # Asked to be deleted, the book is closed at once to everyone outside the family.
    erasure.ask_to_delete(session, holder)
    assert readable_plan_parts(session, as_school) == set()
    assert plan_goals_they_can_see(session, holder, Grantee(None, school.id, school.name),
                                   {"9": "Sleep better"}) == []
