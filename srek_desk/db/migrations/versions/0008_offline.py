"""offline laptops: checkouts, their clients and the rows that came back

Revision ID: 0008_offline
Revises: 0007_data_protection
Create Date: 2026-11-25

New tables only (plain CREATE TABLE), so the same steps run on SQLite and PostgreSQL and no
existing table is rebuilt (the offer search triggers stay).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_offline"
down_revision = "0007_data_protection"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_checkout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("laptop_id", sa.String(length=32), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=300), nullable=False),
        sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_checkin_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("client_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_offline_checkout_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_checkout")),
        sa.UniqueConstraint("laptop_id", name=op.f("uq_offline_checkout_laptop_id")),
    )
    op.create_table(
        "offline_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkout_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=16), nullable=False),
        sa.Column("laptop_version", sa.Integer(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("base_state", sa.Text(), server_default="{}", nullable=False),
        sa.Column("base_hidden", sa.Text(), server_default="[]", nullable=False),
        sa.Column("created_on_laptop", sa.Boolean(), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checkout_id"],
            ["offline_checkout.id"],
            name=op.f("fk_offline_client_checkout_id_offline_checkout"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_client")),
        sa.UniqueConstraint(
            "checkout_id", "pseudonym", name=op.f("uq_offline_client_checkout_id_pseudonym")
        ),
    )
    op.create_index(
        op.f("ix_offline_client_pseudonym"), "offline_client", ["pseudonym"], unique=False
    )
    op.create_table(
        "offline_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkout_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("laptop_row_id", sa.Integer(), nullable=False),
        sa.Column("server_row_id", sa.Integer(), nullable=True),
        sa.Column("base_state", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(
            ["checkout_id"],
            ["offline_checkout.id"],
            name=op.f("fk_offline_row_checkout_id_offline_checkout"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_row")),
        sa.UniqueConstraint(
            "checkout_id",
            "entity",
            "laptop_row_id",
            name=op.f("uq_offline_row_checkout_id_entity_laptop_row_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("offline_row")
    op.drop_index(op.f("ix_offline_client_pseudonym"), table_name="offline_client")
    op.drop_table("offline_client")
    op.drop_table("offline_checkout")
