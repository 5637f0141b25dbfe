"""Letters and photos kept with an entry: adding one safely, turning it, removing it.

An attachment is part of its entry: the one access rule decides who sees it (through
`record_book.reading`), it prints with it and it is erased with the book. Files come from
anywhere, so what is kept is never the file that came in: a photo is re-encoded from its pixels
(`photos.py`), a PDF is cleaned (`pdfs.py`). What a file is comes from its bytes, not its name;
a name that says otherwise (a photo called ".pdf") is refused, since someone may be trying to
pass one thing off as another. A refused file leaves nothing behind.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from record_book.book import file_stores
from record_book.book.model import Attachment, Entry
from record_book.book.pdfs import Refused, clean_pdf
from record_book.book.photos import Unreadable, clean_photo, is_kept_photo, turned
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.clock import utcnow
from record_book.i18n import N_
from record_book.policy import NotAllowed, Reader, may_attach, may_attach_to_steps

# What a cheap phone sends: a 12-megapixel photo is 3-6 MB, a scanned letter a few MB.
MOST_IN = 15 * 1024 * 1024
# What one family's book may hold in files, removed ones included (they stay in its history).
FAMILY_TOTAL = 500 * 1024 * 1024
CAPTION_LENGTH = 200

PHOTO_NAMES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp")
PDF_NAMES = (".pdf",)
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    caption: str


def kind_of(content: bytes) -> str | None:
    """"photo", "pdf" or None, from the file's first bytes (its "magic number")."""
    if content.startswith(b"\xff\xd8\xff") or content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "photo"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "photo"
    if content[4:8] == b"ftyp" and content[8:12] in HEIF_BRANDS:
        return "photo"
    if content.startswith(b"%PDF-"):
        return "pdf"
    return None


def _named_kind(filename: str) -> str | None:
    name = (filename or "").lower()
    if name.endswith(PHOTO_NAMES):
        return "photo"
    if name.endswith(PDF_NAMES):
        return "pdf"
    return None


def _problem(message: str, **params) -> Invalid:
    return Invalid({"file": Problem(message, params)})


