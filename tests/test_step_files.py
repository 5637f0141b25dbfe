"""Letters and photos on the plan's steps: added by whoever may change the plan, read by the
plan's rule, and an outsider's opening one is in the access log."""

from io import BytesIO

import made_files
import pytest
from conftest import seen, sign_in
from sqlalchemy import select

from plans import editing
from plans import sharing as plan_sharing
from plans.fields import goals, steps
from record_book.book.model import Attachment
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code


@pytest.fixture
def planned(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Get the damp fixed", "new-goal.area": "home"}, {}), 1)
    goal = goals(editing.latest(session, plan).content)[0]
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        f"new-step.{goal.id}.what": "Write to the landlord with photos of the mould"},
        editing.latest(session, plan).content), plan.revision)
    session.commit()
    return plan, goal, steps(editing.latest(session, plan).content)[0]


def _post(client, book, step, content=None, caption="Photo of the mould"):
    return client.post(
        f"/families/{book.family.id}/plan/steps/{step.id}/attachments",
        data={"file": (BytesIO(content or made_files.phone_photo_with_gps()), "mould.jpg"),
              "caption": caption}, content_type="multipart/form-data")


def test_a_holder_adds_a_photo_to_a_step_and_sees_it_on_the_plan(client, session, book,
                                                                  planned):
    _plan, _goal, step = planned
    sign_in(client, book.holder)
    response = _post(client, book, step)
    assert response.status_code == 302 and response.location.endswith(f"#step-{step.id}")
    page = seen(client.get(f"/families/{book.family.id}/plan/").text)
    assert "Added “Photo of the mould”." in page
    file = session.scalar(select(Attachment))
    assert (file.plan_id, file.step_id, file.entry_id) == (planned[0].id, step.id, None)
    assert f"/plan/attachments/{file.id}/thumbnail" in page
    served = client.get(f"/families/{book.family.id}/plan/attachments/{file.id}")
    assert served.mimetype == "image/jpeg" and b"PhoneMaker" not in served.data
    assert "sandbox" in served.headers["Content-Security-Policy"]


def test_a_refused_file_says_why_on_the_plan_page_and_keeps_nothing(client, session, book,
                                                                     planned):
    sign_in(client, book.holder)
    page = client.get(_post(client, book, planned[2], b"<html></html>").location).text
    assert "We can keep photos and PDF files." in page
    assert session.scalar(select(Attachment)) is None


def test_a_young_person_and_a_professional_cannot_add_to_a_step(app, session, book, planned):
    for account in (book.young, book.professional):
        assert _post(sign_in(app.test_client(), account), book, planned[2]).status_code == 404
    client = sign_in(app.test_client(), book.holder)
    assert client.post(f"/families/{book.family.id}/plan/steps/nostep/attachments",
                       data={"file": (BytesIO(made_files.photo()), "a.jpg"), "caption": "A"},
                       content_type="multipart/form-data").status_code == 404
    assert session.scalar(select(Attachment)) is None


def test_a_goal_shared_shows_its_steps_files_and_opening_one_is_logged(app, client, session,
                                                                       book, planned):
    plan, goal, step = planned
    sign_in(client, book.holder)
    _post(client, book, step)
    file = session.scalar(select(Attachment))
    patel = sign_in(app.test_client(), book.professional)
    address = f"/families/{book.family.id}/plan/attachments/{file.id}"
    assert patel.get(address).status_code == 404
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    plan_sharing.share(session, holder, plan, f"goal:{goal.id}",
                       Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    assert "Photo of the mould" in patel.get(f"/families/{book.family.id}/plan/").text
    before = access_log.count(session, book.family.id)
    assert patel.get(address).status_code == 200
    assert access_log.count(session, book.family.id) == before + 1
    assert "opened “Photo of the mould”" in seen(client.get(
        f"/families/{book.family.id}/access-log").text)
    assert client.post(f"{address}/remove").status_code == 302
    assert patel.get(address).status_code == 404
