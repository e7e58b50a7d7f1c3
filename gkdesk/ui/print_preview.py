"""打印预览: the report in the official layout as a QTextDocument, shown in Qt's print preview dialog.

This is a faithful-enough preview for proofreading and printing from the window; the .docx exporter is the
exact layout. Headings are numbered here exactly as the exporter numbers them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from gkdesk.domain.forms import FormDef
from gkdesk.domain.report import PART_KEYS, TABLE_OF_PART, Block, Report, TableData
from gkdesk.domain.values import format_value
from gkdesk.ui import dialogs
from gkdesk.ui.cover_editor import chinese_date
from gkdesk.ui.narrative_editor import chinese_number

_BODY = "font-family:'FangSong','仿宋','Noto Serif CJK SC',serif; font-size:16pt;"
_STYLE = f"""
body {{ {_BODY} }}
p {{ margin:0; line-height:170%; text-indent:43px; }}
p.title {{ font-family:'FZXiaoBiaoSong-B05S','SimSun','Noto Serif CJK SC',serif; font-size:22pt;
           text-align:center; text-indent:0; margin-bottom:21px; line-height:130%; }}
p.addressee {{ text-indent:0; }}
p.h1 {{ font-family:'SimHei','黑体','Noto Sans CJK SC',sans-serif; }}
p.h2 {{ font-family:'KaiTi','楷体','Noto Serif CJK SC',serif; }}
p.h3 {{ font-weight:bold; }}
p.sign {{ text-align:right; text-indent:0; margin-right:43px; }}
table {{ margin-top:8px; margin-bottom:8px; }}
td {{ font-size:10.5pt; vertical-align:middle; }}
td.value {{ text-align:center; }}
td.header, td.caption, td.note {{ text-align:center; }}
"""


def _paragraphs(blocks: list[Block]) -> list[str]:
    html: list[str] = []
    numbers = {2: 0, 3: 0, 4: 0}
    for block in blocks:
        if block.kind == "heading":
            numbers[block.level] += 1
            for deeper in range(block.level + 1, 5):
                numbers[deeper] = 0
            n = numbers[block.level]
            number = {2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[block.level]
            rest = f"{escape(block.inline_text)}" if block.inline_text else ""
            cls = f"h{block.level}"
            html.append(f'<p class="{cls}"><span>{number}{escape(block.text)}</span>{rest}</p>')
        else:
            html.append(f"<p>{escape(block.text + block.inline_text)}</p>")
    return html


def title_html(title: str) -> str:
    """A title too long for one line breaks before "政府信息公开…" (whole words, as the layout rules ask)."""
    at = title.find("政府信息公开")
    if len(title) > 18 and at > 0:
        return f"{escape(title[:at].strip())}<br/>{escape(title[at:])}"
    return escape(title)


def table_html(table: TableData) -> str:
    """The official grid with its merges; values from the report."""
    definition: FormDef = table.form
    rows: list[str] = []
    covered: set[tuple[int, int]] = set()
    for r in range(definition.n_rows):
        cells: list[str] = []
        for c in range(definition.n_cols):
            if (r, c) in covered:
                continue
            cell = definition.grid_at(r, c)
            if cell is None:
                cells.append("<td></td>")
                continue
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            text = format_value(table.get(cell.cell_id)) if cell.cell_id else cell.text
            span = f' rowspan="{cell.rowspan}" colspan="{cell.colspan}"'
            cells.append(f'<td class="{cell.role}"{span}>{escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table_tag = '<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse">'
    return table_tag + "".join(rows) + "</table>"


def report_html(report: Report) -> str:
    html = [f"<html><head><style>{_STYLE}</style></head><body>"]
    html.append(f'<p class="title">{title_html(report.title or report.default_title())}</p>')
    if report.addressee:
        html.append(f'<p class="addressee">{escape(report.addressee)}</p>')
    html.extend(_paragraphs(report.preface))
    for key in PART_KEYS:
        part = report.parts[key]
        if not part.present:
            continue
        html.append(f'<p class="h1">{escape(part.display_title())}</p>')
        html.extend(_paragraphs(part.blocks))
        form_id = TABLE_OF_PART.get(key)
        if form_id is not None and report.tables[form_id].present:
            html.append(table_html(report.tables[form_id]))
    html.append("<p>&nbsp;</p>")
    if report.signature.agency:
        html.append(f'<p class="sign">{escape(report.signature.agency)}</p>')
    if report.signature.date:
        html.append(f'<p class="sign">{chinese_date(report.signature.date)}</p>')
    html.append("</body></html>")
    return "".join(html)


def build_document(report: Report) -> QTextDocument:
    """Paginated on the A4 type area (156 x 225 mm) in the document's own units, so 16 pt text gives the official
    28 characters a line whatever the screen's DPI; printing scales the pages onto the paper."""
    document = QTextDocument()
    document.setHtml(report_html(report))
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    document.setPageSize(QSizeF(156 / 25.4 * dpi, 225 / 25.4 * dpi))
    return document


def official_printer() -> QPrinter:
    """A4 portrait with the official margins (top 37, bottom 35, left 28, right 26 mm)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(28, 37, 26, 35),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Each page of the type area scaled onto the paper, with the page number "— N —" 7 mm below the type area,
    on the right of odd pages and the left of even ones (one character in from the edge)."""
    painter = QPainter(printer)
    try:
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        page = document.pageSize()
        scale = area.width() / page.width()
        mm = printer.resolution() / 25.4
        number_font = QFont("SimSun")
        number_font.setPointSizeF(14)
        painter.setFont(number_font)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -index * page.height())
            document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
            top = area.height() + 7 * mm
            box = QRectF(5.6 * mm, top, area.width() - 2 * 5.6 * mm, 10 * mm)
            side = Qt.AlignmentFlag.AlignRight if index % 2 == 0 else Qt.AlignmentFlag.AlignLeft
            painter.drawText(box, int(side | Qt.AlignmentFlag.AlignTop), f"— {index + 1} —")
    finally:
        painter.end()


def show_preview(parent: QWidget | None, report: Report) -> None:
    """Qt's preview dialog (zoom, page setup, print) over the document in the official page layout."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    document = build_document(report)
    printer = official_printer()
    printer.setDocName(report.title or report.default_title())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.resize(900, 1000)
    dialog.paintRequested.connect(lambda target: print_document(document, target))
    dialogs.run_modal(dialog)
