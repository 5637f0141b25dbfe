from hypothesis import given
from hypothesis import strategies as st

from record_book.glossary.terms import Term
from record_book.glossary.words import Glossary, glossary

SAMPLE = Glossary((
    Term("CAF", "A form.", ("Common Assessment Framework",)),
    Term("child protection", "Keeping children safe."),
    Term("child protection plan", "A plan to keep a child safe."),
    Term("TAF", "A team.", ("Team Around the Family",)),
))


def names(text, terms=SAMPLE):
    return [t.term for t in terms.find(text)]


def test_terms_are_found_whatever_their_case():
    assert names("the caf was done, then a Team around the family met") == ["CAF", "TAF"]


def test_only_whole_words_match():
    assert names("café CAFs xCAF CAF-based") == ["CAF"]


def test_the_longest_term_wins_and_the_shorter_inside_it_is_not_found():
    assert names("We have a Child Protection Plan now") == ["child protection plan"]
    assert names("child protection matters; a child protection plan") == [
        "child protection", "child protection plan"]


def test_nothing_inside_a_link_or_a_tag_matches():
    assert names('<a href="/caf">the CAF form</a> <p class="TAF">hello</p>') == []


def test_a_term_split_over_a_line_still_matches():
    assert names("Team Around\nthe Family") == ["TAF"]


def test_each_term_is_listed_once_in_order_of_first_use():
    assert names("TAF then CAF then TAF") == ["TAF", "CAF"]


FORMS = [form for term in SAMPLE.terms for form in (term.term, *term.also)]
TERM_OF = {form: term.term for term in SAMPLE.terms for form in (term.term, *term.also)}
PIECES = st.one_of(
    st.sampled_from(FORMS).map(lambda form: (form, form)),
    st.sampled_from(FORMS).map(lambda form: (None, f'<a href="/x">{form}</a>')),
    st.sampled_from(["we", "met", "today", "<p>", "</p>", "<br>", "—", "🎉", "ہم"]).map(
        lambda word: (None, word)))


@given(st.lists(st.tuples(PIECES, st.sampled_from([" ", "\n", ", ", ". "]), st.booleans()),
                max_size=10))
def test_every_term_written_is_found_once_in_order_and_nothing_else(pieces):
    """A text built of terms (in any case), ordinary words, tags and links: exactly the terms
    written outside links are found, each once, in the order of first use."""
    text = "".join((shown.upper() if shout else shown) + gap
                   for (_form, shown), gap, shout in pieces)
    expected = []
    for (form, _shown), _gap, _shout in pieces:
        if form is not None and TERM_OF[form] not in expected:
            expected.append(TERM_OF[form])
    assert names(text) == expected, text


@given(st.text())
def test_any_text_finds_only_terms_it_holds(text):
    words = " ".join(text.split()).casefold()
    for term in glossary().find(text):
        assert any(form.casefold() in words for form in (term.term, *term.also)), term


def test_a_page_explains_the_jargon_in_what_the_family_wrote(app, session, book):
    from conftest import sign_in
    from markupsafe import escape

    from record_book.book.families import own_member_entry_id
    from record_book.glossary.terms import TERMS
    from record_book.policy import reader_for

    holder = reader_for(session, book.holder, book.family.id)
    client = sign_in(app.test_client(), book.holder)
    client.post(f"/families/{book.family.id}/new/story", data={
        "section": "story_so_far", "title": "Our first TAF",
        "text": "They did a caf with us.", "category": "family_life",
        "owner_member_id": str(own_member_entry_id(session, holder))})
    page = client.get(f"/families/{book.family.id}/story").text
    by_term = {t.term: t for t in TERMS}
    for term in ("TAF", "CAF"):
        assert f"What does “{term}” mean?" in page
        meaning, example = (str(escape(text)) for text in (by_term[term].meaning,
                                                            by_term[term].example))
        assert meaning in page and example in page
        assert page.index(meaning) < page.index("For example:", page.index(meaning)) \
            < page.index(example)
    assert "<details" in page and "title=" not in page.split("glossary-notes")[1][:400]


def test_a_portal_admin_adds_a_local_word_and_pages_explain_it(app, session, book):
    from conftest import PASSWORD, sign_in

    from record_book.accounts.accounts import create_account
    from record_book.book.families import own_member_entry_id
    from record_book.policy import reader_for

    admin = create_account(session, "root", "Robin Admin", "portal_admin", PASSWORD)
    session.commit()
    client = sign_in(app.test_client(), admin)
    bad = client.post("/admin/glossary/", data={"term": "CAF", "meaning": "Something."})
    assert bad.status_code == 400 and "That word is already explained" in bad.text
    empty = client.post("/admin/glossary/", data={"term": "Hub", "meaning": ""})
    assert "Write what it means in one short sentence" in empty.text
    assert client.post("/admin/glossary/", data={
        "term": "Early Help Hub", "also": "the Hub, EHH",
        "meaning": "The council team you call first when a family needs help."}
    ).status_code == 302
    holder = reader_for(session, book.holder, book.family.id)
    family = sign_in(app.test_client(), book.holder)
    family.post(f"/families/{book.family.id}/new/story", data={
        "section": "story_so_far", "title": "Calling EHH", "text": "We rang the hub today.",
        "category": "family_life", "owner_member_id": str(own_member_entry_id(session, holder))})
    page = family.get(f"/families/{book.family.id}/story").text
    assert "What does “Early Help Hub” mean?" in page
    assert "The council team you call first when a family needs help." in page
    assert sign_in(app.test_client(), book.holder).get("/admin/glossary/").status_code == 404


def test_every_built_in_form_is_found_spaced_and_cased_anyhow_but_never_inside_a_word():
    """Each of the matcher's branches: every built-in term and other form, in a sentence, in
    capitals, split over a line; and not when letters run on before or after it."""
    from record_book.glossary.terms import TERMS

    words = glossary()
    for term in TERMS:
        for form in (term.term, *term.also):
            for written in (form, form.upper(), form.replace(" ", " \n ")):
                found = words.find(f"We talked about the {written}, again.")
                assert term.term in [t.term for t in found], written
            assert term.term not in [t.term for t in words.find(f"x{form}x")], form
