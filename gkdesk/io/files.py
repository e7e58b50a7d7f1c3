"""Opening and saving by file type: the one entry point the CLI and the window both use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from gkdesk.domain.readiness import is_draft, readiness_problems
from gkdesk.domain.report import Report
from gkdesk.io import readers
from gkdesk.io.errors import NotReadyError, ReportWriteError
from gkdesk.io.native import SUFFIX as NATIVE_SUFFIX
from gkdesk.io.native import write_native

if TYPE_CHECKING:
    from gkdesk.io.export_layout import LayoutOptions

__all__ = ["EXPORT_SUFFIXES", "is_draft", "load_report", "readiness_problems", "save_report", "suggested_export_name"]

EXPORT_SUFFIXES = (".docx", ".txt", ".html", ".htm")


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read any supported file into a report (the reader chosen by ``gkdesk.io.readers``); every failure is a
    ReportReadError with a Chinese message."""
    return readers.load(path)


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
    from gkdesk.io.export_layout import layout_notes  # the writers' layout: not needed to open a report

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
