"""打印预览: the report in the official layout as a QTextDocument, shown in Qt's print preview dialog.

This is a faithful-enough preview for proofreading and printing from the window; the .docx exporter is the
exact layout. Headings are numbered here exactly as the exporter numbers them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlock,
    QTextDocument,
    QTextLength,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from gkdesk.domain.forms import FormDef, GridCell
from gkdesk.domain.report import PART_KEYS, TABLE_OF_PART, Block, Report, TableData
from gkdesk.io.docx_writer import column_widths
from gkdesk.io.export_layout import cell_text
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


@dataclass
class Plan:
    """Where the pages break, found by laying the document out: part headings that start a new page (so a table
    is not stranded away from its heading) and, per table, the rows before which it continues on a new page."""

    heading_breaks: set[str] = field(default_factory=set)
    row_breaks: dict[str, list[int]] = field(default_factory=dict)
    # Pieces that reach the next page by themselves (the page above is full): a forced break there would leave an
    # empty page, since Qt breaks even at the top of a page.
    flowing: set[tuple[str, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Piece:
    """One printed <table>: the header rows of ``table`` and its rows ``start``..``end`` (exclusive)."""

    heading: str
    table: TableData
    start: int
    end: int
    bounds: tuple[int, ...] = ()


def _pieces(heading: str, table: TableData, breaks: list[int]) -> list[Piece]:
    form = table.form
    bounds = [form.header_rows, *sorted(b for b in breaks if form.header_rows < b < form.n_rows), form.n_rows]
    return [Piece(heading, table, a, b, tuple(bounds)) for a, b in pairwise(bounds)]


def _label_piece(cell: GridCell, bounds: Sequence[int]) -> int:
    """The start row of the piece that prints a merged label cut by page breaks: the one holding most of its rows
    (its text would make a short remnant grow taller than its rows)."""
    best, most = bounds[0], -1
    for a, b in pairwise(bounds):
        share = min(b, cell.row + cell.rowspan) - max(a, cell.row)
        if share > most:
            best, most = a, share
    return best


def _running_into(definition: FormDef, row: int, col: int) -> GridCell | None:
    """A merged cell begun on an earlier page that covers (row, col)."""
    for g in definition.grid:
        if g.row < row < g.row + g.rowspan and g.col <= col < g.col + g.colspan:
            return g
    return None


def table_html(table: TableData, start: int | None = None, end: int | None = None, bounds: Sequence[int] = ()) -> str:
    """The official grid with its merges; values as the exporters print them (a cell not read from the source is
    empty). With ``start``/``end``: the header rows and rows start..end only, as printed on a continuation page (a
    merged label cut by the page break is printed again)."""
    definition: FormDef = table.form
    header = definition.header_rows
    start = header if start is None else start
    end = definition.n_rows if end is None else end
    rows: list[str] = []
    covered: set[tuple[int, int]] = set()
    for r in [*range(header), *range(start, end)]:
        cells: list[str] = []
        for c in range(definition.n_cols):
            if (r, c) in covered:
                continue
            cell = definition.grid_at(r, c)
            if cell is None and r == start > header:
                cell = _running_into(definition, r, c)
            if cell is None:
                cells.append("<td></td>")
                continue
            top = cell.row if r < header else max(cell.row, start)
            bottom = min(cell.row + cell.rowspan, header if r < header else end)
            for dr in range(top, bottom):
                for dc in range(cell.colspan):
                    covered.add((dr, cell.col + dc))
            # the exporters' rule: a cell not read from the source prints empty, never its placeholder 0
            text = cell_text(table, cell)
            cut = r >= header and (cell.row < start or cell.row + cell.rowspan > end)
            if cut and bounds and _label_piece(cell, bounds) != start:
                text = ""
            span = f' rowspan="{bottom - top}" colspan="{cell.colspan}"'
            cells.append(f'<td class="{cell.role}"{span}>{escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table_tag = '<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse">'
    return table_tag + "".join(rows) + "</table>"


def _report_html(report: Report, plan: Plan) -> tuple[str, list[Piece]]:
    html = [f"<html><head><style>{_STYLE}</style></head><body>"]
    pieces: list[Piece] = []
    html.append(f'<p class="title">{title_html(report.title or report.default_title())}</p>')
    if report.addressee:
        html.append(f'<p class="addressee">{escape(report.addressee)}</p>')
    html.extend(_paragraphs(report.preface))
    for key in PART_KEYS:
        part = report.parts[key]
        if not part.present:
            continue
        heading = part.display_title()
        page_break = ' style="page-break-before:always"' if heading in plan.heading_breaks else ""
        html.append(f'<p class="h1"{page_break}>{escape(heading)}</p>')
        html.extend(_paragraphs(part.blocks))
        form_id = TABLE_OF_PART.get(key)
        if form_id is not None and report.tables[form_id].present:
            for piece in _pieces(heading, report.tables[form_id], plan.row_breaks.get(form_id, [])):
                flowing = (piece.table.form_id, piece.start) in plan.flowing
                if pieces and pieces[-1].heading == heading and not flowing:
                    html.append('<p style="page-break-before:always; margin:0; line-height:1px; font-size:1px"></p>')
                html.append(table_html(piece.table, piece.start, piece.end, piece.bounds))
                pieces.append(piece)
    html.append("<p>&nbsp;</p>")
    if report.signature.agency:
        html.append(f'<p class="sign">{escape(report.signature.agency)}</p>')
    if report.signature.date:
        html.append(f'<p class="sign">{chinese_date(report.signature.date)}</p>')
    html.append("</body></html>")
    return "".join(html), pieces


def report_html(report: Report) -> str:
    return _report_html(report, Plan())[0]


def _format_table(table: QTextTable, data: TableData) -> None:
    """The .docx column proportions (label columns wide, number columns narrow) and header rows repeated should Qt
    still break the table."""
    widths = column_widths(data.form)
    total = sum(widths)
    fmt = table.format()
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, 100 * width / total) for width in widths]
    )
    fmt.setHeaderRowCount(data.form.header_rows)
    table.setFormat(fmt)


def _page_of(document: QTextDocument, y: float) -> int:
    return int(y // document.pageSize().height())


def _block_with_text(document: QTextDocument, text: str) -> QTextBlock | None:
    block = document.begin()
    while block.isValid():
        if block.text() == text:
            return block
        block = block.next()
    return None


def _row_extent(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float] | None:
    """Top and bottom of the text of the row's unmerged cells (merged ones may run on by design)."""
    layout = document.documentLayout()
    tops: list[float] = []
    bottoms: list[float] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column or cell.rowSpan() != 1:
            continue
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return (min(tops), max(bottoms)) if tops else None


