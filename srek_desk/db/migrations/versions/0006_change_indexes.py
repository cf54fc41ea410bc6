"""indexes on updated_at: the matching index folds in changes without scanning every row

Revision ID: 0006_change_indexes
Revises: 0005_offer_search
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0006_change_indexes"
down_revision = "0005_offer_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain CREATE INDEX: the tables are not rebuilt, so the offer search triggers stay.
    op.create_index(op.f("ix_offer_updated_at"), "offer", ["updated_at"], unique=False)
    op.create_index(op.f("ix_client_updated_at"), "client", ["updated_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_client_updated_at"), table_name="client")
    op.drop_index(op.f("ix_offer_updated_at"), table_name="offer")
