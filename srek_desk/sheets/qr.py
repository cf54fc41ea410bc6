"""QR codes on the sheet: they hold the offer's public address and nothing else."""

from __future__ import annotations

import functools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Group

from srek_desk.sheets.data import SheetOffer
from srek_desk.sheets.fonts import new_drawing


def qr_payload(offer: SheetOffer) -> str:
    """Exactly what the offer's QR code encodes: its URL (BA Jobbörse or employer), "" for none."""
    return offer.qr_url.strip()


def qr_widget(payload: str, size: float) -> QrCodeWidget:
    """The ReportLab QR widget for `payload`, `size` points square, medium error correction."""
    return QrCodeWidget(payload, barLevel="M", barWidth=size, barHeight=size)


@functools.lru_cache(maxsize=512)
def _qr_group(payload: str, size: float) -> Group:
    # Encoding picks the best of eight masks, the slowest part of a sheet; a class's sheets
    # share most offers, so each URL is encoded once per process. Groups are not mutated
    # when drawn, so sharing them between drawings is safe.
    return qr_widget(payload, size).draw()


def qr_drawing(offer: SheetOffer, size: float) -> Drawing | None:
    """A square drawing `size` points wide with the offer's QR code, None when it has no URL."""
    payload = qr_payload(offer)
    if not payload:
        return None
    drawing = new_drawing(size, size)
    drawing.add(_qr_group(payload, size))
    return drawing
