"""contributions: entries proposed from outside the family or typed from the paper book

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 18:50:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('contribution_permissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=False),
    sa.Column('granted_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['granted_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_contribution_permissions_account_id'), 'contribution_permissions',
                    ['account_id'], unique=False)
    op.create_index(op.f('ix_contribution_permissions_family_id'), 'contribution_permissions',
                    ['family_id'], unique=False)
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('owner_member_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('author_organisation', sa.String(length=200), nullable=False),
    sa.Column('from_paper', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('decided_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('family_answer', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['owner_member_id'], ['entries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_proposals_entry_id'), 'proposals', ['entry_id'], unique=False)
    op.create_index(op.f('ix_proposals_family_id'), 'proposals', ['family_id'], unique=False)
    with op.batch_alter_table('entries') as batch:
        batch.add_column(sa.Column('written_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_entries_written_by_id_accounts', 'accounts',
                                 ['written_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('entries') as batch:
        batch.drop_constraint('fk_entries_written_by_id_accounts', type_='foreignkey')
        batch.drop_column('written_by_id')
    op.drop_index(op.f('ix_proposals_family_id'), table_name='proposals')
    op.drop_index(op.f('ix_proposals_entry_id'), table_name='proposals')
    op.drop_table('proposals')
    op.drop_index(op.f('ix_contribution_permissions_family_id'),
                  table_name='contribution_permissions')
    op.drop_index(op.f('ix_contribution_permissions_account_id'),
                  table_name='contribution_permissions')
    op.drop_table('contribution_permissions')
