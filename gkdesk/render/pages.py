"""The report laid out on A4 pages from the items of ``gkdesk.io.export_layout``: one layout for the PDF and the
print preview, painted with QtGui onto any device.

The page follows ``shared/spec/layout.md`` as the .docx does: margins 37/35/28/26 mm, 22 body lines of exactly
28.95 pt with 28 characters each, 仿宋 三号 body, 小标宋 二号 title in balanced lines, 黑体 part headings, 楷体
second-level headings, tables in 宋体 10.5 pt with the official merges and the .docx column widths, header rows
repeated on every page a table reaches, every group of rows under a merged label kept on one page (the .docx's
``rows_kept_with_next``), headings kept with what follows, widow control, the signature right-aligned with the last
line of text, "— N —" in 宋体 四号 on the right of odd pages and the left of even ones, and 草稿 at the top of a
draft's pages. Lines are justified only up to the faces' own advances (a line with an unbreakable number may end
short): wider gaps would put spaces into the PDF's text layer.

Everything is computed in points from the faces' design metrics, so the screen, the printer and the PDF get the
same pages; ``paint_page`` scales them onto the device.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGlyphRun, QPainter, QPen, QRawFont

from gkdesk.domain.forms import GridCell
from gkdesk.domain.report import Report, TableData
from gkdesk.io import docx_styles as ds
from gkdesk.io.docx_writer import CELL_MARGIN, DRAFT_MARK, column_widths, rows_kept_with_next
from gkdesk.io.export_layout import (
    AddresseeItem,
    BlankItem,
    Item,
    LayoutOptions,
    ParagraphItem,
    SignatureItem,
    TableItem,
    TitleItem,
    cell_text,
    grid_rows,
    report_items,
    text_width,
)
from gkdesk.render.fonts import FaceChoice, face_choices
from gkdesk.render.lines import Line, Metrics, Segment, Style, break_lines

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
TYPE_W = PAGE_W - LEFT - 26 * MM
BOTTOM = PAGE_H - 35 * MM
BODY_PT = float(ds.BODY_PT)
BODY_LINE = ds.BODY_LINE / 20  # exactly 28.95 pt
PITCH = TYPE_W / ds.CHARS_PER_LINE  # the grid: 28 characters a line
TITLE_PT = float(ds.TITLE_PT)
TITLE_LINE = ds.TITLE_LINE / 20
TABLE_PT = ds.TABLE_PT
TABLE_LINE = TABLE_PT * 1.3  # Word's single spacing of 宋体
PAGE_NUMBER_PT = float(ds.PAGE_NUMBER_PT)
_ROW_MIN = {"disclosure": 17.0, "applications": 17.0, "review_litigation": 20.0}
_VALUE_ROW_MIN = {"review_litigation": 28.35}
CAPTION_FILL = QColor(f"#{ds.CAPTION_FILL}")
DRAFT_COLOUR = QColor("#C00000")

BODY = Style("body", BODY_PT)
HEADING_STYLES = {1: Style("hei", BODY_PT), 2: Style("kai", BODY_PT), 3: Style("body", BODY_PT, True), 4: BODY}
TITLE = Style("title", TITLE_PT)
TABLE_TEXT = Style("song", TABLE_PT)
TABLE_NOTE = Style("kai", TABLE_PT)
PAGE_NUMBER = Style("song", PAGE_NUMBER_PT, latin_face=False)
DRAFT = Style("song", PAGE_NUMBER_PT, True)


# --------------------------------------------------------------------------- what a page holds


@dataclass(frozen=True)
class Run:
    """Text on the baseline ``y``, character ``i`` at ``xs[i]`` (points from the paper's top-left corner)."""

    xs: tuple[float, ...]
    y: float
    text: str
    role: str
    size: float
    bold: bool = False
    colour: QColor | None = None

    @property
    def x(self) -> float:
        return self.xs[0]


@dataclass(frozen=True)
class Box:
    """A table cell's outline (0.5 pt), shaded when ``fill`` is set."""

    rect: QRectF
    fill: QColor | None = None


@dataclass
class Page:
    number: int
    runs: list[Run] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Layout:
    pages: list[Page]
    faces: dict[str, FaceChoice]
    draft: bool


# --------------------------------------------------------------------------- the flow


def _run(segment: Segment, x0: float, baseline: float, colour: QColor | None = None) -> Run:
    return Run(tuple(x0 + x for x in segment.xs), baseline, segment.text, segment.role, segment.size, segment.bold,
               colour)  # fmt: skip


def _baseline(top: float, height: float, size: float) -> float:
    """The baseline of a line of ``size`` centred in a line box (ascent about 0.88 em, descent 0.12 em)."""
    return top + height / 2 + size * 0.38


class _Flow:
    """Places printed lines and table rows from the top of the type area down, page after page."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.pages: list[Page] = [Page(1)]
        self.y = TOP

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def room(self) -> float:
        return BOTTOM - self.y

    def new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.y = TOP

    def ensure(self, height: float) -> None:
        """A new page unless ``height`` fits below (never on an empty page: a taller block is cut)."""
        if height > self.room() + 0.01 and self.y > TOP + 0.01:
            self.new_page()

    def line(self, line: Line, x0: float, height: float, colour: QColor | None = None) -> None:
        baseline = _baseline(self.y, height, max((s.size for s in line.segments), default=BODY_PT))
        for segment in line.segments:
            self.page.runs.append(_run(segment, x0, baseline, colour))
        self.y += height


def _paragraph_lines(item: ParagraphItem, metrics: Metrics) -> list[Line]:
    if item.level == 0:
        runs = [(item.text, BODY)]
    elif item.run_in:
        runs = [(item.number + item.heading, HEADING_STYLES[item.level]), (item.text, BODY)]
    else:
        runs = [(item.number + item.heading, HEADING_STYLES[item.level])]
    return break_lines(runs, metrics, TYPE_W, first_indent=2 * PITCH, spacing=PITCH - BODY_PT, justify=True)


def _body_lines(text: str, metrics: Metrics) -> list[Line]:
    return break_lines([(text, BODY)], metrics, TYPE_W, spacing=PITCH - BODY_PT)


def _keeps_with_next(item: Item) -> bool:
    return isinstance(item, ParagraphItem) and item.level >= 1 and not item.run_in


def _line_need(n: int, count: int, tail: float) -> float:
    """The height that must fit before line ``n`` of a paragraph of ``count`` lines is placed: widow control as
    Word's (never one line alone at the foot or the head of a page), and ``tail`` (the signature) with the last
    line, or with the last two where one would be left alone."""
    remaining = count - n
    need = 2 * BODY_LINE if (n == 0 and count >= 2) or (remaining == 2 and n > 0) else BODY_LINE
    if tail and remaining == 1:
        need = BODY_LINE + tail
    elif tail and remaining == 2:
        need = 2 * BODY_LINE + tail
    return need


def _first_height(items: Sequence[Item], index: int, metrics: Metrics, tail: float) -> float:
    """What must stand on a page below the heading ``items[index - 1]``: the next paragraph's first line (with
    what it keeps, the signature included), a table's header and first group of rows."""
    item = items[index] if index < len(items) else None
    if isinstance(item, TableItem):
        geometry = _TableGeometry(item.table, metrics)
        return geometry.header_height + (geometry.heights_of(geometry.blocks[0]) if geometry.blocks else 0.0)
    if isinstance(item, ParagraphItem):
        count = len(_paragraph_lines(item, metrics))
        if _keeps_with_next(item):
            return BODY_LINE * count + _first_height(items, index + 1, metrics, tail)
        return _line_need(0, count, tail if _before_signature(items, index) else 0.0)
    if isinstance(item, (AddresseeItem, BlankItem)):
        return BODY_LINE
    return 0.0


