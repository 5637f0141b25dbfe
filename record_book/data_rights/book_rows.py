"""Which rows of the database make up one family's book: what an export holds and what erasing
the book removes.

It is worked out from the tables themselves, so a table added later is covered without a change
here: a table is part of the book if it has a `family_id` column, or a foreign key to a table
that has one (an entry's revisions, a plan's reviews). Accounts, organisations and the like are
not part of any one book; the export carries only the ones the book's rows point to.
"""

from sqlalchemy import Column, ColumnElement, Table, select
from sqlalchemy.orm import Session

from record_book.book.model import Base
from record_book.policy import family_people_of


def _parent(table: Table) -> tuple[Column, Table] | None:
    """For a table without a family_id: the foreign key to the book's row it belongs to."""
    for key in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        target = key.column.table
        if "family_id" in target.c:
            return key.parent, target
    return None


def is_book_table(table: Table) -> bool:
    return table.name == "families" or "family_id" in table.c or _parent(table) is not None


def book_tables() -> list[Table]:
    """Every table that holds part of a book, parents before children."""
    return [table for table in Base.metadata.sorted_tables if is_book_table(table)]


def rows_of(table: Table, family_id: int) -> ColumnElement[bool]:
    """The condition that picks the family's rows out of one of the book's tables."""
    if table.name == "families":
        return table.c.id == family_id
    if "family_id" in table.c:
        return table.c.family_id == family_id
    column, parent = _parent(table)
    return column.in_(select(parent.c.id).where(rows_of(parent, family_id)))


def family_accounts(session: Session, family_id: int) -> set[int]:
    """The accounts of the family's own people (holders and young people), not the advocate."""
    return set(session.scalars(family_people_of(family_id)))
