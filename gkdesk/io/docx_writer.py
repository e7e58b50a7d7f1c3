"""The .docx export: the finished report in the official layout (GB/T 9704, ``shared/spec/layout.md``).

The document starts from ``templates/gkdesk-official.docx`` (page setup, styles, page-number footers), the body is
written as WordprocessingML from the items of ``gkdesk.io.export_layout`` (so the .txt export prints the same
thing), the three tables follow the official geometry of ``gkdesk.domain.forms`` with their merges, and the
structured report is embedded (``gkdesk.io.docx_embed``) so that opening our own export restores it exactly.
Nothing touches the disk until the whole file is built in memory; then it is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.oxml import parse_xml

from gkdesk import __version__
from gkdesk.domain.forms import FormDef, GridCell
from gkdesk.domain.report import Report, TableData
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.docx_embed import embed_report
from gkdesk.io.docx_styles import (
    BODY_CHAR,
    CAPTION_FILL,
    CHARS_PER_LINE,
    STYLE_ADDRESSEE,
    STYLE_BODY,
    STYLE_DATE,
    STYLE_DRAFT_MARK,
    STYLE_HEADING_RUNS,
    STYLE_HEADINGS,
    STYLE_SIGNATURE,
    STYLE_TABLE_HEADER,
    STYLE_TABLE_NOTE,
    STYLE_TABLE_NUMBER,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    TYPE_WIDTH,
    clean_xml_text,
    template_path,
    text_runs_xml,
)
from gkdesk.io.docx_xml import W_NS
from gkdesk.io.errors import ReportWriteError
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
    clean_title,
    grid_rows,
    report_items,
    text_width,
    without_cjk_digit_spaces,
)

DRAFT_MARK = "草稿"
CELL_MARGIN = 57  # 1 mm left and right inside table cells
_ROW_HEIGHT = {"disclosure": 340, "applications": 340, "review_litigation": 400}
_VALUE_ROW_HEIGHT = {"review_litigation": 567}


@cache
def _template_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReportWriteError(f"找不到导出模板“{path.name}”，安装可能不完整") from exc


# --------------------------------------------------------------------------- paragraphs


def _p(style: str, runs: str = "", ppr: str = "", *, standalone: bool = False) -> str:
    """A paragraph; ``ppr`` holds further pPr children in schema order (keepNext … spacing, ind, jc)."""
    ns = f' xmlns:w="{W_NS}"' if standalone else ""
    return f'<w:p{ns}><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{runs}</w:p>'


def _paragraph_xml(item: ParagraphItem, keep: str = "") -> str:
    if item.level == 0:
        return _p(STYLE_BODY, text_runs_xml(item.text), keep)
    if item.run_in:
        heading = text_runs_xml(item.number + item.heading, f'<w:rStyle w:val="{STYLE_HEADING_RUNS[item.level]}"/>')
        return _p(STYLE_BODY, heading + text_runs_xml(item.text), keep)
    return _p(STYLE_HEADINGS[item.level], text_runs_xml(item.number + item.heading), keep)


def _signature_xml(item: SignatureItem) -> str:
    """GB/T 9704 7.3.5.2: the agency right-aligned 2 characters in; the date on the next line, starting 2 characters
    right of the agency's first character. If the date is the longer one, the date is 2 characters in and the agency
    moves left so that it still starts 2 characters before the date."""
    pitch = TYPE_WIDTH / CHARS_PER_LINE
    agency_w = text_width(item.agency)
    # Word and LibreOffice add about a quarter character between Chinese and Arabic digits ("2025年1月20日").
    date_w = text_width(item.date) + 0.25 * sum(
        1 for a, b in zip(item.date, item.date[1:], strict=False) if a.isascii() != b.isascii()
    )
    out = []
    if date_w <= agency_w:
        agency_ind = f'w:left="0" w:right="{2 * BODY_CHAR}"'
        date_ind = f'w:left="{round((CHARS_PER_LINE - agency_w) * pitch)}" w:right="0"'
        date_jc = '<w:jc w:val="left"/>'
    else:
        agency_ind = f'w:left="0" w:right="{round((4 + date_w - agency_w) * pitch)}"'
        date_ind = f'w:left="0" w:right="{2 * BODY_CHAR}"'
        date_jc = ""
    if item.agency:
        ind = f'<w:ind {agency_ind} w:firstLine="0" w:firstLineChars="0"/>'
        out.append(_p(STYLE_SIGNATURE, text_runs_xml(item.agency), ind))
    if item.date:
        ind = f'<w:ind {date_ind} w:firstLine="0" w:firstLineChars="0"/>'
        out.append(_p(STYLE_DATE, text_runs_xml(item.date), ind + date_jc))
    return "".join(out)


# --------------------------------------------------------------------------- tables


def column_widths(form: FormDef) -> list[int]:
    """Grid column widths (twips) that fill the 156 mm type width exactly.

    Table 三: a one-character column for 三、本年度办理结果 (read top to bottom), the group labels, the row labels,
    and seven number columns; table 四: fifteen equal narrow columns whose two-character header lines wrap.
    """
    if form.form_id == "applications":
        numbers = [680] * (form.n_cols - 3)
        first, second = 420, 1000
        return [first, second, TYPE_WIDTH - first - second - sum(numbers), *numbers]
    each = TYPE_WIDTH // form.n_cols
    return [each] * (form.n_cols - 1) + [TYPE_WIDTH - each * (form.n_cols - 1)]


_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
_TBL_BORDERS = "".join(f"<w:{side} {_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _cell_style(cell: GridCell, form_id: str = "") -> tuple[str, str]:
    """(paragraph style, extra pPr) for a grid cell by its role; table 二's row labels are centred as in the
    official template."""
    if cell.role == "value":
        return STYLE_TABLE_NUMBER, ""
    if cell.role == "note":
        return STYLE_TABLE_NOTE, ""
    if cell.role == "header":
        return STYLE_TABLE_HEADER, ""
    if cell.role == "label" and (cell.rowspan > 1 or form_id == "disclosure"):
        return STYLE_TABLE_TEXT, '<w:jc w:val="center"/>'
    return STYLE_TABLE_TEXT, ""


def grouped_rows(rows: list[list[tuple[GridCell, bool]]]) -> set[int]:
    """The rows kept with the next one: every row of a label or header merged down several rows but its last.

    Word then moves a whole group (table 三's （三）不予公开 with its 8 rows, （四）, （五）, （六）, and the narrow
    三、本年度办理结果 column they belong to) to the next page rather than cutting it, so no label is split and no
    group starts with empty merged cells; every row also has ``w:cantSplit``.
    """
    keep: set[int] = set()
    for r, row in enumerate(rows):
        for cell, starts_here in row:
            if starts_here and cell.rowspan > 1 and cell.role in ("label", "header", "note"):
                keep.update(range(r, r + cell.rowspan - 1))
    return keep


def rows_kept_with_next(form: FormDef, rows: list[list[tuple[GridCell, bool]]]) -> set[int]:
    """Every row that must stand on the same page as the next one, for the .docx and the painted pages alike:
    ``grouped_rows``, and in table 二 every row of a 第二十条 block but its last (its caption, header and figures
    are one small table to the reader, and a block cut by a page break is not read back from a PDF)."""
    keep = grouped_rows(rows)
    if form.form_id == "disclosure":
        captions = [r for r, row in enumerate(rows) if any(cell.role == "caption" for cell, _ in row)]
        for start, end in zip(captions, [*captions[1:], len(rows)], strict=True):
            keep.update(range(start, end - 1))
    return keep


def _table_xml(table: TableData) -> str:
    form = table.form
    widths = column_widths(form)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_TBL_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="0"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    rows = grid_rows(form)
    grouped = rows_kept_with_next(form, rows)
    for r, row in enumerate(rows):
        has_values = any(cell.role == "value" for cell, _ in row)
        height = _VALUE_ROW_HEIGHT.get(form.form_id, 0) if has_values else 0
        height = height or _ROW_HEIGHT[form.form_id]
        header = "<w:tblHeader/>" if r < form.header_rows else ""
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/>{header}</w:trPr>')
        keep = "<w:keepNext/>" if r in grouped else ""
        for cell, starts_here in row:
            width = sum(widths[cell.col : cell.col + cell.colspan])
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            merge = ""
            if cell.rowspan > 1:
                merge = '<w:vMerge w:val="restart"/>' if starts_here else "<w:vMerge/>"
            fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{CAPTION_FILL}"/>' if cell.role == "caption" else ""
            style, ppr = _cell_style(cell, form.form_id)
            runs = text_runs_xml(cell_text(table, cell)) if starts_here else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{fill}<w:vAlign w:val="center"/>'
                f"</w:tcPr>{_p(style, runs, keep + ppr)}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# --------------------------------------------------------------------------- the document


def _item_xml(item: Item, *, keep_with_next: bool = False) -> str:
    keep = "<w:keepNext/>" if keep_with_next else ""
    if isinstance(item, TitleItem):
        runs = "<w:r><w:br/></w:r>".join(text_runs_xml(line) for line in item.lines)
        return _p(STYLE_TITLE, runs)
    if isinstance(item, BlankItem):
        return _p(STYLE_BODY, "", keep)
    if isinstance(item, AddresseeItem):
        return _p(STYLE_ADDRESSEE, text_runs_xml(item.text))
    if isinstance(item, ParagraphItem):
        return _paragraph_xml(item, keep)
    if isinstance(item, TableItem):
        return _table_xml(item.table)
    return _signature_xml(item)


def body_xml(report: Report, options: LayoutOptions | None = None) -> str:
    """The body content (without the section properties) as one ``w:body`` element."""
    items = report_items(report, options)
    # GB/T 9704: the signature never stands alone on a page; the last paragraph and the blank line go with it.
    keep = set()
    if items and isinstance(items[-1], SignatureItem):
        keep = {len(items) - 2, len(items) - 3}
    content = "".join(_item_xml(item, keep_with_next=i in keep) for i, item in enumerate(items))
    return f'<w:body xmlns:w="{W_NS}">{content}</w:body>'


def _add_draft_header(document: Document) -> None:
    """草稿 in the header of odd and even pages (the template uses different odd/even footers)."""
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(_p(STYLE_DRAFT_MARK, text_runs_xml(DRAFT_MARK), standalone=True)))


_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def app_properties_xml() -> bytes:
    """docProps/app.xml naming gkdesk; no page, word or character counts (only Word can know them)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_APP_NS}"><Application>gkdesk {escape(__version__)}</Application>'
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _set_properties(document: Document, report: Report, *, draft: bool) -> None:
    """Title and author from the report (the author is who signs it), gkdesk as the application."""
    core = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.title = clean_xml_text(clean_title(report))[:255]  # OPC limit
    core.subject = "政府信息公开工作年度报告"
    core.author = clean_xml_text(without_cjk_digit_spaces(report.signature.agency or report.agency or "")[0])[:255]
    core.last_modified_by = core.author
    core.comments = DRAFT_MARK if draft else ""
    core.keywords = ""
    core.created = now
    core.modified = now
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = app_properties_xml()


