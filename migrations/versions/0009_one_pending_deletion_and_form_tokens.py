"""one pending deletion per book; the form tokens that make a second press of a button
return the first press's result

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Two presses of "Delete our book" could leave two requests, and "Keep our book" cleared
    # only one: keep the first of any duplicates, then let the schema allow one.
    op.execute(
        "DELETE FROM book_erasures WHERE erased_at IS NULL AND id NOT IN ("
        "SELECT MIN(id) FROM book_erasures WHERE erased_at IS NULL GROUP BY family_id)")
    op.create_index('uq_book_erasures_pending', 'book_erasures', ['family_id'], unique=True,
                    sqlite_where=sa.text('erased_at IS NULL'),
                    postgresql_where=sa.text('erased_at IS NULL'))
    op.create_table('form_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=2000), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_form_submissions_token'), 'form_submissions', ['token'],
                    unique=True)
    op.create_index(op.f('ix_form_submissions_created_at'), 'form_submissions',
                    ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_form_submissions_created_at'), table_name='form_submissions')
    op.drop_index(op.f('ix_form_submissions_token'), table_name='form_submissions')
    op.drop_table('form_submissions')
    op.drop_index('uq_book_erasures_pending', table_name='book_erasures')
