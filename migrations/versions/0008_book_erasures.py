"""book erasures: a family's request to delete its book, and the record kept afterwards

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 13:40:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('book_erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('book_started_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('requested_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('requested_by_name', sa.String(length=200), nullable=False),
    sa.Column('erase_after', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('erased_at', record_book.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_book_erasures_family_id'), 'book_erasures', ['family_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_book_erasures_family_id'), table_name='book_erasures')
    op.drop_table('book_erasures')
