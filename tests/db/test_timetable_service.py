"""The timetable service on SQLite and PostgreSQL: one transaction, refusals keep the old one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select

from srek_desk.db.models import AuditEvent
from srek_desk.db.models_timetable import TimetableBlob, TimetableFeed
from srek_desk.errors import UserError
from srek_desk.importers.gtfs import FeedRefused, read_feed
from srek_desk.services.core.access import AccessDenied, Actor
from srek_desk.services.timetable import TimetableCancelled, TimetableService
from tests.gtfs_feeds import KASSEL, region_files, rows_of, small_region_feed, write_feed

SETTINGS = {"office.postcode": "34117", "timetable.region_km": 120.0}


@pytest.fixture
def service(database, reference) -> TimetableService:  # type: ignore[no-untyped-def]
    return TimetableService(database, SETTINGS, gazetteer=reference.gazetteer)


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    return small_region_feed(tmp_path / "region.zip", as_zip=True)


def _rows(database: Any) -> tuple[int, int]:
    with database.session() as session:
        feeds = session.execute(select(func.count()).select_from(TimetableFeed)).scalar_one()
        blobs = session.execute(select(func.count()).select_from(TimetableBlob)).scalar_one()
    return feeds, blobs


def test_import_then_status_and_load(service: TimetableService, feed: Path) -> None:
    assert service.status().loaded is False and service.load() is None
    result = service.import_feed(feed)
    assert (result.stops, result.routes, result.trips, result.stop_times) == (6, 3, 7, 21)
    assert (result.valid_from, result.valid_to) == (date(2026, 12, 1), date(2027, 6, 30))
    assert result.region_km == 120.0 and result.dropped_stops == 0
    data = result.to_json()
    assert data["valid_from"] == "2026-12-01" and data["valid_to"] == "2027-06-30"
    assert {"stops", "routes", "trips", "stop_times", "seconds"} <= set(data)

    status = service.status(today=date(2027, 6, 20))
    assert status.loaded and status.source_name == "region.zip"
    assert status.publisher == "Beispiel-Verkehrsverbund Nordhessen"
    assert (status.stops, status.trips, status.stop_times) == (6, 7, 21)
    assert (status.days_left, status.expired, status.ends_soon) == (10, False, True)

    fresh = TimetableService(service.database, SETTINGS).load()  # read back from the rows
    assert fresh is not None and fresh.info.publisher == status.publisher
    expected = read_feed(feed, centre=KASSEL, radius_km=120.0).timetable
    assert fresh.timetable.to_bytes() == expected.to_bytes()


def test_load_is_cached_until_another_import(service: TimetableService, feed: Path) -> None:
    service.import_feed(feed)
    other = TimetableService(service.database, SETTINGS)
    first = other.load()
    assert first is not None and other.load() is first  # cached
    service.import_feed(feed)  # by another desk on the same database
    second = other.load()
    assert second is not None and second is not first and second.feed_id > first.feed_id
    assert _rows(service.database) == (1, 1)  # the old feed is gone


def test_refused_import_keeps_the_old_timetable(
    service: TimetableService, feed: Path, tmp_path: Path
) -> None:
    service.import_feed(feed)
    before = service.status()
    files = region_files()
    rows = rows_of(files, "stop_times.txt")
    rows[3]["stop_id"] = "de:nirgendwo"
    bad = write_feed(tmp_path / "bad.zip", {**files, "stop_times.txt": rows}, as_zip=True)
    with pytest.raises(FeedRefused) as refused:
        service.import_feed(bad)
    assert refused.value.message == (
        "stop_times.txt, Zeile 5, Spalte stop_id: Haltestelle „de:nirgendwo“ steht nicht in "
        "stops.txt. Der bisher geladene Fahrplan bleibt in Gebrauch."
    )
    assert refused.value.line == 5
    assert service.status() == before
    assert _rows(service.database) == (1, 1)


def test_failure_while_storing_rolls_everything_back(
    service: TimetableService, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.import_feed(feed)
    before = service.status()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr("srek_desk.services.timetable.service.audit.record", broken)
    with pytest.raises(RuntimeError):
        service.import_feed(feed)
    assert service.status() == before
    assert _rows(service.database) == (1, 1)
    loaded = TimetableService(service.database, SETTINGS).load()
    assert loaded is not None and loaded.timetable.trip_count == 7


def test_large_timetables_are_stored_in_pieces(
    service: TimetableService, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("srek_desk.services.timetable.service.BLOB_CHUNK_BYTES", 1000)
    result = service.import_feed(feed)
    pieces = -(-result.stored_bytes // 1000)
    assert pieces > 2 and _rows(service.database) == (1, pieces)
    loaded = TimetableService(service.database, SETTINGS).load()
    assert loaded is not None
    assert np.array_equal(loaded.timetable.event_arrival, service.load().timetable.event_arrival)  # type: ignore[union-attr]


def test_region_setting_clips_and_zero_keeps_all(database, reference, feed: Path) -> None:  # type: ignore[no-untyped-def]
    near = {"office.postcode": "34117", "timetable.region_km": 20.0}
    result = TimetableService(database, near, gazetteer=reference.gazetteer).import_feed(feed)
    assert (result.stops, result.trips, result.dropped_stops) == (2, 4, 3)
    everything = {"office.postcode": "99999", "timetable.region_km": 0}
    result = TimetableService(database, everything, gazetteer=reference.gazetteer).import_feed(feed)
    assert (result.stops, result.trips, result.region_km) == (6, 7, None)
    unknown = {"office.postcode": "00000", "timetable.region_km": 50.0}
    with pytest.raises(UserError, match=r"„00000“ .* ist unbekannt"):
        TimetableService(database, unknown, gazetteer=reference.gazetteer).import_feed(feed)


def test_audit_access_cancel_and_clear(service: TimetableService, feed: Path) -> None:
    nobody = Actor(None, "gast", "Gast", frozenset())
    with pytest.raises(AccessDenied):
        service.import_feed(feed, actor=nobody)
    with pytest.raises(TimetableCancelled, match="Es wurde kein Fahrplan geladen"):
        service.import_feed(feed, cancel=lambda: True)
    assert _rows(service.database) == (0, 0)
    service.import_feed(feed, actor=Actor(None, "berta", "Berta", frozenset({"berater"})))
    with service.database.session() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.entity == "timetable")  # type: ignore[arg-type]
        ).scalar_one()
    assert (event.action, event.user_name) == ("import", "berta")
    assert event.detail == "region.zip: 6 Haltestellen, 7 Fahrten"
    assert service.status().loaded
    assert service.clear() is True
    assert service.status().loaded is False and service.load() is None
    assert service.clear() is False