def _before_signature(items: Sequence[Item], index: int) -> bool:
    """The last paragraph: followed by the blank line and the signature."""
    return index == len(items) - 3 and isinstance(items[-1], SignatureItem)


def layout_report(
    report: Report,
    *,
    draft: bool,
    faces: dict[str, FaceChoice] | None = None,
    options: LayoutOptions | None = None,
) -> Layout:
    """The pages of ``report`` (a QGuiApplication must exist for the font metrics)."""
    faces = faces or face_choices()
    metrics = Metrics(faces)
    flow = _Flow(metrics)
    items = report_items(report, options)
    signature_at = len(items) - 1 if items and isinstance(items[-1], SignatureItem) else None
    signature_tail = _signature_height(items[-1], metrics) if signature_at is not None else 0.0
    for index, item in enumerate(items):
        if isinstance(item, TitleItem):
            for text in item.lines:
                for printed in break_lines([(text, TITLE)], metrics, TYPE_W):
                    flow.ensure(TITLE_LINE)
                    flow.line(printed, LEFT + (TYPE_W - printed.width) / 2, TITLE_LINE)
        elif isinstance(item, BlankItem):
            if signature_at is not None and index == signature_at - 1:
                continue  # placed with the signature
            if flow.y > TOP + 0.01:  # a blank line never starts a page
                flow.ensure(BODY_LINE)
                flow.y += BODY_LINE
        elif isinstance(item, AddresseeItem):
            for line in _body_lines(item.text, metrics):
                flow.ensure(BODY_LINE)
                flow.line(line, LEFT, BODY_LINE)
        elif isinstance(item, ParagraphItem):
            lines = _paragraph_lines(item, metrics)
            tail = signature_tail if _before_signature(items, index) else 0.0
            for n, line in enumerate(lines):
                if _keeps_with_next(item):  # a heading: with the first lines of what follows
                    need = BODY_LINE * len(lines) + _first_height(items, index + 1, metrics, signature_tail)
                    need = need if n == 0 else BODY_LINE
                else:
                    need = _line_need(n, len(lines), tail)
                flow.ensure(need)
                flow.line(line, LEFT, BODY_LINE)
        elif isinstance(item, TableItem):
            _place_table(flow, item.table, metrics)
        elif isinstance(item, SignatureItem):
            flow.ensure(_signature_height(item, metrics))
            if flow.y > TOP + 0.01:
                flow.y += BODY_LINE
            _place_signature(flow, item, metrics)
    layout = Layout(flow.pages, faces, draft)
    for page in layout.pages:
        _page_furniture(page, metrics, draft)
    return layout


