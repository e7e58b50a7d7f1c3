"""``gkdesk --smoke-test`` in-process: the bundled example survives window, check, export and re-reading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gkdesk import logging_setup, smoke
from gkdesk.cli import main
from gkdesk.domain.report import Report
from gkdesk.io.docx_embed import read_embedded_report
from gkdesk.io.files import load_report
from gkdesk.resources import example_report_path


@pytest.fixture
def example() -> Report:
    return load_report(example_report_path())


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert err == ""
    return lines[0]


def test_smoke_test_passes_and_keeps_both_exports(
    qapp: object, tmp_path: Path, example: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    assert smoke.run_smoke_test(tmp_path) == 0
    line = _one_line(capsys)
    assert line.startswith(smoke.OK_PREFIX)
    assert f"example {example.year} {example.agency}" in line
    assert "on offscreen, qtbase_zh_CN loaded" in line
    assert "(.docx also from its text)" in line
    figures = smoke.report_figures(example)
    assert f"{len(figures)} figures match" in line
    docx, txt = tmp_path / "smoke.docx", tmp_path / "smoke.txt"
    assert docx.read_bytes()[:2] == b"PK"
    text = txt.read_text(encoding="utf-8")
    assert example.agency is not None
    assert example.agency in text
    # Every figure of every table, re-read from each export by the normal readers, equals the example's.
    assert smoke.report_figures(load_report(docx)) == figures
    assert smoke.report_figures(load_report(txt)) == figures
    # The text-only copy has no embedded report, so its figures come from the visible Word tables.
    text_only = tmp_path / "smoke-text-only.docx"
    assert read_embedded_report(docx) is not None
    assert read_embedded_report(text_only) is None
    from_text = load_report(text_only)
    assert smoke.report_figures(from_text) == figures
    assert any("Word 文档" in entry.message for entry in from_text.import_log)  # read by the text parser


def test_report_figures_cover_every_cell_of_present_tables(example: Report) -> None:
    figures = smoke.report_figures(example)
    assert figures["agency"] == example.agency
    assert figures["year"] == str(example.year)
    for form_id, table in example.tables.items():
        cells = [c.cell_id for c in table.form.cells if c.kind in ("count", "signed", "decimal")]
        for cell_id in cells:
            key = f"{form_id}:{cell_id}"
            assert (figures[key] == table.get(cell_id)) if table.present else (key not in figures)


def test_a_missing_example_fails_with_one_line(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(smoke, "example_report_path", lambda: tmp_path / "absent.gkreport")
    assert smoke.run_smoke_test(tmp_path) == 1
    line = _one_line(capsys)
    assert line.startswith(f"{smoke.FAILED_PREFIX}load example: ReportReadError: 找不到文件")
    assert "absent.gkreport" in line


def test_a_figure_lost_on_export_fails_the_smoke_test(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stand-in for an exporter that drops a number: the read-back comparison names the cell and both values."""
    real_load = smoke.load_report

    def lossy_load(path: Path) -> Report:
        report = real_load(path)
        if Path(path).suffix == ".txt":
            report.applications.set("new.natural", report.applications.count("new.natural") + 1)
        return report

    monkeypatch.setattr(smoke, "load_report", lossy_load)
    expected = real_load(example_report_path()).applications.count("new.natural")
    assert smoke.run_smoke_test(tmp_path) == 1
    line = _one_line(capsys)
    assert line.startswith(f"{smoke.FAILED_PREFIX}read back .txt: SmokeFailure: .txt read back differs in 1 of ")
    assert f"applications:new.natural {expected}→{expected + 1}" in line


def test_cli_flag_runs_the_smoke_test(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke-test"]) == 0
    assert _one_line(capsys).startswith(smoke.OK_PREFIX)


def test_in_a_windowed_program_the_line_goes_to_the_log_once(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A windowed .exe has no stdout: the build reads the verdict from the exit code and the log has the line."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        log = logging_setup.install_frozen_io(force=True)
        assert log is not None
        assert smoke.run_smoke_test(tmp_path) == 0
    finally:
        logging_setup.uninstall_for_tests()
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if smoke.OK_PREFIX in line]
    assert len(lines) == 1
    assert lines[0].split(" INFO gkdesk.smoke: ")[1].startswith(smoke.OK_PREFIX)
