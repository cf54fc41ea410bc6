"""Draw the app icon (resources/icons/srek-desk.png): three overlapping circles for three states
joined by a path — the region across the borders. Run once; the PNG is committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen

TARGET = Path(__file__).resolve().parents[1] / "resources" / "icons" / "srek-desk.png"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    size = 256
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(QColor("#1f4e79")))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(8, 8, size - 16, size - 16, 48, 48)
    colours = ("#f2c14e", "#5fad56", "#f78154")
    centres = (QPointF(98, 104), QPointF(158, 104), QPointF(128, 156))
    for colour, centre in zip(colours, centres, strict=True):
        fill = QColor(colour)
        fill.setAlpha(215)
        painter.setBrush(fill)
        painter.drawEllipse(centre, 52, 52)
    painter.setPen(
        QPen(
            QColor("white"),
            9,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline([centres[0], centres[2], centres[1]])
    painter.setBrush(QColor("white"))
    for centre in centres:
        painter.drawEllipse(centre, 11, 11)
    painter.end()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(TARGET))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
