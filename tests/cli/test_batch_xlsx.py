"""The reviewers' .xlsx summary (read back with openpyxl) and the progress line on a terminal vs a pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gkdesk.batch import AssessmentColumn, run_batch_check, top_findings
from gkdesk.cli import main
from gkdesk.domain.assessment import self_assess
from gkdesk.domain.checker import CheckResult, check
from gkdesk.domain.report import Report, new_report
from gkdesk.io.native import write_native
from gkdesk.summary_xlsx import display_width
from tests.render.glance_reports import compared_report, example_report

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["机关", "年度", "格式", "错误", "警告", "缺少要素", "自查得分", "文件", "主要问题"]
FINDING_HEADER = ["文件", "机关", "年度", "级别", "代码", "说明", "单元格"]
BROKEN_REASON = "“broken.gkreport”不是完整的 gkdesk 报告文件（文件可能被截断或手工改坏）"


def _reports() -> dict[str, Report]:
    trial = new_report("示例乡人民政府", 2020, "2019-trial")
    return {"a-交口县.gkreport": example_report(), "b-对比.gkreport": compared_report(), "c-试行版.gkreport": trial}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for name, report in _reports().items():
        write_native(report, folder / name)
    (folder / "broken.gkreport").write_text("{", encoding="utf-8")
    return folder


def _format(report: Report) -> str:
    return "混用" if report.is_mixed_format else {"2021": "2021 版", "2019-trial": "2019 试行版"}[report.format]


def _assessed(report: Report, result: CheckResult) -> list[object]:
    """The two assessment columns as the batch connects them: missing elements and the self-check score."""
    assessment = self_assess(report, result)
    return ["、".join(assessment.missing_labels) or None, assessment.score]


def _expected_summary(folder: Path) -> list[list[object]]:
    rows: list[list[object]] = [[None] * 7 + [str(folder / "broken.gkreport"), f"无法读取：{BROKEN_REASON}"]]
    for name, report in _reports().items():
        result = check(report)
        top = "；".join(f"{f.code} {f.message}" for f in top_findings(result)) or None
        row = [report.agency, report.year, _format(report), len(result.errors), len(result.warnings)]
        rows.append([*row, *_assessed(report, result), str(folder / name), top])
    return sorted(rows, key=lambda r: str(r[7]))  # the files in path order


def test_xlsx_summary_sheets_read_back(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "汇总.xlsx"
    assert main(["check", str(folder), "--summary", str(out)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "共检查 4 个文件：2 个有错误（其中 1 个无法读取）",
        f"汇总表已写入：{out}",
    ]
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题明细"]
    summary = book["汇总"]
    rows = [list(r) for r in summary.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1:] == _expected_summary(folder)
    assert all(isinstance(row[6], int) and 0 <= row[6] <= 100 for row in rows[1:] if row[0] is not None)
    assert all(cell.font.bold for cell in summary[1])
    assert summary.freeze_panes == "A2"
    assert summary.auto_filter.ref == "A1:I5"
    # widths fit Chinese: a CJK character counts two columns
    assert summary.column_dimensions["A"].width == display_width("示例乡人民政府") + 2 == 16
    assert summary.column_dimensions["B"].width == 6  # "年度" and 2022: the minimum
    assert summary.column_dimensions["I"].width == 60  # long messages: capped
    findings = book["问题明细"]
    frows = [list(r) for r in findings.iter_rows(values_only=True)]
    assert frows[0] == FINDING_HEADER
    expected = []
    for name, report in _reports().items():
        for f in check(report).findings:
            severity = "错误" if f.severity == "error" else "警告"
            expected.append([str(folder / name), report.agency, report.year, severity, f.code, f.message,
                             "、".join(f"{c}" for c in f.cells) or None])  # fmt: skip
    assert frows[1:] == expected
    assert len(expected) > 10
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:G{len(expected) + 1}"
    assert findings.column_dimensions["F"].width == 60


def missing_elements(report: Report, result: CheckResult) -> int:
    """Stand-in for the content check: a module-level function, as the worker processes need."""
    return len(report.parts["五"].blocks)


def score(report: Report, result: CheckResult) -> str:
    if report.agency == "示例乡人民政府":
        raise ValueError("a broken assessment must not cost the row")
    return f"{100 - 10 * len(result.errors)}"


COLUMNS = (AssessmentColumn("缺少要素", missing_elements), AssessmentColumn("自查得分", score))


@pytest.mark.parametrize("workers", [1, 2])
def test_assessment_columns_are_filled_by_their_functions(tmp_path: Path, workers: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    reports = _reports()
    for i in range(18):  # 16 or more: the worker processes check them
        name = list(reports)[i % 3]
        write_native(reports[name], folder / f"{i:02d}{name}")
    out = tmp_path / "s.xlsx"
    run_batch_check([folder], out, False, workers=workers, out=io.StringIO(), progress=io.StringIO(), columns=COLUMNS)
    rows = list(load_workbook(out)["汇总"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 18
    for row in rows:
        report = reports[Path(row[7]).name[2:]]
        errors = len(check(report).errors)
        assert row[5] == len(report.parts["五"].blocks)
        assert row[6] == (None if report.agency == "示例乡人民政府" else str(100 - 10 * errors))


def test_csv_summary_carries_the_assessment_columns_after_its_own(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    run_batch_check([folder], out, False, out=io.StringIO(), progress=io.StringIO(), columns=COLUMNS)
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "文件,机关,年度,格式,错误,警告,主要问题,缺少要素,自查得分"
    broken = next(line for line in lines if "broken.gkreport" in line)
    assert broken.endswith(",,")  # an unreadable file: the two columns blank
    example = next(line for line in lines if "a-交口县" in line)
    assert example.endswith(f",{len(example_report().parts['五'].blocks)},100")


def _run_check(args: list[str], stderr: int) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "gkdesk", "check", *args],
        check=False,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=env,
        timeout=120,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
def test_progress_line_on_a_real_terminal_and_nothing_in_a_pipe(folder: Path, tmp_path: Path) -> None:
    import pty

    master, slave = pty.openpty()
    try:
        done = _run_check([str(folder), "--summary", str(tmp_path / "t.xlsx")], stderr=slave)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert done.returncode == 1
    # overwritten in place: each count after a carriage return, one newline at the end (the terminal adds \r)
    assert seen.decode("utf-8") == "".join(f"\r已检查 {i}/4" for i in range(1, 5)) + "\r\n"
    piped = _run_check([str(folder), "--summary", str(tmp_path / "p.xlsx")], stderr=subprocess.PIPE)
    assert piped.returncode == 1
    assert piped.stderr == b""
    assert piped.stdout.decode("utf-8").splitlines()[0] == "共检查 4 个文件：2 个有错误（其中 1 个无法读取）"
