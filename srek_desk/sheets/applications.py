"""The Bewerbungsnachweis (proof of applications) as an A4 PDF: plain values in, ReportLab out.

Unlike the opportunity sheet this document is *for* an authority (Jobcenter, Agentur für Arbeit)
and names the client in full: name, birth date and Kundennummer on the first page and in the
footer of every page, so separated pages still belong to someone. The file's metadata and any
suggested file name stay impersonal.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from srek_desk.private_files import write_private_bytes
from srek_desk.sheets.fonts import register_fonts
from srek_desk.sheets.layout import _hyphenator
from srek_desk.sheets.map_figure import ACCENT, INK
from srek_desk.sheets.proof_data import ApplicationProof, format_day, period_text

MARGIN = 16 * mm
FOOTER_HEIGHT = 12 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
# Nr., Datum, Arbeitgeber, Stelle (with reference), Ort, Stand, Stand vom: 178 mm in all
COLUMNS = (
    ("Nr.", 7 * mm),
    ("Datum", 18 * mm),
    ("Arbeitgeber", 37 * mm),
    ("Stelle", 50 * mm),
    ("Ort", 24 * mm),
    ("Stand", 23 * mm),
    ("Stand vom", 19 * mm),
)
HEADER_BACK = colors.HexColor("#e3efed")
GRID = colors.HexColor("#b7c6cc")
MUTED = colors.HexColor("#4b5b6b")
PDF_TITLE = "Bewerbungsnachweis"
PDF_AUTHOR = "SREK Desk"


@dataclass(frozen=True, slots=True)
class _Styles:
    office: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    title: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle


def _styles() -> _Styles:
    regular, bold = register_fonts()
    hyphenate = _hyphenator("de_DE")

    def style(name: str, size: float, font: str = regular, **extra: Any) -> ParagraphStyle:
        extra.setdefault("textColor", INK)
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.3,
            hyphenationLang=hyphenate, splitLongWords=1, **extra,
        )  # fmt: skip

    return _Styles(
        office=style("office", 13, bold),
        small=style("small", 8.5, textColor=MUTED),
        small_right=style("small_right", 8.5, textColor=MUTED, alignment=TA_RIGHT),
        title=style("title", 20, bold, textColor=ACCENT, spaceBefore=4, spaceAfter=2),
        body=style("body", 10),
        cell=style("cell", 8.5),
        head=style("head", 8.5, bold),
    )


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]), *commands])


def _header(proof: ApplicationProof, st: _Styles) -> list[Flowable]:
    office = proof.office
    contact = [escape(office.address)] if office.address else []
    contact += [escape(f"Tel. {office.phone}")] if office.phone else []
    contact += [escape(office.email)] if office.email else []
    left = [Paragraph(escape(office.name), st.office), Paragraph(" · ".join(contact), st.small)]
    right = Paragraph(f"Erstellt am {format_day(proof.made_on)}", st.small_right)
    top = Table([[left, right]], colWidths=[FRAME_WIDTH * 0.72, FRAME_WIDTH * 0.28])
    top.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, ACCENT), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ]))  # fmt: skip
    person = [
        ("Name", proof.full_name),
        ("Geburtsdatum", format_day(proof.birth_date) or "–"),
        ("Kundennummer", proof.customer_number or "–"),
        ("Zeitraum", period_text(proof.period_from, proof.period_to)),
    ]
    rows = [
        [Paragraph(f"<b>{escape(label)}:</b>", st.body), Paragraph(escape(value), st.body)]
        for label, value in person
    ]
    facts = Table(rows, colWidths=[32 * mm, FRAME_WIDTH - 32 * mm])
    facts.setStyle(_table_style([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))  # fmt: skip
    intro = (
        "Die folgenden Bewerbungen wurden aus Vermittlungsvorschlägen unserer Beratungsstelle "
        "heraus gemacht. Der Stand gibt die letzte Rückmeldung wieder, die uns vorliegt."
    )
    return [
        top,
        Spacer(1, 6 * mm),
        Paragraph(PDF_TITLE, st.title),
        Paragraph(escape(intro), st.body),
        Spacer(1, 4 * mm),
        facts,
        Spacer(1, 5 * mm),
    ]


def _table(proof: ApplicationProof, st: _Styles) -> Table:
    header = [Paragraph(escape(name), st.head) for name, _ in COLUMNS]
    rows: list[list[Any]] = [header]
    for number, line in enumerate(proof.lines, start=1):
        offer = f"<b>{escape(line.title)}</b>"
        if line.reference:
            offer += f"<br/><font size='7.5' color='#4b5b6b'>Ref. {escape(line.reference)}</font>"
        rows.append([
            Paragraph(str(number), st.cell), Paragraph(format_day(line.proposed_on), st.cell),
            Paragraph(escape(line.employer), st.cell), Paragraph(offer, st.cell),
            Paragraph(escape(line.place), st.cell), Paragraph(escape(line.status_label), st.cell),
            Paragraph(format_day(line.status_on), st.cell),
        ])  # fmt: skip
    table = Table(rows, colWidths=[width for _, width in COLUMNS], repeatRows=1)
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACK),
        ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    return table


def _closing(proof: ApplicationProof, st: _Styles) -> Flowable:
    count = len(proof.lines)
    summary = f"{count} Bewerbung{'' if count == 1 else 'en'} · {period_text(proof.period_from, proof.period_to)}"
    legend = (
        "Datum: Tag des Vermittlungsvorschlags. Stand vom: Tag der letzten Rückmeldung "
        "(beworben, Vorstellungsgespräch, Zusage oder Absage)."
    )
    line = 0.8
    # "Am Sande 1, 37213 Witzenhausen" → "Witzenhausen"
    place = proof.office.address.split(",")[-1].strip().lstrip("0123456789 ")
    place_date = f"{place}, {format_day(proof.made_on)}" if place else format_day(proof.made_on)
    under_sign = "Unterschrift und Stempel der Beratungsstelle"
    if proof.counsellor.name.strip():
        under_sign = f"{proof.counsellor.name.strip()} · {under_sign}"
    signature = Table(
        [
            [Paragraph(escape(place_date), st.body), "", ""],
            [Paragraph("Ort, Datum", st.small), "", Paragraph(escape(under_sign), st.small)],
        ],
        colWidths=[60 * mm, 18 * mm, FRAME_WIDTH - 78 * mm],
        rowHeights=[16 * mm, None],
    )
    signature.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEBELOW", (0, 0), (0, 0), line, INK), ("LINEBELOW", (2, 0), (2, 0), line, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))  # fmt: skip
    return KeepTogether([
        Spacer(1, 3 * mm), Paragraph(f"<b>{escape(summary)}</b>", st.body),
        Paragraph(escape(legend), st.small), Spacer(1, 8 * mm),
        Paragraph("Bestätigung der Beratungsstelle", st.head), signature,
    ])  # fmt: skip


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so each footer can say "Seite 1 von N"."""

    footer_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        regular = register_fonts()[0]
        y = MARGIN + FOOTER_HEIGHT - 5 * mm
        self.saveState()
        self.setStrokeColor(ACCENT)
        self.setLineWidth(0.8)
        self.line(MARGIN, y, MARGIN + FRAME_WIDTH, y)
        self.setFillColor(MUTED)
        self.setFont(regular, 8.5)
        self.drawString(MARGIN, y - 11, self.footer_text)
        self.drawRightString(MARGIN + FRAME_WIDTH, y - 11, f"Seite {self._pageNumber} von {total}")
        self.restoreState()


