"""true offers: approximate places, saved Jobbörse queries and the offers each returned

Revision ID: 0010_true_offers
Revises: 0009_counselling
Create Date: 2026-12-07

`offer.place_approximate` marks coordinates taken from the postcode or place centre (plain ADD
COLUMN, so `offer` is not rebuilt and its search triggers stay). `jobboerse_query` holds the
office's saved searches, `jobboerse_query_offer` the offers the newest fetch of each returned:
a re-fetch retires those of that query that vanished, and nothing else. `occupation.synonyms`
keeps the further names of an office-loaded Berufsgattung (the example occupations of the
official KldB file), "|"-separated (plain ADD COLUMN).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_true_offers"
down_revision = "0009_counselling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "offer",
        sa.Column("place_approximate", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("occupation", sa.Column("synonyms", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "jobboerse_query",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("was", sa.String(length=200), nullable=False),
        sa.Column("wo", sa.String(length=120), nullable=False),
        sa.Column("umkreis", sa.Integer(), nullable=True),
        sa.Column("angebotsart", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_result_count", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobboerse_query")),
        sa.UniqueConstraint("name", name=op.f("uq_jobboerse_query_name")),
    )
    op.create_table(
        "jobboerse_query_offer",
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["jobboerse_query.id"],
            name=op.f("fk_jobboerse_query_offer_query_id_jobboerse_query"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offer.id"],
            name=op.f("fk_jobboerse_query_offer_offer_id_offer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("query_id", "offer_id", name=op.f("pk_jobboerse_query_offer")),
    )
    op.create_index(
        op.f("ix_jobboerse_query_offer_offer_id"),
        "jobboerse_query_offer",
        ["offer_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_jobboerse_query_offer_offer_id"), table_name="jobboerse_query_offer")
    op.drop_table("jobboerse_query_offer")
    op.drop_table("jobboerse_query")
    op.drop_column("occupation", "synonyms")
    op.drop_column("offer", "place_approximate")
