"""The sheet's flowables: styles, header, "Deine Chancen", "Dein Weg" and the map, per language."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pyphen
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from srek_desk.sheets.data import SheetData, SheetOffer
from srek_desk.sheets.fonts import new_drawing, register_fonts
from srek_desk.sheets.journey import connection_markup, credit_line, scope_markup, shared_scope
from srek_desk.sheets.map_figure import ACCENT, HOME, INK, map_drawing
from srek_desk.sheets.qr import qr_drawing
from srek_desk.sheets.texts import (
    SheetTexts,
    border_line,
    format_date,
    offer_commute_line,
    texts_for,
)

FRAME_WIDTH = 210 * mm - 2 * 16 * mm
QR_SIZE = 22 * mm
MAP_WIDTH = 84 * mm
MAP_HEIGHT = 56 * mm
NUMBER_COL = 12 * mm
LIGHT = colors.HexColor("#eef5f4")
CHANCE = colors.HexColor("#fff1d6")
MUTED = colors.HexColor("#4b5b6b")
HOME_HEX = "#" + HOME.hexval()[2:]
# "ca. 21 km", "35 min": a figure stays on one line with its unit and its "ca."
_FIGURE = re.compile(r"(\d|ca\.|etwa|approx\.) (\d|km\b|min\b)")


@functools.cache
def _hyphenator(language: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    return pyphen.Pyphen(lang=language).iterate  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Styles:
    greeting: ParagraphStyle
    intro: ParagraphStyle
    section: ParagraphStyle
    title: ParagraphStyle
    number: ParagraphStyle
    body: ParagraphStyle
    steps: ParagraphStyle  # a connection's steps: body text, never hyphenated
    chance: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    caption: ParagraphStyle
    office: ParagraphStyle


@functools.cache
def styles_for(hyphenation: str) -> Styles:
    regular, bold = register_fonts()
    hyphenator = _hyphenator(hyphenation) if hyphenation else ""

    def style(
        name: str,
        size: float,
        *,
        font: str = regular,
        leading: float = 1.3,
        colour: colors.Color = INK,
        hyphenate: bool = True,
        **extra: object,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * leading,
            textColor=colour,
            hyphenationLang=hyphenator if hyphenate else "",
            uriWasteReduce=0.3,
            splitLongWords=1,
            **extra,
        )

    return Styles(
        greeting=style("greeting", 24, font=bold, leading=1.15, spaceAfter=2),
        intro=style("intro", 12.5, leading=1.35, spaceAfter=6),
        section=style(
            "section",
            19,
            font=bold,
            colour=ACCENT,
            leading=1.2,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        title=style("title", 14, font=bold, leading=1.2, spaceAfter=1),
        number=style("number", 18, font=bold, colour=ACCENT, leading=1.0, hyphenate=False),
        body=style("body", 10, leading=1.36, spaceAfter=1),
        steps=style("steps", 10, leading=1.36, spaceAfter=1, hyphenate=False),
        chance=style(
            "chance",
            10,
            font=bold,
            colour=HOME,
            leading=1.3,
            backColor=CHANCE,
            borderPadding=(1.5, 3, 1.5, 3),
            spaceBefore=2,
            spaceAfter=4,
        ),
        small=style("small", 8.5, colour=MUTED, leading=1.3),
        caption=style(
            "caption", 8, colour=MUTED, leading=1.2, alignment=TA_CENTER, hyphenate=False
        ),
        small_right=style("small_right", 8.5, colour=MUTED, leading=1.3, alignment=TA_RIGHT),
        office=style("office", 13, font=bold, leading=1.2),
    )


def _table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """Table commands plus our font: a table's default (Helvetica) would appear in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]), *commands])


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def _labelled(label: str, value: str) -> str:
    return f"<b>{escape(label)}:</b> {escape(value)}"


