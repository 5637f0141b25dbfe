"""Plans: revisions, agreements, reviews, goal comments; a plan part on grants

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:29:01.194413
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('open_family_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', record_book.types.UTCDateTime(), nullable=True),
    sa.Column('close_reason', sa.String(length=30), nullable=True),
    sa.Column('check_in_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('open_family_id')
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_family_id'), ['family_id'], unique=False)

    op.create_table('plan_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_agreements_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_goal_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_goal_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_goal_comments_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.String(length=16), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('rater_role', sa.String(length=10), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('working', sa.Text(), nullable=False),
    sa.Column('not_working', sa.Text(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_reviews_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'number')
    )
    with op.batch_alter_table('plan_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_revisions_plan_id'), ['plan_id'], unique=False)

    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_part', sa.String(length=40), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_column('plan_part')

    with op.batch_alter_table('plan_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_revisions_plan_id'))

    op.drop_table('plan_revisions')
    with op.batch_alter_table('plan_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_reviews_plan_id'))

    op.drop_table('plan_reviews')
    with op.batch_alter_table('plan_goal_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_goal_comments_plan_id'))

    op.drop_table('plan_goal_comments')
    with op.batch_alter_table('plan_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_agreements_plan_id'))

    op.drop_table('plan_agreements')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_family_id'))

    op.drop_table('plans')
