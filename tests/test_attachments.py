"""Letters and photos with real files: what is kept is safe, and a file that cannot be kept is
refused in plain words with nothing saved."""

from datetime import timedelta
from io import BytesIO

import made_files
import pytest
from conftest import log_rows
from PIL import Image
from sqlalchemy import func, select

from record_book import reading
from record_book.book import file_stores
from record_book.book.attachments import (
    Upload,
    add_attachment,
    file_of,
    remove_attachment,
    turn_photo,
)
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Attachment, StoredFile
from record_book.book.photos import MOST_STORED
from record_book.book.validation import Invalid
from record_book.clock import utcnow
from record_book.data_rights.erasure import ask_to_delete, erase_due_books
from record_book.policy import NotAllowed, reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry


def _event(session, reader, title="Letter from the council"):
    return add_entry(session, reader, "event", {
        "title": title, "date-day": "3", "date-month": "3", "date-year": "2026",
        "event_type": "referral", "category": "home",
        "owner_member_id": str(own_member_entry_id(session, reader))})


@pytest.fixture
def holder(session, book):
    return reader_for(session, book.holder, book.family.id)


@pytest.fixture
def entry(session, holder):
    return _event(session, holder)


def _add(session, reader, entry, content, name="photo.jpg", caption="Letter from the council"):
    return add_attachment(session, reader, entry, Upload(name, content, caption))


def _kept(session):
    return (session.scalar(select(func.count()).select_from(Attachment)),
            session.scalar(select(func.count()).select_from(StoredFile)))


def _image(content: bytes) -> Image.Image:
    image = Image.open(BytesIO(content))
    image.load()
    return image


def test_a_phone_photo_with_gps_comes_out_with_no_metadata_at_all(session, holder, entry):
    sent = made_files.phone_photo_with_gps()
    assert _image(sent).getexif().get_ifd(0x8825), "the test photo must carry GPS"
    attachment = _add(session, holder, entry, sent)
    kept = _image(file_of(session, attachment))
    assert kept.format == "JPEG"
    assert dict(kept.getexif()) == {} and kept.getexif().get_ifd(0x8825) == {}
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(kept.info)
    assert b"PhoneMaker" not in file_of(session, attachment)
    thumbnail = file_of(session, attachment, thumbnail=True)
    assert dict(_image(thumbnail).getexif()) == {} and len(thumbnail) < 30_000


def test_a_sideways_photo_comes_out_upright(session, holder, entry):
    attachment = _add(session, holder, entry, made_files.sideways_photo())
    kept = _image(file_of(session, attachment))
    assert kept.size == (200, 400) and (attachment.width, attachment.height) == (200, 400)
    red, _green, blue = kept.getpixel((100, 20))
    assert red > 200 and blue < 60, "the red half is at the top once the photo is upright"


def test_turning_a_photo_turns_it_a_quarter_clockwise(session, holder, entry):
    attachment = _add(session, holder, entry, made_files.photo(size=(400, 200)))
    turn_photo(session, holder, attachment)
    assert _image(file_of(session, attachment)).size == (200, 400)
    assert _image(file_of(session, attachment, thumbnail=True)).size == (160, 320)


def test_an_iphone_heic_photo_is_kept_as_a_jpeg(session, holder, entry):
    attachment = _add(session, holder, entry, made_files.heic_photo(), name="IMG_0001.HEIC")
    kept = _image(file_of(session, attachment))
    assert kept.format == "JPEG" and kept.size == (300, 200)


def test_a_big_photo_is_made_smaller_to_keep(session, holder, entry):
    noise = Image.effect_noise((4000, 3000), 80).convert("RGB")
    out = BytesIO()
    noise.save(out, "JPEG", quality=95)
    attachment = _add(session, holder, entry, out.getvalue())
    content = file_of(session, attachment)
    assert len(content) <= MOST_STORED and max(_image(content).size) <= 2048


