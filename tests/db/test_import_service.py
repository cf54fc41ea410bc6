"""Import service: upsert, deactivation, proposals survive, one transaction, dry run, cancel, history, export."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text, update

from srek_desk.db.models import Client, ClientOccupation, Employer, ImportRun, Offer, Proposal
from srek_desk.services.imports.service import ImportCancelled, ImportOptions, ImportService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HEADER = "Referenznummer;Titel;Beruf;Arbeitgeber;PLZ;Eintrittsdatum\n"


def checksum(database) -> str:  # type: ignore[no-untyped-def]
    """Every row of every table: equal checksums mean an unchanged database."""
    digest = hashlib.sha256()
    with database.engine.connect() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        for table in tables:
            for row in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def offers(database, source: str | None = None) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        query = select(Offer)
        if source:
            query = query.where(Offer.source == source)
        return {row.reference: row._asdict() for row in conn.execute(query)}


@pytest.fixture
def service(database, reference) -> ImportService:  # type: ignore[no-untyped-def]
    return ImportService(database, reference)


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_new_unchanged_updated_and_deactivated(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "liste.csv",
        [
            "A-1;Mechatroniker/in;Mechatroniker/in;Muster GmbH;37213;01.08.2027",
            "A-2;Verkäufer/in;Verkäufer/in;Beispiel KG;34117;01.12.2026",
            "A-3;Tischler/in;Tischler/in;Muster GmbH;37213;01.08.2027",
        ],
    )
    report = service.import_file(path, ImportOptions(source="Kammer"))
    assert (report.status, report.new, report.updated, report.unchanged) == ("imported", 3, 0, 0)
    assert report.employers_created == 2  # "Muster GmbH" in 37213 once
    stored = offers(database, "Kammer")
    assert (
        stored["A-1"]["employer_name"] == "Muster GmbH"
        and stored["A-1"]["employer_id"] == stored["A-3"]["employer_id"]
    )
    assert stored["A-1"]["kldb_code"] == "26112" and stored["A-1"]["required_level"] == 2

    with database.engine.begin() as conn:  # a proposal and a hand-assigned code on offers
        client_id = conn.execute(
            insert(Client).values(last_name="Test").returning(Client.id)
        ).scalar_one()
        conn.execute(
            insert(Proposal).values(client_id=client_id, offer_id=stored["A-3"]["id"], note="Notiz")
        )
    again = service.import_file(path, ImportOptions(source="Kammer"))
    assert (again.new, again.updated, again.unchanged, again.deactivated) == (0, 0, 3, 0)

    write_csv(
        path,
        [
            "A-1;Mechatroniker/in;Mechatroniker/in;Muster GmbH;37213;01.09.2027",
            "A-2;Verkäufer/in;Verkäufer/in;Beispiel KG;34117;01.12.2026",
        ],
    )
    # A file retires what it lacks only as the source's complete list (--full).
    third = service.import_file(path, ImportOptions(source="Kammer", full_load=True))
    assert (third.new, third.updated, third.unchanged, third.deactivated) == (0, 1, 1, 1)
    assert third.retired_offers == [{"reference": "A-3", "title": "Tischler/in"}]
    stored = offers(database, "Kammer")
    assert stored["A-3"]["active"] is False and stored["A-1"]["start_date"].month == 9
    with database.session() as session:
        assert session.execute(select(Proposal.note)).scalar_one() == "Notiz"
    write_csv(path, ["A-3;Tischler/in;Tischler/in;Muster GmbH;37213;01.08.2027"])
    fourth = service.import_file(path, ImportOptions(source="Kammer"))
    assert fourth.updated == 1 and offers(database, "Kammer")["A-3"]["active"] is True
    assert fourth.deactivated == 0 and offers(database, "Kammer")["A-1"]["active"] is True
    assert [run["new"] for run in service.history()] == [0, 0, 0, 3]
    stored_report = service.stored_report(service.history()[1]["id"])
    assert stored_report is not None and stored_report["deactivated"] == 1
    assert stored_report["retired_offers"] == [{"reference": "A-3", "title": "Tischler/in"}]


def test_hand_assigned_code_survives_reimport(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "x.csv", ["Z-1;Zauberlehrling;Zauberlehrling;Muster;37213;"])
    report = service.import_file(path)
    assert any("Zauberlehrling" in w["message"] for w in report.warnings)
    with database.engine.begin() as conn:
        conn.execute(update(Offer).values(kldb_code="94114", required_level=4))
    assert service.import_file(path).unchanged == 1
    assert offers(database)["Z-1"]["kldb_code"] == "94114"


def test_ba_json_reimport_with_changed_timestamp_updates(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ba.json"
    shutil.copy(FIXTURES / "ba_search_v4.json", path)
    assert service.import_file(path).new == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stellenangebote"][0]["modifikationsTimestamp"] = "2026-11-30T10:00:00.000Z"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = service.import_file(path)
    assert (report.updated, report.unchanged) == (1, 2)


def test_hrbaxml_delete_entry_deactivates(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service.import_file(FIXTURES / "hrbaxml_offers.xml")
    xml = (FIXTURES / "hrbaxml_offers.xml").read_text(encoding="utf-8")
    xml = xml.replace("V000000001-2025-0099-S", "V000000001-2026-0002-S").replace(
        "<TypeOfLoad>F", "<TypeOfLoad>D"
    )
    start = xml.index("<JobPositionPosting>", xml.index("</JobPositionPosting>"))
    xml = (
        xml[:start]
        + xml[xml.index("</JobPositionPosting>", start) + len("</JobPositionPosting>") :]
    )
    path = tmp_path / "delta.xml"
    path.write_text(xml, encoding="utf-8")
    report = service.import_file(path)
    assert (report.unchanged, report.deactivated) == (1, 1)
    assert offers(database)["V000000001-2026-0002-S"]["active"] is False
    assert len(offers(database)) == 2  # never deleted


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leer.csv", ""),
        ("kaputt.json", '{"stellenangebote": [{"refnr": "1"'),
        ("doppelt.csv", HEADER + "B-1;T;T;A;37213;\nB-1;T;T;A;37213;\n"),
        ("datum.csv", HEADER + "B-1;T;T;A;37213;31.02.2027\n"),
        ("plz.csv", HEADER + "B-1;T;T;A;3721x;\n"),
        ("spalte.csv", "Titel;PLZ\nT;37213\n"),
    ],
)
def test_bad_files_leave_the_database_exactly_as_before(
    demo_database, reference, tmp_path: Path, name: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    service = ImportService(demo_database, reference)
    before = checksum(demo_database)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    report = service.import_file(path, ImportOptions(skip_bad_rows=False))
    assert report.refused and report.message
    assert name in report.message or any(
        name in e["message"] or "Zeile" in e["message"] for e in report.errors
    )
    assert checksum(demo_database) == before


def test_skip_bad_rows_imports_the_good_ones(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "x.csv",
        ["C-1;Titel;Beruf;A;37213;01.08.2027", "C-2;Titel;Beruf;A;37213;32.01.2027"],
    )
    report = service.import_file(path)
    assert report.status == "imported" and report.new == 1 and report.bad_rows == 1
    assert report.errors[0]["line"] == 3 and report.errors[0]["field"] == "Eintrittsdatum"


def test_dry_run_and_cancel_roll_back(demo_database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = ImportService(demo_database, reference)
    before = checksum(demo_database)
    report = service.import_file(FIXTURES / "offers.csv", ImportOptions(dry_run=True))
    assert report.status == "dry-run" and report.new == 4 and report.run_id is None
    assert checksum(demo_database) == before
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled, match="unverändert"):
        service.import_file(
            FIXTURES / "offers.csv",
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: bool(seen),
        )
    assert seen and checksum(demo_database) == before


def test_saved_mapping_is_used(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "eigen.csv"
    path.write_text("Nr;Was;Wo\nE-1;Koch/Köchin;34117\n", encoding="utf-8")
    assert service.import_file(path, ImportOptions(source="Eigen")).refused
    service.save_mapping("Eigen", {"Nr": "reference", "Was": "title", "Wo": "postcode"})
    assert service.saved_mapping("Eigen") == {"Nr": "reference", "Was": "title", "Wo": "postcode"}
    report = service.import_file(path, ImportOptions(source="Eigen"))
    assert report.new == 1 and offers(database)["E-1"]["place"] == "Kassel"


def test_clients_import_and_update(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = service.import_file(FIXTURES / "clients.csv", ImportOptions(kind="clients"))
    assert report.new == 3
    with database.session() as session:
        lena = session.execute(
            select(Client).where(Client.customer_number == "KD-1001")
        ).scalar_one()
        wishes = (
            session.execute(
                select(ClientOccupation.kldb_code)
                .where(ClientOccupation.client_id == lena.id)
                .order_by(ClientOccupation.priority)
            )
            .scalars()
            .all()
        )
    assert (
        lena.home_place == "Hann. Münden" and lena.has_car and lena.mobility_modes == "car,pt,bike"
    )
    assert wishes == ["26112", "25212"]
    assert (
        service.import_file(FIXTURES / "clients.csv", ImportOptions(kind="clients")).unchanged == 3
    )
    changed = tmp_path / "clients.csv"
    changed.write_text(
        (FIXTURES / "clients.csv").read_text(encoding="utf-8").replace("26112, 25212", "25212"),
        encoding="utf-8",
    )
    report = service.import_file(changed, ImportOptions(kind="clients"))
    assert (report.updated, report.unchanged) == (1, 2)


def test_export_round_trip(service, database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service.import_file(FIXTURES / "offers.csv", ImportOptions(source="Kammer"))
    for suffix in ("csv", "xlsx"):
        target = tmp_path / f"export.{suffix}"
        assert service.export_offers(target, source="Kammer") == 4
        report = service.import_file(target, ImportOptions(source="Kammer"))
        assert (report.unchanged, report.updated, report.new) == (4, 0, 0), suffix


def test_employers_are_found_again(demo_database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        name, postcode = session.execute(select(Employer.name, Employer.postcode).limit(1)).one()
        count = session.execute(select(func.count()).select_from(Employer)).scalar_one()
    path = write_csv(tmp_path / "x.csv", [f"D-1;Titel;Beruf;{name.upper()};{postcode};"])
    report = ImportService(demo_database, reference).import_file(path)
    assert report.new == 1 and report.employers_created == 0
    with demo_database.session() as session:
        assert session.execute(select(func.count()).select_from(Employer)).scalar_one() == count
        assert session.execute(select(func.count()).select_from(ImportRun)).scalar_one() == 1


def test_integrity_after_import(service, database) -> None:  # type: ignore[no-untyped-def]
    service.import_file(FIXTURES / "ba_search_v4.json")
    assert database.integrity_problems() == []
    path = database.sqlite_file
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_mapping_for_a_long_source_name_is_saved_twice(database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.imports.service import ImportService

    service = ImportService(database, reference)
    source = "Kammer " + "x" * 80
    service.save_mapping(source, {"Titel": "title"})
    service.save_mapping(source, {"Titel": "title", "PLZ": "postcode"})
    assert service.saved_mapping(source) == {"Titel": "title", "PLZ": "postcode"}
