"""erasure register: erased and anonymised clients by pseudonym, filled by a trigger

Revision ID: 0012_erasure_register
Revises: 0011_timetable
Create Date: 2026-12-08

`erasure_register` holds (pseudonym, action, erased_at) for every client that was erased or
anonymised, so that a restore of an older backup applies those erasures again. A trigger on
`audit_event` writes it whenever an `erase` or `anonymise` entry for a client is appended
(privacy page, command line, retention alike); a second trigger makes inserting a known entry
a no-op (copying a database into a server inserts the audit entries and the register both).
Existing audit entries fill the register once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_erasure_register"
down_revision = "0011_timetable"
branch_labels = None
depends_on = None

_WHEN = "NEW.entity = 'client' AND NEW.action IN ('erase', 'anonymise') AND NEW.subject <> ''"
_KNOWN = (
    "EXISTS (SELECT 1 FROM erasure_register r "
    "WHERE r.pseudonym = NEW.pseudonym AND r.action = NEW.action)"
)

SQLITE_TRIGGERS = (
    "CREATE TRIGGER erasure_register_once BEFORE INSERT ON erasure_register "
    f"WHEN {_KNOWN} BEGIN SELECT RAISE(IGNORE); END",
    "CREATE TRIGGER audit_event_erasure_register AFTER INSERT ON audit_event "
    f"WHEN {_WHEN} BEGIN "
    "INSERT INTO erasure_register (pseudonym, action, erased_at) "
    "VALUES (NEW.subject, NEW.action, NEW.at); END",
)

# SECURITY DEFINER: the register is written whoever appends to the audit log (a counsellor's
# own login role needs no right on the table); the search path is fixed at creation.
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION erasure_register_once() RETURNS trigger AS $$ BEGIN "
    f"IF {_KNOWN} THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER erasure_register_once BEFORE INSERT ON erasure_register "
    "FOR EACH ROW EXECUTE FUNCTION erasure_register_once()",
    "CREATE FUNCTION audit_event_erasure_register() RETURNS trigger AS $$ BEGIN "
    "INSERT INTO erasure_register (pseudonym, action, erased_at) "
    "VALUES (NEW.subject, NEW.action, NEW.at); RETURN NULL; END $$ LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path FROM CURRENT",
    "CREATE TRIGGER audit_event_erasure_register AFTER INSERT ON audit_event "
    f"FOR EACH ROW WHEN ({_WHEN}) EXECUTE FUNCTION audit_event_erasure_register()",
)

BACKFILL = (
    "INSERT INTO erasure_register (pseudonym, action, erased_at) "
    "SELECT subject, action, min(at) FROM audit_event "
    "WHERE entity = 'client' AND action IN ('erase', 'anonymise') AND subject <> '' "
    "GROUP BY subject, action"
)


def upgrade() -> None:
    op.create_table(
        "erasure_register",
        sa.Column("pseudonym", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pseudonym", "action", name=op.f("pk_erasure_register")),
    )
    bind = op.get_bind()
    bind.execute(sa.text(BACKFILL))
    for statement in POSTGRESQL_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS:
        bind.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("DROP TRIGGER audit_event_erasure_register ON audit_event"))
        bind.execute(sa.text("DROP FUNCTION audit_event_erasure_register()"))
        bind.execute(sa.text("DROP TRIGGER erasure_register_once ON erasure_register"))
        bind.execute(sa.text("DROP FUNCTION erasure_register_once()"))
    else:
        bind.execute(sa.text("DROP TRIGGER audit_event_erasure_register"))
        bind.execute(sa.text("DROP TRIGGER erasure_register_once"))
    op.drop_table("erasure_register")
