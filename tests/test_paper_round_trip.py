"""The paper round trip: the advocate types in what the family wrote on its paper booklet; a
holder confirms it there and then on the advocate's phone, with their own way in, or later."""

from io import BytesIO

from conftest import PASSWORD, log_rows, seen, sign_in
from pypdf import PdfReader
from sqlalchemy import func, select

from print_templates.booklet import Options, build_booklet
from record_book.book import proposals
from record_book.book.model import Entry, Proposal
from record_book.book.paper import PAPER_PAGES
from record_book.policy import reader_for


def page_of(kind, section, title, words):
    values = {"category": "family_life", "title": title, "text": words}
    if section:
        values["section"] = section
    return values


def test_the_advocate_types_a_page_and_the_family_confirms_it_at_the_sitting(
        app, session, book):
    family = f"/families/{book.family.id}"
    ava = sign_in(app.test_client(), book.advocate)
    pages = ava.get(f"{family}/write").text
    assert "What has helped" in pages and "Our timeline" in pages
    form = ava.get(f"{family}/from-paper/story?section=what_helped").text
    assert 'value="what_helped" checked' in form
    for title, words in (("Nan's Sundays", "Nan has the kids on Sundays."),
                         ("The food bank", "We went twice in May."),
                         ("Shouting", "I wrote this on a bad day.")):
        response = ava.post(f"{family}/from-paper/story", data={
            **page_of("story", "what_helped", title, words)})
        assert response.headers["Location"].endswith("/from-paper/confirm")
    confirm = ava.get(f"{family}/from-paper/confirm").text
    assert "Nan has the kids on Sundays." in confirm
    ids = [p.id for p in session.scalars(select(Proposal).order_by(Proposal.id))]

    # A wrong password, or someone who is not a holder: nothing is answered.
    answers = {f"answer-{ids[0]}": "accept", f"answer-{ids[1]}": "accept",
               f"answer-{ids[2]}": "refuse"}
    for username, password in ((book.holder.username, "not it"),
                               (book.young.username, PASSWORD),
                               (book.other_holder.username, PASSWORD)):
        response = ava.post(f"{family}/from-paper/confirm", data={
            **answers, "username": username, "password": password})
        assert response.status_code == 400
        assert "not those of a holder of this book" in response.text
    assert session.scalar(select(func.count()).select_from(Entry).where(
        Entry.kind == "story")) == 0

    response = ava.post(f"{family}/from-paper/confirm", data={
        **answers, "username": book.holder.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "2 added to their book, 1 left out" in ava.get(response.headers["Location"]).text
    # The advocate is still signed in as the advocate, and still sees only what is shared.
    assert ava.get(f"{family}/from-paper/confirm").status_code == 200
    assert "Nan has the kids on Sundays." not in ava.get(f"{family}/story").text

    sam = sign_in(app.test_client(), book.holder)
    story = sam.get(f"{family}/story").text
    assert "Nan&#39;s Sundays" in story and "The food bank" in story
    assert "Shouting" not in story
    entry = session.scalar(select(Entry).where(Entry.title == "Nan's Sundays"))
    page = sam.get(f"{family}/entries/{entry.id}").text
    assert "From our paper book, typed by Ava Advocate on" in page
    # The family's own words: theirs to change, unlike a professional's.
    assert entry.written_by_id is None and entry.owner_account_id == book.holder.id
    assert sam.get(f"{family}/entries/{entry.id}/edit").status_code == 200
    log = seen(sam.get(f"{family}/access-log").text)
    assert "Ava Advocate (Riverside School) typed in “The food bank” from your paper book" in log
    assert "Sam Carter added “The food bank” from your paper book on" in log
    assert "sitting with Ava Advocate" in log
    assert [row.actor_id for row in log_rows(session, book.family.id)][:3] == [
        book.holder.id] * 3


def test_a_page_not_answered_at_the_sitting_waits_for_the_familys_own_sign_in(
        app, session, book):
    advocate = reader_for(session, book.advocate, book.family.id)
    later = proposals.propose(session, advocate, "helps", {
        "section": "avoid", "title": "Phone calls before ten", "category": "family_life"},
        from_paper=True)
    session.commit()
    family = f"/families/{book.family.id}"
    ava = sign_in(app.test_client(), book.advocate)
    response = ava.post(f"{family}/from-paper/confirm", data={
        f"answer-{later.id}": "", "username": book.holder.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "Choose yes or no for at least one page" in response.text
    sam = sign_in(app.test_client(), book.holder)
    waiting = sam.get(f"{family}/waiting").text
    assert "Phone calls before ten" in waiting
    assert "From our paper book, typed by Ava Advocate" in waiting


def test_only_the_advocate_types_from_paper(app, session, book):
    family = f"/families/{book.family.id}"
    for account in (book.professional, book.holder, book.other_holder):
        client = sign_in(app.test_client(), account)
        assert client.get(f"{family}/from-paper/story").status_code == 404
        assert client.get(f"{family}/from-paper/confirm").status_code == 404


def test_the_booklets_blank_pages_name_where_each_goes_in_the_online_book(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    booklet = build_booklet(session, holder, Options(sections=frozenset({"blank_pages"}),
                                                     online_url="https://book.example.org/"))
    pages = [" ".join(page.extract_text().split())
             for page in PdfReader(BytesIO(booklet.pdf)).pages]
    for paper_page, where in (("What has helped", "Story section"),
                              ("What to avoid", "What helps us or what to avoid"),
                              ("Our timeline", "Timeline event"),
                              ("Services involved with us", "Service")):
        assert any(paper_page in text and f"To type into the online book: {where}" in text
                   for text in pages), paper_page
    assert len(PAPER_PAGES) == 9
