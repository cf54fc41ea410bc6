"""Feeds refused as a whole: each with a German message naming file, line and column."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.gtfs import FeedCancelled, FeedLimits, FeedRefused, read_feed
from srek_desk.importers.gtfs.files import FeedSource
from tests.gtfs_feeds import csv_text, region_files, rows_of, write_feed

MB = 1024 * 1024


def refusal(path: Path, limits: FeedLimits | None = None) -> FeedRefused:
    with pytest.raises(FeedRefused) as caught:
        read_feed(path, centre=None, radius_km=None, limits=limits)
    assert isinstance(caught.value, ImportRefused)
    return caught.value


def feed_with(tmp_path: Path, **changes: object) -> Path:
    files = region_files()
    for name, value in changes.items():
        file = name.replace("_txt", ".txt")
        if value is None:
            del files[file]
        else:
            files[file] = value  # type: ignore[assignment]  # a str, bytes or rows
    return write_feed(tmp_path / "feed", files)


def stop_times_with(**changes: object) -> list[dict[str, object]]:
    """The region's stop_times with the 4th row (line 5: re2-0748 at Göttingen) changed."""
    rows = rows_of(region_files(), "stop_times.txt")
    rows[3].update(changes)
    return rows


def test_missing_required_file(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stops_txt=None))
    assert error.message == "feed: Das ist kein vollständiger GTFS-Fahrplan: es fehlt stops.txt."


def test_missing_calendar_files(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, calendar_txt=None, calendar_dates_txt=None))
    assert "es fehlt calendar.txt oder calendar_dates.txt" in error.message


def test_missing_required_column(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "stop_sequence"} for row in stop_times_with()]
    error = refusal(feed_with(tmp_path, stop_times_txt=rows))
    assert error.message == (
        "stop_times.txt, Zeile 1: Die Pflichtspalte „stop_sequence“ fehlt in der Kopfzeile."
    )


def test_unknown_stop_in_stop_times(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stop_times_txt=stop_times_with(stop_id="de:nirgendwo")))
    assert error.message == (
        "stop_times.txt, Zeile 5, Spalte stop_id: Haltestelle „de:nirgendwo“ steht nicht in "
        "stops.txt."
    )
    assert (error.file, error.line, error.column) == ("stop_times.txt", 5, "stop_id")


def test_unknown_trip_in_stop_times(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stop_times_txt=stop_times_with(trip_id="geister")))
    assert error.message == (
        "stop_times.txt, Zeile 5, Spalte trip_id: Fahrt „geister“ steht nicht in trips.txt."
    )


def test_times_out_of_order_within_a_trip(tmp_path: Path) -> None:
    # re2-0748: Göttingen 07:48 → Hann. Münden 08:07; Göttingen made 08:20
    rows = stop_times_with(arrival_time="08:20:00", departure_time="08:20:00")
    error = refusal(feed_with(tmp_path, stop_times_txt=rows))
    assert error.message == (
        "stop_times.txt, Zeile 6, Spalte arrival_time: Die Ankunft 08:07:00 liegt vor der "
        "Abfahrt am vorigen Halt (08:20:00, Zeile 5); die Zeiten der Fahrt laufen in der "
        "Reihenfolge der stop_sequence rückwärts."
    )


def test_departure_before_arrival(tmp_path: Path) -> None:
    rows = stop_times_with(arrival_time="07:49:00", departure_time="07:48:00")
    error = refusal(feed_with(tmp_path, stop_times_txt=rows))
    assert error.message.startswith("stop_times.txt, Zeile 5, Spalte departure_time: Die Abfahrt")


def test_malformed_time(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stop_times_txt=stop_times_with(arrival_time="25:61:00")))
    assert error.message.startswith(
        "stop_times.txt, Zeile 5, Spalte arrival_time: „25:61:00“ ist keine gültige Uhrzeit"
    )


def test_malformed_number_and_date(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stop_times_txt=stop_times_with(stop_sequence="zwei")))
    assert error.message == (
        "stop_times.txt, Zeile 5, Spalte stop_sequence: „zwei“ ist keine ganze Zahl."
    )
    calendar = rows_of(region_files(), "calendar.txt")
    calendar[1]["end_date"] = "2027-06-30"
    error = refusal(feed_with(tmp_path / "2", calendar_txt=calendar))
    assert error.message.startswith(
        "calendar.txt, Zeile 3, Spalte end_date: „2027-06-30“ ist kein gültiges Datum"
    )
    stops = rows_of(region_files(), "stops.txt")
    stops[4]["stop_lat"] = "51,4"
    error = refusal(feed_with(tmp_path / "3", stops_txt=stops))
    assert error.message.startswith("stops.txt, Zeile 6, Spalte stop_lat: „51,4“ ist keine Zahl")


def test_duplicate_stop_sequence(tmp_path: Path) -> None:
    error = refusal(feed_with(tmp_path, stop_times_txt=stop_times_with(stop_sequence=20)))
    assert error.message == (
        "stop_times.txt, Zeile 6, Spalte stop_sequence: stop_sequence 20 kommt in derselben "
        "Fahrt zweimal vor (auch Zeile 5)."
    )


