"""A language's catalog as speakers check it: its messages, which of them a speaker has
reviewed (the `reviewed` flag, which `pybabel update` keeps), and writing reviews into it.

The flag in the committed `.po` file is what counts as checked, never the database: the
Languages page and the booklet's cover say only what has been written and committed.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from record_book.languages import term_base

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
REVIEWED = "reviewed"
# Where each message appears in the code: made by `make translations` (tools/message_places.py),
# because the catalogs themselves are extracted without locations.
PLACES = "places.json"


@dataclass(frozen=True)
class Message:
    msgid: str
    draft: str
    reviewed: bool
    plural: bool


def po_path(folder: Path, code: str) -> Path:
    return folder / code / "LC_MESSAGES" / "messages.po"


def _catalog(folder: Path, code: str):
    path = po_path(folder, code)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def messages(folder: Path, code: str) -> list[Message]:
    """Every message of the language's catalog, in the catalog's order (plurals by their
    singular, with their first form as the draft)."""
    path = po_path(folder, code)
    if not path.exists():
        return []
    # Read again whenever the file changes (a reviewer pages through the same catalog).
    stat = path.stat()
    return list(_messages(str(folder), code, (stat.st_mtime_ns, stat.st_size)))


@lru_cache(maxsize=16)
def _messages(folder: str, code: str, _changed: tuple[int, int]) -> tuple[Message, ...]:
    return tuple(_read(Path(folder), code))


def _read(folder: Path, code: str):
    for message in _catalog(folder, code):
        if not message.id:
            continue
        plural = isinstance(message.id, (list, tuple))
        msgid = message.id[0] if plural else message.id
        draft = (message.string[0] if plural else message.string) or ""
        yield Message(msgid, draft, REVIEWED in message.flags, plural)


def share_reviewed(found: list[Message]) -> float:
    return sum(1 for m in found if m.reviewed) / len(found) if found else 0.0


def reviewed_share(folder: Path, code: str) -> float:
    """The share of the language's messages a speaker has checked, by the catalog's flags."""
    path = po_path(folder, code)
    if not path.exists():
        return 0.0
    stat = path.stat()
    return _reviewed_share(str(folder), code, (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _reviewed_share(folder: str, code: str, _changed: tuple[int, int]) -> float:
    # Only the figure is kept: the booklet worker reads every language's once when it starts
    # (print_templates.booklet.prepare), and its messages would be 1,500 objects a language.
    return share_reviewed(list(_read(Path(folder), code)))


def term_coverage(code: str, found: list[Message]) -> float:
    return term_base.coverage(code, [(m.msgid, m.draft) for m in found if not m.plural])


def places(folder: Path) -> dict[str, list[str]]:
    path = folder / PLACES
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Written:
    msgid: str
    text: str | None  # a better text for msgstr; None when the speaker accepted the draft
    reviewer: str
    on: date


def write_reviews(folder: Path, code: str, reviews: list[Written]) -> int:
    """Writes reviews into the language's `.po` file: a changed text replaces the draft, and each
    reviewed message gets the `reviewed` flag and a comment naming who checked it and when.
    Returns how many messages it marked (a message no longer in the catalog is skipped)."""
    catalog = _catalog(folder, code)
    if catalog is None:
        return 0
    by_singular = {(m.id[0] if isinstance(m.id, (list, tuple)) else m.id): m
                   for m in catalog if m.id}
    marked = 0
    for review in reviews:
        message = by_singular.get(review.msgid)
        if message is None:
            continue
        if review.text is not None and not isinstance(message.id, (list, tuple)):
            message.string = review.text
            message.flags.discard("fuzzy")
        message.flags.add(REVIEWED)
        comment = f"reviewed by {review.reviewer} on {review.on.isoformat()}"
        message.user_comments = [c for c in message.user_comments
                                 if not c.startswith("reviewed by ")] + [comment]
        marked += 1
    out = BytesIO()
    write_po(out, catalog, width=76)
    po_path(folder, code).write_bytes(out.getvalue())
    return marked