def header(data: SheetData, texts: SheetTexts, st: Styles) -> list[Flowable]:
    office = data.office
    left: list[Flowable] = []
    if office.logo_path is not None and office.logo_path.is_file():
        logo = Image(str(office.logo_path))
        ratio = logo.imageWidth / max(logo.imageHeight, 1)
        logo.drawHeight = 14 * mm
        logo.drawWidth = min(14 * mm * ratio, 60 * mm)
        logo.hAlign = "LEFT"
        left.append(logo)
    left.append(_p(escape(office.name), st.office))
    date_cell = _p(escape(format_date(data.date, texts)), st.small_right)
    top = Table([[left, date_cell]], colWidths=[FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3])
    top.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, ACCENT), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ]))  # fmt: skip
    name = (data.first_name or "").strip()
    greeting = texts.greeting.format(name=escape(name)) if name else texts.greeting_anonymous
    counsellor = data.counsellor
    contact = [f"<b>{escape(texts.counsellor)}:</b>", f"<b>{escape(counsellor.name)}</b>"]
    if counsellor.phone:
        contact.append(f"{escape(texts.phone)} {escape(counsellor.phone)}")
    if counsellor.email:
        contact.append(escape(counsellor.email))
    intro: list[Flowable] = [
        _p(greeting, st.greeting),
        _p(escape(texts.intro), st.intro),
    ]
    if counsellor.name.strip():  # no empty "your counsellor" line when nobody is signed in
        intro.append(_p("<br/>".join(contact), st.body))
    figure = map_figure(data, texts, st)
    if figure is None:
        return [top, Spacer(1, 5 * mm), *intro]
    hero = Table([[intro, figure]], colWidths=[FRAME_WIDTH - MAP_WIDTH, MAP_WIDTH])
    hero.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 5 * mm),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
    ]))  # fmt: skip
    return [top, Spacer(1, 5 * mm), hero]


def _apply_line(offer: SheetOffer, texts: SheetTexts) -> str:
    parts = [escape(v) for v in (offer.contact_person,) if v]
    if offer.phone:
        parts.append(f"{escape(texts.phone)} {escape(offer.phone)}")
    if offer.email:
        parts.append(escape(offer.email))
    if offer.web_url:  # without "https://": shorter, and read out the same
        parts.append(escape(offer.web_url.removeprefix("https://").removeprefix("http://")))
    return " · ".join(parts)


def offer_block(
    number: int, offer: SheetOffer, texts: SheetTexts, st: Styles, *, short: bool = False
) -> Flowable:
    """One offer's block; `short`: the sheet's note gives its connection's day and time."""
    where = (
        texts.in_state.format(place=offer.place, state=offer.state_name)
        if offer.state_name
        else offer.place
    )
    content: list[Flowable] = [
        _p(escape(offer.title), st.title),
        _p(f"<b>{escape(offer.employer)}</b> · {escape(where)}", st.body),
    ]
    if offer.crosses_state_border:
        line = border_line(offer.state_name, offer.border_note, texts)
        content.append(_p(escape(line), st.chance))
    dates = []
    if offer.start_date:
        dates.append(_labelled(texts.start, format_date(offer.start_date, texts)))
    if offer.application_deadline:
        deadline = escape(format_date(offer.application_deadline, texts))
        dates.append(f"<b>{escape(texts.deadline)}: <font color='{HOME_HEX}'>{deadline}</font></b>")
    if dates:
        content.append(_p(" · ".join(dates), st.body))
    way = offer_commute_line(offer, texts)
    if way:
        content.append(_p(_labelled(texts.commute, _FIGURE.sub("\\1\u00a0\\2", way)), st.body))
    content += connection_flowables(offer, texts, st, short=short)
    if offer.why_it_fits:
        content.append(_p(_labelled(texts.why, offer.why_it_fits), st.body))
    if offer.skills_have:
        content.append(_p(_labelled(texts.skills_have, ", ".join(offer.skills_have)), st.body))
    if offer.skills_missing:
        missing = ", ".join(dict.fromkeys(gap.label for gap in offer.skills_missing))
        content.append(_p(_labelled(texts.skills_missing, missing), st.body))
    apply = _apply_line(offer, texts)
    if apply:
        content.append(_p(f"<b>{escape(texts.apply)}:</b> {apply}", st.body))
    qr = qr_drawing(offer, QR_SIZE)
    qr_cell: list[Flowable] = [qr, _p(escape(texts.qr_caption), st.caption)] if qr else []
    if offer.confirmed_on:  # small print under the QR code, where the block has room anyway
        day = escape(format_date(offer.confirmed_on, texts, short=True))
        stand = f"{escape(texts.stand)}:<br/>{day}"
        qr_cell += [Spacer(1, 1.5 * mm), _p(stand, st.caption)]
    text_width = FRAME_WIDTH - NUMBER_COL - (QR_SIZE + 3 * mm)
    table = Table(
        [[_p(str(number), st.number), content, qr_cell]],
        colWidths=[NUMBER_COL, text_width, QR_SIZE + 3 * mm],
    )
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
        ("LINEBEFORE", (0, 0), (0, 0), 4, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (0, 0), 7), ("RIGHTPADDING", (0, 0), (0, 0), 1),
        ("LEFTPADDING", (1, 0), (1, 0), 1),
        ("RIGHTPADDING", (1, 0), (1, 0), 4), ("LEFTPADDING", (2, 0), (2, 0), 2),
        ("RIGHTPADDING", (2, 0), (2, 0), 5),
    ]))  # fmt: skip
    return KeepTogether([table, Spacer(1, 3 * mm)])