def _story(proof: ApplicationProof) -> list[Flowable]:
    st = _styles()
    story = _header(proof, st)
    if proof.lines:
        story.append(_table(proof, st))
    else:
        story.append(Paragraph("Im Zeitraum sind keine Bewerbungen erfasst.", st.body))
    story.append(_closing(proof, st))
    return story


@dataclass(frozen=True, slots=True)
class ProofResult:
    page_count: int
    data: bytes


def render_proof(proof: ApplicationProof, target: Path | BinaryIO) -> ProofResult:
    """Write the proof as PDF to a path (atomically) or a binary stream."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_HEIGHT, title=PDF_TITLE, author=PDF_AUTHOR, subject="",
        creator=PDF_AUTHOR, producer=PDF_AUTHOR, keywords="", lang="de-DE", invariant=False,
        initialFontName=register_fonts()[0],
    )  # fmt: skip
    frame = Frame(
        MARGIN, MARGIN + FOOTER_HEIGHT, FRAME_WIDTH, A4[1] - 2 * MARGIN - FOOTER_HEIGHT,
        id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate("proof", [frame])])
    footer = f"{PDF_TITLE} · {proof.full_name}"
    if proof.birth_date:
        footer += f", geb. {format_day(proof.birth_date)}"

    class Numbered(_NumberedCanvas):
        footer_text = footer

    doc.build(_story(proof), canvasmaker=Numbered)
    data = buffer.getvalue()
    result = ProofResult(doc.page, data)
    if isinstance(target, (str, os.PathLike)):
        write_private_bytes(Path(target), data)  # personal: 0600
    else:
        target.write(data)
    return result
