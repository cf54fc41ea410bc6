"""The small map: home postcode centre and numbered offer dots with town names and a km scale.

Drawn by the app (no tiles) in an equirectangular projection around 51.5° N, which is accurate to
about 1 % across the region. State borders are not drawn: no PyPI package ships Bundesland
outlines under a licence and in a form we could bundle cleanly (see the sheet issue note).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from srek_desk.sheets.data import HomeArea, SheetOffer
from srek_desk.sheets.fonts import new_drawing

KM_PER_DEG_LAT = 110.57
KM_PER_DEG_LON = 111.32 * math.cos(math.radians(51.5))
MIN_SPAN_KM = 12.0
NICE_SCALES_KM = (1, 2, 5, 10, 20, 25, 50, 100)

INK = colors.HexColor("#1d2b3a")
ACCENT = colors.HexColor("#0b6e69")
HOME = colors.HexColor("#c2410c")
PAPER = colors.HexColor("#f3f6f8")


@dataclass(frozen=True, slots=True)
class MapPoint:
    label: str
    numbers: tuple[int, ...]
    lat: float
    lon: float


def map_points(offers: tuple[SheetOffer, ...]) -> list[MapPoint]:
    """Offers with coordinates, grouped by place so one town gets one dot with all its numbers."""
    groups: dict[tuple[str, float, float], list[int]] = {}
    for number, offer in enumerate(offers, start=1):
        if offer.lat is None or offer.lon is None:
            continue
        key = (offer.place, round(offer.lat, 2), round(offer.lon, 2))
        groups.setdefault(key, []).append(number)
    return [MapPoint(place, tuple(nums), lat, lon) for (place, lat, lon), nums in groups.items()]


def _nice_scale(span_km: float) -> int:
    target = span_km / 4
    return min(NICE_SCALES_KM, key=lambda km: abs(km - target))


def _overlap_area(box: tuple[float, float, float, float], boxes: list[tuple[float, ...]]) -> float:
    x0, y0, x1, y1 = box
    return sum(
        max(0.0, min(x1, b[2]) - max(x0, b[0])) * max(0.0, min(y1, b[3]) - max(y0, b[1]))
        for b in boxes
    )


def map_drawing(
    home: HomeArea | None,
    offers: tuple[SheetOffer, ...],
    width: float,
    height: float,
    *,
    home_label: str,
    scale_label: str,
    font: str,
    bold_font: str,
) -> Drawing | None:
    """The map as a drawing of `width` × `height` points; None when nothing has coordinates."""
    points = map_points(offers)
    if not points and home is None:
        return None
    coords = [(p.lon, p.lat) for p in points]
    if home is not None:
        coords.append((home.lon, home.lat))
    xs = [lon * KM_PER_DEG_LON for lon, _ in coords]
    ys = [lat * KM_PER_DEG_LAT for _, lat in coords]
    span_x = max(max(xs) - min(xs), MIN_SPAN_KM)
    span_y = max(max(ys) - min(ys), MIN_SPAN_KM)
    # Room right of the dots for the easternmost town's name, so it needs not jump left.
    east = max(points, key=lambda p: p.lon, default=None)
    east_label = stringWidth(east.label, font, 9.0) + 14 if east else 0.0
    margin, label_room = 12.0, min(max(60.0, east_label), width * 0.45)
    usable_w, usable_h = width - 2 * margin - label_room, height - 2 * margin - 26
    scale = min(usable_w / span_x, usable_h / span_y)  # points per km, same on both axes
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        x = (lon * KM_PER_DEG_LON - centre_x) * scale + margin + usable_w / 2
        y = (lat * KM_PER_DEG_LAT - centre_y) * scale + margin + 22 + usable_h / 2
        return x, y

    drawing = new_drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=PAPER, strokeColor=None, rx=6, ry=6))
    labels: list[tuple[float, ...]] = []
    radius, font_size = 8.0, 9.0

    def place_label(x: float, y: float, text: str, colour: colors.Color, fnt: str) -> None:
        w = stringWidth(text, fnt, font_size)
        gap = radius + 3
        candidates = [
            (x + gap, y - 3), (x - gap - w, y - 3), (x - w / 2, y + gap), (x - w / 2, y - gap - 8),
            (x + gap, y + 7), (x + gap, y - 13), (x - gap - w, y + 7), (x - gap - w, y - 13),
        ]  # fmt: skip

        def box(cx: float, cy: float) -> tuple[float, float, float, float]:
            return (cx - 3, cy - 2, cx + w + 3, cy + font_size)  # 3 pt air between labels

        inside = [
            (cx, cy)
            for cx, cy in candidates
            if cx >= 2 and cx + w <= width - 2 and cy - 2 >= 2 and cy + font_size <= height - 2
        ] or candidates[:1]
        cx, cy = min(inside, key=lambda c: _overlap_area(box(*c), labels))  # first free wins
        labels.append(box(cx, cy))
        drawing.add(String(cx, cy, text, fontName=fnt, fontSize=font_size, fillColor=colour))

    house: tuple[float, float] | None = project(home.lon, home.lat) if home else None
    dots: list[tuple[float, float]] = []
    for point in points:
        x, y = project(point.lon, point.lat)
        if house and math.dist((x, y), house) < 2 * radius:  # same town as home: sit beside it
            x = house[0] + 2.2 * radius
            y = house[1]
        drawing.add(Circle(x, y, radius, fillColor=ACCENT, strokeColor=colors.white, strokeWidth=1))
        numbers = ",".join(str(n) for n in point.numbers)
        size = 8.5 if len(numbers) < 3 else 6.5
        drawing.add(
            String(
                x,
                y - size * 0.35,
                numbers if len(numbers) < 5 else "…",
                fontName=bold_font,
                fontSize=size,
                fillColor=colors.white,
                textAnchor="middle",
            )
        )
        labels.append((x - radius, y - radius, x + radius, y + radius))
        dots.append((x, y))
    if house is not None:
        hx, hy = house
        s = radius * 1.1
        drawing.add(
            Rect(
                hx - s * 0.7,
                hy - s * 0.9,
                s * 1.4,
                s * 0.95,
                fillColor=HOME,
                strokeColor=colors.white,
                strokeWidth=0.8,
            )
        )
        drawing.add(
            Polygon(
                [hx - s, hy, hx + s, hy, hx, hy + s],
                fillColor=HOME,
                strokeColor=colors.white,
                strokeWidth=0.8,
            )
        )
        labels.append((hx - s, hy - s, hx + s, hy + s))
        place_label(hx, hy, home_label, HOME, bold_font)
    for point, (x, y) in zip(points, dots, strict=True):
        if home is None or point.label != home.place:
            place_label(x, y, point.label, INK, font)

    km = _nice_scale(span_x)
    bar = km * scale
    x0, y0 = margin, margin
    drawing.add(Line(x0, y0, x0 + bar, y0, strokeColor=INK, strokeWidth=2))
    for tick in (x0, x0 + bar):
        drawing.add(Line(tick, y0 - 3, tick, y0 + 3, strokeColor=INK, strokeWidth=1.2))
    drawing.add(
        String(
            x0 + bar + 5,
            y0 - 3,
            scale_label.format(km=km),
            fontName=font,
            fontSize=font_size,
            fillColor=INK,
        )
    )
    nx, ny = width - margin - 4, margin - 3  # north arrow: the font has no arrow glyphs
    drawing.add(
        Polygon([nx - 4, ny + 12, nx + 4, ny + 12, nx, ny + 20], fillColor=INK, strokeColor=None)
    )
    drawing.add(
        String(
            nx, ny, "N", fontName=bold_font, fontSize=font_size, fillColor=INK, textAnchor="middle"
        )
    )
    return drawing
