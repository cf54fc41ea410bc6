"""timetable: the loaded GTFS feed and its arrays; a client's own arrival time

Revision ID: 0011_timetable
Revises: 0010_true_offers
Create Date: 2026-12-08

`timetable_feed` describes the one loaded feed (publisher, validity, counts, region),
`timetable_blob` holds its serialised arrays in pieces of at most 16 MB. `client.arrive_by`
("HH:MM", NULL: the office's default `commute.arrive_by`) is the time a client must arrive
(early shift, Berufsschule); plain ADD COLUMN, so `client` is not rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_timetable"
down_revision = "0010_true_offers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("client", sa.Column("arrive_by", sa.String(length=5), nullable=True))
    op.create_table(
        "timetable_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=False),
        sa.Column("publisher_url", sa.String(length=500), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("attribution", sa.Text(), server_default="", nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=60), nullable=False),
        sa.Column("stops", sa.Integer(), nullable=False),
        sa.Column("routes", sa.Integer(), nullable=False),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("stop_times", sa.Integer(), nullable=False),
        sa.Column("region_km", sa.Float(), nullable=True),
        sa.Column("centre_postcode", sa.String(length=5), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timetable_feed")),
    )
    op.create_table(
        "timetable_blob",
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["timetable_feed.id"],
            name=op.f("fk_timetable_blob_feed_id_timetable_feed"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("feed_id", "seq", name=op.f("pk_timetable_blob")),
    )


def downgrade() -> None:
    op.drop_table("timetable_blob")
    op.drop_table("timetable_feed")
    with op.batch_alter_table("client") as batch:
        batch.drop_column("arrive_by")
