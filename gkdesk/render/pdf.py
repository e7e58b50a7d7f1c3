"""The PDF export: the pages of ``gkdesk.render.pages`` written with Qt's own PDF engine (QPdfWriter).

Qt embeds a subset of every face it paints with, so the PDF looks the same on any PC; where an official face is
not installed the fallback named in the export log is what gets embedded. Title and author (the signing agency)
go into the PDF's document information. Like the other exports, a report that is not ready goes out as a draft
(草稿 on every page) and a final export of it is refused; the file is built in memory and written atomically.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from gkdesk import __version__
from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import NotReadyError, ReportWriteError
from gkdesk.io.export_layout import LayoutOptions, clean_title, layout_notes, without_cjk_digit_spaces
from gkdesk.io.files import readiness_problems
from gkdesk.render.fonts import font_notes
from gkdesk.render.gui_app import ensure_gui_app
from gkdesk.render.pages import Layout, Painter, layout_report
from gkdesk.render.pdf_text import fix_text_layer

PDF_RESOLUTION = 1200


def official_page_layout() -> QPageLayout:
    """A4 portrait without device margins: the pages carry the official margins themselves."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )  # fmt: skip


def pdf_bytes(report: Report, *, draft: bool, options: LayoutOptions | None = None) -> tuple[bytes, Layout]:
    """The whole PDF in memory, and the layout it was painted from."""
    ensure_gui_app()
    layout = layout_report(report, draft=draft, options=options)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(official_page_layout())
    writer.setTitle(clean_title(report))
    writer.setCreator(f"gkdesk {__version__}")
    author = without_cjk_digit_spaces(report.signature.agency or report.agency or "")[0]
    writer.setAuthor(author)
    painter = QPainter()
    if not painter.begin(writer):
        raise ReportWriteError("无法生成 PDF 文件")
    try:
        paint = Painter(painter, layout.faces)
        for index, page in enumerate(layout.pages):
            if index:
                writer.newPage()
            paint.paint(page)
    finally:
        painter.end()
    buffer.close()
    return text_layer_of(layout, bytes(data.data())), layout


def text_layer_of(layout: Layout, data: bytes) -> bytes:
    """A PDF Qt painted ``layout`` into, its text layer saying the characters drawn (not the radicals sharing their
    glyphs): for our export and for the print preview printing to a PDF file."""
    drawn = {ch for page in layout.pages for run in page.runs for ch in run.text}
    families = {choice.family for choice in layout.faces.values()}
    return fix_text_layer(data, drawn, sorted(families))


def save_pdf(
    report: Report, path: str | os.PathLike[str], *, final: bool = False, options: LayoutOptions | None = None
) -> list[str]:
    """Export ``report`` as PDF; returns the export log (layout decisions, the faces used). A final export of a
    report that is not ready raises NotReadyError, as ``gkdesk.io.files.save_report`` does."""
    problems = readiness_problems(report)
    if final and problems:
        raise NotReadyError("不能导出正式版：" + "；".join(problems))
    data, layout = pdf_bytes(report, draft=bool(problems), options=options)
    atomic_write_bytes(path, data)
    return [*layout_notes(report, options), *font_notes(layout.faces)]
