"""The access rule at its edges, as the people on each side would notice: a share of a whole part
never reaches an entry its owner keeps private (not even from grant rows no form makes), "from
this date" includes that date, each book's rule answers for that book only, and someone in two
books is in each what they are there."""

from datetime import date, datetime, time, timedelta

import test_sharing_edges
from conftest import PASSWORD, log_rows
from sqlalchemy import select
from test_sharing import pat, story
from test_sharing_edges import pat_reads

from plans import agreement, editing
from record_book.accounts import set_up_requests
from record_book.accounts.accounts import create_account
from record_book.accounts.invitations import verify_account
from record_book.book.entries import add_entry
from record_book.book.families import join_family, own_member_entry_id
from record_book.book.model import Entry, EntryRevision
from record_book.clock import utcnow
from record_book.policy import (
    may_edit,
    may_share,
    readable_entries,
    readable_revisions,
    reader_for,
)
from record_book.sharing.grants import share_category, share_entry, share_present_and_future
from record_book.sharing.model import Grant

holder = test_sharing_edges.holder  # a fixture: the holder, with Ms Patel connected


def own_ids(session, reader, kind=None):
    return set(session.scalars(readable_entries(reader, kind).with_only_columns(Entry.id)))


def test_a_whole_category_shared_never_reaches_a_young_persons_private_entry(
        session, book, holder):
    young = reader_for(session, book.young, book.family.id)
    kept = story(session, young, "Only for me", category="health", visibility="private")
    told = story(session, holder, "For the family", category="health")
    share_category(session, holder, "health", pat(book))
    assert kept.id in own_ids(session, young)
    assert kept.id not in own_ids(session, holder)
    assert pat_reads(session, book) == {told.id}


def test_the_owner_may_share_a_private_entry_one_at_a_time(session, book, holder):
    young = reader_for(session, book.young, book.family.id)
    kept = story(session, young, "Only for me", visibility="private")
    share_entry(session, young, kept, pat(book))
    assert pat_reads(session, book) == {kept.id}


def test_the_rule_itself_keeps_private_entries_whatever_grant_rows_say(session, book, holder):
    """The forms never offer these shares (only holders share whole parts, and only a young
    person keeps entries private), but the rule does not lean on the forms: a row an older
    version, a restore or a slip wrote opens nothing kept private."""
    young = reader_for(session, book.young, book.family.id)
    kept = story(session, young, "Only for me", category="health", visibility="private")
    held = story(session, holder, "Kept back", category="home")
    held.visibility = "private"
    for fields in ({"category": "health", "granted_by_id": book.young.id},
                   {"from_date": "2000-01-01", "granted_by_id": book.young.id},
                   {"entry_id": held.id, "granted_by_id": book.second_holder.id}):
        session.add(Grant(family_id=book.family.id, grantee_account_id=book.professional.id,
                          **fields))
    session.flush()
    reads = pat_reads(session, book)
    assert reads, "the grants are live: the share from a date opens the book's other entries"
    assert kept.id not in reads and held.id not in reads


def _event(session, reader, title, day):
    return add_entry(session, reader, "event", {
        "title": title, "date-day": str(day.day), "date-month": str(day.month),
        "date-year": str(day.year), "event_type": "meeting", "category": "family_life",
        "owner_member_id": str(own_member_entry_id(session, reader))})


def test_everything_from_a_date_includes_that_very_day_and_not_the_day_before(
        session, book, holder):
    now = datetime.combine(utcnow().date(), time(12), tzinfo=utcnow().tzinfo)
    holder_then = reader_for(session, book.holder, book.family.id, now=now)
    grant = share_present_and_future(session, holder_then, 3, pat(book))
    first_day = datetime.fromisoformat(grant.from_date).date()
    on_the_day = _event(session, holder, "On the first day", first_day)
    day_before = _event(session, holder, "The day before", first_day - timedelta(days=1))
    reads = pat_reads(session, book, now=now)
    assert on_the_day.id in reads
    assert day_before.id not in reads


def test_an_entry_with_no_date_of_its_own_counts_from_the_day_it_was_written(
        session, book, holder):
    grant = share_present_and_future(session, holder, 3, pat(book))
    first_day = datetime.fromisoformat(grant.from_date).date()
    member = own_member_entry_id(session, holder)
    written = {}
    for title, day in (("Written on the first day", first_day),
                       ("Written the day before", first_day - timedelta(days=1)),
                       ("Written a year before", first_day - timedelta(days=365))):
        written[title] = add_entry(session, holder, "story", {
            "section": "story_so_far", "title": title, "text": "Words", "category": "home",
            "owner_member_id": str(member)},
            now=datetime.combine(day, time(18), tzinfo=utcnow().tzinfo)).id
    reads = pat_reads(session, book)
    assert written["Written on the first day"] in reads
    assert written["Written the day before"] not in reads
    assert written["Written a year before"] not in reads


