"""The web page export: semantic, self-contained HTML with the official tables, read back with every figure by our
reader and, through a text browser's dump (``w3m -dump``), by our text reader."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.domain.forms import FORM_IDS, form
from gkdesk.domain.report import MISSING_TABLE_NOTE, Report
from gkdesk.io.export_layout import TableItem, cell_text, clean_title, report_items
from gkdesk.io.files import is_draft, load_report, save_report
from gkdesk.io.html_writer import report_to_html, write_html
from gkdesk.io.native import write_native
from gkdesk.io.txt_reader import read_text_report
from gkdesk.io.txt_writer import DRAFT_MARK
from tests.io.export_support import jiaokou_2021, signed
from tests.io.test_unread_export import with_unread

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "example.gkreport"


@dataclass
class Cell:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Table:
    caption: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    in_caption: bool = False


class Page(HTMLParser):
    """The parts of the page the tests look at: head elements, headings, paragraphs, tables."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self.tables: list[Table] = []
        self._open: list[str] = []
        self._cell: Cell | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self.tables[-1].in_caption = True
        elif tag == "tr":
            self.tables[-1].rows.append([])
        elif tag in ("th", "td"):
            self._cell = Cell(tag, dict(attrs))
            self.tables[-1].rows[-1].append(self._cell)
        if tag in ("title", "h1", "h2", "h3", "h4", "h5", "p"):
            self._open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.tables[-1].in_caption = False
        elif tag in ("th", "td"):
            self._cell = None
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        elif self.tables and self.tables[-1].in_caption:
            self.tables[-1].caption += data
        if self._open:
            self.texts[self._open[-1]][-1] += data


@pytest.fixture(scope="module")
def example() -> Report:
    return load_report(EXAMPLE)


@pytest.fixture(scope="module")
def html(example: Report) -> str:
    return report_to_html(example, draft=False)


def figures(report: Report) -> dict[str, dict[str, object]]:
    return {
        form_id: {cell.cell_id: table.get(cell.cell_id) for cell in table.form.cells}
        for form_id, table in report.tables.items()
        if table.present
    }


