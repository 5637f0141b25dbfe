"""lead_changes: who leads for the family, and each change of advocate

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:45:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('lead_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('advocate_id', sa.Integer(), nullable=True),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('changed_by_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('handover_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['advocate_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['changed_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['previous_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_lead_changes_family_id'), 'lead_changes', ['family_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_lead_changes_family_id'), table_name='lead_changes')
    op.drop_table('lead_changes')
