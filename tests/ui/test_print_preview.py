"""打印预览 pages: the renderer's pages (the PDF's) on the printer; table proportions as in the .docx, header rows
on every page a table reaches, no table row beyond the type area, headings kept with their tables, 草稿 on drafts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from gkdesk.domain.forms import form
from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import column_widths
from gkdesk.io.files import load_report
from gkdesk.render.pages import BOTTOM, LEFT, TOP, TYPE_W, Layout
from gkdesk.render.pdf import pdf_bytes
from gkdesk.ui.print_preview import official_printer, preview_layout, print_pages
from tests.io.export_support import jiaokou_2021, signed

pytestmark = pytest.mark.gui

TABLE_THREE_HEADER = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "总计")


def _plain(text: str) -> str:
    """pypdf gives some characters as Kangxi radicals and spaces as tabs: compare NFKC text without spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _printed(layout: Layout, path: Path) -> list[str]:
    printer = official_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_pages(layout, printer)
    return [_plain(page.extract_text()) for page in PdfReader(path).pages]


@pytest.mark.parametrize("seed", ["jiaokou-county-2021", "hequ-county-2020"])
def test_table_three_header_is_printed_on_every_page_it_spans(qapp, tmp_path, seeds_dir, seed) -> None:
    report = load_report(seeds_dir / f"{seed}.txt")
    pages = _printed(preview_layout(report), tmp_path / "report.pdf")
    first = next(i for i, text in enumerate(pages) if "一、本年新收政府信息公开申请数量" in text)
    last = next(i for i, text in enumerate(pages) if "四、结转下年度继续办理" in text)
    assert last > first  # the table does run over a page break in these reports
    for index in range(first, last + 1):
        for header in TABLE_THREE_HEADER:
            assert header in pages[index], (index + 1, header)
    assert "3.危及“三安全一稳定”" in "".join(pages)  # the long labels keep to their wide column
    if seed == "jiaokou-county-2021":
        assert len(pages) <= 6
        assert "四、政府信息公开行政复议、行政诉讼情况" in pages[-1]


def test_table_columns_have_the_docx_proportions(qapp) -> None:
    layout = preview_layout(jiaokou_2021())
    page = next(p for p in layout.pages if "四、结转下年度继续办理" in p.text)
    widths = column_widths(form("applications", "2021"))
    edges = [LEFT]
    for width in widths:
        edges.append(edges[-1] + width * TYPE_W / sum(widths))
    lefts = {round(box.rect.left(), 2) for box in page.boxes}
    assert lefts == {round(x, 2) for x in edges[:-1]}
    assert {round(box.rect.right(), 2) for box in page.boxes} <= {round(x, 2) for x in edges[1:]}


@pytest.mark.parametrize("make", [jiaokou_2021, lambda: signed(jiaokou_2021())])
def test_every_cell_is_inside_the_type_area_and_table_four_stays_with_its_heading(qapp, make) -> None:
    report: Report = make()
    layout = preview_layout(report)
    for page in layout.pages:
        for box in page.boxes:
            assert box.rect.top() >= TOP - 0.01 and box.rect.bottom() <= BOTTOM + 0.01, page.number
    heading_page = next(p for p in layout.pages if "四、政府信息公开行政复议、行政诉讼情况" in p.text)
    assert "结果维持" in heading_page.text and "尚未审结" in heading_page.text


def test_preview_has_the_pdf_pages_and_the_draft_mark_only_on_drafts(qapp, tmp_path) -> None:
    for report, draft in ((jiaokou_2021(), True), (signed(jiaokou_2021()), False)):
        layout = preview_layout(report)
        assert layout.draft is draft
        pages = _printed(layout, tmp_path / "printed.pdf")
        data, pdf_layout = pdf_bytes(report, draft=draft)
        pdf = tmp_path / "exported.pdf"
        pdf.write_bytes(data)
        assert len(pages) == len(PdfReader(pdf).pages) == len(pdf_layout.pages) == len(layout.pages)
        assert [p.text for p in layout.pages] == [p.text for p in pdf_layout.pages]
        assert all(("草稿" in text) is draft for text in pages)
        assert data.startswith(b"%PDF")


def test_printing_to_a_pdf_file_gives_the_characters_drawn_not_radicals(qapp, tmp_path) -> None:
    """The print dialog's 打印到文件 (PDF) writes Qt's text layer; it is fixed as 导出 PDF's is, so the file copies,
    searches and re-imports as drawn (Noto CJK shares 口's glyph with the radical ⼝, the space's with TAB)."""
    path = tmp_path / "打印.pdf"
    printer = official_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_pages(preview_layout(signed(jiaokou_2021())), printer)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "交口县人民政府办公室" in text
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]
    report = load_report(path)
    expected = signed(jiaokou_2021())
    for form_id, table in expected.tables.items():
        assert report.tables[form_id].counts == table.counts, form_id
