"""attachments: letters and photos kept with an entry, and the database's store of their bytes

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 18:50:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('step_id', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('caption', sa.String(length=200), nullable=False),
    sa.Column('content_key', sa.String(length=200), nullable=False),
    sa.Column('thumbnail_key', sa.String(length=200), nullable=True),
    sa.Column('byte_size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('added_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.Column('removed_at', record_book.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['removed_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_attachments_entry_id'), 'attachments', ['entry_id'], unique=False)
    op.create_index(op.f('ix_attachments_family_id'), 'attachments', ['family_id'], unique=False)
    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_stored_files_family_id'), 'stored_files', ['family_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_stored_files_family_id'), table_name='stored_files')
    op.drop_table('stored_files')
    op.drop_index(op.f('ix_attachments_family_id'), table_name='attachments')
    op.drop_index(op.f('ix_attachments_entry_id'), table_name='attachments')
    op.drop_table('attachments')
