"""Tables whose cells are separated by vertical bars: what web crawlers, "reader mode" tools and Markdown editors
keep of an HTML table.

Two layouts are met. A row per line ("| 自然人 | 法人或其他组织 | 总计 |", or the same without the outer bars, or
"规章 | 0 | 0 | 0 |"); and a cell per line, each ended by a bar ("信息内容 |" / "本年制发件数 |" / …), where the
crawler kept the line breaks of the cells' paragraphs. The first becomes TAB rows (empty cells kept; the rules
between rows dropped: Markdown's "|---|---|", an ASCII table's "+----+", box drawing "├──┼──┤"); the second
becomes one cell per line with no bar, the shape ``txt_reader`` already reads as a table copied cell by cell.

A bar is taken as a separator only where the text uses it so on enough lines: a sentence or a page's menu
("首页 | 政务公开") with a bar or two is left as it is.
"""

from __future__ import annotations

import re

MIN_BAR_LINES = 8  # fewer lines laid out so is no table (a menu, a breadcrumb)
_BARS = str.maketrans({"｜": "|", "│": "|", "┃": "|"})  # full-width and box-drawing bars as typed or pasted
# a rule between rows: Markdown's "|---|:--:|", an ASCII table's "+----+----+", box drawing "├──┼──┤"
_RULE = re.compile(
    r"[\s|:+\-=─━┄┅┈┉═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╭╮╯╰╞╡╪]*[\-=─━┄┅┈┉═][\s|:+\-=─━┄┅┈┉═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╭╮╯╰╞╡╪]*"
)
_DASHES = frozenset("-=─━┄┅┈┉═")
_SENTENCE_END = re.compile(r"[。；！？]")


def _is_rule(line: str) -> bool:
    body = line.strip()
    return len(body) >= 3 and sum(ch in _DASHES for ch in body) >= 2 and bool(_RULE.fullmatch(body))


def _is_bar_line(line: str) -> bool:
    body = line.strip()
    return "|" in body and (body.startswith("|") or body.endswith("|") or body.count("|") >= 2)


def _cells(line: str, opens: bool = True, closes: bool = True) -> list[str]:
    """The cells of a bar line; ``opens``/``closes``: the text's lines begin/end with a bar of their own, so a bar
    there is no cell's edge (elsewhere " | 3 |" is an empty first cell, the way a crawler writes it)."""
    body = line.strip()
    if opens:
        body = body.removeprefix("|")
    if closes:
        body = body.removesuffix("|")
    return [cell.strip() for cell in body.split("|")]


def pipe_rows(text: str) -> str | None:
    """The text with its bar-separated table cells as TAB rows or cell lines; None when it has no such table."""
    if "|" not in text and "｜" not in text and "│" not in text and "┃" not in text:
        return None
    lines = text.translate(_BARS).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    bar_lines = [line for line in lines if _is_bar_line(line) and not _SENTENCE_END.search(line)]
    if len(bar_lines) < MIN_BAR_LINES:
        return None
    one_cell = sum(1 for line in bar_lines if len([c for c in _cells(line) if c]) <= 1)
    cell_per_line = one_cell * 2 > len(bar_lines)
    opens = sum(1 for line in bar_lines if line.strip().startswith("|")) * 2 > len(bar_lines)
    closes = sum(1 for line in bar_lines if line.strip().endswith("|")) * 2 > len(bar_lines)
    out: list[str] = []
    for line in lines:
        if _is_rule(line):
            continue
        if not _is_bar_line(line) or _SENTENCE_END.search(line):
            out.append(line)
            continue
        cells = _cells(line, opens, closes)
        if cell_per_line:
            out.extend(cell for cell in cells if cell)
        else:
            out.append("\t".join(cells) if len(cells) > 1 else "\t" + cells[0])
    return "\n".join(out)
