"""A real client opens every exported seed: LibreOffice converts the .docx to PDF and to text.

The text must hold every official label and every figure, row by row; the PDF must be A4 with nothing outside
the type area's width (a table wider than the page, or text running into the margin, fails here); the page
numbers must be rendered. ``.ci/run`` installs LibreOffice and poppler when they are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from gkdesk.domain.report import PART_KEYS, PART_TITLES, Report
from gkdesk.io.docx_embed import read_embedded_report
from gkdesk.io.docx_styles import MARGIN_LEFT, MARGIN_RIGHT
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.export_layout import format_date, table_text_rows
from gkdesk.io.files import load_report
from tests.conftest import SHARED, shared_files, shared_optional
from tests.io.export_support import as_embedded, jiaokou_2021, signed

pytestmark = pytest.mark.libreoffice

A4_POINTS = (595.3, 841.9)
LEFT_EDGE = MARGIN_LEFT / 20
RIGHT_EDGE = A4_POINTS[0] - MARGIN_RIGHT / 20
TOLERANCE = 2.0  # points
TIMEOUT_S = 240
_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
_HANGING = "，。、；：？！）》」』”’"
SEEDS = SHARED / "seeds"  # the module-scoped conversion cannot use the function-scoped ``seeds_dir`` fixture


@dataclass
class Converted:
    report: Report
    docx: Path
    pdf: Path
    text: str


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    return found


def _convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    command = [
        _soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)


@pytest.fixture(scope="module")
@shared_optional  # the seeds that are there; the tests of each seed are marked shared (NAMES below)
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    root = tmp_path_factory.mktemp("libreoffice")
    reports = {"jiaokou-built": signed(jiaokou_2021())}
    for seed in shared_files(SEEDS, "*.txt"):
        reports[seed.stem] = load_report(seed)
    files = []
    for name, report in reports.items():
        path = root / f"{name}.docx"
        write_docx(report, path, draft=name != "jiaokou-built")
        files.append(path)
    profile = root / "profile"
    _convert(files, "pdf", root / "pdf", profile)
    _convert(files, "txt:Text (encoded):UTF8", root / "txt", profile)
    return {
        name: Converted(
            report,
            root / f"{name}.docx",
            root / "pdf" / f"{name}.pdf",
            (root / "txt" / f"{name}.txt").read_text(encoding="utf-8-sig"),
        )
        for name, report in reports.items()
    }


SEED_STEMS = ["hequ-county-2020", "jiaocheng-county-2024", "jiaokou-county-2021"]
SEED_STEMS += ["xijiaokou-township-2021", "zezhou-county-office-2021"]
NAMES = ["jiaokou-built", *(pytest.param(stem, marks=pytest.mark.shared) for stem in SEED_STEMS)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", NAMES)
def test_text_holds_every_label_and_figure_row_by_row(converted, name):
    result = converted[name]
    flat = _squash(result.text)
    report = result.report
    for key in PART_KEYS:
        assert _squash(f"{key}、{PART_TITLES[key]}") in flat  # the official heading, whatever the source said
    for form_id, table in report.tables.items():
        if not table.present:
            continue  # left out of the export (docs/export.md)
        for r, row in enumerate(table_text_rows(table)):
            assert _squash("".join(row)) in flat, f"{form_id} row {r}: {row}"
        for cell in table.form.grid:
            if cell.role != "value":
                assert _squash(cell.text) in flat, cell.text
    if report.signature.date:
        assert format_date(report.signature.date) in flat
    for block in report.parts["一"].blocks[:3]:
        assert _squash(block.text) in flat


@pytest.mark.parametrize("name", NAMES)
def test_pdf_is_a4_and_nothing_leaves_the_type_width(converted, name):
    pdf = converted[name].pdf
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=TIMEOUT_S
    ).stdout
    words = _WORD_BOX.findall(bbox.decode("utf-8"))
    assert len(words) > 100
    outside = [
        (text, x_min, x_max)
        for x_min, x_max, text in words
        if float(x_min) < LEFT_EDGE - TOLERANCE or float(x_max) > _right_limit(text)
    ]
    assert outside == []


def _right_limit(word: str) -> float:
    """A closing punctuation mark may hang into the margin (标点悬挂: Word and WPS allow it, the template keeps their
    overflowPunct default; LibreOffice, which reads that value inverted, does not); its em box may then end one
    16 pt character past the type area, nothing else may."""
    return RIGHT_EDGE + TOLERANCE + (16 if word and word[-1] in _HANGING else 0)


@pytest.mark.parametrize("name", NAMES)
def test_page_numbers_are_rendered_on_every_page(converted, name):
    pdf = converted[name].pdf
    pages = len(PdfReader(pdf).pages)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=TIMEOUT_S
    ).stdout.decode("utf-8")
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", text), f"page {n}"
    assert ("草稿" in text) == (name != "jiaokou-built")


def test_saved_again_by_libreoffice_still_restores_exactly(tmp_path):
    """A clerk opens the export in another office suite and saves it unchanged: the custom XML part survives and
    the visible text is the same, so gkdesk restores the report exactly."""
    report = signed(jiaokou_2021())
    source = tmp_path / "交口县.docx"
    write_docx(report, source, draft=False)
    _convert([source], "docx:MS Word 2007 XML", tmp_path / "saved", tmp_path / "profile")
    saved = tmp_path / "saved" / "交口县.docx"
    assert saved.read_bytes() != source.read_bytes()
    assert read_embedded_report(saved) == (as_embedded(report), True)
    opened = load_report(saved)  # its import log and source describe the file opened, the rest is exact
    expected = as_embedded(report)
    assert opened.model_copy(update={"import_log": report.import_log, "source_file": report.source_file}) == expected
