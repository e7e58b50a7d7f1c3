"""Write gkdesk's Windows .ico (the .exe, the installer, the file association) when resources/icons has no .ico.

The images are the window's own icon files (resources/icons/gkdesk-<size>.png) when they exist, so the program and
its window look the same; otherwise the icon is drawn with QPainter from shapes only (a report page with a red table
and a check mark), which needs no font and looks the same on every build machine. Qt's own ico writer stores a single image, and Windows wants several
sizes (16-48 for Explorer lists, 256 for large tiles), so the ICO container is written here: small sizes as 32-bit
DIBs (what every tool, including Inno Setup, reads), 256 px as an embedded PNG (allowed since Windows Vista).

Usage: ``python packaging/make_icon.py [OUT.ico]`` (default: build/gkdesk.ico). Generated, never committed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_FROM = 256  # sizes at or above this are stored as PNG
RED = QColor("#C8102E")
INK = QColor("#37474F")


def render(size: int) -> QImage:
    """The icon at one size, drawn on a 100x100 design grid and scaled."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 100, size / 100)
    # The page, with a folded corner.
    page = QPainterPath()
    page.moveTo(16, 4)
    page.lineTo(66, 4)
    page.lineTo(86, 24)
    page.lineTo(86, 96)
    page.lineTo(16, 96)
    page.closeSubpath()
    painter.setPen(QPen(INK, 4))
    painter.setBrush(QColor("white"))
    painter.drawPath(page)
    painter.setBrush(QColor("#CFD8DC"))
    painter.drawPolygon([QPointF(66, 4), QPointF(66, 24), QPointF(86, 24)])
    # The red title bar and a 3x3 table.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RED)
    painter.drawRect(QRectF(26, 16, 32, 8))
    painter.setPen(QPen(RED, 3.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(26, 36, 50, 40))
    for x in (43, 59):
        painter.drawLine(QPointF(x, 36), QPointF(x, 76))
    for y in (49, 62):
        painter.drawLine(QPointF(26, y), QPointF(76, y))
    # The check mark: totals add up.
    painter.setPen(QPen(QColor("#2E7D32"), 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPolyline([QPointF(48, 84), QPointF(60, 94), QPointF(90, 62)])
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode PNG")
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """BITMAPINFOHEADER + bottom-up BGRA rows + an all-zero AND mask (alpha carries transparency)."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            pixel = argb.pixel(x, y)
            row += struct.pack("<I", pixel)  # 0xAARRGGBB little-endian = B, G, R, A
        rows.append(bytes(row))
    pixels = b"".join(reversed(rows))
    mask = bytes(((size + 31) // 32) * 4 * size)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0)
    return header + pixels + mask


def window_icon_images(folder: Path) -> dict[int, QImage]:
    """The window's icon files by size (gkdesk-16.png, gkdesk-256.png, ...); empty when there are none."""
    images: dict[int, QImage] = {}
    for file in sorted(folder.glob("gkdesk-*.png")):
        image = QImage(str(file))
        if not image.isNull() and image.width() == image.height():
            images[image.width()] = image
    return images


def image_at(size: int, sources: dict[int, QImage]) -> QImage:
    """The icon at ``size``: the source of that size, else the next larger one scaled down, else drawn."""
    if size in sources:
        return sources[size]
    larger = [s for s in sorted(sources) if s > size] or sorted(sources, reverse=True)
    if not larger:
        return render(size)
    return sources[larger[0]].scaled(
        size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def ico_bytes(sources: dict[int, QImage] | None = None, sizes: tuple[int, ...] = ICON_SIZES) -> bytes:
    """The complete .ico file: ICONDIR, one ICONDIRENTRY per size, then the images."""
    pictures = [image_at(s, sources or {}) for s in sizes]
    images = [_png_bytes(p) if s >= PNG_FROM else _dib_bytes(p) for s, p in zip(sizes, pictures, strict=True)]
    offset = 6 + 16 * len(sizes)
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    for size, data in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(images)


def write_icon(path: Path, icons_folder: Path | None = None) -> Path:
    """Write the .ico from the window's icon files in ``icons_folder`` (if any), else from the drawn icon."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ico_bytes(window_icon_images(icons_folder) if icons_folder else None))
    return path


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "gkdesk.ico"
    print(write_icon(target, root / "resources" / "icons"))