def test_unknown_references_in_trips_and_stops(tmp_path: Path) -> None:
    trips = rows_of(region_files(), "trips.txt")
    trips[2]["service_id"] = "sonntags"
    error = refusal(feed_with(tmp_path, trips_txt=trips))
    assert error.message == (
        "trips.txt, Zeile 4, Spalte service_id: Die Verkehrstage „sonntags“ stehen weder in "
        "calendar.txt noch in calendar_dates.txt."
    )
    trips[2]["service_id"], trips[2]["route_id"] = "we", "re99"
    error = refusal(feed_with(tmp_path / "2", trips_txt=trips))
    assert error.message == (
        "trips.txt, Zeile 4, Spalte route_id: Die Linie „re99“ steht nicht in routes.txt."
    )
    stops = rows_of(region_files(), "stops.txt")
    stops[1]["parent_station"] = "de:gö-alt"
    error = refusal(feed_with(tmp_path / "3", stops_txt=stops))
    assert error.message.startswith(
        "stops.txt, Zeile 3, Spalte parent_station: Die Station „de:gö-alt“"
    )


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    text = csv_text(rows_of(region_files(), "stops.txt"))
    latin = text.encode("latin-1")  # line 2 is the station Göttingen: "ö" as 0xF6
    error = refusal(feed_with(tmp_path, stops_txt=latin))
    assert error.message == (
        "stops.txt, Zeile 2: Die Datei ist nicht in UTF-8 kodiert (Byte 0xF6); GTFS verlangt "
        "UTF-8. Bitte die Datei als UTF-8 speichern."
    )


def test_wrong_encoding_deep_in_stop_times(tmp_path: Path) -> None:
    rows = stop_times_with()
    text = csv_text(rows).encode("utf-8")
    lines = text.split(b"\n")
    lines[15] = lines[15].replace(b",", b",\xe4", 1)  # a latin-1 "ä" in line 16
    error = refusal(feed_with(tmp_path, stop_times_txt=b"\n".join(lines)))
    assert error.message.startswith("stop_times.txt, Zeile 16: Die Datei ist nicht in UTF-8")


def test_zip_bomb_is_refused_from_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = region_files()
    header = csv_text(rows_of(files, "stop_times.txt"))
    files["stop_times.txt"] = header + "\n" * (40 * MB)  # 40 MB of nothing, packs ~1000-fold
    path = write_feed(tmp_path / "bomb.zip", files, as_zip=True)
    assert path.stat().st_size < MB
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: str, *args: object, **kwargs: object) -> object:
        opened.append(str(name))
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    error = refusal(path)
    assert error.message.startswith("stop_times.txt: Die Datei ist ")
    assert "ZIP-Bombe" in error.message
    assert opened == []  # refused before anything was inflated


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_file_beyond_the_size_limit(tmp_path: Path, as_zip: bool) -> None:
    # "a 2 GB file" in small: a limit of 4 KB per file and a stop_times.txt of 5,000 bytes
    padded = csv_text(stop_times_with())
    padded += "\n" * (5000 - len(padded.encode()))  # blank lines: read and skipped
    files = {**region_files(), "stop_times.txt": padded}
    path = write_feed(tmp_path / ("feed.zip" if as_zip else "feed"), files, as_zip=as_zip)
    read_feed(path, centre=None, radius_km=None)  # fine without the limit
    error = refusal(path, FeedLimits(max_file_bytes=4096))
    assert error.message == (
        "stop_times.txt: Die Datei ist entpackt 5000 Byte groß; erlaubt sind höchstens 4 KB. "
        "Der Fahrplan wird nicht geladen."
    )


def test_sizes_are_counted_while_reading_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that lies (or a file growing while read) is stopped by the byte count."""
    padded = csv_text(stop_times_with())
    padded += "\n" * (5000 - len(padded.encode()))
    files = {**region_files(), "stop_times.txt": padded}
    path = write_feed(tmp_path / "feed.zip", files, as_zip=True)
    monkeypatch.setattr(FeedSource, "check_sizes", lambda self, names: None)
    error = refusal(path, FeedLimits(max_file_bytes=4096))
    assert error.message == (
        "stop_times.txt: Die Datei ist entpackt größer als 4 KB (Grenze für eine Datei); "
        "der Fahrplan wird nicht geladen."
    )


def test_path_traversal_member_is_refused(tmp_path: Path) -> None:
    files = {**region_files(), "../../etc/evil.txt": "x"}
    error = refusal(write_feed(tmp_path / "evil.zip", files, as_zip=True))
    assert error.message == (
        "evil.zip: Das Archiv enthält den unzulässigen Pfad „../../etc/evil.txt“; es wird nicht "
        "geöffnet."
    )


def test_not_a_zip_and_empty_file(tmp_path: Path) -> None:
    other = tmp_path / "fahrplan.pdf"
    other.write_bytes(b"%PDF-1.7 not a feed")
    assert "weder ein ZIP-Archiv noch ein Ordner" in refusal(other).message
    error = refusal(feed_with(tmp_path, routes_txt=""))
    assert error.message == "routes.txt, Zeile 1: Die Datei ist leer (es fehlt die Kopfzeile)."


def test_cancel_stops_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("srek_desk.importers.gtfs.stop_times.TICK_ROWS", 4)
    with pytest.raises(FeedCancelled):
        read_feed(feed_with(tmp_path), centre=None, radius_km=None, cancel=lambda: True)
