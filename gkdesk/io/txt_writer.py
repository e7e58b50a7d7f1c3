"""The .txt export: the report for pasting into a website's editor or a plain-text archive.

Same order of parts as the .docx, one paragraph per line (the title too: no balanced line breaks in plain text), each table row on one line with its cells separated by
a TAB (one TAB-separated position per grid column, a merged cell's text in its first position), UTF-8 with BOM and
CRLF line ends so Windows Notepad shows it correctly. A draft says so on its first line (``DRAFT_MARK``), which the
reader drops. Re-importable by ``gkdesk.io.txt_reader``.
"""

from __future__ import annotations

import os

from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.export_layout import (
    AddresseeItem,
    BlankItem,
    LayoutOptions,
    ParagraphItem,
    SignatureItem,
    TableItem,
    TitleItem,
    report_items,
    table_text_rows,
)

BOM = "\ufeff"
DRAFT_MARK = "草稿（未签发）"  # the first line of a draft; the text reader knows it is not the title


def _one_line(text: str) -> str:
    """A paragraph is one line: stray line breaks inside it become spaces, so it does not split on re-import."""
    return " ".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _cell(text: str) -> str:
    return _one_line(text).replace("\t", " ")


def report_to_text(report: Report, *, draft: bool = False, options: LayoutOptions | None = None) -> str:
    """The text of the export with ``\\n`` line ends (``write_txt`` adds the BOM and CRLF)."""
    lines: list[str] = [DRAFT_MARK] if draft else []
    for item in report_items(report, options):
        if isinstance(item, TitleItem):
            # Plain text has no typography: the title stays one line unless the report itself breaks it.
            lines.extend(_one_line(line) for line in item.text.split("\n") if line.strip())
        elif isinstance(item, BlankItem):
            lines.append("")
        elif isinstance(item, AddresseeItem):
            lines.append(_one_line(item.text))
        elif isinstance(item, ParagraphItem):
            lines.append(_one_line(item.plain_text))
        elif isinstance(item, TableItem):
            lines.extend("\t".join(_cell(text) for text in row) for row in table_text_rows(item.table))
        elif isinstance(item, SignatureItem):
            lines.extend(line for line in (item.agency, item.date) if line)
    return "\n".join(lines) + "\n"


def write_txt(
    report: Report, path: str | os.PathLike[str], *, draft: bool = False, options: LayoutOptions | None = None
) -> None:
    """UTF-8 with BOM, CRLF: written atomically, a locked target raises ReportWriteError and keeps the old file.

    ``draft`` (as ``gkdesk.io.files.save_report`` decides it) puts the draft mark on the first line."""
    text = BOM + report_to_text(report, draft=draft, options=options).replace("\n", "\r\n")
    atomic_write_bytes(path, text.encode("utf-8", errors="replace"))
