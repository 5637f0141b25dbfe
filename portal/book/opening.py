"""Opening a book for the signed-in person, or answering "not found"."""

from flask import abort
from flask_login import current_user

from portal.db import db
from record_book import reading
from record_book.book.model import Entry, Family
from record_book.policy import Reader, may_open_book, reader_for
from record_book.sharing.grants import grants_for_reader


def open_book(family_id: int) -> tuple[Family, Reader]:
    family = db().get(Family, family_id)
    if family is None:
        abort(404)
    reader = reader_for(db(), current_user.account, family.id)
    if not may_open_book(db(), reader):
        # Someone not connected learns nothing, not even that the book exists.
        abort(404)
    return family, reader


def family_only(reader: Reader) -> None:
    """Pages that only the family sees (history, sharing, the log) are "not found" to others."""
    if not reader.in_family:
        abort(404)


def open_entry(reader: Reader, entry_id: int) -> Entry:
    entry = reading.entry(db(), reader, entry_id)
    if entry is None:
        abort(404)
    return entry


def why_shown(reader: Reader, entries) -> dict:
    """For someone outside the family: the grant that lets them see each entry on the page
    (the page names who shared it and until when)."""
    if reader.in_family:
        return {}
    return grants_for_reader(db(), reader, [entry.id for entry in entries if entry is not None])
