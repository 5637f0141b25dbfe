"""rejoin wait and set_up_requests: a re-join code works only after 72 hours and can be stopped;
a set-up code for someone with a way in needs a second admin

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 19:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # First, while nothing refers to invitations: SQLite rebuilds the table to add a key.
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('usable_from', record_book.types.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('cancelled_at', record_book.types.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('cancelled_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_invitations_cancelled_by_id_accounts', 'accounts',
                                    ['cancelled_by_id'], ['id'])

    op.create_table('set_up_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=False),
    sa.Column('asked_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['approved_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['asked_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_set_up_requests_account_id'), 'set_up_requests', ['account_id'],
                    unique=False)


def downgrade() -> None:
    with op.batch_alter_table('invitations') as batch_op:
        batch_op.drop_constraint('fk_invitations_cancelled_by_id_accounts', type_='foreignkey')
        batch_op.drop_column('cancelled_by_id')
        batch_op.drop_column('cancelled_at')
        batch_op.drop_column('usable_from')
    op.drop_index(op.f('ix_set_up_requests_account_id'), table_name='set_up_requests')
    op.drop_table('set_up_requests')