def _signature_height(item: Item, metrics: Metrics) -> float:
    assert isinstance(item, SignatureItem)
    return BODY_LINE * (1 + bool(item.agency) + bool(item.date))


def _place_signature(flow: _Flow, item: SignatureItem, metrics: Metrics) -> None:
    """GB/T 9704 7.3.5.2, as ``docx_writer._signature_xml``: the agency 2 characters in from the right, the date
    below starting 2 characters right of the agency's first character (or, if longer, 2 in from the right with the
    agency moved left to keep that offset)."""
    agency = _body_lines(item.agency, metrics)[:1] if item.agency else []
    date = _body_lines(item.date, metrics)[:1] if item.date else []
    agency_w = text_width(item.agency)
    date_w = text_width(item.date) + 0.25 * sum(
        1 for a, b in zip(item.date, item.date[1:], strict=False) if a.isascii() != b.isascii()
    )
    right = LEFT + TYPE_W
    if date_w <= agency_w:
        if agency:
            flow.line(agency[0], right - 2 * BODY_PT - agency[0].width, BODY_LINE)
        if date:
            flow.line(date[0], LEFT + (ds.CHARS_PER_LINE - agency_w) * PITCH, BODY_LINE)
    else:
        if agency:
            flow.line(agency[0], right - (4 + date_w - agency_w) * PITCH - agency[0].width, BODY_LINE)
        if date:
            flow.line(date[0], right - 2 * BODY_PT - date[0].width, BODY_LINE)


def _page_furniture(page: Page, metrics: Metrics, draft: bool) -> None:
    """ "— N —" 7 mm below the type area, one character in from the right (odd) or left (even); 草稿 in the header."""
    [line] = break_lines([(f"— {page.number} —", PAGE_NUMBER)], metrics, TYPE_W)
    x = LEFT + TYPE_W - PAGE_NUMBER_PT - line.width if page.number % 2 else LEFT + PAGE_NUMBER_PT
    baseline = BOTTOM + 7 * MM + PAGE_NUMBER_PT * 0.88
    page.runs.extend(_run(s, x, baseline) for s in line.segments)
    if draft:
        [mark] = break_lines([(DRAFT_MARK, DRAFT)], metrics, TYPE_W)
        baseline = 15 * MM + PAGE_NUMBER_PT * 0.88
        x = LEFT + TYPE_W - mark.width
        page.runs.extend(_run(s, x, baseline, DRAFT_COLOUR) for s in mark.segments)


# --------------------------------------------------------------------------- tables


def _cell_style(cell: GridCell, form_id: str) -> tuple[Style, str]:
    """(style, alignment) by the cell's role, as ``docx_writer._cell_style``."""
    if cell.role == "note":
        return TABLE_NOTE, "left"
    if cell.role in ("value", "header"):
        return TABLE_TEXT, "center"
    if cell.role == "label" and (cell.rowspan > 1 or form_id == "disclosure"):
        return TABLE_TEXT, "center"
    return TABLE_TEXT, "left"


