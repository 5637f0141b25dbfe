"""email for notices

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 12:24:55.714496
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('emailed_at', record_book.types.UTCDateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('emailed_at')

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_column('email')

