"""打印预览: Qt's print preview over the pages of ``gkdesk.render.pages``, the same pages the PDF export writes.

The preview does no layout of its own: heading numbers, title lines, dates, missing parts, table breaks and the
草稿 mark of a draft all come from ``gkdesk.io.export_layout`` through the one page renderer, so what the clerk
proofreads and prints is what the PDF and the .docx say.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from gkdesk.domain.report import Report
from gkdesk.errors import GkError
from gkdesk.io.files import is_draft
from gkdesk.render.pages import Layout, Painter, layout_report
from gkdesk.ui import dialogs


def preview_layout(report: Report) -> Layout:
    """The pages as printed: a report that is not ready is a draft (草稿 on every page), as in every export."""
    return layout_report(report, draft=is_draft(report))


def official_printer() -> QPrinter:
    """A4 portrait painted from the paper's corner: the pages carry the official margins themselves."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_pages(layout: Layout, printer: QPrinter) -> None:
    """Every page of ``layout`` onto the printer (the preview widget's, a real printer, or a PDF file)."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        paint = Painter(painter, layout.faces)
        for index, page in enumerate(layout.pages):
            if index:
                printer.newPage()
            paint.paint(page)
    finally:
        painter.end()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        _fix_printed_pdf(layout, Path(printer.outputFileName()))


def _fix_printed_pdf(layout: Layout, path: Path) -> None:
    """The dialog's 打印到文件 (PDF): the same text layer as 导出 PDF, so the file copies and re-imports as drawn."""
    from gkdesk.io.atomic import atomic_write_bytes
    from gkdesk.render.pdf import text_layer_of

    try:
        data = path.read_bytes()
        fixed = text_layer_of(layout, data)
        if fixed != data:
            atomic_write_bytes(path, fixed)
    except (OSError, GkError):  # Qt's file is still there, readable as Qt wrote it
        logging.getLogger(__name__).warning("could not fix the text layer of %s", path, exc_info=True)


def show_preview(parent: QWidget | None, report: Report) -> None:
    """Qt's preview dialog (zoom, page setup, print) over the official pages."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    layout = preview_layout(report)
    printer = official_printer()
    printer.setDocName(report.title or report.default_title())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.resize(900, 1000)
    dialog.paintRequested.connect(lambda target: print_pages(layout, target))
    dialogs.run_modal(dialog)
