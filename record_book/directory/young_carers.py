"""Young carers: children in the household who help look after someone at home, and the local
help for them in the directory. The reports found such children rarely asked and rarely known."""

from datetime import date

from sqlalchemy.orm import Session

from record_book.book.dates import age_on
from record_book.book.model import Entry
from record_book.directory.model import Listing
from record_book.directory.search import Search, search

ADULT = 18
SHOWN = 3


def young_carers(members: list[Entry], today: date) -> list[Entry]:
    """The people the family said help care at home, unless the book says they are grown up."""
    carers = []
    for member in members:
        age = age_on(member.fields, today)
        if member.fields.get("cares") == "yes" and (age is None or age < ADULT):
            carers.append(member)
    return carers


def help_for_young_carers(session: Session) -> list[Listing]:
    """The directory's listings for caring, those about young carers first."""
    found = search(session, Search(words="young carers", area="caring")).found
    if not found:
        found = search(session, Search(area="caring")).found
    return [f.listing for f in found[:SHOWN]]
