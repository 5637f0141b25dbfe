"""local glossary terms

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:47:11.199533
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('local_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('also', sa.String(length=300), nullable=False),
    sa.Column('meaning', sa.String(length=300), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('term')
    )


def downgrade() -> None:
    op.drop_table('local_terms')
