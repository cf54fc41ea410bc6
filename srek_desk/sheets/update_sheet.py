"""The short update sheet ("Kurzblatt"): the new chances since the last visit, as an A4 PDF.

It reuses the opportunity sheet's styles, offer blocks (title, employer, place, dates, commute,
contact, QR code) and footer; it has no map and no pathway. Only the client's first name is
printed (none in pseudonymous mode). No database, no Qt.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from srek_desk.sheets.data import SheetData
from srek_desk.sheets.layout import (
    FRAME_WIDTH,
    _table_style,
    offer_block,
    styles_for,
)
from srek_desk.sheets.map_figure import ACCENT
from srek_desk.sheets.render import SheetResult, _SheetDocument, _SheetStart, _write
from srek_desk.sheets.texts import format_date, texts_for

PDF_TITLE = "Kurzblatt"  # nothing personal in the metadata


@dataclass(frozen=True, slots=True)
class UpdateTexts:
    title: str  # {since}
    intro: str
    no_offers: str
    closing: str


UPDATE_TEXTS = {
    "de": UpdateTexts(
        title="Neue Chancen seit {since}",
        intro=(
            "Seit unserem letzten Gespräch haben wir neue Stellen gefunden, die zu dir passen. "
            "Schau sie dir in Ruhe an."
        ),
        no_offers="Gerade gibt es keine neuen Stellen. Wir suchen weiter für dich.",
        closing="Hast du Fragen oder möchtest du dich bewerben? Melde dich bei uns.",
    ),
    "de-simple": UpdateTexts(
        title="Neue Chancen seit {since}",
        intro="Wir haben neue Stellen für dich gefunden. Die Stellen passen zu dir. Schau sie dir an.",
        no_offers="Gerade gibt es keine neuen Stellen. Wir suchen weiter.",
        closing="Hast du Fragen? Willst du dich bewerben? Dann ruf uns an oder komm vorbei.",
    ),
    "en": UpdateTexts(
        title="New chances since {since}",
        intro="Since we last talked, we found new offers that fit you. Take your time to look.",
        no_offers="There are no new offers right now. We keep looking for you.",
        closing="Questions, or want to apply? Get in touch with us.",
    ),
}


@dataclass(frozen=True, slots=True)
class UpdateSheetData:
    """What the update sheet shows: the offers, office and first name in `sheet` (its steps
    are not printed), and the day the new chances are counted from."""

    sheet: SheetData
    since: date


def update_story(data: UpdateSheetData) -> list[Flowable]:
    sheet = data.sheet
    texts = texts_for(sheet.language)
    words = UPDATE_TEXTS.get(sheet.language, UPDATE_TEXTS["de"])
    st = styles_for(texts.hyphenation)
    top = Table(
        [
            [
                Paragraph(escape(sheet.office.name), st.office),
                Paragraph(escape(format_date(sheet.date, texts)), st.small_right),
            ]
        ],
        colWidths=[FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3],
    )
    top.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, ACCENT), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ]))  # fmt: skip
    name = (sheet.first_name or "").strip()
    greeting = texts.greeting.format(name=escape(name)) if name else texts.greeting_anonymous
    story: list[Flowable] = [
        top,
        Spacer(1, 5 * mm),
        Paragraph(escape(words.title.format(since=format_date(data.since, texts))), st.greeting),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>{greeting}</b> {escape(words.intro)}", st.intro),
        Spacer(1, 2 * mm),
    ]
    if sheet.offers:
        story += [offer_block(n, o, texts, st) for n, o in enumerate(sheet.offers, start=1)]
    else:
        story.append(Paragraph(escape(words.no_offers), st.intro))
    story.append(Paragraph(escape(words.closing), st.intro))
    return story


def render_update_sheet(data: UpdateSheetData, target: Path | BinaryIO) -> SheetResult:
    """Write the update sheet as PDF to a file path or a binary stream."""
    buffer = io.BytesIO()
    # The opportunity sheet's page template: same margins, fonts and footer.
    document = _SheetDocument(buffer, 1, None, None)
    document.title, document.subject = PDF_TITLE, "Neue Ausbildungs- und Arbeitsangebote"
    document.build([_SheetStart(0, data.sheet), *update_story(data)])
    result = SheetResult(document.page, buffer.getvalue())
    _write(result, target)
    return result
