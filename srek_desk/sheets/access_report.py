"""The access report (Auskunft nach Art. 15 DSGVO) as a PDF: everything stored about one client."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from srek_desk.private_files import create_private_file, make_private_folder
from srek_desk.sheets.fonts import register_fonts

PERSON_LABELS = {
    "id": "Interne Nummer",
    "customer_number": "Kundennummer",
    "first_name": "Vorname",
    "last_name": "Nachname",
    "birth_date": "Geburtsdatum",
    "email": "E-Mail",
    "phone": "Telefon",
    "street": "Straße",
    "home_postcode": "Postleitzahl",
    "home_place": "Wohnort",
    "school_qualification": "Schulabschluss",
    "vocational_qualification": "Berufsabschluss",
    "driving_licences": "Führerscheine",
    "has_car": "Eigenes Auto",
    "mobility_modes": "Verkehrsmittel",
    "max_commute_minutes": "Längster Arbeitsweg (Minuten)",
    "willing_to_relocate": "Umzug möglich",
    "working_time": "Arbeitszeit",
    "earliest_start": "Frühester Beginn",
    "consent_given": "Einwilligung erteilt",
    "consent_date": "Datum der Einwilligung",
    "accepts_fixed_term": "Befristung möglich",
    "skills": "Kenntnisse und Nachweise",
    "offer_preferences": "Wünsche zu Angeboten",
    "last_contact_at": "Letzter Kontakt",
    "status": "Status",
    "created_at": "Angelegt am",
    "updated_at": "Zuletzt geändert",
    "counsellor_id": "Betreuende Person (Nr.)",
    "counsellor": "Betreuende Person",
    "shared": "Für das Team freigegeben",
    "restricted": "Verarbeitung eingeschränkt",
    "restricted_at": "Eingeschränkt seit",
    "anonymised_at": "Anonymisiert am",
}

SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("berufswuensche", "Berufswünsche", (("kldb", "KldB"), ("prioritaet", "Priorität"))),
    ("sprachen", "Sprachen", (("sprache", "Sprache"), ("niveau", "Niveau"))),
    ("notizen", "Beratungsnotizen", (("datum", "Datum"), ("text", "Text"))),
    (
        "wiedervorlagen",
        "Wiedervorlagen",
        (("faellig", "Fällig"), ("text", "Text"), ("erledigt", "Erledigt")),
    ),
    (
        "vorschlaege",
        "Vermittlungsvorschläge",
        (
            ("datum", "Datum"),
            ("angebot", "Angebot"),
            ("arbeitgeber", "Arbeitgeber"),
            ("status", "Stand"),
        ),
    ),
    (
        "gedruckte_boegen",
        "Ausgedruckte Chancenbögen",
        (("datum", "Datum"), ("sprache", "Sprache"), ("angebote", "Angebote (Nr.)")),
    ),
    (
        "ausgeblendete_angebote",
        "Ausgeblendete Angebote („passt nicht“)",
        (("datum", "Datum"), ("angebot", "Angebot"), ("arbeitgeber", "Arbeitgeber")),
    ),
    (
        "neue_chancen",
        "Neu gefundene passende Angebote",
        (("gefunden", "Gefunden"), ("angebot", "Angebot"), ("gezeigt", "Gezeigt")),
    ),
    (
        "laptop",
        "Mitgenommen auf einen Laptop (ohne Netz)",
        (("ausgecheckt", "Mitgenommen"), ("von", "Konto"), ("zurueck", "Zurück")),
    ),
    (
        "importhinweise",
        "Hinweise aus dem Einlesen von Listen",
        (("datum", "Datum"), ("datei", "Datei"), ("hinweis", "Hinweis")),
    ),
    (
        "protokoll",
        "Wer hat wann was mit Ihren Daten gemacht",
        (("datum", "Datum"), ("wer", "Konto"), ("was", "Vorgang"), ("felder", "Felder")),
    ),
)


def _text(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nein"
    if value is None or value == "":
        return "–"
    return str(value)


def render_access_report(report: dict[str, Any], target: Path, office: Any = None) -> Path:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    heading = ParagraphStyle(
        "h", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=8
    )
    title = ParagraphStyle("t", parent=body, fontName=bold, fontSize=16, leading=20)

    def cell(value: Any) -> Paragraph:
        return Paragraph(escape(_text(value)).replace("\n", "<br/>"), small)

    story: list[Any] = [
        Paragraph("Auskunft über Ihre gespeicherten Daten", title),
        Paragraph("nach Art. 15 DSGVO und § 83 SGB X", body),
        Spacer(1, 3 * mm),
    ]
    office_name = getattr(office, "name", "") if office is not None else ""
    story.append(
        Paragraph(
            escape(
                f"Stand: {report.get('stand', '')}"
                + (f" · Stelle: {office_name}" if office_name else "")
            ),
            body,
        )
    )
    story.append(_heading(heading, "Ihre Angaben"))
    person = report.get("person", {})
    rows = [[cell(PERSON_LABELS.get(key, key)), cell(value)] for key, value in person.items()]
    story.append(_table(rows, (60 * mm, 110 * mm), header=False))
    for key, label, columns in SECTIONS:
        entries = report.get(key, [])
        story.append(_heading(heading, f"{label} ({len(entries)})"))
        if not entries:
            story.append(Paragraph("Keine Einträge.", body))
            continue
        header = [Paragraph(f"<b>{escape(name)}</b>", small) for _, name in columns]
        data = [header] + [[cell(entry.get(field)) for field, _ in columns] for entry in entries]
        width = 170 * mm / len(columns)
        story.append(_table(data, tuple(width for _ in columns), header=True))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "Sie können verlangen, dass falsche Angaben berichtigt, Ihre Daten gelöscht oder "
            "nur eingeschränkt verarbeitet werden. Bitte wenden Sie sich an Ihre Beratungsstelle.",
            body,
        )
    )
    make_private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)  # the whole record of a person: 0600 (ReportLab keeps it)
    document = SimpleDocTemplate(
        str(partial),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Auskunft nach Art. 15 DSGVO",
        author=office_name or "SREK Desk",
    )
    document.build(story)
    partial.replace(target)
    return target


def _heading(style: ParagraphStyle, text: str) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(rows: list[list[Any]], widths: tuple[float, ...], *, header: bool) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b7c3")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf5")))
    table.setStyle(TableStyle(style))
    return table
