"""The web page export: one self-contained UTF-8 HTML file to upload or paste into a government website's editor.

It renders the same layout items as the .docx and the .txt (``gkdesk.io.export_layout``): the same order of parts,
heading numbers and cell texts. Semantic markup for the web accessibility standard (GB/T 37668): ``lang="zh-CN"``,
``<h1>`` title, ``<h2>`` parts, ``<h3>``–``<h5>`` subsections, the three tables as real ``<table>``s with the
official ``rowspan``/``colspan``, ``<th scope>`` header and label cells and a ``<caption>``. Inline minimal CSS, no
scripts, nothing said by colour alone: a draft says 草稿 in words at the top. Re-importable by
``gkdesk.io.txt_reader`` (which reads web pages) and readable as text in a text browser.
"""

from __future__ import annotations

import os
from html import escape

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
    cell_text,
    grid_rows,
    report_items,
)
from gkdesk.io.txt_writer import DRAFT_MARK

_CSS = """\
body { font-family: "仿宋_GB2312", "仿宋", FangSong, "宋体", SimSun, "Songti SC", serif; font-size: 16pt;
  line-height: 1.8; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-family: "方正小标宋简体", "小标宋", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal;
  text-align: center; line-height: 1.5; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal; margin: 1em 0 0; }
h3, h4, h5 { font-size: 16pt; margin: 0.5em 0 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, serif; font-weight: normal; }
h4, h5 { font-weight: normal; }
p { margin: 0; text-indent: 2em; }
p.addressee, p.signature { text-indent: 0; }
p.signature { text-align: right; }
p.draft { text-indent: 0; text-align: center; font-weight: bold; font-size: 18pt; border: 2px solid #000;
  padding: 0.2em; margin-bottom: 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-family: "宋体", SimSun, serif;
  font-size: 10.5pt; line-height: 1.4; }
caption { font-weight: bold; padding: 0.3em; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
td { font-family: "Times New Roman", "宋体", SimSun, serif; }
"""


def _text(text: str) -> str:
    """Escaped text on one line (a stray line break inside a paragraph becomes a space)."""
    return escape(" ".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def _paragraph(item: ParagraphItem) -> str:
    if item.level == 1:
        return f"<h2>{_text(item.plain_text)}</h2>"
    if item.level >= 2 and not item.text:
        tag = f"h{min(item.level + 1, 5)}"
        return f"<{tag}>{_text(item.number + item.heading)}</{tag}>"
    if item.run_in:  # a run-in heading: the heading in bold, its text on the same line (as in the .docx)
        return f"<p><strong>{_text(item.number + item.heading)}</strong>{_text(item.text)}</p>"
    return f"<p>{_text(item.plain_text)}</p>"


def _table(item: TableItem) -> list[str]:
    table = item.table
    form = item.form
    out = ["<table>", f"<caption>{escape(form.title)}</caption>"]
    header_rows = form.header_rows
    for r, row in enumerate(grid_rows(form)):
        if r == 0 and header_rows:
            out.append("<thead>")
        if r == header_rows:
            if header_rows:
                out.append("</thead>")
            out.append("<tbody>")
        cells: list[str] = []
        for cell, starts_here in row:
            if not starts_here:
                continue
            span = ""
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            text = _text(cell_text(table, cell))
            if cell.role == "value":
                cells.append(f"<td{span}>{text}</td>")
            else:
                scope = "row" if cell.role == "label" else "col"
                cells.append(f'<th scope="{scope}"{span}>{text}</th>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    if header_rows >= form.n_rows:
        out.append("</thead>")
    else:
        out.append("</tbody>")
    out.append("</table>")
    return out


def report_to_html(report: Report, *, draft: bool, options: LayoutOptions | None = None) -> str:
    """The whole page as text (``write_html`` writes it)."""
    items = report_items(report, options)
    title_item = next((item for item in items if isinstance(item, TitleItem)), None)
    page_title = "".join(title_item.text.split("\n")) if title_item else report.default_title()
    body: list[str] = []
    if draft:
        body.append(f'<p class="draft">{DRAFT_MARK}</p>')
    for item in items:
        if isinstance(item, TitleItem):
            lines = [_text(line) for line in item.text.split("\n") if line.strip()]
            body.append("<h1>" + "<br>".join(lines) + "</h1>")
        elif isinstance(item, BlankItem):
            continue  # spacing is the stylesheet's job
        elif isinstance(item, AddresseeItem):
            body.append(f'<p class="addressee">{_text(item.text)}</p>')
        elif isinstance(item, ParagraphItem):
            body.append(_paragraph(item))
        elif isinstance(item, TableItem):
            body.extend(_table(item))
        elif isinstance(item, SignatureItem):
            body.extend(f'<p class="signature">{_text(line)}</p>' for line in (item.agency, item.date) if line)
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(page_title)}</title>",
        "<style>",
        _CSS.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def write_html(
    report: Report, path: str | os.PathLike[str], *, draft: bool, options: LayoutOptions | None = None
) -> None:
    """UTF-8 without BOM, LF: written atomically, a locked target raises ReportWriteError and keeps the old file."""
    html = report_to_html(report, draft=draft, options=options)
    atomic_write_bytes(path, html.encode("utf-8", errors="replace"))
