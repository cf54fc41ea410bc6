"""offer search: an FTS5 index over the searchable offer columns (SQLite)

Revision ID: 0005_offer_search
Revises: 0004_desk
Create Date: 2026-11-24

The index is an external-content FTS5 table kept current by triggers, whoever writes offers.
A later batch migration that rebuilds the `offer` table drops these triggers: such a migration
must call `create_offer_search()` again (tests/db/test_offer_search.py checks them at head).
"""

from __future__ import annotations

from alembic import op

revision = "0005_offer_search"
down_revision = "0004_desk"
branch_labels = None
depends_on = None

COLUMNS = "title, employer_name, place, postcode, reference, kldb_code"
NEW = "new.title, new.employer_name, new.place, new.postcode, new.reference, coalesce(new.kldb_code, '')"
OLD = "old.title, old.employer_name, old.place, old.postcode, old.reference, coalesce(old.kldb_code, '')"


def create_offer_search() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS offer_fts USING fts5({COLUMNS}, content='offer', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS offer_fts_insert AFTER INSERT ON offer BEGIN "
        f"INSERT INTO offer_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS offer_fts_delete AFTER DELETE ON offer BEGIN "
        f"INSERT INTO offer_fts(offer_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END"
    )
    op.execute(
        "CREATE TRIGGER IF NOT EXISTS offer_fts_update AFTER UPDATE ON offer BEGIN "
        f"INSERT INTO offer_fts(offer_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
        f"INSERT INTO offer_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END"
    )
    op.execute("INSERT INTO offer_fts(offer_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        create_offer_search()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("offer_fts_insert", "offer_fts_delete", "offer_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS offer_fts")
