"""sign_ins and passkey_challenges: sessions and passkey challenges kept on the server

A sign-in row replaces the account's session epoch: deleting the rows ends the sessions.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 18:50:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('started_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_sign_ins_account_id'), 'sign_ins', ['account_id'], unique=False)
    op.create_index(op.f('ix_sign_ins_last_used_at'), 'sign_ins', ['last_used_at'], unique=False)
    op.create_table('passkey_challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('value', sa.LargeBinary(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_passkey_challenges_account_id'), 'passkey_challenges',
                    ['account_id'], unique=False)
    op.create_index(op.f('ix_passkey_challenges_issued_at'), 'passkey_challenges',
                    ['issued_at'], unique=False)
    # SQLite (3.35+) drops a plain column in place, without rebuilding the accounts table.
    op.drop_column('accounts', 'session_epoch')


def downgrade() -> None:
    op.add_column('accounts', sa.Column('session_epoch', sa.Integer(), nullable=False,
                                        server_default='0'))
    op.drop_index(op.f('ix_passkey_challenges_issued_at'), table_name='passkey_challenges')
    op.drop_index(op.f('ix_passkey_challenges_account_id'), table_name='passkey_challenges')
    op.drop_table('passkey_challenges')
    op.drop_index(op.f('ix_sign_ins_last_used_at'), table_name='sign_ins')
    op.drop_index(op.f('ix_sign_ins_account_id'), table_name='sign_ins')
    op.drop_table('sign_ins')
