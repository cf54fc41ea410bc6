"""PostgreSQL: audit entries written by the server, `srek_audit_append(...)` (SECURITY DEFINER).

`install(connection)` (run by `server-setup` as the admin role that owns the tables) creates the
function. It runs with its owner's rights, so the desks' roles need no INSERT on `audit_event`:

- the actor is taken from `session_user` when the caller is a person's login role (a member of
  a group role of db/server_rls.py) and mapped to `user_account` by name; only the shared
  application role of earlier versions passes its actor as arguments;
- writers are serialised by `pg_advisory_xact_lock(AUDIT_LOCK_KEY)` until their transaction
  ends, the same lock the program takes itself (services/core/audit.py), so the chain never forks;
- id, time (the server's clock) and the version-2 hash of db/audit_chain.py are computed inside.

EXECUTE is granted to the group roles only (not PUBLIC). `services.core.audit.record` calls the
function whenever the connected role may execute it (`APPEND_USABLE`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from srek_desk.db.audit_chain import AUDIT_LOCK_KEY, V2_TAG
from srek_desk.db.server_rls import GROUPS

FUNCTION = "srek_audit_append"
SIGNATURE = f"{FUNCTION}(integer, text, text, text, integer, text, text, text)"

APPEND_USABLE = text(
    f"SELECT coalesce(has_function_privilege(to_regprocedure('{SIGNATURE}'), 'EXECUTE'), false)"
)
APPEND_CALL = text(
    f"SELECT {FUNCTION}(CAST(:user_id AS integer), CAST(:user_name AS text), "
    "CAST(:action AS text), CAST(:entity AS text), CAST(:entity_id AS integer), "
    "CAST(:subject AS text), CAST(:fields AS text), CAST(:detail AS text))"
)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def function_sql(schema: str, groups: Sequence[str]) -> str:
    group_list = ", ".join(_literal(g) for g in groups) or "NULL"
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(
    p_user_id integer, p_user_name text, p_action text, p_entity text, p_entity_id integer,
    p_subject text, p_fields text, p_detail text
)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}, pg_temp
AS $fn$
DECLARE
    v_user_id integer := p_user_id;
    v_user_name text := coalesce(p_user_name, '');
    v_fields text := left(coalesce(p_fields, ''), 1000);
    v_detail text := left(coalesce(p_detail, ''), 200);
    v_previous text;
    v_id integer;
    v_at timestamptz;
BEGIN
    IF EXISTS (
        SELECT FROM pg_roles g, pg_roles u
        WHERE u.rolname = session_user AND g.rolname IN ({group_list})
          AND pg_has_role(u.oid, g.oid, 'MEMBER')
    ) THEN
        v_user_name := session_user;
        v_user_id := (SELECT a.id FROM user_account a WHERE a.username = session_user::text);
    END IF;
    PERFORM pg_advisory_xact_lock({AUDIT_LOCK_KEY});
    SELECT e.chain_hash INTO v_previous FROM audit_event e ORDER BY e.id DESC LIMIT 1;
    v_id := nextval(pg_get_serial_sequence('audit_event', 'id'));
    v_at := date_trunc('second', clock_timestamp());
    INSERT INTO audit_event
        (id, at, user_id, user_name, action, entity, entity_id, subject, fields, detail,
         chain_hash)
    VALUES (
        v_id, v_at, v_user_id, v_user_name, p_action, p_entity, p_entity_id,
        coalesce(p_subject, ''), v_fields, v_detail,
        encode(sha256(convert_to(concat_ws(chr(31),
            {_literal(V2_TAG)}, coalesce(v_previous, ''), v_id::text,
            to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'),
            coalesce(v_user_id::text, ''), v_user_name, p_action, p_entity,
            coalesce(p_entity_id::text, ''), coalesce(p_subject, ''), v_fields, v_detail
        ), 'UTF8')), 'hex')
    );
    RETURN v_id;
END
$fn$
"""


def install(connection: Connection, groups: Sequence[str] = GROUPS) -> None:
    """Create (or replace) the function; EXECUTE for the existing `groups`, not for PUBLIC."""
    schema = connection.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    # driver level: the body's "HH24:MI:SS" is no bind parameter
    connection.exec_driver_sql(function_sql(str(schema), groups))
    connection.execute(text(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC"))
    existing = connection.execute(
        text("SELECT quote_ident(rolname) FROM pg_roles WHERE rolname = ANY(:groups)"),
        {"groups": list(groups)},
    ).scalars()
    for role in existing:
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO {role}"))
