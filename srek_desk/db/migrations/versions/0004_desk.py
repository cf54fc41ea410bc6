"""desk: offers hidden from a client's matches

Revision ID: 0004_desk
Revises: 0003_matching
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_desk"
down_revision = "0003_matching"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hidden_offer",
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_hidden_offer_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offer.id"],
            name=op.f("fk_hidden_offer_offer_id_offer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "offer_id", name=op.f("pk_hidden_offer")),
    )
    with op.batch_alter_table("hidden_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hidden_offer_offer_id"), ["offer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hidden_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hidden_offer_offer_id"))
    op.drop_table("hidden_offer")
