"""matching and sheets: related occupations (seeded), travel times, fixed-term wish, printed sheets

Revision ID: 0003_matching
Revises: 0002_imports
Create Date: 2026-11-24
"""

from __future__ import annotations

import csv

import sqlalchemy as sa
from alembic import op

revision = "0003_matching"
down_revision = "0002_imports"
branch_labels = None
depends_on = None


def _seed_pairs() -> list[dict[str, str]]:
    """The project's table of neighbouring occupations (resources/occupations/related.csv)."""
    from srek_desk import paths

    source = paths.resource("occupations", "related.csv")
    if not source.is_file():
        return []
    lines = [
        line for line in source.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    pairs = []
    seen: set[tuple[str, str]] = set()
    for row in csv.DictReader(lines, delimiter=";"):
        a, b = row["code_a"].strip(), row["code_b"].strip()
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        pairs.append(
            {"code_a": a, "code_b": b, "reason": row.get("reason", "").strip(), "source": "project"}
        )
    return pairs


def upgrade() -> None:
    related = op.create_table(
        "related_occupation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_a", sa.String(length=5), nullable=False),
        sa.Column("code_b", sa.String(length=5), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_occupation")),
        sa.UniqueConstraint("code_a", "code_b", name=op.f("uq_related_occupation_code_a_code_b")),
    )
    op.create_table(
        "travel_time",
        sa.Column("from_postcode", sa.String(length=5), nullable=False),
        sa.Column("to_postcode", sa.String(length=5), nullable=False),
        sa.Column("mode", sa.String(length=4), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "from_postcode", "to_postcode", "mode", name=op.f("pk_travel_time")
        ),
    )
    with op.batch_alter_table("travel_time", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_time_to_postcode"), ["to_postcode"], unique=False
        )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("accepts_fixed_term", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "printed_sheet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("printed_by", sa.Integer(), nullable=True),
        sa.Column("offer_ids", sa.String(length=2000), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("pseudonymous", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_printed_sheet_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["printed_by"],
            ["user_account.id"],
            name=op.f("fk_printed_sheet_printed_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_printed_sheet")),
    )
    with op.batch_alter_table("printed_sheet", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_printed_sheet_client_id"), ["client_id"], unique=False)
    pairs = _seed_pairs()
    if pairs:
        op.bulk_insert(related, pairs)


def downgrade() -> None:
    with op.batch_alter_table("printed_sheet", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printed_sheet_client_id"))
    op.drop_table("printed_sheet")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("accepts_fixed_term")
    with op.batch_alter_table("travel_time", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_time_to_postcode"))
    op.drop_table("travel_time")
    op.drop_table("related_occupation")
