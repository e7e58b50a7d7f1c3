"""Reading a report from a PDF that has a text layer: its text with the layout kept, fed to the text reader.

pypdf's layout mode keeps table columns apart with runs of spaces, which ``gkdesk.io.txt_reader`` reads as
space-aligned rows. A scanned PDF has no text to read; the clerk is told so instead of getting an empty report.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from gkdesk.domain.report import Report
from gkdesk.io.errors import GkError, ReportReadError
from gkdesk.io.sniff import refuse_kind, sniff_file
from gkdesk.io.table_text import ImportLog

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 200


def pdf_text(path: Path) -> str:
    """The text of every page, layout kept, pages separated by form feeds."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several kinds for unsupported encryption
                raise ReportReadError(f"“{path.name}”设置了密码，请先取消密码保护后再导入") from exc
        if len(reader.pages) > MAX_PAGES:
            raise ReportReadError(f"“{path.name}”有 {len(reader.pages)} 页，不像年度报告，已拒绝导入")
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text(extraction_mode="layout"))
            except Exception:  # a page pypdf cannot lay out: fall back to plain extraction
                pages.append(page.extract_text())
    except GkError:
        raise
    except Exception as exc:  # pypdf's error types vary by version and damage; all mean "cannot read"
        raise ReportReadError(f"“{path.name}”已损坏或不是有效的 PDF 文件，无法读取") from exc
    return "\f".join(pages)


def read_pdf(path: str | os.PathLike[str]) -> Report:
    from gkdesk.io.txt_reader import read_text_report

    file = Path(path)
    kind = sniff_file(file)
    if kind != "pdf":
        refuse_kind(file, kind, " PDF")
    if file.stat().st_size > MAX_PDF_BYTES:
        raise ReportReadError(f"“{file.name}”过大（超过 50 MB），不像年度报告，已拒绝导入")
    text = pdf_text(file)
    if len("".join(text.split())) < 20:
        raise ReportReadError(
            f"“{file.name}”没有可提取的文字（可能是扫描件或图片），请使用原始的 .docx 文件，或先用 OCR 软件识别文字"
        )
    log = ImportLog()
    log.assumed("从 PDF 提取文字导入：表格按文字的排列位置识别，请逐项核对数字")
    report = read_text_report(text, file.name, log)
    report.source_file = str(file)
    return report
