"""Reading a report from a .txt file or from pasted text.

Three shapes of tables are met in the wild and all three are read here: one row per line with TAB-separated cells
(our own .txt export, copies from Word); one cell per line with rows separated by blank lines (copies from web
pages, each cell line starting with a TAB); and columns aligned with spaces (PDF-to-text). Cells ended by runs of
bare CRs (``recognise/separators``) and cells between vertical bars (``recognise/pipes``) are first turned into
one of these. Each becomes ``Row`` items for ``gkdesk.io.recognise.structure``; everything else is a paragraph.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from gkdesk.domain.forms import APPLICATION_COLUMNS
from gkdesk.domain.report import Report
from gkdesk.io.encoding import ENCODING_NAMES, decode_text
from gkdesk.io.errors import ReportReadError
from gkdesk.io.html_text import html_to_text, looks_like_html
from gkdesk.io.recognise.labels import (
    digit_groups,
    header_words,
    match_label,
    norm_label,
    split_label_digits,
)
from gkdesk.io.recognise.lines import MAX_ROW_CHARS, SPACE_SPLIT, SPACES, cell_kind, is_table_word, space_row
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.pipes import pipe_rows
from gkdesk.io.recognise.separators import tab_rows
from gkdesk.io.recognise.structure import Item, Para, Row, build_report, match_part
from gkdesk.io.recognise.traditional import is_traditional, simplified_note, to_simplified, traditional_count
from gkdesk.io.recognise.vocabulary import CAPTION
from gkdesk.io.sniff import MAX_TEXT_BYTES, read_limited, refuse_kind, refuse_unsupported, size_and_kind

_CONTINUATION_MAX = 16
MAX_LINES = 20_000  # a long report has about 500; beyond this the text is something else (or an attack)


def _is_narrative(cell: str) -> bool:
    """A long sentence that only looks like a cell because the line was indented with a TAB."""
    return len(cell) > 25 and any(ch in cell for ch in "。，；")


_NUMBER_TOKEN = re.compile(r"(?<!\S)[+-]?\d[\d,]*(?:\.\d+)?(?!\S)")


def _rows_wrapped_in_layout(lines: list[str]) -> list[str]:
    """PDF layout text wraps a long row over lines, its figures split between them ("… 0" / "… 0 0 0 0 0 0").

    The columns are where the figures of complete rows end (the same character offsets on every line); lines whose
    figures fall in complementary columns of table 三 are joined into one TAB row, each figure in its column.
    """
    tokens = [[(m.end(), m.group()) for m in _NUMBER_TOKEN.finditer(line)] for line in lines]
    full = Counter(tuple(end for end, _t in row) for row in tokens if len(row) == len(APPLICATION_COLUMNS))
    if not full:
        return lines
    anchors, seen = full.most_common(1)[0]
    if seen < 3:
        return lines

    def columns(row: list[tuple[int, str]]) -> list[int] | None:
        found: list[int] = []
        for end, _text in row:
            column = next((c for c, anchor in enumerate(anchors) if abs(anchor - end) <= 1), None)
            if column is None or (found and column <= found[-1]):
                return None
            found.append(column)
        return found

    out: list[str] = []
    i = 0
    while i < len(lines):
        cols = columns(tokens[i]) if 0 < len(tokens[i]) < len(anchors) else None
        if cols is None:
            out.append(lines[i])
            i += 1
            continue
        group = [(i, cols)]
        filled = set(cols)
        j = i + 1
        while j < len(lines) and len(filled) < len(anchors):
            more = columns(tokens[j]) if 0 < len(tokens[j]) < len(anchors) else None
            if more is None or filled & set(more):
                break
            group.append((j, more))
            filled |= set(more)
            j += 1
        if len(filled) < len(anchors) or len(group) < 2:
            out.append(_with_blank_columns(lines, tokens, i, cols, len(anchors)))
            i += 1
            continue
        figures = [""] * len(anchors)
        extra: list[str] = []
        label = ""
        for k, cols_k in group:
            start = tokens[k][0][0] - len(tokens[k][0][1])
            fields = [f for f in SPACE_SPLIT.split(lines[k][:start].strip(SPACES)) if f]
            if fields:
                extra.extend(fields[:-1])
                label += fields[-1]
            for column, (_end, text) in zip(cols_k, tokens[k], strict=True):
                figures[column] = text
        out.append("\t".join([*extra, label, *figures]))
        i = j
    return out


def _with_blank_columns(lines: list[str], tokens: list[list[tuple[int, str]]], i: int, cols: list[int], n: int) -> str:
    """A labelled row whose figures stand in some of the columns only: the others are blank in the source (a PDF
    prints nothing there), so the row becomes TAB cells with those left empty. Not when the next line holds figures
    without a label of its own (the row may go on there)."""
    start = tokens[i][0][0] - len(tokens[i][0][1])
    label = lines[i][:start].strip(SPACES)
    following = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
    if following is not None and tokens[following]:
        first = tokens[following][0][0] - len(tokens[following][0][1])
        if not lines[following][:first].strip(SPACES):
            return lines[i]
    fields = [f for f in SPACE_SPLIT.split(label) if f]
    if not fields or cell_kind(fields[-1]) != "label":
        return lines[i]
    figures = [""] * n
    for column, (_end, text) in zip(cols, tokens[i], strict=True):
        figures[column] = text
    return "\t".join([*fields, *figures])


def _join_split_cells(lines: list[str]) -> list[str]:
    """Header cells printed over two lines ("结果" / "维持") as one line, when together they are a header."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            i + 1 < len(lines)
            and 0 < len(line.strip()) <= 6
            and 0 < len(lines[i + 1].strip()) <= 8
            and not (is_table_word(line) and is_table_word(lines[i + 1]))
            and cell_kind(line) != "value"
            and is_table_word(line.strip() + lines[i + 1].strip())
        ):
            out.append(line.strip() + lines[i + 1].strip())
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _cells_without_tabs(lines: list[str]) -> list[str]:
    """A table copied as one cell per line without any TAB: runs of label and number lines become TAB rows,
    a new row starting at each label that follows a number."""
    lines = _join_split_cells(lines)
    every_kind = [cell_kind(line) for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and every_kind[j] is not None:
            j += 1
        kinds = every_kind[i:j]
        if j - i >= 2 and "value" in kinds and "label" in kinds:
            row: list[str] = []
            previous: str | None = None
            for line, kind in zip(lines[i:j], kinds, strict=True):
                if kind == "label" and previous == "value":
                    out.append("\t".join(row))
                    row = []
                row.append(line.strip(SPACES))
                previous = kind
            out.append("\t".join(row))
            i = j
            continue
        if j - i >= 2 and all(k == "label" for k in kinds) and all(is_table_word(x) for x in lines[i:j]):
            out.append("\t".join(x.strip(SPACES) for x in lines[i:j]))
            i = j
            continue
        out.extend(lines[i : max(j, i + 1)])  # no table here: the whole run stays as it was
        i = max(j, i + 1)
    return out


def _is_part_heading(text: str) -> bool:
    return bool(text) and len(text) <= 60 and match_part(Para(text)) is not None


def text_to_items(text: str) -> list[Item]:
    """Paragraphs and table rows of a plain text, whatever shape its tables have."""
    as_rows = tab_rows(text, _is_part_heading)
    if as_rows is not None:  # a scraper's copy of a Word table: cells and rows ended by runs of bare CRs
        text = as_rows
    else:
        text = pipe_rows(text) or text  # a crawler's or Markdown copy of a web table: cells between bars
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        raise ReportReadError(f"文字有 {len(lines)} 行，远超一份年度报告的篇幅，不像年度报告，已拒绝导入")
    # a line far longer than any table row is text, however many TABs or spaces it holds
    lines = [line if len(line) <= MAX_ROW_CHARS else line.replace("\t", " ") for line in lines]
    tab_lines = sum(1 for line in lines if "\t" in line)
    space_mode = tab_lines < 5
    if space_mode:
        lines = _cells_without_tabs(_rows_wrapped_in_layout(lines))
    items: list[Item] = []
    pending: list[str] = []
    previous = "blank"  # blank | cell | row | text

    def flush() -> None:
        if not pending:
            return
        if len(pending) == 1 and _is_narrative(pending[0]):
            items.append(Para(pending[0]))
        else:
            items.append(Row(list(pending)))
        pending.clear()

    for line in lines:
        if not line.strip(SPACES + "\t\ufeff") and "\t" not in line:
            flush()
            previous = "blank"
            continue
        if "\t" in line:
            body = line.lstrip(" \u3000")
            if body.startswith("\t") and body.count("\t") == 1:
                cell = body[1:].strip()
                if previous == "row" and _is_narrative(cell):
                    items.append(Para(cell))
                    previous = "text"
                    continue
                pending.append(body[1:])
                previous = "cell"
                continue
            flush()
            cells = [c.strip() for c in body.split("\t")]
            if len(cells) == 2 and not cells[0] and _is_narrative(cells[1]):
                items.append(Para(cells[1]))
                previous = "text"
                continue
            items.append(Row(cells))
            previous = "row"
            continue
        stripped = line.strip(SPACES + "\ufeff")
        if previous == "cell" and pending and len(stripped) <= _CONTINUATION_MAX and match_part(Para(stripped)) is None:
            pending[-1] = pending[-1].rstrip() + stripped
            continue
        flush()
        fields = space_row(line) if space_mode else None
        if fields is not None:
            items.append(Row(fields))
            previous = "row"
            continue
        items.append(Para(stripped))
        previous = "text"
    flush()
    _run_together_rows(items)
    _fragments_between_rows(items)
    return items


def _run_together_rows(items: list[Item]) -> None:
    """Lines copied from a web table whose cells ran together: a row label followed by digits, or a line of
    digits right after table rows, become rows for the table reader to split by the consistency rules."""
    for i, item in enumerate(items):
        if not isinstance(item, Para):
            continue
        headers = header_words(item.text)
        if headers is not None or (CAPTION.search(norm_label(item.text)) and len(item.text) <= 20):
            items[i] = Row(headers or [item.text])
            continue
        run = split_label_digits(item.text)
        if run is not None:
            target, score = match_label(run[0])
            if target is not None and score >= 0.9 and not target.row_id.startswith("group:"):
                items[i] = Row([item.text])
        elif i and isinstance(items[i - 1], Row) and digit_groups(item.text):
            items[i] = Row([item.text])


def _is_fragment(item: Item) -> bool:
    return (
        isinstance(item, Para)
        and 0 < len(item.text) <= _CONTINUATION_MAX
        and not any(ch in item.text for ch in "。，；：")
        and bool(re.search(r"[\u4e00-\u9fff]", item.text))
    )


def _fragments_between_rows(items: list[Item]) -> None:
    """Short lines between two table rows (up to three) are pieces of wrapped labels ("复申请"), not paragraphs."""
    i = 1
    while i < len(items) - 1:
        if not (isinstance(items[i - 1], Row) and _is_fragment(items[i])):
            i += 1
            continue
        j = i
        while j < len(items) and j - i < 3 and _is_fragment(items[j]):
            j += 1
        if j < len(items) and isinstance(items[j], Row):
            for k in range(i, j):
                items[k] = Row([f for f in SPACE_SPLIT.split(items[k].text) if f])  # type: ignore[union-attr]
        i = j + 1


def read_text_report(text: str, source_name: str = "", log: ImportLog | None = None) -> Report:
    """A report from text already in memory (pasted from a web page, a PDF viewer, Word)."""
    if not text.strip():
        raise ReportReadError("没有可导入的文字：粘贴的内容为空")
    log = log or ImportLog()
    if looks_like_html(text):
        text = html_to_text(text)
        log.recognised("网页：已按网页中的段落和表格读取")
    if is_traditional(text):  # a site's 繁體 copy: read as the simplified report it was made from
        log.recognised(simplified_note(traditional_count(text)[0]))
        text = to_simplified(text)
    report = build_report(text_to_items(text), source_name or "粘贴的文本", log)
    report.source_file = source_name or None  # pasted text has no file to go back to
    return report


def read_txt_file(path: str | os.PathLike[str]) -> Report:
    """A report from a text file in any common encoding; other files in disguise go to their own reader."""
    file = Path(path)
    size, kind = size_and_kind(file)
    if kind in ("zip", "odt", "pdf", "native", "ole", "mhtml"):  # another format under a text name: its own reader
        from gkdesk.io.readers import route

        return route(file).load(file)
    if kind == "rtf":
        refuse_unsupported(file, kind)
    if kind in ("empty", "image", "binary"):
        refuse_kind(file, kind, "文本")
    data = read_limited(file, size, MAX_TEXT_BYTES, "文本")
    notes: list[str] = []
    text, encoding = decode_text(data, file.name, notes)
    log = ImportLog()
    log.recognised(f"文本编码：{ENCODING_NAMES.get(encoding, encoding)}")
    for note in notes:
        log.warning(note)
    report = read_text_report(text, file.name, log)
    report.source_file = str(file)
    return report
