"""Files other tools made from the Word samples: LibreOffice's own .txt export (one cell per line, no TABs) and
its PDF (read through the text layer, columns aligned with spaces); and PDFs printed from our own exports."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gkdesk.domain.report import NARRATIVE_PARTS, Report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report, save_report
from tests.conftest import SAMPLES, SEEDS, shared_files
from tests.io import test_import_jiaokou, test_import_xijiaokou, test_import_zezhou
from tests.io.export_support import printed, printed_blocks
from tests.io.import_expect import Z7, applications, assert_cells, has_log, review, table_content

pytestmark = pytest.mark.libreoffice

NAMES = ("jiaokou-county-2021", "zezhou-county-office-2021", "xijiaokou-township-2021")
EXPECTED = {
    "jiaokou-county-2021": (
        test_import_jiaokou.DISCLOSURE,
        test_import_jiaokou.APPLICATIONS,
        test_import_jiaokou.REVIEW,
    ),
    "zezhou-county-office-2021": (
        test_import_zezhou.DISCLOSURE,
        test_import_zezhou.APPLICATIONS_2021,
        test_import_zezhou.REVIEW,
    ),
    "xijiaokou-township-2021": (
        test_import_xijiaokou.DISCLOSURE,
        applications("2021", dict.fromkeys(test_import_xijiaokou.ROW_IDS, Z7)),
        review([0] * 15),
    ),
}


def _convert(files: list[Path], target: str, outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed")
    profile = (outdir / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target]
    subprocess.run([*command, "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=240)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lo-import")
    files = [SAMPLES / f"{name}.docx" for name in NAMES]
    _convert(files, "txt:Text (encoded):UTF8", root)
    _convert(files, "pdf", root)
    return root


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_txt_export(name: str, converted: Path) -> None:
    report = load_report(converted / f"{name}.txt")
    disclosure, apps, rev = EXPECTED[name]
    assert_cells(report.disclosure, disclosure)
    assert_cells(report.applications, apps)
    assert_cells(report.review_litigation, rev)
    assert not [e for e in report.import_log if e.level == "warning"]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_with_text_layer(name: str, converted: Path) -> None:
    report: Report = load_report(converted / f"{name}.pdf")
    disclosure, apps, rev = EXPECTED[name]
    assert_cells(report.disclosure, disclosure)
    assert_cells(report.applications, apps)  # rows wrapped over several lines are joined by their columns
    assert_cells(report.review_litigation, rev)
    assert has_log(report, "assumed", "从 PDF 提取文字")
    assert not [e for e in report.import_log if e.level == "warning"]
    assert report.title.startswith(report.agency or "")


@pytest.mark.parametrize("seed", ["hequ-county-2020", "jiaocheng-county-2024"])
def test_pdf_of_our_own_export(seed: str, tmp_path: Path) -> None:
    """Narrow label columns wrap most labels; the 2019 format and blank cells (exported as 0) survive."""
    source = load_report(SEEDS / f"{seed}.txt")
    write_docx(source, tmp_path / f"{seed}.docx", draft=True)
    _convert([tmp_path / f"{seed}.docx"], "pdf", tmp_path)
    report = load_report(tmp_path / f"{seed}.pdf")
    for form_id, table in source.tables.items():
        if table.present:
            got = report.tables[form_id]
            assert (got.variant, got.counts, got.amounts, got.texts) == (
                table.variant,
                table.counts,
                table.amounts,
                table.texts,
            )
    assert report.signature == source.signature


def _narrative(report: Report) -> list[tuple[str, str, int, str, str]]:
    blocks = [("前言", b) for b in report.preface]
    blocks += [(key, b) for key in NARRATIVE_PARTS for b in report.parts[key].blocks]
    return [(key, b.kind, b.level, b.text, b.inline_text) for key, b in blocks]


def _printed_narrative(report: Report) -> list[tuple[str, str, int, str, str]]:
    """The narrative as our export prints it (hierarchy kept, no spaces between Chinese and numbers)."""
    parts = [("前言", report.preface), *((key, report.parts[key].blocks) for key in NARRATIVE_PARTS)]
    return [(key, *printed) for key, blocks in parts for printed in printed_blocks(blocks)]


@pytest.mark.parametrize("seed", [p.stem for p in shared_files(SEEDS, "*.txt")])
def test_pdf_of_our_export_keeps_its_paragraphs(seed: str, tmp_path: Path) -> None:
    """Printed lines are joined back into the paragraphs they came from, the draft mark and page numbers are
    dropped, justification spaces are gone and typed spaces stay: every narrative block is the one printed (the
    export itself removes the web-copy spaces of "2021 年" and keeps the source's subsection hierarchy)."""
    source = load_report(SEEDS / f"{seed}.txt")
    save_report(source, tmp_path / f"{seed}.docx")
    _convert([tmp_path / f"{seed}.docx"], "pdf", tmp_path)
    report = load_report(tmp_path / f"{seed}.pdf")
    got, want = _narrative(report), _printed_narrative(source)
    assert [b[:3] for b in got] == [b[:3] for b in want]  # the same paragraphs and headings, part by part
    assert got == want
    assert not [b for b in got if "草稿" in b[3] + b[4] or re.fullmatch(r"[—\s\d]+", b[3])]
    assert report.title == printed(source.title) and not report.title.endswith(" ")
    assert report.signature == source.signature
    for form_id, table in source.tables.items():
        got_table = report.tables[form_id]
        assert table_content(got_table) == table_content(table), form_id
