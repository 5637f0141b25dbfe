"""Writing entries: privacy inside the family, history, and no lost edits."""

from datetime import timedelta

import pytest

from record_book import reading
from record_book.book.entries import Conflict, NotAllowed, add_entry, update_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Entry
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.policy import holder_reader, may_edit, readable_entries, readable_entry, reader_for


def story(session, reader, **changes):
    raw = {"section": "story_so_far", "title": "Moving house", "text": "We moved in March.",
           "category": "home", "owner_member_id": str(own_member_entry_id(session, reader) or
                                                      first_member(session, reader))}
    raw.update(changes)
    return raw


def first_member(session, reader):
    return session.scalar(readable_entries(reader, "member").with_only_columns(Entry.id))


def readers(session, book):
    return {name: reader_for(session, account, book.family.id)
            for name, account in book.accounts.items()}


def test_an_entry_records_its_author_owner_category_and_first_version(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", story(session, holder))
    assert (entry.owner_account_id, entry.category, entry.version) == (book.holder.id, "home", 1)
    assert [r.author_id for r in reading.history(session, holder_reader(book.holder.id, book.family.id), entry)] == [book.holder.id]


def test_a_young_persons_entry_is_private_to_them_by_default(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["young_person"], "story", story(session, r["holder"]))
    assert entry.visibility == "private"
    assert readable_entry(session, r["young_person"], entry.id) is not None
    for name in ("holder", "second_holder", "advocate", "professional", "other_family"):
        assert readable_entry(session, r[name], entry.id) is None, name


def test_a_young_person_can_choose_to_share_with_their_parents(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["young_person"], "story",
                      story(session, r["holder"], visibility="family"))
    assert readable_entry(session, r["holder"], entry.id) is not None
    assert not may_edit(session, r["holder"], entry)


def test_an_adult_can_keep_an_entry_from_the_young_people(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["holder"], "story", story(session, r["holder"],
                                                            visibility="adults"))
    assert readable_entry(session, r["second_holder"], entry.id) is not None
    assert readable_entry(session, r["young_person"], entry.id) is None


def test_nobody_outside_the_family_sees_anything_before_it_is_shared(session, book):
    r = readers(session, book)
    add_entry(session, r["holder"], "story", story(session, r["holder"]))
    for name in ("advocate", "professional", "other_family"):
        assert session.scalars(readable_entries(r[name])).all() == [], name


def test_a_holder_cannot_pick_a_visibility_only_a_young_person_has(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    with pytest.raises(Invalid) as raised:
        add_entry(session, holder, "story", story(session, holder, visibility="private"))
    assert "visibility" in raised.value.problems


def test_an_entry_cannot_be_about_someone_from_another_family(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    other = reader_for(session, book.other_holder, book.other_family.id)
    foreign_member = first_member(session, other)
    with pytest.raises(Invalid) as raised:
        add_entry(session, holder, "story",
                  story(session, holder, owner_member_id=str(foreign_member)))
    assert "owner_member_id" in raised.value.problems


def test_outsiders_cannot_add_or_change_entries(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["holder"], "story", story(session, r["holder"]))
    for name in ("advocate", "professional"):
        with pytest.raises(NotAllowed):
            add_entry(session, r[name], "story", story(session, r["holder"]))
        with pytest.raises(NotAllowed):
            update_entry(session, r[name], entry, story(session, r["holder"]), entry.version)


def test_every_save_is_kept_and_earlier_versions_stay_readable(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", story(session, holder))
    later = utcnow() + timedelta(minutes=5)
    update_entry(session, holder, entry, story(session, holder, text="We moved in April."), 1,
                 now=later)
    revisions = reading.history(session, holder_reader(book.holder.id, book.family.id), entry)
    assert [r.version for r in revisions] == [2, 1]
    assert revisions[1].fields["text"] == "We moved in March."
    assert entry.fields["text"] == "We moved in April."


def test_two_people_changing_different_fields_keep_both_changes(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["holder"], "story", story(session, r["holder"]))
    update_entry(session, r["second_holder"], entry,
                 story(session, r["holder"], title="Our move"), 1)
    outcome = update_entry(session, r["holder"], entry,
                           story(session, r["holder"], text="We moved in April."), 1)
    assert outcome.theirs_changed == {"title"}
    assert (entry.title, entry.fields["text"]) == ("Our move", "We moved in April.")
    assert entry.version == 3


def test_two_people_changing_the_same_field_get_a_conflict_and_nothing_is_saved(session, book):
    r = readers(session, book)
    entry = add_entry(session, r["holder"], "story", story(session, r["holder"]))
    update_entry(session, r["second_holder"], entry,
                 story(session, r["holder"], text="Lee's words"), 1)
    session.commit()
    with pytest.raises(Conflict) as raised:
        update_entry(session, r["holder"], entry, story(session, r["holder"], text="Sam's words"), 1)
    assert raised.value.result.conflicts == {"text": ("Lee's words",
                                                      "Sam's words")}
    session.rollback()
    assert session.get(Entry, entry.id).fields["text"] == "Lee's words"
    assert len(reading.history(session, holder_reader(book.holder.id, book.family.id), entry)) == 2


def test_a_save_racing_another_in_a_second_session_is_merged_not_overwritten(app, book):
    # Two sessions without the request's early write lock, so the second really does save in
    # between the first one's read and its write (as two PostgreSQL requests can).
    with app.app_context():
        first = app.extensions["db_sessions"]()
        holder = reader_for(first, book.holder, book.family.id)
        entry_id = add_entry(first, holder, "story", story(first, holder)).id
        first.commit()
        mine = first.get(Entry, entry_id)  # loaded at version 1
        other = app.extensions["db_sessions"]()
        other_reader = reader_for(other, book.second_holder, book.family.id)
        theirs = other.get(Entry, entry_id)
        update_entry(other, other_reader, theirs, story(other, holder, title="Their title"), 1)
        other.commit()
        other.close()
        update_entry(first, holder, mine, story(first, holder, text="My text"), 1)
        first.commit()
        saved = first.get(Entry, entry_id)
        first.refresh(saved)
        assert (saved.title, saved.fields["text"], saved.version) == (
            "Their title", "My text", 3)


def test_read_this_first_is_found_whatever_else_the_book_holds(session, book):
    """The book has one "Read this first"; asking to write another opens the one there is."""
    holder = reader_for(session, book.holder, book.family.id)
    add_entry(session, holder, "story", story(session, holder))
    assert reading.first_of_kind(session, holder, "summary") is None
    summary = add_entry(session, holder, "summary", {
        "text": "We are a family of five.", "category": "family_life",
        "owner_member_id": str(first_member(session, holder))})
    assert reading.first_of_kind(session, holder, "summary") == summary
    assert reading.first_of_kind(session, holder, "story").kind == "story"
    young = reader_for(session, book.young, book.family.id)
    assert reading.first_of_kind(session, young, "summary") == summary
