"""The object store: the same behaviour against a real S3 API server (moto in server mode,
started here on 127.0.0.1 on a free port), as with files kept in the database."""

import socket
from io import BytesIO

import boto3
import made_files
import pytest
from conftest import sign_in
from moto.server import ThreadedMotoServer
from PIL import Image
from sqlalchemy import func, select

from portal import create_app
from record_book.book import file_stores
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Attachment, StoredFile
from record_book.data_rights.erasure import ask_to_delete, erase_due_books
from record_book.policy import reader_for

BUCKET = "family-record-book-files"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch):
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_DEFAULT_REGION", "eu-west-2")):
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=BUCKET,
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3_app(app, s3, s3_endpoint):
    return create_app({**app.config, "ATTACHMENT_STORE": "s3", "ATTACHMENT_BUCKET": BUCKET,
                       "S3_ENDPOINT_URL": s3_endpoint})


def _objects(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_upload_goes_to_the_bucket_and_is_served_the_same_way(s3_app, s3, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Letter from the council", "text": "They wrote.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.commit()
    client = sign_in(s3_app.test_client(), book.holder)
    response = client.post(f"/families/{book.family.id}/entries/{entry.id}/attachments",
                           data={"file": (BytesIO(made_files.phone_photo_with_gps()), "a.jpg"),
                                 "caption": "Letter from the council"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    attachment = session.scalar(select(Attachment))
    assert attachment.content_key.startswith(f"s3:families/{book.family.id}/")
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 0
    assert len(_objects(s3)) == 2  # the photo and its thumbnail
    served = client.get(f"/families/{book.family.id}/attachments/{attachment.id}")
    assert served.mimetype == "image/jpeg" and "sandbox" in served.headers[
        "Content-Security-Policy"]
    assert dict(Image.open(BytesIO(served.data)).getexif()) == {}
    # A refused file puts nothing in the bucket either.
    refused = client.post(f"/families/{book.family.id}/entries/{entry.id}/attachments",
                          data={"file": (BytesIO(made_files.decompression_bomb()), "b.png"),
                                "caption": "Bomb"}, content_type="multipart/form-data")
    assert refused.status_code == 400 and len(_objects(s3)) == 2


def test_erasing_a_book_empties_its_part_of_the_bucket_and_no_other(s3_app, s3, book):
    session = s3_app.extensions["db_sessions"]()
    try:
        store = file_stores.store_for(session)
        assert isinstance(store, file_stores.ObjectStore)
        holder = reader_for(session, book.holder, book.family.id)
        entry = add_entry(session, holder, "story", {
            "section": "story_so_far", "title": "Moving", "text": "We moved.",
            "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
        from record_book.book.attachments import Upload, add_attachment

        add_attachment(session, holder, entry, Upload("a.pdf", made_files.plain_pdf(), "Letter"))
        other = file_stores.put(session, book.other_family.id, b"another family's file")
        asked = ask_to_delete(session, holder)
        session.commit()
        erase_due_books(session, asked.erase_after)
        session.commit()
        assert _objects(s3) == [other.removeprefix("s3:")]
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0
    finally:
        session.close()


def test_files_kept_in_the_database_are_still_found_after_a_change_to_s3(app, s3_app, session,
                                                                         book):
    key = file_stores.put(session, book.family.id, b"kept before the change")
    session.commit()
    other = s3_app.extensions["db_sessions"]()
    try:
        assert file_stores.get(other, key) == b"kept before the change"
    finally:
        other.close()


def test_a_booklet_is_kept_in_the_bucket_and_thrown_away_from_it_a_day_later(s3_app, s3, book):
    from datetime import timedelta

    from portal.booklet_worker import make_one, tidy
    from record_book.book.booklet_jobs import KEPT_FOR, BookletJob
    from record_book.clock import utcnow

    client = sign_in(s3_app.test_client(), book.holder)
    asked = client.post(f"/families/{book.family.id}/print",
                        data={"language": "en", "size": "a4", "sections": ["people"]})
    assert make_one(s3_app) is not None  # a worker with the same settings as the app servers
    [kept] = _objects(s3)
    assert kept.startswith(f"families/{book.family.id}/")
    assert client.get(asked.location + "/booklet.pdf").data.startswith(b"%PDF")
    session = s3_app.extensions["db_sessions"]()
    try:
        session.scalar(select(BookletJob)).finished_at = utcnow() - KEPT_FOR - timedelta(hours=1)
        session.commit()
    finally:
        session.close()
    assert tidy(s3_app) == 1 and _objects(s3) == []
