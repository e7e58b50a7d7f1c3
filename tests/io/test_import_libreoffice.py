"""Files other tools made from the Word samples: LibreOffice's own .txt export (one cell per line, no TABs) and
its PDF (read through the text layer, columns aligned with spaces)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from tests.conftest import SAMPLES
from tests.io import test_import_jiaokou, test_import_xijiaokou, test_import_zezhou
from tests.io.import_expect import Z7, applications, assert_cells, has_log, review

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


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("lo-import")
    files = [str(SAMPLES / f"{name}.docx") for name in NAMES]
    for target in ("txt:Text (encoded):UTF8", "pdf"):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(root / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(root),
                *files,
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
    return root


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_txt_export(name: str, converted: Path) -> None:
    report = load_report(converted / f"{name}.txt")
    disclosure, apps, rev = EXPECTED[name]
    assert_cells(report.disclosure, disclosure)
    assert_cells(report.applications, apps)
    assert_cells(report.review_litigation, rev)
    assert not [e for e in report.import_log if e.level == "warning"]


def test_pdf_with_text_layer(converted: Path) -> None:
    report: Report = load_report(converted / "jiaokou-county-2021.pdf")
    disclosure, apps, rev = EXPECTED["jiaokou-county-2021"]
    assert_cells(report.disclosure, disclosure)
    assert_cells(report.review_litigation, rev)
    # table 三: every row the layout lets us read is right; rows whose label and figures the PDF scattered
    # over several lines are not guessed but named as missing (their cells left blank for the clerk)
    assert report.applications.counts == {c: v for c, v in apps.items() if v is not None}
    unread = {c.rsplit(".", 1)[0] for c in report.applications.blank_cells}
    assert unread <= {"unable.unclear_after_correction", "other.overdue_correction", "other.overdue_fee"}
    assert has_log(report, "missing", "第三项表格缺少") == bool(unread)
    assert has_log(report, "assumed", "从 PDF 提取文字")
    assert report.signature.agency == "交口县人民政府办公室"
    assert report.title.replace(" ", "") == "交口县2021年政府信息公开工作年度报告"
