"""language reviews: who checks which language, and what they said of each message

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 08:05:00.000000
"""
import sqlalchemy as sa
from alembic import op

import record_book.types

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('language_reviewers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('given_by_id', sa.Integer(), nullable=False),
    sa.Column('given_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['given_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id', 'language')
    )
    op.create_index(op.f('ix_language_reviewers_account_id'), 'language_reviewers',
                    ['account_id'], unique=False)
    op.create_table('language_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('msgid', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_language_reviews_language'), 'language_reviews', ['language'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_language_reviews_language'), table_name='language_reviews')
    op.drop_table('language_reviews')
    op.drop_index(op.f('ix_language_reviewers_account_id'), table_name='language_reviewers')
    op.drop_table('language_reviewers')
