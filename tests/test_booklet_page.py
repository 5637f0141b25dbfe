"""The "Print our book" page and the print-booklet command."""

from io import BytesIO

import pytest
from conftest import log_rows, seen, sign_in
from pypdf import PdfReader

from plans import editing
from plans import sharing as plan_sharing
from plans.fields import goals
from portal.booklet_worker import make_one
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry, stop_all_sharing


def _url(book):
    return f"/families/{book.family.id}/print"


def _made(app, client, book, data):
    """Press "Make the booklet", let the worker make it, and download it as a person would."""
    asked = client.post(_url(book), data=data)
    assert asked.status_code == 302, asked.text
    assert "being made" in client.get(asked.location).text
    assert make_one(app) is not None
    ready = client.get(asked.location)
    assert "Your booklet is ready" in ready.text
    return client.get(asked.location + "/booklet.pdf")


def test_the_holder_gets_the_form_and_then_the_pdf(app, client, book):
    sign_in(client, book.holder)
    page = client.get(_url(book))
    assert page.status_code == 200
    assert "Print our book" in page.text and 'name="sections"' in page.text
    assert 'value="ur"' in page.text and 'value="a5"' in page.text

    response = _made(app, client, book, {
        "language": "en", "size": "a5", "folded": "yes", "large_print": "yes",
        "sections": ["summary", "people", "notes"]})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".pdf" in disposition
    pdf = PdfReader(BytesIO(response.data))
    assert len(pdf.pages) % 2 == 0 and pdf.trailer["/Root"]["/Lang"] == "en"
    assert [item.title for item in pdf.outline] == ["Read this first", "Our people",
                                                    "Notes and things to ask"]


def test_a_young_person_can_print_too(app, client, book):
    sign_in(client, book.young)
    response = _made(app, client, book, {"language": "ar", "size": "a4",
                                           "sections": ["people"]})
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_bad_choices_get_plain_words_not_a_crash(client, book):
    sign_in(client, book.holder)
    cases = [
        ({"language": "xx", "size": "a4", "sections": ["people"]}, "cannot print in that language"),
        ({"language": "en", "size": "b7", "sections": ["people"]}, "Choose A4 or A5"),
        ({"language": "en", "size": "a4"}, "Tick at least one part"),
        ({"language": "en", "size": "a4", "sections": ["people", "<script>"]},
         "Choose the parts of the book"),
    ]
    for data, words in cases:
        response = client.post(_url(book), data=data)
        assert response.status_code == 400, data
        assert response.mimetype == "text/html"
        assert words in response.text and "There is a problem" in response.text
        assert "<script>" not in response.text


def test_the_print_command_writes_a_booklet(app, book, tmp_path):
    out = tmp_path / "book.pdf"
    result = app.test_cli_runner().invoke(args=[
        "print-booklet", "--family", str(book.family.id), "--lang", "ur", "--large-print",
        "--size", "a5", "--folded", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "sheet sides" in result.output
    pdf = PdfReader(str(out))
    assert pdf.trailer["/Root"]["/Lang"] == "ur" and len(pdf.pages) >= 2

    missing = app.test_cli_runner().invoke(args=[
        "print-booklet", "--family", "9999", "-o", str(out)])
    assert missing.exit_code != 0 and "no family 9999" in missing.output


def _pdf_text(response) -> str:
    pdf = PdfReader(BytesIO(response.data))
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


def _a_plan_with_two_goals(session, holder):
    plan = editing.start_plan(session, holder)
    for title, area, step in (("Get the damp fixed", "home", "Write to the landlord"),
                              ("Pay off the water bill", "money", "Ring the water company")):
        mine = editing.read_form(session, holder, {"new-goal.title": title,
                                                   "new-goal.area": area},
                                 editing.latest(session, plan).content)
        editing.save(session, holder, plan, mine, plan.revision)
        goal = [g for g in goals(editing.latest(session, plan).content) if g.title == title][0]
        mine = editing.read_form(session, holder, {f"new-step.{goal.id}.what": step},
                                 editing.latest(session, plan).content)
        editing.save(session, holder, plan, mine, plan.revision)
    return plan


@pytest.fixture
def shared_with_pat(session, book):
    """Ms Patel is connected, and the family shares one story and one goal of the plan."""
    holder = reader_for(session, book.holder, book.family.id)
    me = str(own_member_entry_id(session, holder))
    shared, _kept = (add_entry(session, holder, "story", {
        "section": "story_so_far", "title": title, "text": f"Words of {title}",
        "category": "home", "owner_member_id": me}) for title in ("Moving house", "Money worries"))
    plan = _a_plan_with_two_goals(session, holder)
    connect_with_code(session, book.professional, new_connection_code(session, holder),
                      utcnow())
    pat = Grantee(book.professional.id, None, "Ms Patel")
    share_entry(session, holder, shared, pat)
    damp = [g for g in goals(editing.latest(session, plan).content)
            if g.fields["area"] == "home"][0]
    plan_sharing.share(session, holder, plan, f"goal:{damp.id}", pat)
    session.commit()
    return shared


def test_a_professional_prints_only_what_is_shared_and_the_family_sees_it(
        app, session, book, shared_with_pat):
    client = sign_in(app.test_client(), book.professional)
    page = client.get(_url(book))
    assert page.status_code == 200 and "Print what the family shares with you" in page.text
    assert "log" in page.text

    response = _made(app, client, book, {"language": "en", "size": "a4",
                                           "sections": ["story", "plan"]})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _pdf_text(response)
    assert "holds only what the family shares with Ms Patel now" in text
    assert "Moving house" in text and "Write to the landlord" in text
    assert "Money worries" not in text and "Pay off the water bill" not in text
    assert "Ring the water company" not in text

    printed = [(row.entry_id, row.details) for row in log_rows(session, book.family.id)
               if row.action == "print"]
    assert (shared_with_pat.id, {"title": "Moving house"}) in printed
    assert any(details.get("title") == "Get the damp fixed" for _id, details in printed)
    assert all(details.get("title") != "Money worries" for _id, details in printed)
    log = sign_in(app.test_client(), book.holder).get(f"/families/{book.family.id}/access-log")
    assert "Ms Patel (Riverside School) printed “Moving house” in a booklet" in seen(log.text)


def test_after_sharing_stops_a_print_holds_nothing_and_is_still_logged(
        app, session, book, shared_with_pat):
    holder = reader_for(session, book.holder, book.family.id)
    stop_all_sharing(session, holder, Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    client = sign_in(app.test_client(), book.professional)
    response = _made(app, client, book, {"language": "en", "size": "a4",
                                           "sections": ["story", "plan"]})
    text = _pdf_text(response)
    assert "Moving house" not in text and "Write to the landlord" not in text
    assert "Nothing in the book is shared with you now." in text  # and no empty parts
    session.expire_all()
    last = log_rows(session, book.family.id)[0]
    assert last.action == "print" and last.entry_id is None


def test_the_family_prints_the_whole_plan_with_every_goal_and_no_log_row(
        app, session, book, shared_with_pat):
    client = sign_in(app.test_client(), book.holder)
    before = len(log_rows(session, book.family.id))
    response = _made(app, client, book, {"language": "en", "size": "a4",
                                           "sections": ["plan"]})
    text = _pdf_text(response)
    assert "Get the damp fixed" in text and "Pay off the water bill" in text
    assert "Ring the water company" in text and "Not decided yet" in text
    assert "Moving house" not in text  # the story was not ticked
    session.expire_all()
    assert len(log_rows(session, book.family.id)) == before