def test_a_pdf_with_javascript_comes_out_without_it(session, holder, entry):
    sent = made_files.pdf_with_javascript()
    assert made_files.acting_parts(sent), "the test PDF must carry scripts"
    attachment = _add(session, holder, entry, sent, name="letter.pdf")
    kept = file_of(session, attachment)
    assert attachment.kind == "pdf" and attachment.pages == 1
    assert made_files.acting_parts(kept) == []
    assert made_files.SCRIPT.encode() not in kept and b"not really a program" not in kept


@pytest.mark.parametrize("name, content, words", [
    ("bomb.png", made_files.decompression_bomb(), "far too big to open"),
    ("letter.pdf", made_files.photo(fmt="PNG"), "does not match what is inside"),
    ("photo.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "is not a photo or a PDF"),
    ("photo.jpg", b"\xff\xd8\xff" + bytes(40 * 1024 * 1024), "bigger than 15 MB"),
    ("letter.pdf", b"%PDF-1.7\nthis is not really a PDF", "could not open this PDF"),
    ("photo.jpg", made_files.photo()[:200], "could not open this photo"),
    ("photo.jpg", b"", "Choose a photo or a PDF"),
])
def test_a_file_that_cannot_be_kept_is_refused_in_plain_words_and_nothing_is_saved(
        session, holder, entry, name, content, words):
    with pytest.raises(Invalid) as refused:
        _add(session, holder, entry, content, name=name)
    assert words in refused.value.problems["file"].message % refused.value.problems["file"].params
    assert _kept(session) == (0, 0)


def test_a_caption_is_asked_for(session, holder, entry):
    with pytest.raises(Invalid) as refused:
        _add(session, holder, entry, made_files.photo(), caption="   ")
    assert "caption" in refused.value.problems and _kept(session) == (0, 0)


def test_the_bytes_decide_not_the_name(session, holder, entry):
    # A PNG called .jpg is still a photo (phones name files loosely); it is kept as a JPEG.
    attachment = _add(session, holder, entry, made_files.photo(fmt="PNG"), name="x.jpg")
    assert _image(file_of(session, attachment)).format == "JPEG"


def test_a_family_has_a_total(session, holder, entry, monkeypatch):
    import record_book.book.attachments as attachments

    first = _add(session, holder, entry, made_files.photo())
    monkeypatch.setattr(attachments, "FAMILY_TOTAL", first.byte_size + 10)
    with pytest.raises(Invalid) as refused:
        _add(session, holder, entry, made_files.photo())
    assert "Your book is full" in refused.value.problems["file"].message
    assert _kept(session)[0] == 1


def test_only_who_may_change_the_entry_adds_or_removes(session, book, holder, entry):
    young = reader_for(session, book.young, book.family.id)
    advocate = reader_for(session, book.advocate, book.family.id)
    for reader in (young, advocate):
        with pytest.raises(NotAllowed):
            _add(session, reader, entry, made_files.photo())
    attachment = _add(session, holder, entry, made_files.photo())
    with pytest.raises(NotAllowed):
        remove_attachment(session, advocate, attachment)


def test_a_removed_file_leaves_the_entry_but_stays_in_its_history(session, book, holder, entry):
    attachment = _add(session, holder, entry, made_files.photo())
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    patel = reader_for(session, book.professional, book.family.id)
    assert reading.attachment(session, patel, attachment.id) is attachment
    remove_attachment(session, holder, attachment)
    assert reading.attachments(session, holder, [entry]) == {entry.id: []}
    assert reading.removed_attachments(session, holder, entry) == [attachment]
    assert reading.attachment(session, patel, attachment.id) is None
    assert reading.removed_attachments(session, patel, entry) == []
    assert reading.attachment(session, holder, attachment.id) is attachment


def test_an_outsider_opening_a_file_is_in_the_access_log(session, book, holder):
    """"Ms Patel opened “Rent letter” of “Letter from the council”"; the thumbnail on the entry's
    page is reading the entry."""
    entry = _event(session, holder, title="Letter from the council")
    attachment = _add(session, holder, entry, made_files.plain_pdf(), name="letter.pdf",
                      caption="Rent letter")
    patel = reader_for(session, book.professional, book.family.id)
    assert reading.attachment(session, patel, attachment.id) is None, "not shared yet"
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    before = access_log.count(session, book.family.id)
    assert reading.attachment(session, patel, attachment.id) == attachment
    assert access_log.count(session, book.family.id) == before + 1
    opened = log_rows(session, book.family.id)[0]
    assert (opened.action, opened.actor_id, opened.entry_id, opened.details) == (
        "open", book.professional.id, entry.id,
        {"title": "Rent letter", "entry": "Letter from the council"})
    assert reading.attachment(session, patel, attachment.id, "read") == attachment
    seen_small = log_rows(session, book.family.id)[0]
    assert (seen_small.action, seen_small.entry_id, seen_small.details) == (
        "read", entry.id, {"title": "Letter from the council"})


def test_erasing_a_book_erases_its_files(session, book, holder, entry):
    _add(session, holder, entry, made_files.photo())
    asked = ask_to_delete(session, holder)
    erase_due_books(session, asked.erase_after + timedelta(seconds=1))
    assert _kept(session) == (0, 0)


def test_files_kept_in_the_database_by_default(session, holder, entry):
    attachment = _add(session, holder, entry, made_files.photo())
    assert attachment.content_key.startswith("db:")
    assert file_stores.get(session, attachment.content_key) == file_of(session, attachment)


def test_files_go_out_in_the_whole_book_download_and_come_back_on_import(app, session, holder,
                                                                         entry):
    import json

    from conftest import empty_tables

    from record_book.data_rights.export import export_family, import_family

    photo = _add(session, holder, entry, made_files.phone_photo_with_gps())
    letter = _add(session, holder, entry, made_files.plain_pdf(pages=2), name="letter.pdf",
                  caption="Letter from school")
    session.commit()
    kept_photo = file_of(session, photo)
    document = json.loads(json.dumps(export_family(session, holder.family_id)))
    assert "stored_files" not in document["tables"]
    # The photo, its thumbnail and the letter, named after their attachment, not their store.
    assert set(document["files"]) == {f"attachment-{photo.id}", f"attachment-{photo.id}-thumbnail",
                                      f"attachment-{letter.id}"}
    session.close()
    empty_tables(app.extensions["db_engine"])
    fresh = app.extensions["db_sessions"]()
    try:
        import_family(fresh, document)
        fresh.commit()
        back = {a.caption: a for a in fresh.scalars(select(Attachment))}
        assert set(back) == {"Letter from the council", "Letter from school"}
        assert _image(file_of(fresh, back["Letter from the council"])).size == \
            _image(kept_photo).size
        assert file_of(fresh, back["Letter from school"]).startswith(b"%PDF-")
        assert back["Letter from school"].pages == 2
        assert file_of(fresh, back["Letter from the council"]) == kept_photo, "kept as it was"
    finally:
        fresh.close()


def test_an_imported_file_that_is_not_as_a_portal_keeps_one_is_cleaned_again(app, session, holder,
                                                                           entry):
    import base64

    from conftest import empty_tables

    from record_book.data_rights.export import export_family, import_family

    photo = _add(session, holder, entry, made_files.photo())
    session.commit()
    document = export_family(session, holder.family_id)
    name = f"attachment-{photo.id}"
    document["files"][name] = base64.b64encode(made_files.phone_photo_with_gps()).decode()
    session.close()
    empty_tables(app.extensions["db_engine"])
    fresh = app.extensions["db_sessions"]()
    try:
        import_family(fresh, document)
        back = fresh.scalar(select(Attachment))
        assert b"PhoneMaker" not in file_of(fresh, back)
        assert dict(_image(file_of(fresh, back)).getexif()) == {}
    finally:
        fresh.rollback()
        fresh.close()
