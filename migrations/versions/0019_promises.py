"""promises: a service's marks on the plan's steps that name it, and young people agreeing

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 08:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_step_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('author_organisation', sa.String(length=200), nullable=False),
    sa.Column('at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_plan_step_marks_plan_id'), 'plan_step_marks', ['plan_id'],
                    unique=False)
    with op.batch_alter_table('plans') as batch:
        batch.add_column(sa.Column('young_people_agree', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('plans') as batch:
        batch.drop_column('young_people_agree')
    op.drop_index(op.f('ix_plan_step_marks_plan_id'), table_name='plan_step_marks')
    op.drop_table('plan_step_marks')
