"""One stream of tokens from whatever the source gave: paragraphs of text and rows of cells.

A token is a piece of label text, a number as printed (digits that ran together stay one token: only the
consistency rules may cut it), or a blank cell. ``gap`` says how firmly the source separated it from the token
before: not at all (digits glued to a label or to other digits), by a space, by a cell boundary, or by a new row
or paragraph. Numbers are never dropped here; a page footer ("-3-", "— 3 —") is the only thing skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from gkdesk.domain.values import BLANK_MARKS
from gkdesk.io.recognise.vocabulary import all_rows, norm

TokKind = Literal["text", "num", "blank"]
GAP_NONE, GAP_SPACE, GAP_CELL, GAP_ROW = 0, 1, 2, 3
Source = str | list[str]  # a paragraph, or the cells of one table row


@dataclass(frozen=True, slots=True)
class Tok:
    kind: TokKind
    text: str  # text: as printed (NFKC); num: the digits (and decimal point, sign) without separators
    gap: int
    item: int  # index of the paragraph or row it came from
    raw: str = ""  # num: as printed, thousands separators and unit included
    unit: str = ""  # num: a unit printed right after it (元, 万元, 件 ...)
    cell: bool = False  # it stands in a table cell the source marked (Word, TAB rows), not in running text


# a page footer standing in the text: "-3-", "— 3 —", "第 3 页"
_PAGE_MARK = re.compile(r"[-—–－]\s*\d{1,3}\s*[-—–－](?!\d)|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?")
_NUMBER = re.compile(
    r"(?P<sign>[-−])?(?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>万元|元|件|个|项|条|次|宗)?"
)
# an item number of a row label ("2.其他法律…", "1、申请人…"): the digit belongs to the label, not to a figure
_ITEM_NUMBER = re.compile(r"[.、．,，]\s*[^\d\s.,，、．]")
_SPACE = re.compile(r"[\s\u3000\u00a0\u2007\u202f\u200b\ufeff]+")
_MONEY_UNIT_AFTER = re.compile(r"[ \u3000\u00a0]{1,3}(万元|元)(?![\u4e00-\u9fff])")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\r", "\n")


def _scan(text: str, gap: int, item: int, out: list[Tok], cell: bool = False) -> None:
    """Tokens of one paragraph or cell; the first token gets ``gap``, later ones what separates them."""
    gap_next = gap
    buffer: list[str] = []

    def emit(tok_kind: TokKind, value: str, raw: str = "", unit: str = "") -> None:
        nonlocal gap_next
        out.append(Tok(tok_kind, value, gap_next, item, raw=raw, unit=unit, cell=cell))
        gap_next = GAP_NONE

    def flush_text() -> None:
        nonlocal gap_next
        if not buffer:
            return
        piece = "".join(buffer)
        buffer.clear()
        if piece.strip():
            emit("text", piece.strip())
            if piece[-1] == " ":
                gap_next = GAP_SPACE

    pos, n = 0, len(text)
    while pos < n:
        ch = text[pos]
        page = _PAGE_MARK.match(text, pos) if ch in "-—–－第" else None
        if page and (pos == 0 or not text[pos - 1].isdigit()):
            flush_text()
            pos = page.end()
            gap_next = max(gap_next, GAP_SPACE)
            continue
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            if buffer:
                buffer.append(" ")
            else:
                gap_next = max(gap_next, GAP_SPACE)
            continue
        number = _NUMBER.match(text, pos) if (ch.isdigit() or ch in "-−") else None
        if number is not None and number.group("sign") and buffer and buffer[-1] != " ":
            number = None  # a dash inside words, not a sign
        if number is None:
            buffer.append(ch)
            pos += 1
            continue
        body, sign, unit = number.group("body"), number.group("sign") or "", number.group("unit") or ""
        flush_text()
        if not unit and "." not in body and "," not in body and _ITEM_NUMBER.match(text, number.end()):
            # "00000002.其他法律…": the last digit numbers the next label, the rest are figures
            if len(body) > 1:
                emit("num", sign + body[:-1], raw=sign + body[:-1])
            buffer.append(body[-1])
            pos = number.end()
            continue
        end, raw = number.end(), number.group(0)
        spaced = _MONEY_UNIT_AFTER.match(text, end) if not unit else None
        if spaced:  # "62423198.43 元": a layout's space between an amount and its unit
            unit = spaced.group(1)
            raw = f"{raw}{unit}"
            end = spaced.end()
        emit("num", sign + body.replace(",", ""), raw=raw, unit=unit)
        pos = end
    flush_text()


def tokenize(sources: list[Source]) -> list[Tok]:
    """The token stream of paragraphs (str) and table rows (list of cell texts), in reading order."""
    out: list[Tok] = []
    for item, source in enumerate(sources):
        if isinstance(source, str):
            _scan(_norm(source), GAP_ROW, item, out)
            continue
        cells = [_norm(c) for c in source]
        has_label = any(not _is_value_cell(c) for c in cells)
        if (
            has_label
            and not any(_is_value_cell(c) and _SPACE.sub("", c) not in BLANK_MARKS for c in cells)
            and not _row_printed_blank(cells)
        ):
            cells = [c for c in cells if not _is_value_cell(c)]  # a header or caption row: its empty cells are layout
        first = True
        seen_label = False
        marked = sum(1 for c in cells if c.strip()) >= 2  # one cell is no cell structure (a line of a web copy)
        for cell in cells:
            stripped = cell.strip()
            if not stripped or _SPACE.sub("", stripped) in BLANK_MARKS:
                if has_label and not seen_label:
                    continue  # an empty merged label cell before the row's label: layout, not a value
                out.append(Tok("blank", "", GAP_ROW if first else GAP_CELL, item, cell=True))
                first = False
                continue
            if not _is_value_cell(stripped):
                seen_label = True
            _scan(stripped, GAP_ROW if first else GAP_CELL, item, out, cell=marked)
            first = False
    return out


def _row_printed_blank(cells: list[str]) -> bool:
    """A table row under its own row label with a blank mark in each of its cells ("规章 | — | — | —", a blank
    cell line each in a copy): its cells are printed, blank, not a header's layout; a row of figures after it
    is not its continuation."""
    label_at = [i for i, c in enumerate(cells) if _SPACE.sub("", c) and not _is_value_cell(c)]
    if not label_at:
        return False
    after = len(cells) - 1 - label_at[-1]  # the cells after the row's label: empty or a blank mark each
    label = norm(cells[label_at[-1]])
    return after > 0 and any(label in spec.labels and after == spec.size for spec in all_rows())


def _is_value_cell(cell: str) -> bool:
    text = _SPACE.sub("", cell)
    return text in BLANK_MARKS or bool(re.fullmatch(r"[-−]?[\d,.]+(万元|元|件|个|项|条|次|宗)?", text))
