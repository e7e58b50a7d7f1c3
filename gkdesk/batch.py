"""Reviewers' tools over many reports: ``gkdesk check DIR --summary CSV`` and ``gkdesk merge``.

Decisions:
- A folder contributes every .docx/.doc/.wps/.odt/.txt/.pdf/.gkreport under it (recursively, sorted; Word lock files
  "~$…" and hidden files skipped), and every .rtf as an unreadable row; a file named explicitly is always tried.
- An unreadable file gets a row with the reason (错误 left empty) and the run goes on. It counts as a failed report:
  exit 1 when any report has errors or could not be read, 0 when all are clean; exit 2 only when the run itself
  fails (nothing to check, the summary cannot be written).
- The summary CSV is UTF-8 with BOM so Excel on Chinese Windows opens it, written atomically.
- Many files are checked in a process pool (one worker per core, chunked); few files in this process, where
  starting workers would cost more than it saves. Output: one line per report, or with ``--summary`` only the
  tally (the rows are in the table). A progress line goes to stderr only when it is a terminal and the per-report
  lines do not go to that same terminal.
- ``--summary out.xlsx`` writes the same rows as a workbook (``gkdesk.summary_xlsx``): the reviewers' columns
  (机关, 年度, 格式, 错误, 警告, 缺少要素, 自查得分, 文件, 主要问题) and a second sheet with every finding. 缺少要素 and
  自查得分 come from ``ASSESSMENT_COLUMNS``: each is a title and an optional function of the report and its check
  result; with none the column is there and blank. The functions travel to the worker processes by reference (a
  module-level function), so they work with Windows' spawned workers too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from gkdesk.batch_rows import ColumnValue, ReportRow
from gkdesk.domain import revisions
from gkdesk.domain.checker import CheckResult, Finding, check
from gkdesk.domain.merge import MergeError, merge_reports
from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import GkError
from gkdesk.io.files import load_report, save_report
from gkdesk.io.native import SUFFIX as NATIVE_SUFFIX

BATCH_SUFFIXES = (".docx", ".doc", ".wps", ".odt", ".txt", ".pdf", NATIVE_SUFFIX)
# Reports a reviewer receives in formats gkdesk cannot read: listed as unreadable rows with the reason (save as
# .docx), never silently left out of the summary.
LISTED_UNREADABLE_SUFFIXES = (".rtf",)
SUMMARY_COLUMNS = ("文件", "机关", "年度", "格式", "错误", "警告", "主要问题")
TOP_FINDINGS = 3
PARALLEL_FROM = 16  # fewer files than this are checked in-process
SUMMARY_XLSX_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class AssessmentColumn:
    """A column of the .xlsx summary computed from each report by another module (content check, self-assessment).

    ``compute`` must be a module-level function (picklable by reference for the worker processes); without one the
    column is written blank. A compute that raises leaves its cell blank rather than losing the report's row.
    """

    title: str
    compute: Callable[[Report, CheckResult], ColumnValue] | None = None


def missing_elements_cell(report: Report, result: CheckResult) -> str:
    """The required elements the report lacks, in Chinese, for the reviewer (gkdesk.domain.elements)."""
    from gkdesk.domain.assessment import self_assess

    return "、".join(self_assess(report, result).missing_labels)


def score_cell(report: Report, result: CheckResult) -> int:
    """The project's own self-check score out of 100 (gkdesk.domain.assessment; never an official score)."""
    from gkdesk.domain.assessment import self_assess

    return self_assess(report, result).score


ASSESSMENT_COLUMNS: tuple[AssessmentColumn, ...] = (
    AssessmentColumn("缺少要素", missing_elements_cell),
    AssessmentColumn("自查得分", score_cell),
)


def top_findings(result: CheckResult) -> list[Finding]:
    """What the summary's 主要问题 shows: errors first, then the consistency rules' warnings (R1…R10), then the
    rest (required elements, vague text), each in the checker's order."""
    ranked = sorted(result.findings, key=lambda f: (f.severity != "error", not re.fullmatch(r"R\d+", f.code)))
    return ranked[:TOP_FINDINGS]


def _format_name(report: Report) -> str:
    if report.is_mixed_format:
        return "混用"
    return revisions.display_name(report.format)


def _assess(column: AssessmentColumn, report: Report, result: CheckResult) -> ColumnValue:
    if column.compute is None:
        return None
    try:
        return column.compute(report, result)
    except Exception:  # another module's column must not cost the reviewer the report's row
        return None