def test_page_is_a_self_contained_accessible_document(example, html):
    assert html.startswith("<!DOCTYPE html>\n")
    page = Page(html)
    tags = [tag for tag, _ in page.tags]
    assert ("html", {"lang": "zh-CN"}) in page.tags
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert page.texts["title"] == [clean_title(example)]
    assert page.texts["h1"] == [clean_title(example)]
    assert page.texts["h2"][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert len(page.texts["h2"]) == 6
    assert page.texts["h3"][0].startswith("（一）")
    assert "style" in tags
    for banned in ("script", "link", "img", "iframe", "object"):
        assert banned not in tags
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert not any("style" in attrs for _, attrs in page.tags)  # one <style> block, no inline colour tricks
    assert "仿宋" in html and "宋体" in html


def test_one_table_per_present_table_with_caption_and_scoped_headers(example, html):
    page = Page(html)
    present = [form_id for form_id in FORM_IDS if example.tables[form_id].present]
    assert len(page.tables) == len(present)
    for table, form_id in zip(page.tables, present, strict=True):
        definition = example.tables[form_id].form
        assert table.caption == definition.title
        assert len(table.rows) == definition.n_rows
        for row in table.rows:
            for cell in row:
                if cell.tag == "th":
                    assert cell.attrs.get("scope") in ("col", "row")
        header_cells = [cell for row in table.rows[: definition.header_rows] for cell in row]
        assert all(cell.tag == "th" and cell.attrs["scope"] == "col" for cell in header_cells)


def test_table_three_spans_are_the_official_ones(example, html):
    page = Page(html)
    definition = form("applications", example.tables["applications"].form.variant)
    table = next(t for t in page.tables if t.caption == definition.title)
    got = [
        (cell.text, int(cell.attrs.get("rowspan") or 1), int(cell.attrs.get("colspan") or 1))
        for row in table.rows
        for cell in row
        if cell.tag == "th"
    ]
    labels = sorted(((g.row, g.col), (g.text, g.rowspan, g.colspan)) for g in definition.grid if g.role != "value")
    assert got == [spans for _, spans in labels]
    # the ones a website editor most often loses
    assert ("三、本年度办理结果", 22, 1) in got
    assert ("申请人情况", 1, 7) in got
    assert ("（四）无法提供", 3, 1) in got
    assert ("（五）不予处理", 5, 1) in got
    # value cells: the text export_layout gives every other writer
    report_table = example.tables["applications"]
    values = [cell.text for row in table.rows for cell in row if cell.tag == "td"]
    expected = [
        cell_text(report_table, g) for g in sorted(definition.grid, key=lambda g: (g.row, g.col)) if g.role == "value"
    ]
    assert values == expected


def test_every_figure_reads_back_from_the_page(example, tmp_path):
    path = tmp_path / "report.html"
    write_html(example, path, draft=False)
    back = load_report(path)
    assert back.title == clean_title(example)
    assert figures(back) == figures(example)


def _w3m_dump(path: Path) -> str:
    if shutil.which("w3m") is None:
        pytest.fail("w3m is not installed: .ci/run installs it (apt-get install w3m)")
    done = subprocess.run(
        ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("draft", [False, True])
def test_every_figure_reads_back_from_a_text_browser_dump(example, tmp_path, draft):
    path = tmp_path / "report.html"
    write_html(example, path, draft=draft)
    dump = _w3m_dump(path)
    assert (DRAFT_MARK in dump) is draft
    back = read_text_report(dump, "dump.txt")
    assert back.title == clean_title(example)
    assert figures(back) == figures(example)


def test_draft_mark_only_on_drafts(example, tmp_path):
    draft = Page(report_to_html(example, draft=True))
    final = Page(report_to_html(example, draft=False))
    assert draft.texts["p"][0] == DRAFT_MARK  # the word itself, first thing on the page
    assert not any("草稿" in text for texts in final.texts.values() for text in texts)
    path = tmp_path / "draft.html"
    write_html(example, path, draft=True)
    back = load_report(path)
    assert back.title == clean_title(example)
    assert not any("草稿" in block.text for block in back.preface)


def test_save_report_routes_html_and_htm_with_the_draft_rule(example, tmp_path):
    for name in ("a.html", "b.HTM"):
        save_report(example, tmp_path / name)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert (DRAFT_MARK in text) is is_draft(example)


def test_cli_convert_to_html_draft_and_final(tmp_path, capsys):
    out = tmp_path / "out.html"
    assert main(["convert", str(EXAMPLE), str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in text
    assert figures(load_report(out)) == figures(load_report(EXAMPLE))
    assert main(["convert", str(EXAMPLE), str(out)]) == 2  # the one overwrite rule

    unsigned = tmp_path / "unsigned.gkreport"
    write_native(jiaokou_2021(), unsigned)
    draft = tmp_path / "draft.html"
    assert main(["convert", str(unsigned), str(draft)]) == 0
    assert DRAFT_MARK in draft.read_text(encoding="utf-8")
    refused = tmp_path / "refused.html"
    assert main(["convert", str(unsigned), str(refused), "--final"]) == 1
    assert not refused.exists()

    source = tmp_path / "signed.gkreport"
    write_native(signed(jiaokou_2021()), source)
    final = tmp_path / "final.htm"
    assert main(["convert", str(source), str(final), "--final"]) == 0
    text = final.read_text(encoding="utf-8")
    assert "草稿" not in text
    assert '<td colspan="3">3388</td>' in text and '<td colspan="3">53.6836</td>' in text
    capsys.readouterr()


def test_unread_cells_are_empty_and_a_missing_table_follows_export_layout():
    report = with_unread(jiaokou_2021())
    report.tables["review_litigation"].present = False
    page = Page(report_to_html(report, draft=True))
    layout_tables = [item.table.form_id for item in report_items(report) if isinstance(item, TableItem)]
    assert [t.caption for t in page.tables] == [report.tables[f].form.title for f in layout_tables]
    fees = page.tables[0].rows[-1]
    assert [cell.text for cell in fees] == ["行政事业性收费", ""]  # unread: empty, never 0
    applications = page.tables[1]
    new_row = next(row for row in applications.rows if row[0].text.startswith("一、本年新收"))
    assert [cell.text for cell in new_row[1:]] == ["1", "", "0", "0", "0", "0", "1"]


def test_a_table_the_report_lacks_is_the_blank_official_form_and_reads_back_as_lacking(tmp_path):
    report = jiaokou_2021()
    report.tables["applications"].present = False
    report.applications.set("new.natural", 7)  # a stale figure of a table marked missing: never printed
    page = Page(report_to_html(report, draft=True))
    assert len(page.tables) == 3
    blank = next(t for t in page.tables if t.caption == report.applications.form.title)
    figures = [cell.text for row in blank.rows for cell in row if cell.tag == "td"]
    assert figures and all(text.strip() == "" for text in figures)
    assert MISSING_TABLE_NOTE in report_to_html(report, draft=True)
    path = tmp_path / "report.html"
    write_html(report, path, draft=True)
    back = load_report(path)
    assert not back.applications.present
    dumped = read_text_report(_w3m_dump(path), "dump.txt")  # a text browser's dump too
    assert not dumped.applications.present and dumped.disclosure.counts == report.disclosure.counts
    assert back.disclosure.counts == report.disclosure.counts
    assert all(MISSING_TABLE_NOTE not in b.text for b in back.parts["三"].blocks)