def build_document(report: Report, *, draft: bool, options: LayoutOptions | None = None) -> Document:
    document = docx.Document(io.BytesIO(_template_bytes(template_path())))
    body = document.element.body
    section_properties = body.find(f"{{{W_NS}}}sectPr")
    for child in list(body):
        if child is not section_properties:
            body.remove(child)
    for child in list(parse_xml(body_xml(report, options))):
        if section_properties is not None:
            section_properties.addprevious(child)
        else:
            body.append(child)
    if draft:
        _add_draft_header(document)
    _set_properties(document, report, draft=draft)
    if options is None or options.embed_report:
        embed_report(document, report)
    return document


def docx_bytes(report: Report, *, draft: bool, options: LayoutOptions | None = None) -> bytes:
    """The whole .docx in memory; a python-docx or XML failure becomes a ReportWriteError."""
    try:
        document = build_document(report, draft=draft, options=options)
        buffer = io.BytesIO()
        document.save(buffer)
    except ReportWriteError:
        raise
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise ReportWriteError(f"生成 Word 文件时出错：{exc}") from exc
    return buffer.getvalue()


def write_docx(
    report: Report, path: str | os.PathLike[str], *, draft: bool, options: LayoutOptions | None = None
) -> None:
    """Export ``report`` to ``path``; a locked target (open in Word) raises ReportWriteError and keeps the old file."""
    atomic_write_bytes(path, docx_bytes(report, draft=draft, options=options))
