"""Last year's report held as a Word file converted from its PDF (WPS or Word "PDF 转 Word"; here LibreOffice's PDF
import): the text sits in frames in drawing order, so a row's figure may stand before its label or after it, and
the tables are no Word tables. Whatever is read must be the source's figure; the rest is unread."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from gkdesk.render.pdf import save_pdf
from tests.conftest import REAL, shared_files
from tests.io.export_support import jiaokou_2021, signed
from tests.io.import_expect import flat_expected

pytestmark = pytest.mark.libreoffice


def _pdf_to_word(pdf: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    command = [soffice, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore"]
    command += ["--infilter=writer_pdf_import", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir)]
    subprocess.run([*command, str(pdf)], check=True, capture_output=True, timeout=300)
    return outdir / f"{pdf.stem}.docx"


def _wrong(got: Report, expected: dict[str, object]) -> dict[str, tuple[object, object]]:
    wrong: dict[str, tuple[object, object]] = {}
    for ref, want in expected.items():
        form_id, _, cell = ref.partition(":")
        table = got.tables[form_id]  # type: ignore[index]
        if not table.present or cell in table.unread_cells:
            continue
        value = table.get(cell)
        value = str(value) if form_id == "disclosure" and "amount" in cell else value
        if value != want and not (want is None and value in (0, "")):
            wrong[ref] = (want, value)
    return wrong


def _cells(report: Report) -> dict[str, object]:
    out: dict[str, object] = {}
    for form_id, table in report.tables.items():
        for cell in table.form.cell_ids():
            value = table.get(cell)
            out[f"{form_id}:{cell}"] = str(value) if form_id == "disclosure" and "amount" in cell else value
    return out


def test_our_pdf_converted_to_word_is_never_read_wrong(qapp, tmp_path: Path) -> None:
    source = signed(jiaokou_2021())
    pdf = tmp_path / "年报.pdf"
    save_pdf(source, pdf)
    got = load_report(_pdf_to_word(pdf, tmp_path))
    assert _wrong(got, _cells(source)) == {}


@pytest.mark.shared
@pytest.mark.parametrize("pdf", shared_files(REAL, "*.pdf"), ids=lambda p: p.name)
def test_a_real_pdf_converted_to_word_is_never_read_wrong(tmp_path: Path, pdf: Path) -> None:
    """淮安 2024 converted so reads "3985758 行政处罚 88283 行政强制": 行政处罚 was read 88283 before this test."""
    expected = flat_expected(json.loads((REAL / "expected" / f"{pdf.stem}.json").read_text(encoding="utf-8"))["tables"])
    local = tmp_path / pdf.name
    shutil.copy(pdf, local)
    got = load_report(_pdf_to_word(local, tmp_path))
    assert _wrong(got, expected) == {}
