"""What a page shows someone outside the family is written to the family's access log."""

from portal.db import db
from record_book.sharing.grants import grants_for_reader, record_reads


def shown(reader, entries) -> dict:
    """Log the reads and return, for each entry, the grant that lets this reader see it."""
    entries = list({e.id: e for e in entries if e is not None}.values())
    if reader.in_family or not entries:
        return {}
    record_reads(db(), reader, entries)
    return grants_for_reader(db(), reader, [e.id for e in entries])
