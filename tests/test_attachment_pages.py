"""Letters and photos through the portal: adding one from a phone's form, the refusals in plain
words, how files are served, and who sees them."""

from io import BytesIO

import made_files
import pytest
from conftest import seen, sign_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import func, select

from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Attachment, StoredFile
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry, stop_grant


def _story(session, holder, title="Letter from the council"):
    return add_entry(session, holder, "story", {
        "section": "story_so_far", "title": title, "text": "They wrote to us.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})


@pytest.fixture
def entry(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    made = _story(session, holder)
    session.commit()
    return made


def _post(client, book, entry, content, name="photo.jpg", caption="Letter from the council"):
    return client.post(f"/families/{book.family.id}/entries/{entry.id}/attachments",
                       data={"file": (BytesIO(content), name), "caption": caption},
                       content_type="multipart/form-data")


def _count(session):
    session.rollback()
    return (session.scalar(select(func.count()).select_from(Attachment)),
            session.scalar(select(func.count()).select_from(StoredFile)))


def _share_with_patel(session, book, entry):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    grant = share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    session.commit()
    return grant


def test_a_holder_adds_a_photo_and_sees_its_thumbnail(client, session, book, entry):
    sign_in(client, book.holder)
    response = _post(client, book, entry, made_files.phone_photo_with_gps())
    assert response.status_code == 302
    page = seen(client.get(response.location).text)
    assert "Added “Letter from the council”." in page
    attachment = session.scalar(select(Attachment))
    thumbnail = f"/families/{book.family.id}/attachments/{attachment.id}/thumbnail"
    assert thumbnail in page
    served = client.get(thumbnail)
    assert served.mimetype == "image/jpeg" and len(served.data) < 30_000
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"].startswith("inline;")
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert dict(Image.open(BytesIO(served.data)).getexif()) == {}
    download = client.get(f"/families/{book.family.id}/attachments/{attachment.id}/download")
    assert download.headers["Content-Disposition"] == (
        f'attachment; filename="attachment-{attachment.id}.jpg"')


def test_the_other_holder_adds_a_letter_to_the_first_holders_entry(client, session, book,
                                                                   entry):
    """Either holder keeps the family's letters with the family's entries."""
    sign_in(client, book.second_holder)
    response = _post(client, book, entry, made_files.phone_photo_with_gps(),
                     caption="Second letter from the council")
    assert response.status_code == 302
    assert "Added “Second letter from the council”." in seen(client.get(response.location).text)
    assert _count(session) == (1, 2)


def test_a_pdf_is_served_as_a_pdf_in_a_sandbox(client, session, book, entry):
    sign_in(client, book.holder)
    _post(client, book, entry, made_files.pdf_with_javascript(), name="letter.pdf")
    attachment = session.scalar(select(Attachment))
    served = client.get(f"/families/{book.family.id}/attachments/{attachment.id}")
    assert served.mimetype == "application/pdf" and served.data.startswith(b"%PDF-")
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert made_files.acting_parts(served.data) == []
    assert "PDF, pages: 1" in client.get(f"/families/{book.family.id}/entries/{entry.id}").text


@pytest.mark.parametrize("name, content, words", [
    ("photo.jpg", b"<html><script>alert(1)</script></html>", "is not a photo or a PDF"),
    ("letter.pdf", made_files.photo(fmt="PNG"), "does not match what is inside it"),
    ("bomb.png", made_files.decompression_bomb(), "far too big to open"),
])
def test_a_refused_file_is_explained_on_the_entry_page_and_nothing_is_saved(
        client, session, book, entry, name, content, words):
    sign_in(client, book.holder)
    response = _post(client, book, entry, content, name=name)
    assert response.status_code == 400
    assert "There is a problem" in response.text and words in response.text
    assert 'value="Letter from the council"' in response.text, "the caption is kept"
    assert _count(session) == (0, 0)


def test_a_40_mb_file_is_refused_before_it_is_read(client, session, book, entry):
    sign_in(client, book.holder)
    response = _post(client, book, entry, b"\xff\xd8\xff" + bytes(40 * 1024 * 1024))
    assert response.status_code == 413
    assert "This file is too big to add. A letter or photo can be up to 15 MB" in response.text
    assert _count(session) == (0, 0)


def test_other_forms_keep_their_small_limit(client, book):
    sign_in(client, book.holder)
    response = client.post(f"/families/{book.family.id}/sharing/code",
                           data={"padding": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


def test_the_teacher_opens_a_shared_file_and_the_family_sees_it(client, app, session, book,
                                                                 entry):
    sign_in(client, book.holder)
    _post(client, book, entry, made_files.plain_pdf(), name="letter.pdf")
    attachment = session.scalar(select(Attachment))
    _share_with_patel(session, book, entry)
    patel = sign_in(app.test_client(), book.professional)
    page = patel.get(f"/families/{book.family.id}/entries/{entry.id}").text
    assert "Letter from the council" in page and "Remove" not in page and "Add it" not in page
    before = access_log.count(session, book.family.id)
    assert patel.get(f"/families/{book.family.id}/attachments/{attachment.id}").status_code == 200
    assert access_log.count(session, book.family.id) == before + 1
    looked = seen(client.get(f"/families/{book.family.id}/access-log").text)
    assert "Ms Patel (Riverside School) opened “Letter from the council”" in looked


def test_a_removed_file_is_not_found_by_outsiders_and_kept_in_the_history(
        client, app, session, book, entry):
    sign_in(client, book.holder)
    _post(client, book, entry, made_files.photo(), caption="Old photo")
    client.get(f"/families/{book.family.id}/entries/{entry.id}")  # the "Added" message
    attachment = session.scalar(select(Attachment))
    _share_with_patel(session, book, entry)
    patel = sign_in(app.test_client(), book.professional)
    address = f"/families/{book.family.id}/attachments/{attachment.id}"
    assert patel.get(address).status_code == 200
    removed = seen(client.post(f"{address}/remove", follow_redirects=True).text)
    assert "Removed “Old photo” from this entry." in removed
    assert patel.get(address).status_code == 404
    assert patel.get(f"{address}/thumbnail").status_code == 404
    assert "Old photo" not in client.get(f"/families/{book.family.id}/entries/{entry.id}").text
    history = client.get(f"/families/{book.family.id}/entries/{entry.id}/history").text
    assert "Old photo" in history and "removed by Sam Carter" in history
    assert client.get(address).status_code == 200


def test_turning_a_photo_from_the_page(client, session, book, entry):
    sign_in(client, book.holder)
    _post(client, book, entry, made_files.photo(size=(300, 100)))
    attachment = session.scalar(select(Attachment))
    address = f"/families/{book.family.id}/attachments/{attachment.id}"
    assert client.post(f"{address}/turn").status_code == 302
    assert Image.open(BytesIO(client.get(address).data)).size == (100, 300)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(shared=st.booleans(), stopped=st.booleans(), removed=st.booleans())
def test_an_outsider_gets_a_file_only_while_its_entry_is_shared(app, shared, stopped, removed):
    """Privacy property: whatever happened to the sharing and the file, an outsider sees the
    file exactly when its entry is shared now and the file is still on it."""
    from conftest import Book, empty_tables

    session = app.extensions["db_sessions"]()
    try:
        book = Book(session)
        holder = reader_for(session, book.holder, book.family.id)
        entry = _story(session, holder)
        session.commit()
        client = sign_in(app.test_client(), book.holder)
        _post(client, book, entry, made_files.photo())
        attachment = session.scalar(select(Attachment))
        if shared:
            grant = _share_with_patel(session, book, entry)
            if stopped:
                stop_grant(session, holder, grant)
                session.commit()
        if removed:
            client.post(f"/families/{book.family.id}/attachments/{attachment.id}/remove")
        patel = sign_in(app.test_client(), book.professional)
        visible = shared and not stopped and not removed
        for ending in ("", "/thumbnail", "/download"):
            response = patel.get(f"/families/{book.family.id}/attachments/{attachment.id}"
                                 f"{ending}")
            assert response.status_code == (200 if visible else 404)
    finally:
        session.close()
        empty_tables(app.extensions["db_engine"])
