"""meetings and reminders: meetings around the family, who is invited and their notes; each
person's reminder choices and every reminder sent

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 08:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('how', sa.String(length=10), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('shared_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('shared_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['shared_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_meetings_family_id'), 'meetings', ['family_id'], unique=False)
    op.create_table('meeting_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_entry_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], ),
    sa.ForeignKeyConstraint(['member_entry_id'], ['entries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_meeting_invites_meeting_id'), 'meeting_invites', ['meeting_id'],
                    unique=False)
    op.create_table('meeting_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=40), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=True),
    sa.Column('step_id', sa.String(length=16), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('removed_at', record_book.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_meeting_notes_meeting_id'), 'meeting_notes', ['meeting_id'],
                    unique=False)


    op.create_table('reminder_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('by_email', sa.Boolean(), nullable=False),
    sa.Column('by_text', sa.Boolean(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('quiet_from', sa.Integer(), nullable=False),
    sa.Column('quiet_until', sa.Integer(), nullable=False),
    sa.Column('updated_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('bounced_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('bounce_told_at', record_book.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id')
    )
    op.create_table('sent_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('next_try_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('provider_id', sa.String(length=64), nullable=True),
    sa.Column('delivery_checked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index(op.f('ix_sent_reminders_account_id'), 'sent_reminders', ['account_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sent_reminders_account_id'), table_name='sent_reminders')
    op.drop_table('sent_reminders')
    op.drop_table('reminder_choices')
    op.drop_index(op.f('ix_meeting_notes_meeting_id'), table_name='meeting_notes')
    op.drop_table('meeting_notes')
    op.drop_index(op.f('ix_meeting_invites_meeting_id'), table_name='meeting_invites')
    op.drop_table('meeting_invites')
    op.drop_index(op.f('ix_meetings_family_id'), table_name='meetings')
    op.drop_table('meetings')
