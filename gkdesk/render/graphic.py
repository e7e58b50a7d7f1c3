"""导出图解: a one-page graphic summary of the report for the website, as PNG or PDF, painted with QtGui.

The page (1200 × 1697, the proportions of A4) holds the agency and year, the headline figures with their change on
last year, and the four year-at-a-glance comparisons (``gkdesk.render.charts``). Every number comes from the
report's tables through ``gkdesk.domain.glance``; an unsigned or inconsistent report is marked 草稿, as every other
export. ``paint_graphic`` returns what it printed, so tests compare the page with the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter

from gkdesk.domain.glance import Figure, change_text, glance, key_figures, value_text
from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import NotReadyError, ReportWriteError
from gkdesk.io.files import is_draft, readiness_problems
from gkdesk.render.charts import (
    LAST_YEAR_COLOUR,
    MUTED_COLOUR,
    TEXT_COLOUR,
    THIS_YEAR_COLOUR,
    DrawnFigure,
    chart_font,
    fitting_font,
    paint_glance,
)
from gkdesk.render.gui_app import ensure_gui_app

PAGE = QSizeF(1200, 1697)
GRAPHIC_SUFFIXES = (".png", ".pdf")
HEADER_COLOUR = QColor("#174ea6")
TILE_COLOUR = QColor("#f1f5fb")
FOOTNOTE = "数据均取自本报告第二、三、四项统计表及报告内所附上年报告；“未读”为原文未能读取的数字，不按 0 计。"


@dataclass(frozen=True)
class KeyFigure:
    """One headline tile as printed."""

    label: str
    value: str
    unit: str
    last_year: str
    change: str


@dataclass(frozen=True)
class GraphicContent:
    """Everything the page printed, in order: the heading lines, the tiles, the charts' bars, the footnote."""

    heading: tuple[str, ...]
    key_figures: tuple[KeyFigure, ...]
    charts: tuple[DrawnFigure, ...]
    footnote: str


def heading_lines(report: Report) -> tuple[str, ...]:
    previous = report.previous.year if report.previous is not None else None
    lines = [
        report.agency or "（未填机关名称）",
        f"{report.year}年政府信息公开工作年度报告 · 图解",
        f"本年与{previous}年对比" if previous is not None else "报告内无上年报告，未作同比",
    ]
    if is_draft(report):
        lines.append("草稿")
    return tuple(lines)


