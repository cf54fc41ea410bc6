"""The example names of an office-loaded KldB file are stored, travel along and are found.

`database` runs on SQLite and PostgreSQL; the laptop and server copies use the offline fixtures
(both engines, PostgreSQL when SREK_TEST_POSTGRES_URL is set).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import col

from srek_desk.config import Config
from srek_desk.context import AppContext
from srek_desk.db.models import OccupationRecord
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.occupations import OccupationCatalog
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.offers.occupations import (
    import_kldb_file,
    occupation_catalog,
    office_occupations,
)
from srek_desk.services.offline import checkout
from srek_desk.services.offline.move_to_server import transfer
from tests.db.offline_fixtures import (
    BACKENDS,
    Office,
    database_location,
    office_database,
    seed_office,
)

HEADER = "Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;Allgemeine Bemerkungen;Einschlüsse;Umfasst ferner;Ausschlüsse;"
TOOLS = (
    "24522;5;Berufe in der Werkzeugtechnik – fachlich ausgerichtete Tätigkeiten;"
    "Werkzeugtechnik - Fachkraft;;Werkzeuge und Sport- und Jagdwaffen herstellen;"
    '"Zugeordnete Berufe (Beispiele):  24522-105 Büchsenmacher/in  24522-124 Gewehrschäfter/in  '
    '24522-130 Jagdwaffenmechaniker/in";'
    '"Nicht einzubeziehende Berufe:  Zerspanungsmechaniker/in(24232)";\n'
)
# a code the shipped catalogue lacks, so that only the imported entry can answer
NEW_CODE = (
    "93612;5;Berufe im Musikinstrumentenbau (ohne Spezialisierung) - fachlich ausgerichtete "
    "Tätigkeiten;Musikinstrumentenbau - Fachkraft;;;"
    '"Zugeordnete Berufe (Beispiele):  93612-101 Akkordeonmacher/in  '
    '93612-102 Mundharmonikamacher|in";;\n'
)
FIRST_NAMES = (
    "Werkzeugtechnik - Fachkraft|Büchsenmacher/in|Gewehrschäfter/in|Jagdwaffenmechaniker/in"
)


def kldb_file(folder: Path, *rows: str, name: str = "kldb.csv") -> Path:
    path = folder / name
    path.write_bytes((HEADER + "\n" + "".join(rows)).encode("utf-8-sig"))
    return path


def merged(database: Database) -> OccupationCatalog:
    """The catalogue as the running app builds it (context.py, occupation_catalog)."""
    return ReferenceData(lambda: office_occupations(database)).occupations


def stored(database: Database) -> dict[str, str]:
    with database.session() as session:
        rows = session.execute(
            select(col(OccupationRecord.code), col(OccupationRecord.synonyms))
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_import_stores_example_names_and_the_catalogue_finds_them(
    database: Database, tmp_path: Path
) -> None:
    assert merged(database).code("Büchsenmacher/in").code is None
    report = import_kldb_file(database, kldb_file(tmp_path, TOOLS, NEW_CODE))
    assert report["imported"] == 2 and report["errors"] == []
    assert report["synonyms"] == 4 + 3  # Kurztitel and example names, Ausschlüsse not
    assert stored(database) == {
        "24522": FIRST_NAMES,
        # a "|" in a name would split it when read back: stored with "/" instead
        "93612": "Musikinstrumentenbau - Fachkraft|Akkordeonmacher/in|Mundharmonikamacher/in",
    }
    occupations, _groups = office_occupations(database)
    assert {o.code: o.synonyms for o in occupations}["24522"] == tuple(FIRST_NAMES.split("|"))

    catalog = merged(database)
    assert catalog.code("Büchsenmacher/in").code == "24522"  # shipped code, imported synonym
    assert catalog.code("Ausbildung zur Gewehrschäfterin (m/w/d)").code == "24522"
    assert catalog.code("Akkordeonmacherin").code == "93612"  # a code only the file has
    assert catalog.code("Mundharmonikamacher/in").code == "93612"
    assert catalog.code("Zerspanungsmechaniker/in").code != "24522"


def test_a_new_import_replaces_the_example_names(database: Database, tmp_path: Path) -> None:
    import_kldb_file(database, kldb_file(tmp_path, TOOLS, NEW_CODE))
    plain = TOOLS.split('"Zugeordnete')[0] + ";;\n"  # the same row without its examples
    import_kldb_file(database, kldb_file(tmp_path, plain, name="plain.csv"))
    assert stored(database) == {"24522": "Werkzeugtechnik - Fachkraft"}
    assert merged(database).code("Büchsenmacher/in").code is None


def test_the_running_app_and_the_command_line_catalogue_find_them(tmp_path: Path) -> None:
    config = Config.defaults().with_values(database__url=str(tmp_path / "office.sqlite3"))
    context = AppContext.open(config)
    try:
        import_kldb_file(context.database, kldb_file(tmp_path, TOOLS))
    finally:
        context.close()
    reopened = AppContext.open(config)
    try:
        assert reopened.reference.occupations.code("Büchsenmacher/in").code == "24522"
    finally:
        reopened.close()
    assert occupation_catalog(config).code("Jagdwaffenmechaniker/in").code == "24522"


@pytest.fixture(params=BACKENDS)
def office(
    request: pytest.FixtureRequest, tmp_path: Path, reference: ReferenceData
) -> Iterator[Office]:
    with office_database(request.param, tmp_path, reference) as seeded:
        yield seeded


def test_laptop_check_out_takes_the_example_names(office: Office, tmp_path: Path) -> None:
    import_kldb_file(office.db, kldb_file(tmp_path, TOOLS))
    laptop_file = tmp_path / "laptop.sqlite3"
    checkout(office.db, laptop_file, office.berta, [office.lena])
    laptop = open_database(laptop_file)
    try:
        assert stored(laptop) == {"24522": FIRST_NAMES}
        assert merged(laptop).code("Büchsenmacher/in").code == "24522"
    finally:
        laptop.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_moving_to_a_server_takes_the_example_names(
    backend: str, tmp_path: Path, reference: ReferenceData
) -> None:
    path = tmp_path / "single-pc.sqlite3"
    single = open_database(path)
    try:
        seed_office(single, reference)
        import_kldb_file(single, kldb_file(tmp_path, TOOLS))
    finally:
        single.dispose()
    with database_location(backend, tmp_path, "server") as location:
        target = location if "://" in location else "sqlite:///" + location
        transfer(path, target)
        server = open_database(target)
        try:
            assert stored(server) == {"24522": FIRST_NAMES}
        finally:
            server.dispose()


def test_occupations_loaded_before_the_column_keep_working(tmp_path: Path) -> None:
    saved = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0009_counselling.sqlite3"
    target = tmp_path / saved.name
    shutil.copy(saved, target)
    with sqlite3.connect(target) as connection:
        connection.execute(
            "INSERT INTO occupation (code, name, source, imported_at) "
            "VALUES ('93612', 'Musikinstrumentenbau - Fachkraft', 'BA KldB 2010', "
            "'2026-11-24 10:00:00')"
        )
    connection.close()
    database = open_database(target)
    try:
        assert stored(database) == {"93612": ""}
        (occupation,), _groups = office_occupations(database)
        assert occupation.synonyms == ()
        assert merged(database).get("93612") is not None
    finally:
        database.dispose()
