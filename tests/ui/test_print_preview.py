"""打印预览 pages: table proportions as in the .docx, header rows on every page, no row split, headings kept with
their tables (rendered to PDF and read back, as QA did)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument, QTextLength, QTextTable
from PySide6.QtPrintSupport import QPrinter

from gkdesk.domain.forms import form
from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import column_widths
from gkdesk.io.files import load_report
from gkdesk.ui.print_preview import build_document, official_printer, print_document

pytestmark = pytest.mark.gui

# The header rows of table 三 as pypdf reads them (spaces removed).
TABLE_THREE_HEADER = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "总计")


def _plain(text: str) -> str:
    """pypdf gives some characters as Kangxi radicals and spaces as tabs: compare NFKC text without spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pdf_pages(report: Report, path: Path) -> list[str]:
    printer = official_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_document(build_document(report), printer)
    return [_plain(page.extract_text()) for page in PdfReader(path).pages]


def _tables(document: QTextDocument) -> list[QTextTable]:
    return [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def _page(document: QTextDocument, y: float) -> int:
    return int(y // document.pageSize().height())


@pytest.mark.parametrize("seed", ["jiaokou-county-2021", "hequ-county-2020"])
def test_table_three_header_is_printed_on_every_page_it_spans(qapp, tmp_path, seeds_dir, seed) -> None:
    report = load_report(seeds_dir / f"{seed}.txt")
    pages = _pdf_pages(report, tmp_path / "report.pdf")
    first = next(i for i, text in enumerate(pages) if "一、本年新收政府信息公开申请数量" in text)
    last = next(i for i, text in enumerate(pages) if "四、结转下年度继续办理" in text)
    assert last > first  # the table does run over a page break in these reports
    for index in range(first, last + 1):
        for header in TABLE_THREE_HEADER:
            assert header in pages[index], (index + 1, header)
    # The long labels keep to their wide column: no label broken into four lines between number columns.
    assert "3.危及“三安全一稳定”" in "".join(pages)
    if seed == "jiaokou-county-2021":
        assert len(pages) <= 6
        assert "四、政府信息公开行政复议、行政诉讼情况" in pages[-1]


def test_table_columns_have_the_docx_proportions(qapp, seeds_dir) -> None:
    report = load_report(seeds_dir / "jiaokou-county-2021.txt")
    document = build_document(report)
    for table in _tables(document):
        constraints = table.format().columnWidthConstraints()
        n_cols = table.columns()
        form_id = {10: "applications", 15: "review_litigation", 4: "disclosure"}[n_cols]
        widths = column_widths(form(form_id, "2021"))
        assert [c.type() for c in constraints] == [QTextLength.Type.PercentageLength] * n_cols
        assert [round(c.rawValue(), 2) for c in constraints] == [round(100 * w / sum(widths), 2) for w in widths]
        if form_id == "applications":
            labels, number = constraints[2].rawValue(), constraints[3].rawValue()
            assert labels > 3 * number  # row labels wide, the seven number columns narrow
            assert table.format().headerRowCount() == 3


def test_no_row_is_split_and_headings_stay_with_their_tables(qapp, seeds_dir) -> None:
    for seed in ("jiaokou-county-2021", "hequ-county-2020", "zezhou-county-office-2021"):
        document = build_document(load_report(seeds_dir / f"{seed}.txt"))
        layout = document.documentLayout()
        for table in _tables(document):
            for row in range(table.rows()):
                for column in range(table.columns()):
                    cell = table.cellAt(row, column)
                    if cell.row() != row or cell.column() != column or cell.rowSpan() != 1:
                        continue
                    top = layout.blockBoundingRect(cell.firstCursorPosition().block()).top()
                    bottom = layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom()
                    assert _page(document, top) == _page(document, bottom - 1), (seed, row, column)
        # Table 四 (one row of figures) is on the page of its heading.
        heading = document.find("四、政府信息公开行政复议、行政诉讼情况")
        assert not heading.isNull()
        table_four = _tables(document)[-1]
        assert table_four.columns() == 15
        last = table_four.cellAt(table_four.rows() - 1, 0).lastCursorPosition().block()
        heading_page = _page(document, layout.blockBoundingRect(heading.block()).top())
        assert _page(document, layout.blockBoundingRect(last).bottom() - 1) == heading_page, seed
