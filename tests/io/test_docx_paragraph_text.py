"""The text of a Word paragraph as Word shows it: a reviewer's tracked changes left in the file (修订) must not add
the deleted figure to the kept one, and a paragraph's tab stops are no tabs in its text."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import etree  # type: ignore[import-untyped]

from gkdesk.io.docx_writer import write_docx
from gkdesk.io.docx_xml import W_NS, paragraph_text
from gkdesk.io.files import load_report
from tests.io.export_support import jiaokou_2021


def _p(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}">{inner}</w:p>')


def test_tracked_deletions_and_moved_text_are_not_shown() -> None:
    paragraph = _p(
        "<w:r><w:t>总计</w:t></w:r>"
        '<w:del w:id="1" w:author="审核"><w:r><w:delText>9</w:delText></w:r><w:r><w:t>9</w:t></w:r></w:del>'
        '<w:ins w:id="2" w:author="审核"><w:r><w:t>18</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3"><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>新处</w:t></w:r></w:moveTo>'
    )
    assert paragraph_text(paragraph) == "总计18新处"


def test_hidden_text_is_not_shown() -> None:
    paragraph = _p(
        "<w:r><w:t>总计</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（备注：原为9）</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>18</w:t></w:r>'
    )
    assert paragraph_text(paragraph) == "总计18"


def test_tab_stops_are_not_tabs() -> None:
    paragraph = _p(
        '<w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/><w:tab w:val="right" w:pos="8000"/></w:tabs></w:pPr>'
        "<w:r><w:t>行政许可</w:t></w:r><w:r><w:tab/><w:t>3388</w:t></w:r>"
    )
    assert paragraph_text(paragraph) == "行政许可\t3388"


def test_a_figure_corrected_with_revision_marks_on_reads_as_corrected(tmp_path: Path) -> None:
    """A reviewer changed 行政许可 3388 → 3389 in Word with 修订 on, and the file was sent back as it was."""
    source = tmp_path / "r.docx"
    write_docx(jiaokou_2021(), source, draft=True, options=None)
    document = docx.Document(str(source))
    cell = next(
        row.cells[1] for table in document.tables for row in table.rows if row.cells[0].text.strip() == "行政许可"
    )
    run = cell.paragraphs[0].runs[0]
    assert run.text == "3388"
    ins = etree.SubElement(cell.paragraphs[0]._p, f"{{{W_NS}}}ins")
    new_run = etree.SubElement(ins, f"{{{W_NS}}}r")
    etree.SubElement(new_run, f"{{{W_NS}}}t").text = "3389"
    deleted = etree.Element(f"{{{W_NS}}}del")
    run._r.addprevious(deleted)
    deleted.append(run._r)
    for t in deleted.iter(f"{{{W_NS}}}t"):
        t.tag = f"{{{W_NS}}}delText"
    edited = tmp_path / "修订.docx"
    document.save(str(edited))
    report = load_report(edited)
    assert report.disclosure.get("art20_5.licensing.decisions") == 3389
