"""Draw the gkdesk icon with QPainter: PNGs at 16/32/48/256 px and a multi-size gkdesk.ico.

Generated files are never edited by hand; rerun this script instead:
    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py
The .ico holds PNG-compressed images (valid since Windows Vista), written with ``struct`` so no Pillow is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (16, 32, 48, 256)


def draw(size: int) -> QImage:
    """A blue tile with a white report page: a header band, table rules and a red check mark."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.scale(s, s)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.fillPath(tile, QColor("#1f5fbf"))
    page = QPainterPath()
    page.moveTo(62, 36)
    page.lineTo(164, 36)
    page.lineTo(204, 76)
    page.lineTo(204, 220)
    page.lineTo(62, 220)
    page.closeSubpath()
    p.fillPath(page, QColor("#ffffff"))
    fold = QPainterPath()
    fold.moveTo(164, 36)
    fold.lineTo(164, 76)
    fold.lineTo(204, 76)
    fold.closeSubpath()
    p.fillPath(fold, QColor("#c9d8f2"))
    p.fillRect(QRectF(80, 88, 106, 22), QColor("#1f5fbf"))
    pen = QPen(QColor("#7f95b8"), 7 if size < 48 else 5)
    p.setPen(pen)
    for y in (130, 160, 190):
        p.drawLine(QPointF(80, y), QPointF(186, y))
    p.drawLine(QPointF(122, 118), QPointF(122, 200))
    check = QPen(QColor("#d32f2f"), 22, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(check)
    p.drawPolyline([QPointF(140, 176), QPointF(166, 204), QPointF(222, 140)])
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    pngs = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries = b""
    for image, png in zip(images, pngs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    images = {size: draw(size) for size in SIZES}
    for size in PNG_SIZES:
        images[size].save(str(HERE / f"gkdesk-{size}.png"))
    (HERE / "gkdesk.ico").write_bytes(ico_bytes([images[s] for s in SIZES]))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
