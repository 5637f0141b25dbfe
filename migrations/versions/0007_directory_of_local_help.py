"""directory of local help: listings, and the listings a family keeps

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 13:31:14.769187
"""
from alembic import op
import sqlalchemy as sa
import record_book.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', record_book.types.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ),
    sa.ForeignKeyConstraint(['updated_by_id'], ['accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_listings_organisation_id', 'listings', ['organisation_id'])
    op.create_table('chosen_listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', record_book.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['accounts.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], ),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('family_id', 'listing_id')
    )
    op.create_index('ix_chosen_listings_family_id', 'chosen_listings', ['family_id'])
    op.create_index('ix_chosen_listings_listing_id', 'chosen_listings', ['listing_id'])


def downgrade() -> None:
    op.drop_index('ix_chosen_listings_listing_id', table_name='chosen_listings')
    op.drop_index('ix_chosen_listings_family_id', table_name='chosen_listings')
    op.drop_table('chosen_listings')
    op.drop_index('ix_listings_organisation_id', table_name='listings')
    op.drop_table('listings')