class _TableGeometry:
    """Column positions, cell lines and row heights of one table; the blocks of rows that stay on one page."""

    def __init__(self, table: TableData, metrics: Metrics) -> None:
        form = table.form
        self.table = table
        self.form = form
        widths = [w / 20 for w in column_widths(form)]
        scale = TYPE_W / sum(widths)
        self.x = [LEFT]
        for width in widths:
            self.x.append(self.x[-1] + width * scale)
        self.rows = grid_rows(form)
        margin = CELL_MARGIN / 20
        self.lines: dict[GridCell, list[Line]] = {}
        self.align: dict[GridCell, str] = {}
        for row in self.rows:
            for cell, starts_here in row:
                if starts_here:
                    style, align = _cell_style(cell, form.form_id)
                    width = self.x[cell.col + cell.colspan] - self.x[cell.col] - 2 * margin
                    self.lines[cell] = break_lines([(cell_text(table, cell), style)], metrics, width)
                    self.align[cell] = align
        self.heights = self._row_heights()
        self.header = list(range(form.header_rows))
        self.header_height = sum(self.heights[r] for r in self.header)
        self.blocks = self._blocks()

    def _row_heights(self) -> list[float]:
        form = self.form
        heights = []
        for row in self.rows:
            has_values = any(cell.role == "value" for cell, _ in row)
            minimum = (_VALUE_ROW_MIN.get(form.form_id, 0.0) if has_values else 0.0) or _ROW_MIN[form.form_id]
            need = max(
                (len(self.lines[c]) * TABLE_LINE + 2 for c, starts in row if starts and c.rowspan == 1), default=0.0
            )
            heights.append(max(minimum, need))
        for cell, lines in self.lines.items():  # a merged cell's text taller than its rows: its last row grows
            if cell.rowspan > 1:
                span = range(cell.row, cell.row + cell.rowspan)
                deficit = len(lines) * TABLE_LINE + 2 - sum(heights[r] for r in span)
                if deficit > 0:
                    heights[cell.row + cell.rowspan - 1] += deficit
        return heights

    def _blocks(self) -> list[list[int]]:
        """Rows joined to the next one (a merged label's rows; table 二's captions and headers with their figures)."""
        keep = rows_kept_with_next(self.form, self.rows)
        blocks: list[list[int]] = []
        current: list[int] = []
        for r in range(self.form.header_rows, self.form.n_rows):
            current.append(r)
            if r not in keep:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        return blocks

    def heights_of(self, rows: Sequence[int]) -> float:
        return sum(self.heights[r] for r in rows)


def _place_table(flow: _Flow, table: TableData, metrics: Metrics) -> None:
    geometry = _TableGeometry(table, metrics)
    pieces: list[list[int]] = []
    current: list[int] = []
    flow.ensure(geometry.header_height + (geometry.heights_of(geometry.blocks[0]) if geometry.blocks else 0.0))
    y = flow.y + geometry.header_height
    for block in geometry.blocks:
        height = geometry.heights_of(block)
        if y + height > BOTTOM + 0.01 and current:
            pieces.append(current)
            _draw_piece(flow, geometry, current)
            flow.new_page()
            current, y = [], flow.y + geometry.header_height
        if y + height > BOTTOM + 0.01:  # a block taller than a page: cut it between rows
            for r in block:
                if y + geometry.heights[r] > BOTTOM + 0.01 and current:
                    _draw_piece(flow, geometry, current)
                    flow.new_page()
                    current, y = [], flow.y + geometry.header_height
                current.append(r)
                y += geometry.heights[r]
            continue
        current.extend(block)
        y += height
    if current or not geometry.blocks:
        _draw_piece(flow, geometry, current)