def test_asking_for_one_kind_of_entry_gives_that_kind_only(session, book, holder):
    told = story(session, holder, "For the family")
    event = _event(session, holder, "A day out", utcnow().date())
    assert own_ids(session, holder, "story") == {told.id}
    assert event.id in own_ids(session, holder, "event")
    assert told.id not in own_ids(session, holder, "event")


def test_a_holders_saved_versions_are_of_their_own_book_only(session, book, holder):
    story(session, holder, "Ours")
    other = reader_for(session, book.other_holder, book.other_family.id)
    theirs = story(session, other, "Theirs")
    session.flush()
    versions = session.scalars(readable_revisions(holder)).all()
    assert versions, "the holder's own versions are there"
    assert theirs.id not in {version.entry_id for version in versions}
    assert {session.get(Entry, version.entry_id).family_id for version in versions} == {
        book.family.id}
    assert session.scalar(select(EntryRevision.id).where(EntryRevision.entry_id == theirs.id))


def test_a_young_person_in_their_parents_book_is_a_holder_in_their_own(session, book, holder):
    """Kai is a young person in the Other family's book, and a parent with a book of their own:
    in their own book the other holder edits and shares Kai's words as any holder's."""
    kai = create_account(session, "kai", "Kai Other", "family", PASSWORD)
    join_family(session, book.other_family, kai, "young_person")
    join_family(session, book.family, kai, "holder")
    session.flush()
    as_kai = reader_for(session, kai, book.family.id)
    words = story(session, as_kai, "Kai's words")
    assert may_edit(session, holder, words)
    assert may_share(session, holder, words)
    share_entry(session, holder, words, pat(book))
    assert pat_reads(session, book) == {words.id}


# Whom a book's plan asks, and whom a book is told about -----------------------------------------

def _member(session, reader, name, born):
    return add_entry(session, reader, "member", {
        "name": name, "relationship": "Child", "lives": "with_us",
        "date_of_birth-day": str(born.day), "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year)})


def test_a_plan_asks_its_own_books_young_people_from_the_day_they_turn_12(session, book,
                                                                          holder):
    on = date(2026, 5, 2)
    for username, name, born in (("mia", "Mia Carter", date(2014, 5, 2)),
                                 ("finn", "Finn Carter", date(2014, 5, 3))):
        join_family(session, book.family, create_account(session, username, name, "family",
                                                          PASSWORD),
                    "young_person", _member(session, holder, name, born))
    plan = editing.start_plan(session, holder)
    agreement.ask_young_people(session, holder, plan, True)
    assert [account.display_name for account in agreement.young_agreers(session, plan, on)] == [
        "Mia Carter"]
    # The Others' book has no young people to ask, whoever has them elsewhere.
    theirs = editing.start_plan(session, reader_for(session, book.other_holder,
                                                    book.other_family.id))
    assert agreement.has_young_people(session, plan)
    assert not agreement.has_young_people(session, theirs)


def test_a_set_up_code_asked_for_an_advocate_is_told_to_the_books_they_lead_only(
        session, book, holder):
    """Ava leads for the Carters, Ms Patel for the Others; a second admin of Ava's organisation,
    checked, is the one to agree."""
    portal_admin = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    org_admin = create_account(session, "oa", "Olive Admin", "org_admin", PASSWORD,
                               book.advocate.organisation)
    verify_account(session, org_admin, portal_admin)
    join_family(session, book.other_family, book.professional, "advocate")
    book.advocate.email = "ava@example.org"
    request = set_up_requests.ask(session, portal_admin, book.advocate)

    def told(family):
        return [(row.actor_id, row.details) for row in log_rows(session, family.id)
                if row.action == "setup_asked"]

    assert told(book.family) == [(portal_admin.id, {"who": "Ava Advocate",
                                                    "account_id": book.advocate.id})]
    assert told(book.other_family) == []
    assert set_up_requests.waiting_for(session, org_admin) == [request]
    assert set_up_requests.waiting_for(session, portal_admin) == []


def test_a_set_up_code_is_not_told_to_a_book_its_advocate_belongs_to_in_another_role(
        session, book, holder):
    """Ava leads for the Carters and, in her own life, holds the Others' book too (she claimed
    their invitation to join); a code asked for her is the Carters' business, not the Others'."""
    portal_admin = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    join_family(session, book.other_family, book.advocate, "holder")
    book.advocate.email = "ava@example.org"
    set_up_requests.ask(session, portal_admin, book.advocate)
    asked = {family.id: [row.actor_id for row in log_rows(session, family.id)
                         if row.action == "setup_asked"]
             for family in (book.family, book.other_family)}
    assert asked == {book.family.id: [portal_admin.id], book.other_family.id: []}
