"""The Bewerbungsnachweis PDF read back: table, page numbers, repeated header, signature line."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest

from srek_desk.sheets.applications import render_proof
from srek_desk.sheets.data import CounsellorInfo, OfficeInfo
from srek_desk.sheets.proof_data import (
    ApplicationLine,
    ApplicationProof,
    period_text,
    suggest_proof_filename,
)
from tests.unit.test_sheet_support import A4_POINTS, embedded_fonts, read_pdf

STATUSES = [("beworben", "beworben"), ("vorstellungsgespraech", "Vorstellungsgespräch"),
            ("zusage", "Zusage"), ("absage", "Absage")]  # fmt: skip


def proof(count: int, **changes: object) -> ApplicationProof:
    lines = [
        ApplicationLine(
            proposed_on=date(2026, 9, 1) + timedelta(days=i),
            employer=f"Arbeitgeber Nummer {i + 1}",
            title="Fachkraft für Lagerlogistik (m/w/d)" if i % 2 else "Ausbildung Gärtner/in",
            reference=f"10000-{1184867000 + i}-S",
            place="Hann. Münden",
            status=STATUSES[i % 4][0],
            status_label=STATUSES[i % 4][1],
            status_on=date(2026, 9, 3) + timedelta(days=i),
        )
        for i in range(count)
    ]
    values: dict[str, object] = dict(
        client_id=7,
        office=OfficeInfo("Jugendberufsagentur Werra-Meißner", "Am Sande 1, 37213 Witzenhausen",
                          "05542 1234-0", "kontakt@jba.example"),
        counsellor=CounsellorInfo("Sabine Mustermann"),
        made_on=date(2026, 11, 12), first_name="Mirela", last_name="Quastenberg",
        birth_date=date(2009, 4, 17), customer_number="962D417733",
        period_from=date(2026, 9, 1), period_to=date(2026, 12, 31), lines=lines,
    )  # fmt: skip
    values.update(changes)
    return ApplicationProof(**values)  # type: ignore[arg-type]


def _render(data: ApplicationProof):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    result = render_proof(data, buffer)
    assert buffer.getvalue() == result.data
    return result.page_count, read_pdf(result.data)


def test_one_page_proof_holds_everything_a_jobcenter_asks_for() -> None:
    pages, text = _render(proof(3))
    assert pages == 1
    for expected in (
        "Bewerbungsnachweis", "Name: Quastenberg, Mirela", "Geburtsdatum: 17.04.2009",
        "Kundennummer: 962D417733", "Zeitraum: 01.09.2026 bis 31.12.2026",
        "Nr. Datum Arbeitgeber Stelle Ort Stand Stand vom",
        "1 01.09.2026 Arbeitgeber Nummer 1 Ausbildung Gärtner/in",
        "Ref. 10000-1184867000-S", "Hann. Münden", "Vorstellungsgespräch", "04.09.2026",
        "3 Bewerbungen", "Am Sande 1, 37213 Witzenhausen", "Tel. 05542 1234-0",
        "Erstellt am 12.11.2026", "Witzenhausen, 12.11.2026", "Ort, Datum",
        "Sabine Mustermann · Unterschrift und Stempel der Beratungsstelle",
        "Seite 1 von 1", "Bewerbungsnachweis · Quastenberg, Mirela, geb. 17.04.2009",
    ):  # fmt: skip
        assert text.contains(expected), expected


def test_long_proof_repeats_the_table_header_and_counts_pages() -> None:
    pages, text = _render(proof(45))
    assert pages >= 3
    for number, page in enumerate(text.pages, start=1):
        assert f"Seite {number} von {pages}" in page
        assert "Quastenberg, Mirela" in page  # separated pages still say whose they are
        assert "Arbeitgeber" in page and "Stand vom" in page
    assert text.contains("Arbeitgeber Nummer 45") and text.contains("45 Bewerbungen")
    assert "Unterschrift und Stempel" in text.pages[-1]  # the signature block stays together
    for page in text.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=0.1)
    fonts = embedded_fonts(text.reader)
    assert fonts and all(fonts.values())


def test_metadata_and_file_name_hold_nothing_personal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / suggest_proof_filename(date(2026, 11, 12))
    assert target.name == "Bewerbungsnachweis_2026-11-12.pdf"
    render_proof(proof(2), target)
    _, text = _render(proof(2))
    metadata = str(dict(text.reader.metadata))
    assert text.reader.metadata.title == "Bewerbungsnachweis"
    for personal in ("Quastenberg", "Mirela", "962D417733", "17.04.2009"):
        assert personal not in metadata
    assert target.read_bytes()[:5] == b"%PDF-" and not list(tmp_path.glob("*.part"))


def test_without_counsellor_period_or_address() -> None:
    data = proof(1, counsellor=CounsellorInfo(""), period_from=None, period_to=None,
                 office=OfficeInfo("Beratungsstelle", ""), birth_date=None, customer_number="")  # fmt: skip
    _, text = _render(data)
    assert text.contains("Zeitraum: alle erfassten Bewerbungen") and text.contains("1 Bewerbung")
    assert text.contains("Geburtsdatum: –") and text.contains("Kundennummer: –")
    assert text.contains("Ort, Datum") and text.contains("Unterschrift und Stempel")
    assert not text.contains("Sabine") and text.contains("12.11.2026")


def test_an_empty_proof_renders_a_clear_line() -> None:
    _, text = _render(replace(proof(0)))
    assert text.contains("Im Zeitraum sind keine Bewerbungen erfasst.")


def test_period_text() -> None:
    assert period_text(date(2026, 10, 1), None) == "ab 01.10.2026"
    assert period_text(None, date(2026, 12, 31)) == "bis 31.12.2026"
