"""Round trips through real third-party programs: each seed's .docx export and each Word-made sample, converted by
LibreOffice to .doc, .html, .pdf and plain text, the .html dumped by a text browser (``w3m -dump``) and the PDF's
text as a PDF viewer copies it (``pdftotext -layout``), then imported: every figure equal to the source's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report
from tests.conftest import SAMPLES, SEEDS, shared_files
from tests.io.import_expect import table_content

pytestmark = [pytest.mark.libreoffice, pytest.mark.shared]

SEED_NAMES = [p.stem for p in shared_files(SEEDS, "*.txt")]
SAMPLE_NAMES = [p.stem for p in shared_files(SAMPLES, "*.docx") if "template" not in p.stem]
TARGETS = {
    "doc": "doc:MS Word 97",
    "html": "html:XHTML Writer File:UTF8",
    "pdf": "pdf",
    "txt": "txt:Text (encoded):UTF8",
}


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    return found


def _convert(files: list[Path], target: str, outdir: Path) -> None:
    profile = (outdir.parent / "profile").as_uri()
    command = [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target]
    subprocess.run([*command, "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Report]]:
    """Every seed exported by our .docx writer and every Word sample, with the report each should read as; then
    all of them converted by LibreOffice into each target format, and the web pages dumped by w3m."""
    root = tmp_path_factory.mktemp("lo-formats")
    docx = root / "docx"
    docx.mkdir()
    reports: dict[str, Report] = {}
    for name in SEED_NAMES:
        reports[name] = load_report(SEEDS / f"{name}.txt")
        write_docx(reports[name], docx / f"{name}.docx", draft=True)
    for name in SAMPLE_NAMES:
        shutil.copy(SAMPLES / f"{name}.docx", docx / f"{name}.docx")
        reports[name] = load_report(docx / f"{name}.docx")
    files = sorted(docx.glob("*.docx"))
    for suffix, target in TARGETS.items():
        (root / suffix).mkdir()
        _convert(files, target, root / suffix)
    w3m = shutil.which("w3m")
    if not w3m:
        pytest.fail("w3m is not installed; .ci/run installs it")
    (root / "w3m").mkdir()
    for page in sorted((root / "html").glob("*.html")):
        dump = subprocess.run(
            [w3m, "-dump", "-cols", "200", "-I", "UTF-8", "-O", "UTF-8", str(page)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        (root / "w3m" / f"{page.stem}.txt").write_bytes(dump.stdout)
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.fail("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    (root / "pdftotext").mkdir()
    (root / "pdftotext-plain").mkdir()
    for pdf in sorted((root / "pdf").glob("*.pdf")):
        out = root / "pdftotext" / f"{pdf.stem}.txt"
        subprocess.run([pdftotext, "-layout", str(pdf), str(out)], check=True, capture_output=True, timeout=60)
        plain = root / "pdftotext-plain" / f"{pdf.stem}.txt"  # reading order: a table comes out column by column
        subprocess.run([pdftotext, str(pdf), str(plain)], check=True, capture_output=True, timeout=60)
    return root, reports


@pytest.mark.parametrize("shape", ["doc", "html", "pdf", "txt", "w3m", "pdftotext"])
@pytest.mark.parametrize("name", SEED_NAMES + SAMPLE_NAMES)
def test_every_figure_survives_the_round_trip(sources: tuple[Path, dict[str, Report]], name: str, shape: str) -> None:
    root, reports = sources
    suffix = {"doc": ".doc", "html": ".html", "pdf": ".pdf", "txt": ".txt", "w3m": ".txt", "pdftotext": ".txt"}[shape]
    report = load_report(root / shape / f"{name}{suffix}")
    source = reports[name]
    for form_id, table in source.tables.items():
        got = report.tables[form_id]
        if not table.present:
            continue
        assert not got.unread_cells, (form_id, got.unread_cells[:5])
        assert table_content(got)[1:] == table_content(table)[1:], form_id
    assert report.year == source.year


@pytest.mark.parametrize("name", SEED_NAMES + SAMPLE_NAMES)
def test_a_table_copied_column_by_column_is_never_read_wrong(
    sources: tuple[Path, dict[str, Report]], name: str
) -> None:
    """pdftotext without -layout prints a table's cells in reading order, column by column: most of table 三 cannot
    be placed, and what cannot be placed stays unread (with a note), never a wrong figure."""
    root, reports = sources
    report = load_report(root / "pdftotext-plain" / f"{name}.txt")
    logged = {ref for e in report.import_log if e.level in ("warning", "missing") for ref in e.cells}
    for form_id, table in reports[name].tables.items():
        got = report.tables[form_id]
        if not table.present or not got.present:
            continue
        for cell_id in table.form.cell_ids():
            if cell_id in got.unread_cells:
                assert f"{form_id}:{cell_id}" in logged
            else:
                assert got.get(cell_id) == table.get(cell_id), (form_id, cell_id)


@pytest.mark.parametrize("name", SEED_NAMES + SAMPLE_NAMES)
def test_libreoffices_pdfs_read_by_our_fast_paths_as_pypdf_reads_them(
    sources: tuple[Path, dict[str, Report]], name: str
) -> None:
    """gkdesk.io.pdf_content and pdf_layout against pypdf's own parser and layout, on LibreOffice's PDFs."""
    from tests.io.test_pdf_fast_paths import assert_same_as_pypdf

    assert_same_as_pypdf(sources[0] / "pdf" / f"{name}.pdf")