def check_file(
    path: str, with_findings: bool = True, columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS
) -> ReportRow:
    """Read and check one file; never raises, so one bad file cannot stop a batch.

    ``with_findings=False`` leaves out the full findings (only JSON output and the .xlsx findings sheet need them):
    less to send back from the worker processes.
    """
    try:
        report = load_report(path)
        result = check(report)
    except GkError as exc:
        return ReportRow(path, failure=str(exc))
    except Exception as exc:  # any importer bug must become a row, not end the reviewer's run
        return ReportRow(path, failure=f"读取时出现内部错误（{type(exc).__name__}）")
    return ReportRow(
        path,
        agency=report.agency or "",
        year=report.year,
        format=_format_name(report),
        errors=len(result.errors),
        warnings=len(result.warnings),
        top=tuple(f"{f.code} {f.message}" for f in top_findings(result)),
        findings=tuple(f.as_json() for f in result.findings) if with_findings else (),
        assessed=tuple(_assess(column, report, result) for column in columns),
    )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to check: folders expanded to their report files, explicit files kept as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (
                p
                for p in path.rglob("*")
                if p.suffix.lower() in (*BATCH_SUFFIXES, *LISTED_UNREADABLE_SUFFIXES)
                and p.is_file()
                and not p.name.startswith(("~$", "."))
            )
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def _check_all(
    files: list[str], workers: int, with_findings: bool, columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS
) -> Iterator[ReportRow]:
    task = partial(check_file, with_findings=with_findings, columns=columns)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        yield from map(task, files)
        return
    chunksize = max(1, min(32, len(files) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(task, files, chunksize=chunksize)


def write_summary(
    rows: list[ReportRow], path: Path, columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS
) -> None:
    """The summary table by suffix: .xlsx (two sheets), anything else CSV."""
    if path.suffix.lower() == SUMMARY_XLSX_SUFFIX:
        from gkdesk.summary_xlsx import write_summary_xlsx

        write_summary_xlsx(rows, path, tuple(column.title for column in columns))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [*SUMMARY_COLUMNS, *(column.title for column in columns)]
    writer.writerow(header)
    writer.writerows((cells := row.csv_row()) + [""] * (len(header) - len(cells)) for row in rows)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8-sig"), keep_backup=False)


def run_batch_check(
    paths: list[Path],
    summary: Path | None,
    as_json: bool,
    *,
    workers: int | None = None,
    out: TextIO | None = None,
    progress: TextIO | None = None,
    columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS,
) -> int:
    """Check every report under ``paths``; one line (or JSON object) per report, optionally a summary CSV."""
    out = out or sys.stdout
    progress = progress or sys.stderr
    if summary is not None and not (summary.parent if str(summary.parent) else Path(".")).is_dir():
        raise GkError(f"无法写入汇总表“{summary}”：文件夹不存在")
    files = [str(p) for p in collect_files(paths)]
    if not files:
        raise GkError("没有找到要检查的报告文件（.docx、.txt、.pdf 或 .gkreport）")
    # One line per report unless they go to the summary table; the progress line only where it does not get
    # mixed with those lines on the same terminal.
    per_report = not as_json and summary is None
    show_progress = progress.isatty() and not (per_report and out.isatty())
    rows: list[ReportRow] = []
    xlsx = summary is not None and summary.suffix.lower() == SUMMARY_XLSX_SUFFIX
    for row in _check_all(files, workers or os.cpu_count() or 1, with_findings=as_json or xlsx, columns=columns):
        rows.append(row)
        if per_report:
            out.write(row.text_line() + "\n")
        if show_progress:
            progress.write(f"\r已检查 {len(rows)}/{len(files)}")
            progress.flush()
    if show_progress:
        progress.write("\n")
    if as_json:
        out.write(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2) + "\n")
    if summary is not None:
        write_summary(rows, summary, columns)
    failed = sum(1 for row in rows if row.failed)
    unreadable = sum(1 for row in rows if row.failure is not None)
    if not as_json:
        out.write(f"共检查 {len(rows)} 个文件：{failed} 个有错误（其中 {unreadable} 个无法读取）\n")
        if summary is not None:
            out.write(f"汇总表已写入：{summary}\n")
    return 1 if failed else 0


def merge_files(paths: list[Path], agency: str | None, *, allow_errors: bool = False) -> Report:
    """Load and sum the reports in ``paths`` (folders expanded); every refusal is a GkError naming the file.

    The window's 文件 → 汇总多个报告 and ``gkdesk merge`` both use this.
    """
    files = collect_files(paths)
    seen: set[Path] = set()
    for file in files:
        key = file.resolve()
        if key in seen:
            raise GkError(f"“{file}”重复列出，同一报告不能汇总两次")
        seen.add(key)
    reports: list[Report] = []
    for file in files:
        try:
            report = load_report(file)
        except GkError as exc:
            raise GkError(f"{file}: {exc}") from exc
        report.source_file = str(file)
        reports.append(report)
    try:
        return merge_reports(reports, agency, allow_errors=allow_errors)
    except MergeError as exc:
        raise GkError(str(exc)) from exc


def run_merge(
    paths: list[Path], output: Path, agency: str | None, *, allow_errors: bool = False, out: TextIO | None = None
) -> int:
    """``gkdesk merge``: sum the reports in ``paths`` into ``output`` (.gkreport)."""
    out = out or sys.stdout
    if output.suffix.lower() != NATIVE_SUFFIX:
        raise GkError("汇总报告请保存为 .gkreport 文件")
    files = collect_files(paths)
    merged = merge_files(files, agency, allow_errors=allow_errors)
    save_report(merged, output)
    out.write(f"已汇总 {len(files)} 个报告，写入 {output}（{check(merged).summary()}）\n")
    return 0
