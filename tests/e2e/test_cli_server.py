"""`srek-desk server-setup` and `srek-desk migrate` as IT staff run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
from alembic import command
from sqlalchemy.engine import make_url

from srek_desk.db.engine import make_engine
from srek_desk.db.migrate import alembic_config, head_revision
from srek_desk.db.server import setup_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(
    *args: str, db: str | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("SREK_DB", None)
    if db is not None:
        environment["SREK_DB"] = db
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin if stdin is not None else "",
        timeout=120,
    )


def test_setup_then_the_desks_work_with_the_app_role(least_privilege) -> None:  # type: ignore[no-untyped-def]
    setup = run(
        "server-setup",
        "--admin-url",
        least_privilege.admin_url,
        "--app-role",
        least_privilege.role,
        "--password-stdin",
        "--json",
        stdin=least_privilege.password + "\n",
    )
    assert setup.returncode == 0, setup.stderr
    report = json.loads(setup.stdout)
    assert report["created"] and report["password_set"]
    assert report["schema_before"] is None and report["schema_after"] == head_revision()
    assert report["privileges"]["audit_event"] == ["DELETE", "INSERT", "SELECT"]
    app_url = make_url(report["app_url"])
    assert (app_url.username, app_url.password) == (least_privilege.role, None)
    assert app_url.database == make_url(least_privilege.admin_url).database
    admin_password = psycopg.conninfo.conninfo_to_dict(
        least_privilege.admin_url.replace("+psycopg", "")
    ).get("password")
    for secret in (least_privilege.password, admin_password):
        assert not secret or (secret not in setup.stdout and secret not in setup.stderr)

    again = run(
        "server-setup", "--admin-url", least_privilege.admin_url, "--app-role", least_privilege.role
    )
    assert again.returncode == 0, again.stderr
    assert "war schon da, Passwort unverändert" in again.stdout
    assert "audit_event            DELETE, INSERT, SELECT" in again.stdout

    app = least_privilege.app_url
    demo = run("demo", "--offers", "40", "--clients", "6", "--seed", "4", "--json", db=app)
    assert demo.returncode == 0, demo.stderr
    assert least_privilege.password not in demo.stdout
    with psycopg.connect(least_privilege.app_url.replace("+psycopg", "")) as connection:
        number = connection.execute(
            "SELECT customer_number FROM client WHERE status = 'active' ORDER BY id LIMIT 1"
        ).fetchone()[0]  # type: ignore[index]
    matched = run("match", "--client", number, "--top", "3", "--json", db=app)
    assert matched.returncode == 0, matched.stderr
    assert json.loads(matched.stdout)["reference"] == number
    current = run("migrate", "--json", db=app)
    assert current.returncode == 0, current.stderr
    assert json.loads(current.stdout)["changed"] is False

    wrong = app.replace(least_privilege.password, "falsch-geraten")
    refused = run("migrate", db=wrong)
    assert refused.returncode == 1
    assert "Datenbankserver" in refused.stderr and "falsch-geraten" not in refused.stderr


def test_schema_behind_needs_the_admin(least_privilege) -> None:  # type: ignore[no-untyped-def]
    setup_server(least_privilege.admin_url, least_privilege.role, password=least_privilege.password)
    engine = make_engine(least_privilege.admin_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    engine.dispose()
    app = least_privilege.app_url
    refused = run("demo", "--offers", "1", "--clients", "0", db=app)
    assert refused.returncode == 1
    assert "srek-desk migrate" in refused.stderr and "IT" in refused.stderr
    migrated = run("migrate", "--admin-url", least_privilege.admin_url, "--json", db=app)
    assert migrated.returncode == 0, migrated.stderr
    data = json.loads(migrated.stdout)
    assert data["changed"] and data["after"] == head_revision()
    assert run("demo", "--offers", "1", "--clients", "1", db=app).returncode == 0


def test_setup_refusals_are_usage_or_user_errors() -> None:
    bare = run("server-setup")  # --app-role is optional since issue 17 (personal logins)
    assert bare.returncode == 1 and "--admin-url" in bare.stderr
    no_admin = run("server-setup", "--app-role", "srek_app")
    assert no_admin.returncode == 1 and "--admin-url" in no_admin.stderr
    bad = run("server-setup", "--admin-url", "postgresql://a@h/db", "--app-role", "Bad Name")
    assert bad.returncode == 1 and "Rollenname" in bad.stderr
    sqlite = run("server-setup", "--admin-url", "/tmp/x.sqlite3", "--app-role", "srek_app")
    assert sqlite.returncode == 1 and "PostgreSQL" in sqlite.stderr


def test_migrate_an_sqlite_file_backs_it_up_first(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    shutil.copy(FIXTURES / "schema_0006_change_indexes.sqlite3", db)
    result = run("migrate", "--json", db=str(db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["before"] == "0006_change_indexes" and data["after"] == head_revision()
    assert data["backup"] and Path(data["backup"]).is_file()
    again = run("migrate", db=str(db))
    assert again.returncode == 0 and "aktuell" in again.stdout
