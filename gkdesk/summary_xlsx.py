"""The reviewers' summary as an Excel workbook (``gkdesk check DIR --summary out.xlsx``, the 批量检查 view).

Sheet 汇总: one row per report — 机关, 年度, 格式, 错误, 警告, the assessment columns (缺少要素, 自查得分), 文件,
主要问题 (or why the file could not be read). Sheet 问题明细: one row per finding — 文件, 机关, 年度, 级别, 代码, 说明,
单元格. Both have a frozen, bold header row and an auto filter over the whole table; column widths are measured in
display width (a Chinese character counts two), capped so a long path does not push the rest off the screen.
Numbers are written as numbers (sortable in Excel); the file is written atomically like every other output.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gkdesk.batch_rows import ColumnValue, ReportRow
from gkdesk.io.atomic import atomic_write_bytes

SUMMARY_SHEET, FINDINGS_SHEET = "汇总", "问题明细"
LEADING_COLUMNS = ("机关", "年度", "格式", "错误", "警告")
TRAILING_COLUMNS = ("文件", "主要问题")
FINDING_COLUMNS = ("文件", "机关", "年度", "级别", "代码", "说明", "单元格")
SEVERITY_NAMES = {"error": "错误", "warning": "警告"}
MIN_WIDTH, MAX_WIDTH = 6, 60


def display_width(text: str) -> int:
    """Columns a text takes in a fixed grid: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def summary_header(assessment_titles: Sequence[str]) -> tuple[str, ...]:
    return (*LEADING_COLUMNS, *assessment_titles, *TRAILING_COLUMNS)


def summary_values(row: ReportRow, n_assessed: int) -> list[ColumnValue]:
    """One report's cells of the 汇总 sheet, in ``summary_header`` order."""
    if row.failure is not None:
        blanks: list[ColumnValue] = [None] * (len(LEADING_COLUMNS) + n_assessed)
        return [*blanks, row.file, f"无法读取：{row.failure}"]
    assessed = list(row.assessed[:n_assessed]) + [None] * (n_assessed - len(row.assessed))
    leading: list[ColumnValue] = [row.agency, row.year, row.format, row.errors, row.warnings]
    return [*leading, *assessed, row.file, "；".join(row.top)]


def finding_values(row: ReportRow) -> Iterable[list[ColumnValue]]:
    for finding in row.findings:
        cells = finding.get("cells") or []
        yield [
            row.file,
            row.agency,
            row.year,
            SEVERITY_NAMES.get(str(finding.get("severity")), str(finding.get("severity"))),
            str(finding.get("code", "")),
            str(finding.get("message", "")),
            "、".join(str(c) for c in cells) if isinstance(cells, list) else str(cells),
        ]


def _fill(sheet: Worksheet, header: Sequence[str], rows: Iterable[list[ColumnValue]]) -> None:
    sheet.append(list(header))
    widths = [display_width(title) for title in header]
    for values in rows:
        sheet.append(values)
        for i, value in enumerate(values):
            if value is not None:
                widths[i] = max(widths[i], display_width(str(value)))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.max_row}"


def summary_workbook(rows: Sequence[ReportRow], assessment_titles: Sequence[str]) -> Workbook:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_SHEET
    _fill(summary, summary_header(assessment_titles), (summary_values(r, len(assessment_titles)) for r in rows))
    findings = book.create_sheet(FINDINGS_SHEET)
    _fill(findings, FINDING_COLUMNS, (values for r in rows for values in finding_values(r)))
    return book


def write_summary_xlsx(rows: Sequence[ReportRow], path: Path, assessment_titles: Sequence[str]) -> None:
    buffer = io.BytesIO()
    summary_workbook(rows, assessment_titles).save(buffer)
    atomic_write_bytes(path, buffer.getvalue(), keep_backup=False)
