"""Summing several reports of one year into one (a county's region-wide report from its departments and townships).

Decisions:
- Tables 三 and 四 are summed cell by cell; table 二 sums every count cell (issued, repealed, in_force, decisions)
  and the fee amount (Decimal, so no digit is lost). Sums of consistent tables are consistent, so totals are not
  recomputed (a test asserts it).
- The result is always in the 2021 format: a source table in the 2019 trial format is converted first with
  ``rollover.migrate_table`` (table 三/四 losslessly; table 二 cells without a 2021 counterpart are listed in the
  merged report's import_log, naming the source).
- Refused (``MergeError``): no sources, mixed years, and sources whose check finds errors (named, with their first
  error) unless ``allow_errors``; then the errors are logged as warnings in the merged report.
- A source's missing table (``present=False``) adds nothing and is logged; the merged table is present when any
  source has it. Narrative parts start empty: the region-wide report is written by the county itself.
- A cell a source's importer could not read (``unread_cells``, kept through the 2019 conversion) is no figure: its
  placeholder is never added, and the merged cell is unread (placeholder 0, UNREAD until the clerk types the
  total), also where other sources did read theirs. Such a source is refused like any with errors unless
  ``allow_errors``; the import_log then names, per source and table, the cells that made the merged ones unread.
- The merged report's import_log lists every source; its history gets one "merged" entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import PurePath

from gkdesk.domain.checker import check
from gkdesk.domain.forms import FORM_IDS, FORM_PART, FormId
from gkdesk.domain.refs import format_ref
from gkdesk.domain.report import HistoryEntry, ImportLogEntry, Report, TableData, new_report
from gkdesk.domain.rollover import migrate_table
from gkdesk.errors import GkError


class MergeError(GkError, ValueError):
    """Reports that cannot be summed; the message says which and why, in Chinese."""


def source_name(report: Report, index: int) -> str:
    """How messages name a source: its agency and file name, whichever are known."""
    file = PurePath(report.source_file).name if report.source_file else ""
    agency = report.agency or ""
    if agency and file:
        return f"{agency}（{file}）"
    return agency or file or f"第 {index + 1} 个报告"


def _check_sources(reports: list[Report], names: list[str], allow_errors: bool) -> list[ImportLogEntry]:
    bad: list[str] = []
    log: list[ImportLogEntry] = []
    for report, name in zip(reports, names, strict=True):
        errors = check(report).errors
        if not errors:
            continue
        first = f"{errors[0].code} {errors[0].message}"
        bad.append(f"{name}：{len(errors)} 个错误，如 {first}")
        log.append(ImportLogEntry(level="warning", message=f"来源“{name}”有 {len(errors)} 个错误，仍计入汇总：{first}"))
    if bad and not allow_errors:
        raise MergeError("以下报告有错误，请先改正后再汇总：" + "；".join(bad))
    return log


def _check_years(reports: list[Report], names: list[str]) -> int:
    by_year: dict[int, list[str]] = defaultdict(list)
    for report, name in zip(reports, names, strict=True):
        by_year[report.year].append(name)
    if len(by_year) > 1:
        listing = "；".join(f"{year} 年：{'、'.join(n)}" for year, n in sorted(by_year.items()))
        raise MergeError(f"不能汇总不同年度的报告（{listing}）")
    return next(iter(by_year))


def _unread_note(name: str, form_id: FormId, table: TableData) -> ImportLogEntry:
    """Which cells of a source (converted to 2021) were not read, so the merged ones are unread."""
    order = {c: i for i, c in enumerate(table.form.cell_ids())}
    cells = sorted(table.unread_cells, key=lambda c: order.get(c, len(order)))
    more = f"等 {len(cells)} 个单元格" if len(cells) > 1 else ""
    return ImportLogEntry(
        level="warning",
        message=f"来源“{name}”的{table.form.describe(cells[0])}{more}未能从原文读取，未计入汇总；"
        "汇总表中对应单元格标为未读，请按该来源原文填写合计",
        cells=[format_ref(form_id, c) for c in cells],
    )


def merge_reports(reports: list[Report], agency: str | None = None, *, allow_errors: bool = False) -> Report:
    """The cell-wise sum of same-year reports, each checked first; see the module docstring for the rules."""
    if not reports:
        raise MergeError("没有要汇总的报告")
    names = [source_name(r, i) for i, r in enumerate(reports)]
    year = _check_years(reports, names)
    log = [ImportLogEntry(level="recognised", message=f"汇总自 {len(reports)} 个 {year} 年度报告：" + "、".join(names))]
    log.extend(_check_sources(reports, names, allow_errors))
    merged = new_report(agency, year)
    for form_id in FORM_IDS:
        total = merged.tables[form_id]
        total.present = False
        unread: set[str] = set()
        for report, name in zip(reports, names, strict=True):
            source = report.tables[form_id]
            if not source.present:
                log.append(
                    ImportLogEntry(level="warning", message=f"来源“{name}”缺少第{FORM_PART[form_id]}项表格，未计入")
                )
                continue
            table, notes = migrate_table(source, merged.tables[form_id].variant)
            log.extend(
                ImportLogEntry(level=n.level, message=f"来源“{name}”：{n.message}", cells=n.cells) for n in notes
            )
            total.present = True
            skipped = set(table.unread_cells)  # a placeholder is no figure: never summed
            for cell_id, value in table.counts.items():
                if cell_id not in skipped:
                    total.counts[cell_id] += value
            for cell_id, amount in table.amounts.items():
                if cell_id not in skipped:
                    total.amounts[cell_id] += amount
            if skipped:
                unread.update(skipped)
                log.append(_unread_note(name, form_id, table))
        # a sum missing a part is no figure either: the merged cell is unread, under a placeholder 0
        for cell_id in total.form.cell_ids():
            if cell_id in unread:
                total.set(cell_id, Decimal(0) if cell_id in total.amounts else 0)
                total.mark_unread([cell_id])
    merged.import_log = log
    merged.history.append(HistoryEntry(action="merged", when=dt.datetime.now(), note=f"汇总 {len(reports)} 个报告"))
    return merged
