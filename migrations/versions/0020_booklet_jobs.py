"""booklet_jobs: booklets asked for on the print page and made by a background worker

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 07:50:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booklet_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('asked_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('started_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('finished_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('worker', sa.String(length=100), nullable=True),
    sa.Column('file_key', sa.String(length=200), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('failure', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['asked_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_booklet_jobs_family_id'), 'booklet_jobs', ['family_id'],
                    unique=False)
    op.create_index(op.f('ix_booklet_jobs_state'), 'booklet_jobs', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_booklet_jobs_state'), table_name='booklet_jobs')
    op.drop_index(op.f('ix_booklet_jobs_family_id'), table_name='booklet_jobs')
    op.drop_table('booklet_jobs')
