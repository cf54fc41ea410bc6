"""Offer types known, not guessed; places known or said to be unknown (readers, no database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from srek_desk.db.codes import OFFER_TYPES
from srek_desk.importers.ba_json import read_ba_json
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.records import ImportBatch, OfferRecord
from srek_desk.importers.values import offer_type_from_title, parse_offer_type


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ausbildung Mechatroniker/in 2027", "ausbildung"),
        ("Koch/Köchin (Ausbildung)", "ausbildung"),
        ("Azubi Kaufmann/-frau im Einzelhandel", "ausbildung"),
        ("Auszubildende/r Bankkaufmann/-frau", "ausbildung"),
        ("Ausbildungsplatz Tischler/in", "ausbildung"),
        ("Ausbildung Rohrleitungsbauer/in", "ausbildung"),
        ("Duales Studium Wirtschaftsinformatik (B.Sc.)", "duales_studium"),
        ("Dualer Student BWL (m/w/d)", "duales_studium"),
        ("Praktikum im Lager", "praktikum"),
        ("Pflichtpraktikum Marketing", "praktikum"),
        ("Einstiegsqualifizierung Verkauf", "praktikum"),
        ("Kfz-Mechatroniker/in - PKW-Technik", None),
        ("Mechatroniker/in (m/w/d)", None),
        ("Ausbilder/in Metall", None),
        ("Leitung Ausbildung (m/w/d)", None),
        ("Ausbildungsleiter/in", None),
        ("", None),
    ],
)
def test_a_title_names_a_type_or_nothing(title: str, expected: str | None) -> None:
    assert offer_type_from_title(title) == expected


def test_art_unklar_is_a_type_that_can_be_written_and_read_back() -> None:
    assert OFFER_TYPES["unklar"] == "Art unklar"
    assert parse_offer_type("Art unklar") == parse_offer_type("unklar") == "unklar"
    with pytest.raises(ValueError, match="Art unklar"):
        parse_offer_type("Zauberei")


def ba_types(*items: dict[str, Any]) -> list[str]:
    data = json.dumps({"stellenangebote": list(items)}).encode()
    offers, errors, _ = read_ba_json(data, "x.json")
    assert errors == []
    return [offer.offer_type for offer in offers]


def test_ba_types_from_the_record_never_from_a_missing_word() -> None:
    base = {"beruf": "Koch/Köchin", "titel": "Koch/Köchin (m/w/d)"}
    assert ba_types(
        {**base, "refnr": "1"},  # a search listing: no type, no word in the title
        {**base, "refnr": "2", "angebotsart": "4"},
        {**base, "refnr": "3", "angebotsart": 1},
        {**base, "refnr": "4", "angebotsart": "34"},
        {**base, "refnr": "5", "stellenangebotsart": "AUSBILDUNG"},
        {**base, "refnr": "6", "stellenangebotsart": "PRAKTIKUM_TRAINEE"},
        {**base, "refnr": "7", "ausbildungsart": "BETRIEBLICH"},
        {**base, "refnr": "8", "studiengang": "Informatik"},
        {**base, "refnr": "9", "angebotsart": "4", "titel": "Duales Studium Informatik"},
        {**base, "refnr": "10", "titel": "Ausbildung Koch/Köchin 2027"},
        {**base, "refnr": "11", "angebotsart": "99"},  # a code nobody knows: not stated
    ) == [
        "unklar",
        "ausbildung",
        "arbeit",
        "praktikum",
        "ausbildung",
        "praktikum",
        "ausbildung",
        "duales_studium",
        "duales_studium",
        "ausbildung",
        "unklar",
    ]


def test_csv_without_a_type_column_names_the_type_only_from_the_title(
    tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "liste.csv"
    path.write_text(
        "Referenznummer;Titel;PLZ\nT-1;Koch/Köchin (Ausbildung);34117\nT-2;Lagerhelfer/in;34117\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference)
    assert [offer.offer_type for offer in batch.offers] == ["ausbildung", "unklar"]
    assert "offer_type" not in batch.fields  # an update leaves the stored type alone
    batch.apply_offer_type("arbeit")  # `--type arbeit` for the whole file
    assert [offer.offer_type for offer in batch.offers] == ["ausbildung", "arbeit"]
    assert "offer_type" in batch.fields


def test_csv_type_cells(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "liste.csv"
    path.write_text(
        "Referenznummer;Angebotsart;Titel;PLZ\n"
        "T-1;Art unklar;Koch/Köchin;34117\n"
        "T-2;;Ausbildung Koch/Köchin;34117\n"
        "T-3;Arbeit;Ausbildung Koch/Köchin;34117\n"  # the cell says it: it wins
        "T-4;Zauberei;Koch/Köchin;34117\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference)
    assert [offer.offer_type for offer in batch.offers] == ["unklar", "ausbildung", "arbeit"]
    (error,) = batch.errors
    assert error.line == 5 and error.field == "Angebotsart" and "Zauberei" in error.message


def located(reference, **fields: Any) -> tuple[OfferRecord, list[str]]:  # type: ignore[no-untyped-def]
    from srek_desk.importers.enrich import enrich_offers

    batch = ImportBatch(format="ba-json", offers=[OfferRecord(line=1, reference="R-1", **fields)])
    enrich_offers(batch, reference)
    assert batch.errors == []
    return batch.offers[0], [w.message for w in batch.warnings if w.field == "plz"]


def test_places_known_approximate_or_unknown(reference) -> None:  # type: ignore[no-untyped-def]
    own, hints = located(reference, title="x", postcode="34117", lat=51.3, lon=9.5)
    assert (own.lat, own.lon, own.place_approximate, hints) == (51.3, 9.5, False, [])
    centre, hints = located(reference, title="x", postcode="34117")
    assert centre.place_approximate and centre.lat is not None and hints == []
    assert centre.place == "Kassel" and centre.state == "HE"
    town, hints = located(reference, title="x", place="Baunatal")
    assert town.place_approximate and town.lat is not None and town.postcode == "34225"
    typo, hints = located(reference, title="x", postcode="99999", place="Kassel")
    assert typo.place_approximate and typo.postcode == "99999"
    assert hints == [
        "Datensatz 1 (R-1), Feld „plz“: Postleitzahl 99999 ist unbekannt; Arbeitsort ungefähr: "
        "Ortsmitte von Kassel."
    ]
    ambiguous, hints = located(reference, title="x", place="Halle")
    assert (ambiguous.lat, ambiguous.lon, ambiguous.place_approximate) == (None, None, False)
    assert hints == [
        "Datensatz 1 (R-1): Arbeitsort unbekannt – der Ort ist nicht eindeutig zu finden "
        "(„Halle“); ohne Entfernung und Fahrzeit übernommen."
    ]
    nowhere, hints = located(reference, title="x")
    assert nowhere.lat is None and hints[0].endswith(
        "der Ort fehlt; ohne Entfernung und Fahrzeit übernommen."
    )
    abroad, hints = located(reference, title="x", place="Wien", country="Österreich")
    assert abroad.lat is None and "liegt nicht in Deutschland (Österreich)" in hints[0]
