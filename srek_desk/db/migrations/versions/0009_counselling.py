"""counselling depth: skills vocabulary, client and offer skills, BA offer flags, offer freshness,
new chances, last contact

Revision ID: 0009_counselling
Revises: 0008_offline
Create Date: 2026-11-26

Added columns (plain ADD COLUMN, so `offer` is not rebuilt and its search triggers stay) and
new tables; runs alike on SQLite and PostgreSQL. Backfills: an offer counts as confirmed when it
was last changed (the BA modification time, else the import's); a client's last contact is their
newest note, proposal or printed sheet.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from srek_desk.db.skill_seed import seed_skills

revision = "0009_counselling"
down_revision = "0008_offline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skill",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("course", sa.String(length=200), nullable=False),
        sa.Column("synonyms", sa.Text(), server_default="", nullable=False),
        sa.Column("seeded", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_skill")),
    )
    op.create_table(
        "new_chance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("import_run_id", sa.Integer(), nullable=True),
        sa.Column("presented_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_new_chance_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offer.id"],
            name=op.f("fk_new_chance_offer_id_offer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_run.id"],
            name=op.f("fk_new_chance_import_run_id_import_run"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_new_chance")),
        sa.UniqueConstraint("client_id", "offer_id", name=op.f("uq_new_chance_client_id_offer_id")),
    )
    op.create_index(
        op.f("ix_new_chance_client_id_presented_at"),
        "new_chance",
        ["client_id", "presented_at"],
        unique=False,
    )
    op.create_index(op.f("ix_new_chance_offer_id"), "new_chance", ["offer_id"], unique=False)

    op.add_column(
        "client", sa.Column("skills", sa.String(length=1000), server_default="", nullable=False)
    )
    op.add_column(
        "client",
        sa.Column("offer_preferences", sa.String(length=200), server_default="", nullable=False),
    )
    op.add_column("client", sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "offer",
        sa.Column("skills_required", sa.String(length=1000), server_default="", nullable=False),
    )
    op.add_column(
        "offer", sa.Column("skills_nice", sa.String(length=1000), server_default="", nullable=False)
    )
    op.add_column(
        "offer", sa.Column("flags", sa.String(length=200), server_default="", nullable=False)
    )
    op.add_column("offer", sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_offer_confirmed_at"), "offer", ["confirmed_at"], unique=False)

    connection = op.get_bind()
    connection.execute(
        sa.text("UPDATE offer SET confirmed_at = COALESCE(modified_at, updated_at, created_at)")
    )
    last: dict[int, object] = {}
    for query in (
        "SELECT client_id, MAX(created_at) FROM counselling_note GROUP BY client_id",
        "SELECT client_id, MAX(proposed_at) FROM proposal GROUP BY client_id",
        "SELECT client_id, MAX(printed_at) FROM printed_sheet GROUP BY client_id",
    ):
        for client_id, moment in connection.execute(sa.text(query)):
            if moment is not None and (client_id not in last or str(moment) > str(last[client_id])):
                last[client_id] = moment
    if last:
        connection.execute(
            sa.text("UPDATE client SET last_contact_at = :moment WHERE id = :id"),
            [{"id": client_id, "moment": moment} for client_id, moment in last.items()],
        )
    seed_skills(connection)


def downgrade() -> None:
    op.drop_index(op.f("ix_offer_confirmed_at"), table_name="offer")
    for column in ("confirmed_at", "flags", "skills_nice", "skills_required"):
        op.drop_column("offer", column)
    for column in ("last_contact_at", "offer_preferences", "skills"):
        op.drop_column("client", column)
    op.drop_index(op.f("ix_new_chance_offer_id"), table_name="new_chance")
    op.drop_index(op.f("ix_new_chance_client_id_presented_at"), table_name="new_chance")
    op.drop_table("new_chance")
    op.drop_table("skill")
