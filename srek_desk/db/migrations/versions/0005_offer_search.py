"""offer search: a full-text index over the searchable offer columns

Revision ID: 0005_offer_search
Revises: 0004_desk
Create Date: 2026-11-24

SQLite: an external-content FTS5 table kept current by triggers, whoever writes offers.
A later batch migration that rebuilds the `offer` table drops these triggers: such a migration
must call `create_offer_search()` again (tests/db/test_offer_search.py checks them at head).

PostgreSQL: the same idea without extensions: a table `offer_fts` (id, tsvector) with a GIN
index, filled by a trigger; words are folded like FTS5's unicode61 tokenizer with
remove_diacritics (lower case, accents off, split at punctuation), so both engines find the
same offers by word prefix. `srek_desk.db.search` builds the queries.
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


# Accented letters and their plain forms, upper and lower case (lower() alone depends on the
# database's LC_CTYPE; translate() does not). The same characters FTS5's remove_diacritics folds.
_ACCENTED = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž"
_PLAIN = "aaaaaaaaacccccddeeeeeeeeegggghiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz"

POSTGRESQL_SEARCH = (
    "CREATE FUNCTION offer_fts_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
    f"PARALLEL SAFE AS $$ SELECT translate(lower(translate(value, '{_ACCENTED.upper()}', "
    f"'{_PLAIN.upper()}')), '{_ACCENTED}', '{_PLAIN}') $$",
    "CREATE FUNCTION offer_fts_document(VARIADIC parts text[]) RETURNS tsvector LANGUAGE sql "
    "IMMUTABLE PARALLEL SAFE AS $$ SELECT to_tsvector('simple'::regconfig, regexp_replace("
    "offer_fts_fold(array_to_string(parts, ' ')), '[[:space:][:punct:]]+', ' ', 'g')) $$",
    "CREATE TABLE offer_fts (id integer NOT NULL, document tsvector NOT NULL, "
    "CONSTRAINT pk_offer_fts PRIMARY KEY (id), CONSTRAINT fk_offer_fts_id_offer "
    "FOREIGN KEY (id) REFERENCES offer (id) ON DELETE CASCADE)",
    "CREATE INDEX offer_fts_document_index ON offer_fts USING gin (document)",
    "CREATE FUNCTION offer_fts_refresh() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO offer_fts (id, document) VALUES (NEW.id, offer_fts_document(NEW.title, "
    "NEW.employer_name, NEW.place, NEW.postcode, NEW.reference, NEW.kldb_code)) "
    "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document; RETURN NULL; END $$",
    "CREATE TRIGGER offer_fts_insert AFTER INSERT ON offer FOR EACH ROW "
    "EXECUTE FUNCTION offer_fts_refresh()",
    f"CREATE TRIGGER offer_fts_update AFTER UPDATE OF {COLUMNS} ON offer FOR EACH ROW "
    "EXECUTE FUNCTION offer_fts_refresh()",
    "INSERT INTO offer_fts (id, document) SELECT id, offer_fts_document(title, employer_name, "
    "place, postcode, reference, kldb_code) FROM offer",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        create_offer_search()
    elif dialect == "postgresql":
        for statement in POSTGRESQL_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("offer_fts_insert", "offer_fts_delete", "offer_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS offer_fts")
    elif dialect == "postgresql":
        for trigger in ("offer_fts_insert", "offer_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON offer")
        op.execute("DROP TABLE IF EXISTS offer_fts")
        op.execute("DROP FUNCTION IF EXISTS offer_fts_refresh()")
        op.execute("DROP FUNCTION IF EXISTS offer_fts_document(VARIADIC text[])")
        op.execute("DROP FUNCTION IF EXISTS offer_fts_fold(text)")