def _has_values(form: FormDef, row: int) -> bool:
    return any(g.row == row and g.role == "value" for g in form.grid)


def _piece_row(piece: Piece, absolute: int) -> int:
    """The row of the printed <table> of ``piece`` that shows row ``absolute`` of the form."""
    return piece.table.form.header_rows + absolute - piece.start


def _next_break(document: QTextDocument, tables: list[QTextTable], pieces: list[Piece], plan: Plan) -> bool:
    """Add the first page break the layout needs to the plan; False when the layout is final.

    - A part heading moves to the next page when the table's header rows and first row of figures would not be on
      its page (so table 四, one row of figures, always stays whole with its heading).
    - A row that would run onto the next page starts a new piece of the table there, together with the caption
      and header rows just above it that have no figures (table 二's "第二十条第（一）项" blocks), as in the .docx.
    """
    layout = document.documentLayout()
    for table, piece in zip(tables, pieces, strict=True):
        form = piece.table.form
        if piece.start == form.header_rows and piece.heading not in plan.heading_breaks:
            title = _block_with_text(document, piece.heading)
            first = next((r for r in range(piece.start, piece.end) if _has_values(form, r)), None)
            extent = _row_extent(document, table, _piece_row(piece, first)) if first is not None else None
            if title is not None and extent is not None:
                heading_page = _page_of(document, layout.blockBoundingRect(title).top())
                if heading_page > 0 and _page_of(document, extent[1] - 1) != heading_page:
                    plan.heading_breaks.add(piece.heading)
                    return True
        if piece.start > form.header_rows and (form.form_id, piece.start) not in plan.flowing:
            previous = tables[pieces.index(piece) - 1]
            before = _row_extent(document, previous, previous.rows() - 1)
            after = _row_extent(document, table, 0)
            if before and after and _page_of(document, after[0]) - _page_of(document, before[1] - 1) > 1:
                plan.flowing.add((form.form_id, piece.start))
                return True
        page = None
        for absolute in range(piece.start, piece.end):
            extent = _row_extent(document, table, _piece_row(piece, absolute))
            if extent is None:
                continue
            page = _page_of(document, extent[0]) if page is None else page
            if _page_of(document, extent[1] - 1) == page:
                continue
            cut = absolute
            while cut - 1 > piece.start and not _has_values(form, cut - 1):
                cut -= 1  # keep captions and header rows with the figures below them
            if cut > piece.start:
                plan.row_breaks.setdefault(piece.table.form_id, []).append(cut)
                return True
            break  # a single row taller than a page: nothing better to do
    return False


def build_document(report: Report) -> QTextDocument:
    """Paginated on the A4 type area (156 x 225 mm) in the document's own units, so 16 pt text gives the official
    28 characters a line whatever the screen's DPI; printing scales the pages onto the paper.

    Qt cannot keep a table row on one page, and repeated header rows overlap a merged cell that runs across a page.
    So the layout is measured and each table is cut into one <table> per page (header rows printed again), and a
    part heading moves to the next page with its table when they would be separated."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    plan = Plan()
    for _attempt in range(40):  # each pass adds one break; a report has a handful
        document = QTextDocument()
        html, pieces = _report_html(report, plan)
        document.setHtml(html)
        document.setPageSize(QSizeF(156 / 25.4 * dpi, 225 / 25.4 * dpi))
        tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
        for table, piece in zip(tables, pieces, strict=True):
            _format_table(table, piece.table)
        if not _next_break(document, tables, pieces, plan):
            break
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
