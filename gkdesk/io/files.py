"""Opening and saving by file type: the one entry point the CLI and the window both use."""

from __future__ import annotations

import os
from pathlib import Path

from gkdesk.domain.checker import check, unread_cells
from gkdesk.domain.forms import FORM_PART
from gkdesk.domain.report import Report
from gkdesk.io import readers
from gkdesk.io.errors import NotReadyError, ReportWriteError
from gkdesk.io.export_layout import LayoutOptions, layout_notes
from gkdesk.io.native import SUFFIX as NATIVE_SUFFIX
from gkdesk.io.native import write_native

EXPORT_SUFFIXES = (".docx", ".txt", ".html", ".htm")


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read any supported file into a report (the reader chosen by ``gkdesk.io.readers``); every failure is a
    ReportReadError with a Chinese message."""
    return readers.load(path)


def readiness_problems(report: Report) -> list[str]:
    """Why a final export is refused (empty when it may go out as final)."""
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


def suggested_export_name(report: Report, suffix: str) -> str:
    base = report.title or report.default_title()
    base = "".join(ch for ch in base if ch not in '\\/:*?"<>|').strip() or "政府信息公开工作年度报告"
    return f"{base}{'（草稿）' if is_draft(report) else ''}{suffix}"


def save_report(
    report: Report, path: str | os.PathLike[str], *, final: bool = False, options: LayoutOptions | None = None
) -> list[str]:
    """Save natively or export by suffix; a final export refuses a report that is not ready. Returns the export
    log (``gkdesk.io.export_layout.layout_notes``; empty for a native save). PDF is the render layer's
    (``gkdesk.render.pdf.save_pdf``), since painting needs Qt."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == NATIVE_SUFFIX:
        write_native(report, file)
        return []
    if suffix not in EXPORT_SUFFIXES:
        raise ReportWriteError(f"不支持导出为“{suffix or '无扩展名'}”，请使用 .gkreport、.docx、.txt 或 .html")
    problems = readiness_problems(report)
    if final and problems:
        raise NotReadyError("不能导出正式版：" + "；".join(problems))
    if suffix == ".docx":
        from gkdesk.io.docx_writer import write_docx

        write_docx(report, file, draft=bool(problems), options=options)
    elif suffix in (".html", ".htm"):
        from gkdesk.io.html_writer import write_html

        write_html(report, file, draft=bool(problems), options=options)
    else:
        from gkdesk.io.txt_writer import write_txt

        write_txt(report, file, draft=bool(problems), options=options)
    return layout_notes(report, options)
