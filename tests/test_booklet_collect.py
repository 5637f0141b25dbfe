"""Who may collect a booklet the worker made: only the person who asked, and someone outside the
family only while nothing shared with them has stopped or run out since it was made. A share
stopped at the very instant the booklet was made counts as stopped since; other people's shares,
and other families', change nothing."""

from datetime import timedelta

import pytest
import test_sharing_edges
from conftest import PASSWORD
from test_sharing import pat, story

from record_book.accounts.accounts import create_account
from record_book.clock import utcnow
from record_book.policy import may_collect_booklet, reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry, stop_grant

holder = test_sharing_edges.holder  # a fixture: the holder, with Ms Patel connected

MADE = utcnow().replace(microsecond=0) - timedelta(hours=1)


def pat_collects(session, book, made_at=MADE):
    as_pat = reader_for(session, book.professional, book.family.id)
    return may_collect_booklet(session, as_pat, book.professional.id, made_at)


def stop_at(session, book, grant, when):
    stop_grant(session, reader_for(session, book.holder, book.family.id, now=when), grant)


@pytest.fixture
def shared(session, book, holder):
    return share_entry(session, holder, story(session, holder, "Moving house"), pat(book))


def test_the_person_who_asked_collects_it_while_nothing_changed(session, book, shared):
    assert pat_collects(session, book)


def test_nobody_else_collects_it_even_one_who_may_print_the_book(session, book, holder, shared):
    colleague = create_account(session, "cat", "Cat Colleague", "professional", PASSWORD,
                               book.professional.organisation)
    connect_with_code(session, colleague, new_connection_code(session, holder), utcnow())
    as_colleague = reader_for(session, colleague, book.family.id)
    assert not may_collect_booklet(session, as_colleague, book.professional.id, MADE)
    as_holder = reader_for(session, book.holder, book.family.id)
    assert may_collect_booklet(session, as_holder, book.holder.id, MADE)
    assert not may_collect_booklet(session, as_holder, book.second_holder.id, MADE)


@pytest.mark.parametrize("stopped, collects", [
    (MADE - timedelta(minutes=5), True),
    (MADE - timedelta(microseconds=1), True),
    (MADE, False),
    (MADE + timedelta(minutes=5), False),
])
def test_a_share_stopped_since_it_was_made_sends_them_to_make_it_again(
        session, book, shared, stopped, collects):
    stop_at(session, book, shared, stopped)
    assert pat_collects(session, book) is collects


@pytest.mark.parametrize("ran_out, collects", [
    (MADE - timedelta(minutes=5), True),
    (MADE, False),
    (MADE + timedelta(minutes=5), False),
    (utcnow() + timedelta(days=2), True),
])
def test_a_share_that_ran_out_since_it_was_made_sends_them_to_make_it_again(
        session, book, shared, ran_out, collects):
    shared.expires_at = ran_out
    session.flush()
    assert pat_collects(session, book) is collects


def test_a_share_that_runs_out_at_this_very_instant_has_run_out(session, book, shared):
    as_pat = reader_for(session, book.professional, book.family.id)
    shared.expires_at = as_pat.now
    session.flush()
    assert not may_collect_booklet(session, as_pat, book.professional.id, MADE)


def test_someone_elses_share_stopping_changes_nothing(session, book, holder, shared):
    other = share_entry(session, holder, story(session, holder, "School"),
                        Grantee(book.advocate.id, None, "Ava Advocate"))
    stop_at(session, book, other, MADE + timedelta(minutes=5))
    assert pat_collects(session, book)


def test_another_familys_share_stopping_changes_nothing(session, book, shared):
    other_holder = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, other_holder),
                      utcnow())
    theirs = share_entry(session, other_holder, story(session, other_holder, "Theirs"),
                         pat(book))
    stop_grant(session, reader_for(session, book.other_holder, book.other_family.id,
                                   now=MADE + timedelta(minutes=5)), theirs)
    assert pat_collects(session, book)
