"""Our own exports read back: the .txt by its visible text, the .docx losslessly through its embedded data, and a
.docx edited in Word afterwards by its visible text, with a note saying so."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report
from gkdesk.io.txt_reader import read_text_report, read_txt_file
from gkdesk.io.txt_writer import write_txt
from tests.conftest import SEEDS, shared_files
from tests.io.export_support import printed, printed_blocks
from tests.io.import_expect import has_log

SEED_NAMES = [p.name for p in shared_files(SEEDS, "*.txt")]  # empty without ../shared: skipped


def _same_tables(a: Report, b: Report) -> None:
    for form_id, table in a.tables.items():
        other = b.tables[form_id]
        if not table.present:
            continue
        assert (other.variant, other.counts, other.amounts, other.texts) == (
            table.variant,
            table.counts,
            table.amounts,
            table.texts,
        ), form_id


@pytest.mark.parametrize("name", SEED_NAMES)
def test_txt_export_reads_back(name: str, tmp_path: Path) -> None:
    report = read_txt_file(SEEDS / name)
    out = tmp_path / "out.txt"
    write_txt(report, out)
    again = read_txt_file(out)
    _same_tables(report, again)
    assert again.title == printed(report.title)  # printed without web-copy spaces
    assert again.agency == report.agency
    assert again.year == report.year
    assert again.addressee == report.addressee
    assert again.signature == report.signature
    # as printed: the source's hierarchy, no spaces between Chinese and numbers
    assert printed_blocks(again.preface) == printed_blocks(report.preface)
    for key, part in report.parts.items():
        if part.present:
            assert [(b.kind, b.level, b.text, b.inline_text) for b in again.parts[key].blocks] == printed_blocks(
                part.blocks
            ), key
    assert has_log(again, "recognised", "UTF-8（带 BOM）")


def test_pasted_text_is_the_same_as_the_file() -> None:
    report = read_txt_file(SEEDS / "hequ-county-2020.txt")
    pasted = read_text_report((SEEDS / "hequ-county-2020.txt").read_text(encoding="utf-8"))
    _same_tables(report, pasted)
    assert pasted.title == report.title
    assert pasted.source_file is None


@pytest.mark.parametrize("name", ["jiaokou-county-2021.txt", "hequ-county-2020.txt"])
def test_own_docx_is_lossless(name: str, tmp_path: Path) -> None:
    report = read_txt_file(SEEDS / name)
    out = tmp_path / "out.docx"
    write_docx(report, out, draft=True)
    again = load_report(out)
    assert report.import_log[0].message.startswith("文本编码")
    # the embedded report exactly as saved; only the log and the source describe this file, not the .txt before it
    assert again.model_copy(update={"import_log": report.import_log, "source_file": report.source_file}) == report
    assert [(e.level, e.message, e.cells) for e in again.import_log] == [
        ("recognised", "从 gkdesk 导出的 Word 文档中读取（含完整数据）", [])
    ]
    assert again.source_file == str(out)


def _edit_first_text(path: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, data in parts.items():
            archive.writestr(filename, data)


def test_own_docx_edited_in_word_is_read_from_visible_text(tmp_path: Path) -> None:
    report = read_txt_file(SEEDS / "jiaokou-county-2021.txt")
    out = tmp_path / "edited.docx"
    write_docx(report, out, draft=True)
    _edit_first_text(out, ">3388<", ">3390<")
    again = read_docx(out)
    assert again.disclosure.counts["art20_5.licensing.decisions"] == 3390
    assert again.disclosure.amounts == report.disclosure.amounts
    assert again.applications.counts == report.applications.counts
    assert again.review_litigation.counts == report.review_litigation.counts
    assert again.signature == report.signature
    assert has_log(again, "warning", "在 Word 中修改过", "可见的文字")
    assert again.import_log[0].message.startswith("该文档由 gkdesk 导出后又在 Word 中修改过")
    assert again.import_log[1].message == "Word 文档：3 个表格"
    assert not has_log(again, "recognised", "文本编码")  # nothing of the log saved with the embedded report
    assert not has_log(again, "recognised", "含完整数据")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_own_docx_visible_content_reads_back(name: str, tmp_path: Path) -> None:
    """Edited in Word (here: one word of the narrative), our .docx is read from what it shows: same figures."""
    report = read_txt_file(SEEDS / name)
    out = tmp_path / "edited.docx"
    write_docx(report, out, draft=True)
    _edit_first_text(out, "情况", "情形")
    again = read_docx(out)
    assert has_log(again, "warning", "在 Word 中修改过")
    _same_tables(report, again)
    for form_id, table in report.tables.items():
        if table.present:
            assert again.tables[form_id].variant == table.variant
    assert again.signature == report.signature
    assert again.year == report.year
    assert again.addressee == report.addressee
