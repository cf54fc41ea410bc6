"""`srek-desk checkout / checkin / transfer` as IT staff and counsellors run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from srek_desk.db.models import Client
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.database import open_database
from srek_desk.services.protection.accounts import AccountService
from tests.db.offline_fixtures import BACKENDS, PASSWORD, Office, office_database


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("SREK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
    )


@pytest.fixture(params=BACKENDS)
def office(
    request: pytest.FixtureRequest, tmp_path: Path, reference
) -> Iterator[tuple[Office, str]]:  # type: ignore[no-untyped-def]
    with office_database(request.param, tmp_path, reference) as seeded:
        url = seeded.db.engine.url.render_as_string(hide_password=False)
        yield seeded, url


def _pseudonym(office: Office, client_id: int) -> str:
    with office.db.session() as session:
        client = session.get(Client, client_id)
        assert client is not None and client.pseudonym
        return client.pseudonym


def _edit_on_laptop(laptop: Path, pseudonym: str, reference, **changes: object) -> None:  # type: ignore[no-untyped-def]
    db = open_database(laptop)
    try:
        berta = AccountService(db).authenticate("berta", PASSWORD)
        with db.session() as session:
            client_id = session.execute(
                select(Client.id).where(Client.pseudonym == pseudonym)
            ).scalar_one()
        service = ClientService(db, berta)
        data, version = service.input_of(client_id)
        service.update(client_id, replace(data, **changes), version, reference)
        service.add_note(client_id, "unterwegs notiert")
    finally:
        db.dispose()


def _phone(office: Office, client_id: int) -> str:
    with office.db.session() as session:
        client = session.get(Client, client_id, populate_existing=True)
        assert client is not None
        return client.phone


def test_checkout_and_checkin_round_trip(
    office: tuple[Office, str], tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    seeded, url = office
    laptop = tmp_path / "laptop.sqlite3"
    lena = _pseudonym(seeded, seeded.lena)
    out = run(
        "checkout", "--server", url, "--client", lena, "--client", str(seeded.jonas),
        "-o", str(laptop), "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert {c["name"] for c in report["clients"]} == {"Musterfrau, Lena", "Beispiel, Jonas"}
    assert report["users"] == ["berta"]  # the clients' counsellor signs in on the laptop
    assert report["rows"]["offer"] == 4 and "srek-test" not in out.stdout
    again = run("checkout", "--server", url, "--client", lena, "-o", str(tmp_path / "b.sqlite3"))
    assert again.returncode == 1 and "Schon auf einem Laptop" in again.stderr

    _edit_on_laptop(laptop, lena, reference, phone="0170 5550000")
    back = run("checkin", str(laptop), "--server", url, "--json")
    assert back.returncode == 0, back.stderr
    result = json.loads(back.stdout)
    assert [a["name"] for a in result["applied"]] == ["Musterfrau, Lena"]
    assert "phone" in result["applied"][0]["fields"]
    assert result["added"]["notes"] == 1 and result["closed"] is True
    assert result["open_conflicts"] == 0
    assert _phone(seeded, seeded.lena) == "0170 5550000"

    twice = run("checkin", str(laptop), "--server", url)
    assert twice.returncode == 0, twice.stderr
    assert "Unverändert: " in twice.stdout and "Ergänzt: 0 Notizen" in twice.stdout


def test_conflicts_exit_1_until_decided(
    office: tuple[Office, str], tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    seeded, url = office
    laptop = tmp_path / "laptop.sqlite3"
    assert (
        run("checkout", "--server", url, "--client", str(seeded.lena), "-o", str(laptop)).returncode
        == 0
    )
    lena = _pseudonym(seeded, seeded.lena)
    service = ClientService(seeded.db, seeded.berta)
    data, version = service.input_of(seeded.lena)
    service.update(seeded.lena, replace(data, phone="0561 BÜRO"), version, reference)
    _edit_on_laptop(laptop, lena, reference, phone="0170 LAPTOP")

    listed = run("checkin", str(laptop), "--server", url)
    assert listed.returncode == 1
    assert "Konflikt: Musterfrau, Lena" in listed.stdout
    assert "Telefon: Büro „0561 BÜRO“, Laptop „0170 LAPTOP“" in listed.stdout
    assert "--keep server" in listed.stderr
    as_json = run("checkin", str(laptop), "--server", url, "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["open_conflicts"] == 1 and report["closed"] is False
    differences = {d["field"]: d for d in report["conflicts"][0]["differences"]}
    assert differences["phone"]["office"] == "0561 BÜRO"
    assert differences["phone"]["laptop"] == "0170 LAPTOP"
    assert _phone(seeded, seeded.lena) == "0561 BÜRO"  # nothing written without a decision

    decided = run("checkin", str(laptop), "--server", url, "--keep", "laptop", "--json")
    assert decided.returncode == 0, decided.stderr
    report = json.loads(decided.stdout)
    assert [r["keep"] for r in report["resolved"]] == ["laptop"]
    assert report["closed"] is True and report["open_conflicts"] == 0
    assert _phone(seeded, seeded.lena) == "0170 LAPTOP"


def test_usage_and_refusals(tmp_path: Path) -> None:
    assert run("checkout", "-o", str(tmp_path / "l.sqlite3")).returncode == 2
    assert run("checkin", str(tmp_path / "l.sqlite3"), "--keep", "beide").returncode == 2
    assert run("transfer", str(tmp_path / "a.sqlite3")).returncode == 2
    missing = run("checkin", str(tmp_path / "l.sqlite3"), "--server", str(tmp_path / "o.sqlite3"))
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    unknown = run(
        "checkout", "--server", str(tmp_path / "o.sqlite3"), "--client", "K-404",
        "-o", str(tmp_path / "l.sqlite3"),
    )  # fmt: skip
    assert unknown.returncode == 1 and "„K-404“ gibt es nicht" in unknown.stderr
    assert not (tmp_path / "l.sqlite3").exists()


def test_transfer_into_an_empty_server_only(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    with office_database("sqlite", tmp_path, reference):
        pass
    source = tmp_path / "office.sqlite3"
    target = "sqlite:///" + str(tmp_path / "server.sqlite3")
    moved = run("transfer", str(source), "--to", target, "--json")
    assert moved.returncode == 0, moved.stderr
    report = json.loads(moved.stdout)
    assert report["tables"]["client"] == 4 and report["tables"]["offer"] == 5
    assert report["audit_chain_ok"] is True
    refused = run("transfer", str(source), "--to", target)
    assert refused.returncode == 1 and "schon Klient:innen oder Angebote" in refused.stderr
    text = run("transfer", str(source), "--to", "sqlite:///" + str(tmp_path / "fresh.sqlite3"))
    assert text.returncode == 0 and "Protokollkette geprüft" in text.stdout
