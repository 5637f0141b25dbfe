"""Consent in plain words: a share can say what it is for, and the professional and the log say
it too."""

from conftest import sign_in
from sqlalchemy import select

from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.policy import reader_for
from record_book.sharing.connections import connect_with_code, new_connection_code
from record_book.sharing.model import Grant

PURPOSE = "for the school support meeting on 12 May"


def _story(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder),
                      holder.now)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "school", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    return entry


def test_a_share_carries_its_purpose_to_the_professional_and_the_log(app, session, book):
    entry = _story(session, book)
    family = f"/families/{book.family.id}"
    sam = sign_in(app.test_client(), book.holder)
    form = {"grantee": f"a{book.professional.id}", "purpose": PURPOSE}
    check = sam.post(f"{family}/entries/{entry.id}/sharing", data=form)
    assert f"What it is for: {PURPOSE}" in check.text
    assert sam.post(f"{family}/entries/{entry.id}/sharing",
                    data={**form, "checked": "yes"}).status_code == 302
    assert session.scalar(select(Grant.purpose)) == PURPOSE
    assert f"For: {PURPOSE}" in sam.get(f"{family}/entries/{entry.id}/sharing").text
    assert "with Ms Patel (Riverside School) on" in sam.get(f"{family}/access-log").text
    assert f"for: “{PURPOSE}”" in sam.get(f"{family}/access-log").text
    pat = sign_in(app.test_client(), book.professional)
    assert f"For: {PURPOSE}" in pat.get(f"{family}/entries/{entry.id}").text


def test_a_whole_part_shared_for_a_purpose_and_a_purpose_too_long(app, session, book):
    _story(session, book)
    family = f"/families/{book.family.id}"
    sam = sign_in(app.test_client(), book.holder)
    too_long = sam.post(f"{family}/sharing/whole", data={
        "grantee": f"a{book.professional.id}", "category": "school", "purpose": "x" * 301})
    assert too_long.status_code == 400
    assert "Keep what it is for to 300 characters or fewer" in too_long.text
    assert session.scalar(select(Grant.id)) is None
    assert sam.post(f"{family}/sharing/whole", data={
        "grantee": f"a{book.professional.id}", "category": "school",
        "purpose": PURPOSE, "checked": "yes"}).status_code == 302
    assert f"For: {PURPOSE}" in sam.get(f"{family}/sharing").text
    pat = sign_in(app.test_client(), book.professional)
    assert f"For: {PURPOSE}" in pat.get(f"{family}/story").text


def test_sharing_a_whole_part_asks_first_and_says_what_with_whom_until_when(app, session, book):
    _story(session, book)
    family = f"/families/{book.family.id}"
    sam = sign_in(app.test_client(), book.holder)
    form = {"grantee": f"a{book.professional.id}", "category": "school", "until": "2099-03-01"}
    check = sam.post(f"{family}/sharing/whole", data=form)
    assert check.status_code == 200
    assert ("Share “Everything about: School and learning” with <bdi>Ms Patel (Riverside School)"
            "</bdi> until 1 March 2099?") in check.text
    assert "what you write there later is shared too" in check.text
    assert session.scalar(select(Grant.id)) is None
    assert sam.post(f"{family}/sharing/whole", data={**form, "checked": "yes"}).status_code == 302
    assert session.scalar(select(Grant.category)) == "school"


def test_sharing_the_recent_months_asks_first_and_refuses_a_bad_count_before(app, session, book):
    _story(session, book)
    family = f"/families/{book.family.id}"
    sam = sign_in(app.test_client(), book.holder)
    form = {"grantee": f"a{book.professional.id}", "what": "recent", "months": "6"}
    check = sam.post(f"{family}/sharing/whole", data=form)
    assert "everything you wrote in the last 6 months and from now on" in check.text
    assert session.scalar(select(Grant.id)) is None
    assert sam.post(f"{family}/sharing/whole", data={**form, "months": "30"}).status_code == 400
    assert sam.post(f"{family}/sharing/whole", data={**form, "checked": "yes"}).status_code == 302
    assert session.scalar(select(Grant.recent_months)) == 6
