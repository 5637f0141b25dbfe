"""A professional asks to see something, with a purpose; the family accepts or declines."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from record_book.book.kinds import CATEGORIES
from record_book.book.text import clean_plain
from record_book.book.validation import Invalid, Problem
from record_book.i18n import N_
from record_book.policy import (
    NotAllowed,
    Reader,
    may_answer_requests,
    may_open_book,
    readable_entry,
)
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_category, share_entry
from record_book.sharing.model import AccessRequest
from record_book.sharing.notices import notify_holders

PURPOSE_LIMIT = 500


def ask(session: Session, reader: Reader, purpose: str, categories: list[str]) -> AccessRequest:
    """Only someone already connected to the book can ask; nobody can find a family by search."""
    if reader.in_family or not may_open_book(session, reader):
        raise NotAllowed()
    purpose = clean_plain(purpose or "")
    problems = {}
    if not purpose:
        problems["purpose"] = Problem(N_("Say why you need to see it"))
    elif len(purpose) > PURPOSE_LIMIT:
        problems["purpose"] = Problem(N_("Keep the reason to %(limit)s characters or fewer"),
                                      {"limit": PURPOSE_LIMIT})
    wanted = [c for c in categories if c in dict(CATEGORIES)]
    if len(wanted) != len(categories) or not wanted:
        problems["categories"] = Problem(N_("Choose the kinds of information you need"))
    if problems:
        raise Invalid(problems)
    request = AccessRequest(family_id=reader.family_id, requester_id=reader.account_id,
                            purpose=purpose, categories=wanted, created_at=reader.now)
    session.add(request)
    session.flush()
    access_log.append(session, reader.family_id, reader.account_id, "request",
                      ((None, {"request": request.id, "purpose": purpose}),), reader.now)
    notify_holders(session, reader.family_id, "new_request", {"request": request.id},
                   now=reader.now)
    return request


def open_requests(session: Session, reader: Reader) -> list[AccessRequest]:
    if not reader.in_family:
        raise NotAllowed()
    return list(session.scalars(select(AccessRequest).where(
        AccessRequest.family_id == reader.family_id, AccessRequest.status == "open")
        .order_by(AccessRequest.created_at)))


def _open(session: Session, reader: Reader, request_id: int) -> AccessRequest:
    request = session.get(AccessRequest, request_id)
    if (request is None or request.family_id != reader.family_id or not may_answer_requests(reader)
            or request.status != "open"):
        raise NotAllowed()
    return request


def accept(session: Session, reader: Reader, request_id: int, entry_ids: list[int],
           categories: list[str], until: date | None) -> AccessRequest:
    request = _open(session, reader, request_id)
    if not entry_ids and not categories:
        raise Invalid({"choice": Problem(N_("Choose at least one thing to share, or decline"))})
    grantee = Grantee(request.requester_id, None, request.requester.display_name)
    for entry_id in entry_ids:
        entry = readable_entry(session, reader, entry_id)
        if entry is None:
            raise NotAllowed()
        share_entry(session, reader, entry, grantee, until).request_id = request.id
    for category in categories:
        share_category(session, reader, category, grantee, until).request_id = request.id
    request.status, request.decided_by_id, request.decided_at = ("accepted", reader.account_id,
                                                                 reader.now)
    access_log.append(session, reader.family_id, reader.account_id, "accept",
                      ((None, {"request": request.id, "who": grantee.name}),), reader.now)
    session.flush()
    return request


def decline(session: Session, reader: Reader, request_id: int, message: str) -> AccessRequest:
    request = _open(session, reader, request_id)
    request.status, request.decided_by_id, request.decided_at = ("declined", reader.account_id,
                                                                 reader.now)
    request.message = clean_plain(message or "")[:PURPOSE_LIMIT] or None
    access_log.append(session, reader.family_id, reader.account_id, "decline",
                      ((None, {"request": request.id,
                               "who": request.requester.display_name}),), reader.now)
    session.flush()
    return request


def my_requests(session: Session, reader: Reader) -> list[AccessRequest]:
    return list(session.scalars(select(AccessRequest).where(
        AccessRequest.family_id == reader.family_id,
        AccessRequest.requester_id == reader.account_id)
        .order_by(AccessRequest.created_at.desc())))
