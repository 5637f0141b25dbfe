"""drafts: words kept when a person was signed out while typing

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 14:30:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=True),
    sa.Column('form_path', sa.String(length=500), nullable=False),
    sa.Column('page_title', sa.String(length=300), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('labels', sa.JSON(), nullable=False),
    sa.Column('kept_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_drafts_account_id'), 'drafts', ['account_id'], unique=False)
    op.create_index(op.f('ix_drafts_family_id'), 'drafts', ['family_id'], unique=False)
    op.create_index(op.f('ix_drafts_expires_at'), 'drafts', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_drafts_expires_at'), table_name='drafts')
    op.drop_index(op.f('ix_drafts_family_id'), table_name='drafts')
    op.drop_index(op.f('ix_drafts_account_id'), table_name='drafts')
    op.drop_table('drafts')
