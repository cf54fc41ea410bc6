"""`srek-desk users / privacy / retention / audit` as IT staff run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

PASSWORD = "Werra-Fulda-2026"


def run(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", SREK_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        timeout=120,
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli-admin") / "office.sqlite3"
    assert run(db, "demo", "--offers", "30", "--clients", "4", "--seed", "3").returncode == 0
    return db


def test_first_account_must_be_admin_and_password_comes_from_stdin(office: Path) -> None:
    refused = run(
        office, "users", "add", "ben", "--roles", "berater", "--password-stdin", stdin=PASSWORD
    )
    assert refused.returncode == 1 and "admin" in refused.stderr
    created = run(
        office,
        "users",
        "add",
        "chef",
        "--roles",
        "admin,berater",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert created.returncode == 0, created.stderr
    listed = json.loads(run(office, "users", "list", "--json").stdout)["users"]
    assert [(u["username"], u["roles"]) for u in listed] == [("chef", ["admin", "berater"])]
    weak = run(
        office, "users", "add", "eve", "--roles", "berater", "--password-stdin", stdin="kurz"
    )
    assert weak.returncode == 1 and "mindestens" in weak.stderr
    bad_role = run(
        office, "users", "add", "eve", "--roles", "chef", "--password-stdin", stdin=PASSWORD
    )
    assert bad_role.returncode == 1 and "Rollen" in bad_role.stderr


def test_access_export_restriction_and_erasure(office: Path, tmp_path: Path) -> None:
    exported = run(office, "privacy", "export", "--client", "1", "-o", str(tmp_path), "--json")
    assert exported.returncode == 0, exported.stderr
    files = json.loads(exported.stdout)
    report = json.loads(Path(files["json"]).read_text(encoding="utf-8"))
    assert report["person"]["last_name"]
    pdf_text = PdfReader(files["pdf"]).pages[0].extract_text()
    assert report["person"]["last_name"] in pdf_text
    assert (
        "Demo" not in Path(files["pdf"]).name and report["person"]["last_name"] not in files["pdf"]
    )
    assert run(office, "privacy", "restrict", "--client", "1").returncode == 0
    unconfirmed = run(office, "privacy", "erase", "--client", "2")
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    erased = run(office, "privacy", "erase", "--client", "2", "--yes", "--json")
    assert erased.returncode == 0, erased.stderr
    pseudonym = json.loads(erased.stdout)["pseudonym"]
    audit = json.loads(run(office, "audit", "--json", "--verify").stdout)
    assert audit["chain_intact"] is True
    actions = [(e["action"], e["subject"]) for e in audit["entries"]]
    assert ("erase", pseudonym) in actions and any(a == "restrict" for a, _ in actions)
    assert all(e["user"].startswith("cli:") for e in audit["entries"] if e["entity"] == "client")
    missing = run(office, "privacy", "export", "--client", "2", "-o", str(tmp_path))
    assert missing.returncode == 1 and "Keine Klientin" in missing.stderr


def test_retention_preview_and_confirmation(office: Path) -> None:
    preview = json.loads(run(office, "retention", "--json").stdout)
    assert preview["applied"] is False and preview["clients_due"] == 0
    assert run(office, "retention", "--apply").returncode == 1
    applied = json.loads(run(office, "retention", "--apply", "--yes", "--json").stdout)
    assert applied["applied"] is True