def _checked_kind(upload: Upload) -> str:
    if not upload.content:
        raise _problem(N_("Choose a photo or a PDF to add"))
    if len(upload.content) > MOST_IN:
        raise _problem(N_("This file is bigger than %(most)s MB. Choose a smaller one, or take "
                          "a photo of the paper instead."), most=MOST_IN // (1024 * 1024))
    kind = kind_of(upload.content)
    if kind is None:
        raise _problem(N_("We can keep photos and PDF files. This file is not a photo or a "
                          "PDF."))
    named = _named_kind(upload.filename)
    if named is not None and named != kind:
        raise _problem(N_("This file's name does not match what is inside it, so we have not "
                          "kept it. Choose the file again, or take a photo of the paper."))
    return kind


def _caption(upload: Upload) -> str:
    caption = clean_plain(upload.caption)
    if not caption:
        raise Invalid({"caption": Problem(N_("Say in a few words what this is, like “Letter "
                                             "from the council”"))})
    if len(caption) > CAPTION_LENGTH:
        raise Invalid({"caption": Problem(N_("Make this shorter: %(most)s letters at most"),
                                          {"most": CAPTION_LENGTH})})
    return caption


def family_total(session: Session, family_id: int) -> int:
    return session.scalar(select(func.coalesce(func.sum(Attachment.byte_size), 0)).where(
        Attachment.family_id == family_id))


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    thumbnail: bytes | None
    width: int | None = None
    height: int | None = None
    pages: int | None = None


def clean_file(kind: str, content: bytes) -> CleanFile:
    """The file made safe to keep (uploads and imports alike); Invalid when it cannot be."""
    if kind_of(content) != kind:
        raise _problem(N_("This file's name does not match what is inside it, so we have not "
                          "kept it. Choose the file again, or take a photo of the paper."))
    try:
        if kind == "photo":
            photo = clean_photo(content)
            return CleanFile(photo.content, photo.thumbnail, photo.width, photo.height)
        pdf = clean_pdf(content)
        return CleanFile(pdf.content, None, pages=pdf.pages)
    except (Unreadable, Refused) as refused:
        raise _problem(refused.message, **refused.params) from refused


def kept_again(kind: str, content: bytes, thumbnail: bytes | None) -> CleanFile:
    """A file coming back into a portal (a whole book imported). A photo that is already as this
    portal keeps one stays byte for byte, so a book exported and imported again is the same
    book; anything else is cleaned like an upload. (Cleaning a PDF twice gives the same bytes.)"""
    if kind == "photo" and is_kept_photo(content) and thumbnail and is_kept_photo(thumbnail):
        return CleanFile(content, thumbnail)
    return clean_file(kind, content)


def keep_upload(session: Session, reader: Reader, upload: Upload, now: datetime | None = None,
                **where) -> Attachment:
    """Check, clean and keep a file for `where` (an entry_id, or a plan_id and step_id); the
    caller has checked that the reader may add to it. Raises Invalid, keeping nothing."""
    kind = _checked_kind(upload)
    caption = _caption(upload)
    kept = clean_file(kind, upload.content)
    size = len(kept.content) + len(kept.thumbnail or b"")
    if family_total(session, reader.family_id) + size > FAMILY_TOTAL:
        raise _problem(N_("Your book is full: it holds %(most)s MB of letters and photos. "
                          "Ask your advocate or the portal's team for more room."),
                       most=FAMILY_TOTAL // (1024 * 1024))
    attachment = Attachment(
        family_id=reader.family_id, kind=kind, caption=caption,
        content_key=file_stores.put(session, reader.family_id, kept.content),
        thumbnail_key=file_stores.put(session, reader.family_id, kept.thumbnail)
        if kept.thumbnail else None,
        byte_size=size, width=kept.width, height=kept.height, pages=kept.pages,
        added_by_id=reader.account_id, added_at=now or utcnow(), **where)
    session.add(attachment)
    session.flush()
    return attachment


def add_attachment(session: Session, reader: Reader, entry: Entry, upload: Upload,
                   now: datetime | None = None) -> Attachment:
    """Keep a cleaned copy of the file with the entry. Raises Invalid (nothing kept) with plain
    words when the file cannot be kept, NotAllowed when the reader may not add to this entry."""
    if not may_attach(session, reader, entry) or entry.family_id != reader.family_id:
        raise NotAllowed()
    return keep_upload(session, reader, upload, now, entry_id=entry.id)


def _changeable(session: Session, reader: Reader, attachment: Attachment) -> None:
    if attachment.removed_at is not None or attachment.family_id != reader.family_id:
        raise NotAllowed()
    if attachment.entry_id is None:
        # A file on a step of the plan.
        if not may_attach_to_steps(reader):
            raise NotAllowed()
        return
    entry = session.get(Entry, attachment.entry_id)
    if entry is None or not may_attach(session, reader, entry):
        raise NotAllowed()


def turn_photo(session: Session, reader: Reader, attachment: Attachment) -> None:
    """A quarter turn clockwise, for a photo that came in sideways."""
    _changeable(session, reader, attachment)
    if not attachment.is_photo:
        raise NotAllowed()
    photo = turned(file_stores.get(session, attachment.content_key))
    attachment.content_key = file_stores.put(session, attachment.family_id, photo.content)
    attachment.thumbnail_key = file_stores.put(session, attachment.family_id, photo.thumbnail)
    attachment.width, attachment.height = photo.width, photo.height
    attachment.byte_size = len(photo.content) + len(photo.thumbnail)
    session.flush()


def remove_attachment(session: Session, reader: Reader, attachment: Attachment,
                      now: datetime | None = None) -> None:
    """Off the entry for everyone outside the family at once; still in the entry's history for
    the family until the book is erased."""
    _changeable(session, reader, attachment)
    attachment.removed_at = now or utcnow()
    attachment.removed_by_id = reader.account_id
    session.flush()


def attached_to_steps(session: Session, plan_id: int, step_ids) -> dict[str, list]:
    """The files on steps of a plan the caller has already read, by step. Only
    `plans.reading` calls it."""
    found: dict[str, list] = {step_id: [] for step_id in step_ids}
    if not found:
        return found
    for attachment in session.scalars(select(Attachment).where(
            Attachment.plan_id == plan_id, Attachment.step_id.in_(found),
            Attachment.removed_at.is_(None)).order_by(Attachment.id)):
        found[attachment.step_id].append(attachment)
    return found


def attached_to(session: Session, entry_ids, removed: bool = False) -> dict[int, list]:
    """The attachments of entries the caller has already read, oldest first, by entry. Only
    `record_book.reading` calls it."""
    found: dict[int, list] = {entry_id: [] for entry_id in entry_ids}
    if not found:
        return found
    query = select(Attachment).where(Attachment.entry_id.in_(found)).order_by(Attachment.id)
    query = query.where(Attachment.removed_at.is_not(None) if removed
                        else Attachment.removed_at.is_(None))
    for attachment in session.scalars(query):
        found[attachment.entry_id].append(attachment)
    return found


def file_of(session: Session, attachment: Attachment, thumbnail: bool = False) -> bytes | None:
    key = attachment.thumbnail_key if thumbnail else attachment.content_key
    return file_stores.get(session, key) if key else None