def paint_graphic(painter: QPainter, report: Report) -> GraphicContent:
    """Paint the page in PAGE's coordinates (the caller scales the painter to its device)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, PAGE.width(), PAGE.height()), QColor("white"))
    heading = heading_lines(report)
    _paint_heading(painter, heading)
    tiles = tuple(_key_figure(figure, unit) for figure, unit in key_figures(report))
    _paint_tiles(painter, QRectF(60, 250, 1080, 400), tiles)
    charts = paint_glance(painter, QRectF(60, 710, 1080, 860), glance(report))
    painter.setFont(chart_font(16))
    painter.setPen(MUTED_COLOUR)
    footer = QRectF(60, 1600, 1080, 60)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), FOOTNOTE)
    return GraphicContent(heading, tiles, tuple(charts), FOOTNOTE)


def _key_figure(figure: Figure, unit: str) -> KeyFigure:
    return KeyFigure(
        figure.label, value_text(figure.this_year), unit, value_text(figure.last_year), change_text(figure)
    )


def _paint_heading(painter: QPainter, lines: tuple[str, ...]) -> None:
    painter.fillRect(QRectF(0, 0, PAGE.width(), 200), HEADER_COLOUR)
    painter.setPen(QColor("white"))
    room = 920 if len(lines) > 3 else 1080  # leave the draft mark its corner
    painter.setFont(fitting_font(lines[0], room, 50, bold=True))
    painter.drawText(QRectF(60, 28, room, 70), int(Qt.AlignmentFlag.AlignVCenter), lines[0])
    painter.setFont(chart_font(30))
    painter.drawText(QRectF(60, 100, 1080, 44), int(Qt.AlignmentFlag.AlignVCenter), lines[1])
    painter.setFont(chart_font(20))
    painter.drawText(QRectF(60, 148, 1080, 32), int(Qt.AlignmentFlag.AlignVCenter), lines[2])
    if len(lines) > 3:  # the draft mark, boxed at the top right
        painter.setFont(chart_font(30, bold=True))
        box = QRectF(1000, 36, 140, 56)
        painter.setPen(QColor("#ffd54f"))
        painter.drawRect(box)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), lines[3])


def _paint_tiles(painter: QPainter, rect: QRectF, tiles: tuple[KeyFigure, ...], columns: int = 4) -> None:
    rows = -(-len(tiles) // columns)
    gap = 20.0
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.height() - gap * (rows - 1)) / rows
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for index, tile in enumerate(tiles):
        row, col = divmod(index, columns)
        box = QRectF(rect.left() + col * (width + gap), rect.top() + row * (height + gap), width, height)
        painter.fillRect(box, TILE_COLOUR)
        painter.fillRect(QRectF(box.left(), box.top(), 6, box.height()), THIS_YEAR_COLOUR)
        inner = box.adjusted(22, 14, -12, -14)
        painter.setPen(MUTED_COLOUR)
        painter.setFont(chart_font(20))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 32), left, tile.label)
        unit_width = QFontMetricsF(chart_font(20)).horizontalAdvance(tile.unit) + 8
        value_font = fitting_font(tile.value, inner.width() - unit_width, 46, bold=True)
        painter.setFont(value_font)
        painter.setPen(THIS_YEAR_COLOUR)
        value_box = QRectF(inner.left(), inner.top() + 36, inner.width(), 64)
        painter.drawText(value_box, left, tile.value)
        advance = QFontMetricsF(value_font).horizontalAdvance(tile.value)
        painter.setFont(chart_font(20))
        painter.setPen(TEXT_COLOUR)
        unit_box = QRectF(inner.left() + advance + 6, value_box.top() + 18, 80, 46)
        painter.drawText(unit_box, left, tile.unit)
        painter.setFont(chart_font(17))
        painter.setPen(LAST_YEAR_COLOUR.darker(150))
        painter.drawText(QRectF(inner.left(), inner.top() + 106, inner.width(), 26), left, f"上年 {tile.last_year}")
        painter.setPen(TEXT_COLOUR)
        painter.setFont(fitting_font(tile.change, inner.width(), 17))
        painter.drawText(QRectF(inner.left(), inner.top() + 134, inner.width(), 26), left, tile.change)


def graphic_image(report: Report, scale: float = 1.0) -> tuple[QImage, GraphicContent]:
    """The page as an image, ``scale`` × 1200 px wide."""
    ensure_gui_app()
    image = QImage(round(PAGE.width() * scale), round(PAGE.height() * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    try:
        content = paint_graphic(painter, report)
    finally:
        painter.end()
    return image, content


def graphic_png(report: Report) -> tuple[bytes, GraphicContent]:
    image, content = graphic_image(report)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise ReportWriteError("无法生成图解图片")
    return bytes(buffer.data().data()), content


def graphic_pdf(report: Report) -> tuple[bytes, GraphicContent]:
    """One A4 page, vector text and shapes (the same painting scaled to the page)."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(f"{report.agency or ''}{report.year}年政府信息公开工作年度报告图解")
    writer.setCreator("gkdesk")
    painter = QPainter(writer)
    try:
        scale = min(writer.width() / PAGE.width(), writer.height() / PAGE.height())
        painter.scale(scale, scale)
        content = paint_graphic(painter, report)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), content


def write_graphic(report: Report, path: str | Path, *, final: bool = False) -> GraphicContent:
    """导出图解 to ``path`` (.png or .pdf), written atomically (the old file kept as .bak); ``final`` refuses a report
    that is not ready, as every final export does."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in GRAPHIC_SUFFIXES:
        raise ReportWriteError(f"图解只能导出为 .png 或 .pdf，不能导出为“{suffix or '无扩展名'}”")
    problems = readiness_problems(report)
    if final and problems:
        raise NotReadyError("不能导出正式版：" + "；".join(problems))
    data, content = graphic_png(report) if suffix == ".png" else graphic_pdf(report)
    atomic_write_bytes(target, data)
    return content
