"""A child's own words: a page the family fills in with a child under 12 — what makes them
happy, what worries them, what they wish for — kept in the family until the family shares it."""

import re
from io import BytesIO

from conftest import sign_in
from pypdf import PdfReader
from sqlalchemy import select

from print_templates.booklet import Options, build_booklet
from print_templates.content import gather
from record_book.book.model import Entry
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry

HAPPY = "Playing football with Dad"


def _child(client, book, name="Mia", age=6):
    client.post(f"/families/{book.family.id}/new/member", data={
        "name": name, "relationship": "Daughter", "age": str(age), "lives": "with_us"})
    return max(client.application.extensions["db_sessions"]().scalars(
        select(Entry.id).where(Entry.kind == "member")))


def _page(client, book, child, **words):
    return client.post(f"/families/{book.family.id}/new/voice", data={
        "owner_member_id": str(child), "category": "family_life", "visibility": "family",
        **words})


def test_a_child_under_twelve_is_offered_a_page_and_it_shows_under_them(client, book):
    sign_in(client, book.holder)
    mia = _child(client, book, "Mia", 6)
    _child(client, book, "Kuba", 13)
    people = client.get(f"/families/{book.family.id}/people").text
    assert "Write a page with Mia: what makes them happy" in people
    assert "Write a page with Kuba" not in people
    form = client.get(f"/families/{book.family.id}/new/voice?about={mia}").text
    assert "What makes me happy" in form and "What worries me" in form
    assert re.search(rf'<option value="{mia}"[^>]*selected', form) or \
        re.search(rf'value="{mia}"[^>]*checked', form)
    assert _page(client, book, mia, happy=HAPPY, wishes="A dog").status_code == 302
    people = client.get(f"/families/{book.family.id}/people").text
    assert "Mia in their own words" in people
    assert HAPPY in people and "A dog" in people


def test_an_empty_page_is_refused_in_plain_words(client, book):
    sign_in(client, book.holder)
    mia = _child(client, book)
    refused = _page(client, book, mia)
    assert refused.status_code == 400
    assert "Write at least one of the three, in the child&#39;s words" in refused.text


def test_the_page_stays_in_the_family_until_it_is_shared(app, session, client, book):
    sign_in(client, book.holder)
    mia = _child(client, book)
    _page(client, book, mia, happy=HAPPY)
    voice = session.scalar(select(Entry).where(Entry.kind == "voice"))
    advocate = sign_in(app.test_client(), book.advocate)
    assert HAPPY not in advocate.get(f"/families/{book.family.id}/people").text
    assert advocate.get(f"/families/{book.family.id}/entries/{voice.id}").status_code == 404
    share_entry(session, reader_for(session, book.holder, book.family.id), voice,
                Grantee(book.advocate.id, None, "Ava"))
    session.commit()
    assert HAPPY in advocate.get(f"/families/{book.family.id}/people").text
    assert HAPPY in advocate.get(f"/families/{book.family.id}/entries/{voice.id}").text


def test_the_booklet_prints_the_page_under_the_child(session, client, book):
    sign_in(client, book.holder)
    mia = _child(client, book)
    _page(client, book, mia, happy=HAPPY, worries="The dark")
    booklet = build_booklet(session, reader_for(session, book.holder, book.family.id),
                            Options(sections=frozenset({"people"}))).pdf
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(booklet)).pages))
    assert "Mia in their own words" in text
    assert f"What makes me happy {HAPPY}" in text and "What worries me The dark" in text
    outsider = gather(session, reader_for(session, book.advocate, book.family.id), ["people"])
    assert outsider.voices == []
