"""The year-at-a-glance charts, painted with QPainter: the window's 图表 page and the 图解 graphic draw the same code.

Each comparison is a panel of horizontal bar pairs (本年 above 上年) with the figure printed at the bar's end:
horizontal bars keep long Chinese labels readable. A figure the importer could not read is a hatched box labelled
未读 (never a bar of 0); a figure the report has no place for is printed "—" with no bar. Every painter returns
what it drew, so tests compare the drawing with the tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from gkdesk.domain.glance import FigureGroup, Glance, Missing, Value, value_text

# Sans-serif CJK faces, best first: 微软雅黑 on Windows, Noto/Source Han on Linux (Debian fonts-noto-cjk).
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "SimHei",
)
THIS_YEAR_COLOUR = QColor("#1a5fb4")
LAST_YEAR_COLOUR = QColor("#9aa0a6")
UNREAD_COLOUR = QColor("#b26a00")
TEXT_COLOUR = QColor("#202124")
MUTED_COLOUR = QColor("#5f6368")
GRID_COLOUR = QColor("#dadce0")


@cache
def cjk_family() -> str:
    """The installed family that shows Chinese; the application default when none of ours is installed."""
    installed = set(QFontDatabase.families())
    return next((name for name in CJK_FAMILIES if name in installed), QFont().family())


def chart_font(pixel_size: float, bold: bool = False) -> QFont:
    font = QFont(cjk_family())
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


def fitting_font(text: str, width: float, pixel_size: float, bold: bool = False) -> QFont:
    """The chart font at ``pixel_size``, made smaller until ``text`` fits in ``width`` (a long agency name)."""
    font = chart_font(pixel_size, bold)
    advance = QFontMetricsF(font).horizontalAdvance(text)
    size = math.floor(pixel_size * width / advance) if advance > width > 0 else round(pixel_size)
    font = chart_font(size, bold)
    while size > 1 and QFontMetricsF(font).horizontalAdvance(text) > width:  # hinting rounds widths up a little
        size -= 1
        font = chart_font(size, bold)
    return font


@dataclass(frozen=True)
class DrawnFigure:
    """One bar pair as drawn: the panel, the label and the two values as printed (a number, 未读 or —)."""

    group: str
    label: str
    this_year: str
    last_year: str


def _number(value: Value) -> float | None:
    if isinstance(value, Missing):
        return None
    return float(value)


def paint_panel(
    painter: QPainter, rect: QRectF, group: FigureGroup, years: tuple[int, int | None]
) -> list[DrawnFigure]:
    """One comparison in ``rect``: the title, a legend, and a bar pair per figure scaled to the panel's largest."""
    this_year, last_year = years
    scale = rect.height() / 300
    title_font, label_font, value_font = (
        chart_font(17 * scale, bold=True),
        chart_font(13 * scale),
        chart_font(12 * scale),
    )
    painter.save()
    painter.setPen(TEXT_COLOUR)
    painter.setFont(title_font)
    title_height = QFontMetricsF(title_font).height()
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_height), group.title)
    legend_top = rect.top() + title_height + 4 * scale
    legend = [(f"{this_year}年", THIS_YEAR_COLOUR)]
    legend.append((f"{last_year}年" if last_year is not None else "上年：报告内无上年报告", LAST_YEAR_COLOUR))
    painter.setFont(value_font)
    metrics = QFontMetricsF(value_font)
    x = rect.left()
    for text, colour in legend:
        box = QRectF(x, legend_top + 2 * scale, 12 * scale, 12 * scale)
        painter.fillRect(box, colour)
        painter.setPen(MUTED_COLOUR)
        painter.drawText(QPointF(box.right() + 5 * scale, box.bottom()), text)
        x = box.right() + 5 * scale + metrics.horizontalAdvance(text) + 18 * scale
    body_top = legend_top + 24 * scale
    label_width = max(QFontMetricsF(label_font).horizontalAdvance(f.label) for f in group.figures) + 10 * scale
    value_room = metrics.horizontalAdvance("0000000.0000") + 8 * scale
    bar_left = rect.left() + label_width
    bar_room = max(10.0, rect.right() - bar_left - value_room)
    largest = max([n for f in group.figures for n in (_number(f.this_year), _number(f.last_year)) if n] or [1.0])
    row_height = (rect.bottom() - body_top) / max(1, len(group.figures))
    bar_height = min(row_height * 0.36, 16 * scale)
    drawn: list[DrawnFigure] = []
    for i, figure in enumerate(group.figures):
        top = body_top + i * row_height
        painter.setFont(label_font)
        painter.setPen(TEXT_COLOUR)
        label_rect = QRectF(rect.left(), top, label_width - 8 * scale, 2 * bar_height + 2 * scale)
        painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), figure.label)
        painter.setFont(value_font)
        bars = [(figure.this_year, THIS_YEAR_COLOUR)]
        if last_year is not None:  # no 上年 bar at all without last year's report (the legend says so)
            bars.append((figure.last_year, LAST_YEAR_COLOUR))
        for j, (value, colour) in enumerate(bars):
            bar_top = top + j * (bar_height + 2 * scale)
            _paint_bar(painter, QRectF(bar_left, bar_top, bar_room, bar_height), value, largest, colour)
        painter.setPen(GRID_COLOUR)
        painter.drawLine(QPointF(bar_left, top - 2 * scale), QPointF(bar_left, top + 2 * bar_height + 4 * scale))
        drawn.append(DrawnFigure(group.title, figure.label, value_text(figure.this_year), value_text(figure.last_year)))
    painter.restore()
    return drawn


def _paint_bar(painter: QPainter, room: QRectF, value: Value, largest: float, colour: QColor) -> None:
    """A bar of ``value`` in ``room`` (full width = ``largest``), the figure printed after it."""
    text = value_text(value)
    metrics = QFontMetricsF(painter.font())
    if value is Missing.UNREAD:
        box = QRectF(room.left(), room.top(), metrics.horizontalAdvance(text) + 12, room.height())
        painter.fillRect(box, QColor("#fff3e0"))
        painter.setPen(QPen(UNREAD_COLOUR, 1))
        painter.setBrush(QBrush(QColor(178, 106, 0, 70), Qt.BrushStyle.BDiagPattern))
        painter.drawRect(box)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        return
    number = _number(value)
    width = 0.0 if number is None else room.width() * number / largest
    if width > 0:
        painter.fillRect(QRectF(room.left(), room.top(), max(width, 2.0), room.height()), colour)
    painter.setPen(MUTED_COLOUR if number is None else TEXT_COLOUR)
    baseline = room.top() + (room.height() + metrics.ascent() - metrics.descent()) / 2
    painter.drawText(QPointF(room.left() + width + 5, baseline), text)


def paint_glance(painter: QPainter, rect: QRectF, glance: Glance, columns: int = 2) -> list[DrawnFigure]:
    """The four comparisons in a grid of ``columns``; returns every bar pair drawn, panel by panel."""
    rows = -(-len(glance.groups) // columns)
    gap = min(rect.width(), rect.height()) * 0.04
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.height() - gap * (rows - 1)) / rows
    drawn: list[DrawnFigure] = []
    for index, group in enumerate(glance.groups):
        row, col = divmod(index, columns)
        panel = QRectF(rect.left() + col * (width + gap), rect.top() + row * (height + gap), width, height)
        drawn.extend(paint_panel(painter, panel, group, (glance.year, glance.previous_year)))
    return drawn