def _draw_piece(flow: _Flow, geometry: _TableGeometry, body_rows: list[int]) -> None:
    """The header rows and ``body_rows`` of the table on the current page; a merged cell cut by the page break is
    drawn over its rows on each page, its text on the page holding most of them."""
    rows = [*geometry.header, *body_rows]
    top_of: dict[int, float] = {}
    y = flow.y
    for r in rows:
        top_of[r] = y
        y += geometry.heights[r]
    on_page = set(rows)
    margin = CELL_MARGIN / 20
    drawn: set[GridCell] = set()
    for r in rows:
        for cell, _starts in geometry.rows[r]:
            if cell in drawn:
                continue
            drawn.add(cell)
            span = [row for row in range(cell.row, cell.row + cell.rowspan) if row in on_page]
            top = top_of[span[0]]
            height = sum(geometry.heights[row] for row in span)
            rect = QRectF(geometry.x[cell.col], top, geometry.x[cell.col + cell.colspan] - geometry.x[cell.col], height)
            flow.page.boxes.append(Box(rect, CAPTION_FILL if cell.role == "caption" else None))
            if cell.rowspan > 1 and len(span) * 2 < cell.rowspan:
                continue  # most of its rows are on another page: the text goes there
            lines = geometry.lines.get(cell, [])
            text_top = top + (height - len(lines) * TABLE_LINE) / 2
            for n, line in enumerate(lines):
                if geometry.align[cell] == "center":
                    x = rect.left() + (rect.width() - line.width) / 2
                else:
                    x = rect.left() + margin
                baseline = _baseline(text_top + n * TABLE_LINE, TABLE_LINE, TABLE_PT)
                flow.page.runs.extend(_run(s, x, baseline) for s in line.segments)
    flow.y = y


# --------------------------------------------------------------------------- painting


class Painter:
    """Paints laid-out pages onto one device (PDF writer, printer, image) in its own resolution."""

    def __init__(self, painter: QPainter, faces: dict[str, FaceChoice]) -> None:
        self.painter = painter
        self.faces = faces
        device = painter.device()
        self.dpi = float(device.logicalDpiY()) if device is not None else 72.0
        self._fonts: dict[tuple[str, float, bool], QFont] = {}
        self._raw: dict[tuple[str, float, bool], QRawFont] = {}

    def _font(self, run: Run) -> QFont:
        key = (run.role, run.size, run.bold)
        font = self._fonts.get(key)
        if font is None:
            family = self.faces[run.role].family
            font = QFont(family) if family else QFont()
            # The painter is scaled to points, so the font is sized in the device's own points divided back.
            font.setPointSizeF(run.size * 72 / self.dpi)
            font.setBold(run.bold)
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = font
        return font

    def _glyph_run(self, run: Run) -> QGlyphRun | None:
        """The run as one glyph run with every character at its grid position: one text object to a PDF reader
        (drawn character by character, pypdf reads a space between every two), or None where the face lacks a
        glyph (then Qt's own font fallback draws it)."""
        key = (run.role, run.size, run.bold)
        raw = self._raw.get(key)
        if raw is None:
            family = self.faces[run.role].family
            font = QFont(family) if family else QFont()
            font.setBold(run.bold)
            raw = QRawFont.fromFont(font)
            raw.setPixelSize(run.size)  # the painter is scaled to points
            self._raw[key] = raw
        if not raw.isValid() or (run.bold and raw.weight() < QFont.Weight.DemiBold.value):
            return None  # a face without a bold style (仿宋_GB2312): Qt's text drawing emboldens it
        glyphs = raw.glyphIndexesForString(run.text)
        if len(glyphs) != len(run.text) or not all(glyphs):
            return None
        glyph_run = QGlyphRun()
        glyph_run.setRawFont(raw)
        glyph_run.setGlyphIndexes(glyphs)
        glyph_run.setPositions([QPointF(x - run.xs[0], 0) for x in run.xs])
        return glyph_run

    def paint(self, page: Page, offset: QPointF | None = None) -> None:
        painter = self.painter
        painter.save()
        painter.scale(self.dpi / 72, self.dpi / 72)
        if offset is not None:
            painter.translate(offset)
        pen = QPen(QColor("black"))
        pen.setWidthF(0.5)
        for box in page.boxes:
            if box.fill is not None:
                painter.fillRect(box.rect, box.fill)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box in page.boxes:
            painter.drawRect(box.rect)
        black = QColor("black")
        for run in page.runs:
            painter.setPen(run.colour or black)
            glyph_run = self._glyph_run(run)
            if glyph_run is not None:
                painter.drawGlyphRun(QPointF(run.xs[0], run.y), glyph_run)
                continue
            painter.setFont(self._font(run))
            for x, ch in zip(run.xs, run.text, strict=True):  # every character on its grid position
                painter.drawText(QPointF(x, run.y), ch)
        painter.restore()