def connection_flowables(
    offer: SheetOffer, texts: SheetTexts, st: Styles, *, short: bool = False
) -> list[Flowable]:
    """The timetable's connection of each commute that has one (`short`: the sheet's note
    above the offers gives the day and arrival time)."""
    if offer.relocation or offer.place_unknown:
        return []
    return [
        _p(connection_markup(c.connection, texts.language, short=short), st.steps)
        for c in offer.commutes
        if c.connection is not None
    ]


def _checkbox() -> Drawing:
    box = new_drawing(5 * mm, 5 * mm)
    box.add(
        Rect(0, 0, 4.2 * mm, 4.2 * mm, fillColor=colors.white, strokeColor=ACCENT, strokeWidth=1.2)
    )
    return box


def pathway(data: SheetData, texts: SheetTexts, st: Styles) -> list[Flowable]:
    flowables: list[Flowable] = [_p(escape(texts.pathway), st.section)]
    if not data.steps:
        return [*flowables, _p(escape(texts.pathway_empty), st.intro)]
    rows = []
    for number, step in enumerate(data.steps, start=1):
        when = format_date(step.date, texts)
        text = escape(step.text)
        if when and when not in step.text:
            text = f"<b>{escape(when)}:</b> {text}"
        rows.append([_checkbox(), _p(f"{number}.", st.title), _p(text, st.intro)])
    table = Table(rows, colWidths=[8 * mm, 10 * mm, FRAME_WIDTH - 18 * mm])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (0, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.HexColor("#c9d6dc")),
    ]))  # fmt: skip
    return [*flowables, table]


def map_figure(data: SheetData, texts: SheetTexts, st: Styles) -> list[Flowable] | None:
    regular, bold = register_fonts()
    home_label = texts.map_home.format(place=data.home.place) if data.home else ""
    drawing = map_drawing(
        data.home,
        data.offers,
        MAP_WIDTH,
        MAP_HEIGHT,
        home_label=home_label,
        scale_label=texts.map_scale,
        font=regular,
        bold_font=bold,
    )
    if drawing is None:
        return None
    return [_p(f"<b>{escape(texts.map_title)}</b>", st.small), Spacer(1, 1.5 * mm), drawing]


def sheet_story(data: SheetData) -> list[Flowable]:
    """All flowables of one sheet, in reading order."""
    texts = texts_for(data.language)
    st = styles_for(texts.hyphenation)
    story = header(data, texts, st)
    story.append(_p(escape(texts.chances), st.section))
    scope = shared_scope(data.offers)
    if scope is not None:  # the day and arrival time of every connection, said once
        story.append(_p(scope_markup(scope, data.language), st.body))
        story.append(Spacer(1, 1.5 * mm))
    if data.offers:
        short = scope is not None
        story += [
            offer_block(n, o, texts, st, short=short) for n, o in enumerate(data.offers, start=1)
        ]
    else:
        story.append(_p(escape(texts.no_offers), st.intro))
    story += pathway(data, texts, st)
    return story


def footer_paragraph(data: SheetData, page_in_sheet: int) -> tuple[Paragraph, Paragraph]:
    """Office contact (left) and date + page (right) for the bottom of every page."""
    texts = texts_for(data.language)
    st = styles_for(texts.hyphenation)
    office = data.office
    parts = [f"<b>{escape(office.name)}</b>"]
    if office.address:
        parts.append(escape(office.address))
    if office.phone:
        parts.append(f"{escape(texts.phone)} {escape(office.phone)}")
    if office.email:
        parts.append(escape(office.email))
    if office.opening_hours:
        parts.append(f"{escape(texts.footer_hours)}: {escape(office.opening_hours)}")
    left = " · ".join(parts)
    credit = credit_line(data.timetable_credit, data.language)
    if credit:  # the timetable's publisher and licence, where a figure comes from it
        left += f"<br/>{escape(credit)}"
    right = (
        f"{escape(texts.footer_date)}: {escape(format_date(data.date, texts))}<br/>"
        f"{escape(texts.page.format(page=page_in_sheet))}"
    )
    return _p(left, st.small), _p(right, st.small_right)
