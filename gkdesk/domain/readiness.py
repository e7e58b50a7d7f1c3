"""Whether a report may go out as final (正式版), and why not: the sign-off policy, one place for every writer.

A final export is refused while the report is not signed off, lacks a table, holds cells not read from the source,
or has any error finding; otherwise exports are marked 草稿. The file layer (``gkdesk.io.files``) enforces it.
"""

from __future__ import annotations

from gkdesk.domain.forms import FORM_PART
from gkdesk.domain.report import Report


def readiness_problems(report: Report) -> list[str]:
    """Why a final export is refused (empty when it may go out as final)."""
    from gkdesk.domain.checker import check, unread_cells  # not at import: the window opens a report without it

    problems: list[str] = []
    if not report.signed_off:
        problems.append("报告尚未签发")
    problems.extend(
        f"第{FORM_PART[form_id]}部分缺少统计表" for form_id, table in report.tables.items() if not table.present
    )
    for form_id, cells in unread_cells(report).items():
        definition = report.tables[form_id].form
        problems.append(
            f"第{FORM_PART[form_id]}项表格有 {len(cells)} 个单元格未能从原文读取（如{definition.describe(cells[0])}），"
            "请按原文填写"
        )
    # the unread cells are named once, by the line above, not again by their UNREAD finding
    problems.extend(f"{f.code} {f.message}" for f in check(report).errors if f.code != "UNREAD")
    return problems


def is_draft(report: Report) -> bool:
    return bool(readiness_problems(report))
