"""data protection: client owner, sharing, restriction, pseudonyms; append-only audit log

Revision ID: 0007_data_protection
Revises: 0006_change_indexes
Create Date: 2026-11-24
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from srek_desk.db.audit_chain import chain_hash

revision = "0007_data_protection"
down_revision = "0006_change_indexes"
branch_labels = None
depends_on = None

_REFUSE = "audit_event is append-only"
_GATE = "(SELECT purge_before FROM audit_retention WHERE id = 1)"

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    f"WHEN {_GATE} IS NULL OR old.at >= {_GATE} "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END",
)

POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND OLD.at < (SELECT purge_before FROM audit_retention WHERE id = 1) "
    f"THEN RETURN OLD; END IF; RAISE EXCEPTION '{_REFUSE}'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
)


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("counsellor_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("restricted", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("restricted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pseudonym", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_client_counsellor_id_user_account"),
            "user_account",
            ["counsellor_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_client_counsellor_id"), ["counsellor_id"], unique=False)
        batch.create_unique_constraint(op.f("uq_client_pseudonym"), ["pseudonym"])

    # Restriction was a status before; it is now a flag beside the status (restricting keeps it).
    bind.execute(
        sa.text(
            "UPDATE client SET restricted = :yes, status = 'active' WHERE status = 'restricted'"
        ),
        {"yes": True},
    )
    client = sa.table("client", sa.column("id", sa.Integer), sa.column("pseudonym", sa.String))
    ids = bind.execute(sa.select(client.c.id)).scalars().all()
    for client_id in ids:
        bind.execute(
            client.update().where(client.c.id == client_id).values(pseudonym=secrets.token_hex(6))
        )

    with op.batch_alter_table("user_account") as batch:
        batch.alter_column("role", existing_type=sa.String(length=20), type_=sa.String(length=60))
        batch.add_column(sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )

    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(
            sa.Column("user_name", sa.String(length=60), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("subject", sa.String(length=16), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("detail", sa.String(length=200), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("chain_hash", sa.String(length=64), server_default="", nullable=False)
        )
        batch.create_index(op.f("ix_audit_event_subject"), ["subject"], unique=False)

    _pseudonymise_and_chain_existing_events(bind)

    op.create_table(
        "audit_retention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purge_before", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_retention")),
    )
    bind.execute(sa.text("INSERT INTO audit_retention (id, purge_before) VALUES (1, NULL)"))
    for statement in POSTGRESQL_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS:
        bind.execute(sa.text(statement))


def _pseudonymise_and_chain_existing_events(bind: sa.Connection) -> None:
    """Client events name the client by pseudonym, not row id; hash every existing entry."""
    bind.execute(
        sa.text(
            "UPDATE audit_event SET subject = COALESCE((SELECT pseudonym FROM client "
            "WHERE client.id = audit_event.entity_id), ''), entity_id = NULL "
            "WHERE entity = 'client'"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE audit_event SET user_name = COALESCE((SELECT username FROM user_account "
            "WHERE user_account.id = audit_event.user_id), '')"
        )
    )
    rows = bind.execute(
        sa.text(
            "SELECT id, at, user_name, action, entity, entity_id, subject, fields, detail "
            "FROM audit_event ORDER BY id"
        )
    ).all()
    previous = ""
    for row in rows:
        previous = chain_hash(
            previous,
            at=row.at,
            user_name=row.user_name,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            subject=row.subject,
            fields=row.fields,
            detail=row.detail,
        )
        bind.execute(
            sa.text("UPDATE audit_event SET chain_hash = :hash WHERE id = :id"),
            {"hash": previous, "id": row.id},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("DROP TRIGGER audit_event_append_only ON audit_event"))
        bind.execute(sa.text("DROP FUNCTION audit_event_append_only()"))
    else:
        bind.execute(sa.text("DROP TRIGGER audit_event_no_update"))
        bind.execute(sa.text("DROP TRIGGER audit_event_no_delete"))
    op.drop_table("audit_retention")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index(op.f("ix_audit_event_subject"))
        for column in ("chain_hash", "detail", "subject", "user_name"):
            batch.drop_column(column)
    with op.batch_alter_table("user_account") as batch:
        for column in ("must_change_password", "password_changed_at", "last_login_at"):
            batch.drop_column(column)
        batch.alter_column("role", existing_type=sa.String(length=60), type_=sa.String(20))
    with op.batch_alter_table("client") as batch:
        batch.drop_constraint(op.f("uq_client_pseudonym"), type_="unique")
        batch.drop_index(op.f("ix_client_counsellor_id"))
        batch.drop_constraint(op.f("fk_client_counsellor_id_user_account"), type_="foreignkey")
        for column in (
            "anonymised_at",
            "pseudonym",
            "restricted_at",
            "restricted",
            "shared",
            "counsellor_id",
        ):
            batch.drop_column(column)
