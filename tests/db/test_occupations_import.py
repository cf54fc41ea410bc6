"""The official BA KldB CSV loaded into the database extends the catalogue of the running app."""

from __future__ import annotations

from pathlib import Path

import pytest

from srek_desk.config import Config
from srek_desk.context import AppContext
from srek_desk.errors import UserError
from srek_desk.services.offers.occupations import import_kldb_file, occupation_catalog


def test_official_kldb_file_extends_catalogue(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv"
    config = Config.defaults().with_values(database__url=str(tmp_path / "office.sqlite3"))
    context = AppContext.open(config)
    try:
        shipped = len(context.reference.occupations)
        report = import_kldb_file(context.database, source)
        assert report["imported"] >= 1250
        assert report["groups"] >= 190
    finally:
        context.close()
    reopened = AppContext.open(config)
    try:
        catalog = reopened.reference.occupations
        assert len(catalog) >= 1250 > shipped
        # a Berufsuntergruppe name only the official file knows
        assert catalog.group_name("2621") and "ohne Spezialisierung" not in catalog.group_name(
            "2621"
        )
        assert catalog.search("Elektroinstallateur/in", limit=1)[0].occupation.code == "26212"
    finally:
        reopened.close()
    assert len(occupation_catalog(config)) >= 1250
    # importing again replaces, it does not duplicate
    again = AppContext.open(config)
    try:
        assert import_kldb_file(again.database, source)["imported"] == report["imported"]
    finally:
        again.close()


def test_missing_or_empty_file_is_refused(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="gibt es nicht"):
        import_kldb_file(database, tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UserError):
        import_kldb_file(database, empty)
