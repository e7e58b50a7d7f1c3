"""The finished report as a sequence of printed items, shared by the .docx and the .txt exporters.

Both exporters walk the same list, so the order of parts, the heading numbers and the cell texts can never
differ between the two files. Decisions made here (and documented for the clerk):

- Parts are always written with their official number and wording ("一、总体情况"), also when the report marks
  them missing or the source worded them differently (the source's wording only with
  ``LayoutOptions(keep_source_titles=True)``); the export log (``layout_notes``) names every such heading.
- Spaces a web copy left between Chinese characters and digits ("交口县 2021 年") are removed from the title, the
  body and the signature, and counted in the export log.
- The source's subsection hierarchy is kept (``block_items``), a change of level logged.
- Blocks of parts 二/三/四 (sentences around a table) are written before the table.
- A table the report marks missing is left out (zeros would pass for real figures; such a report only goes out as
  a draft); every value cell holds a figure (0, never blank), an empty text cell (2019 procurement amount) is
  written "0".
- The one exception: a cell the importer could not read from the source (``TableData.unread_cells``) is written
  empty, never 0, so an export cannot pass off a figure nobody read (such a report only goes out as a draft).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from gkdesk.domain.forms import FormDef, GridCell
from gkdesk.domain.report import MISSING_TABLE_NOTE, PART_TITLES, TABLE_OF_PART, Block, Report, TableData
from gkdesk.domain.values import format_value

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (heading numbers never go that far, but never fail)."""
    if n < 0:
        return "负" + chinese_number(-n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + chinese_number(rest) if rest < 10 else chinese_number(rest))
        if 10 <= rest < 20:
            tail = "一" + tail
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def heading_number(level: int, n: int) -> str:
    """（一） for level 2, 1. for level 3, （1） for level 4."""
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def format_date(date: dt.date) -> str:
    """2025年1月20日: Arabic numerals, full year, no zero padding."""
    return f"{date.year}年{date.month}月{date.day}日"


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class TitleItem:
    """The title as the report holds it (``text``, explicit line breaks kept) and broken for print (``lines``)."""

    text: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class BlankItem:
    """An empty line (after the title, before the signature)."""


@dataclass(frozen=True)
class AddresseeItem:
    text: str


@dataclass(frozen=True)
class ParagraphItem:
    """A body paragraph, a heading, or a run-in heading followed by text on the same line.

    ``level`` 0 = plain paragraph, 1 = part heading "一、", 2-4 = numbered subheadings.
    """

    level: int
    number: str = ""
    heading: str = ""
    text: str = ""

    @property
    def run_in(self) -> bool:
        return self.level >= 2 and bool(self.text)

    @property
    def plain_text(self) -> str:
        return f"{self.number}{self.heading}{self.text}"


@dataclass(frozen=True)
class TableItem:
    table: TableData

    @property
    def form(self) -> FormDef:
        return self.table.form


@dataclass(frozen=True)
class SignatureItem:
    agency: str
    date: str


Item = TitleItem | BlankItem | AddresseeItem | ParagraphItem | TableItem | SignatureItem


def block_items(blocks: Sequence[Block], notes: list[str] | None = None, where: str = "") -> Iterator[ParagraphItem]:
    """Number the headings of one part: counters restart under each higher level.

    The source's hierarchy is kept: sub-items the importer read at the level of the heading they belong to (a
    heading with no text of its own followed by run-in headings, as "（五）监督保障方面" with "（一）…（三）" under it)
    are printed one level down (1. 2. 3.) instead of being numbered on as its siblings; ``notes`` says so.
    """
    levels = printed_levels(blocks)
    counters = {2: 0, 3: 0, 4: 0}
    parent = ""
    moved: list[str] = []
    for block, level in zip(blocks, levels, strict=True):
        if block.kind == "heading":
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            number = heading_number(level, counters[level])
            if level != block.level:
                moved.append(number)
            elif moved and notes is not None:
                notes.append(_moved_note(where, parent, moved))
                moved = []
            if level == block.level:
                parent = number + block.text
            yield ParagraphItem(level, number, block.text, block.inline_text)
        else:
            yield ParagraphItem(0, text=block.text)
    if moved and notes is not None:
        notes.append(_moved_note(where, parent, moved))


def _moved_note(where: str, parent: str, numbers: list[str]) -> str:
    listed = "".join(f"“{n}”" for n in numbers)
    return f"{where}“{parent}”下的 {len(numbers)} 个小标题按原文层级排在它之下，编号为{listed}（未续排为同级）"


def printed_levels(blocks: Sequence[Block]) -> list[int]:
    """The level each block prints at: a run of run-in headings right after an empty heading of their level sits
    under it (until a heading of that level or higher that is not run-in)."""
    levels = [block.level for block in blocks]
    i = 0
    while i < len(blocks):
        head = blocks[i]
        follows = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            head.kind == "heading"
            and head.level < 4
            and not head.inline_text
            and follows is not None
            and follows.kind == "heading"
            and follows.level == head.level
            and follows.inline_text
        ):
            j = i + 1
            while j < len(blocks) and not (
                blocks[j].kind == "heading" and blocks[j].level <= head.level and not blocks[j].inline_text
            ):
                if blocks[j].kind == "heading" and blocks[j].level >= head.level:
                    levels[j] = min(blocks[j].level + 1, 4)
                j += 1
            i = j
            continue
        i += 1
    return levels


# Spaces a web copy leaves between Chinese and a number ("交口县 2021 年", "16 号"): the official layout has none. A
# number that is part of a phone number, a URL or a code ("0358-5422520 传真") keeps its spaces: they separate fields.
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_NUMBER = r"(?<![A-Za-z0-9_\-./:])\d+(?:\.\d+)?%?(?![A-Za-z0-9_\-./:])"
_CJK_DIGIT_SPACE = re.compile(f"(?<=[{_WIDE}])[ \u00a0]+(?={_NUMBER})|({_NUMBER})[ \u00a0]+(?=[{_WIDE}])")


def without_cjk_digit_spaces(text: str) -> tuple[str, int]:
    """``text`` without spaces between a Chinese character and a number, and how many were removed."""
    return _CJK_DIGIT_SPACE.subn(lambda match: match.group(1) or "", text)


@dataclass(frozen=True)
class LayoutOptions:
    """What a clerk may ask for instead of the default: the source's own part headings; a .docx without the copy
    of the report that lets gkdesk reopen it exactly (``gkdesk.io.docx_embed``)."""

    keep_source_titles: bool = False
    embed_report: bool = True


@dataclass
class _Cleaner:
    """Removes CJK-digit spaces and counts them per place, for the export log."""

    counts: dict[str, int]

    def __call__(self, text: str, place: str) -> str:
        cleaned, n = without_cjk_digit_spaces(text)
        if n:
            self.counts[place] = self.counts.get(place, 0) + n
        return cleaned


def clean_title(report: Report) -> str:
    """The report's title for the document properties: no line break, no CJK-digit spaces."""
    return without_cjk_digit_spaces("".join((report.title or report.default_title()).split("\n")))[0]


def printed_title(report: Report) -> str:
    """The title as printed: a "关于…的报告" title is preceded by the agency on its own line (发文机关 + 关于 + 事由),
    which is how such reports are published and how the importers recognise the agency."""
    title = report.title or report.default_title()
    if title.startswith("关于") and report.agency and report.agency not in title:
        return f"{report.agency}\n{title}"
    return title


def report_items(report: Report, options: LayoutOptions | None = None) -> list[Item]:
    """Everything the export prints, in order."""
    return build_layout(report, options)[0]


def layout_notes(report: Report, options: LayoutOptions | None = None) -> list[str]:
    """The export log: where the printed report differs from the report as held (and why)."""
    return build_layout(report, options)[1]


def build_layout(report: Report, options: LayoutOptions | None = None) -> tuple[list[Item], list[str]]:
    """The items and the export log's notes (title, body and signature without CJK-digit spaces, official part
    headings unless ``options.keep_source_titles``, the source's subsection hierarchy)."""
    options = options or LayoutOptions()
    notes: list[str] = []
    clean = _Cleaner({})
    items: list[Item] = []
    title = clean(printed_title(report), "标题")
    items.append(TitleItem(title, tuple(title_lines(title, report.agency))))
    items.append(BlankItem())
    if report.addressee:
        addressee = clean(report.addressee.strip(), "正文")
        items.append(AddresseeItem(addressee if addressee.endswith(("：", ":")) else addressee + "："))
    items.extend(_cleaned(block_items(report.preface, notes, "前言"), clean))
    for key, part in report.parts.items():
        official = f"{key}、{PART_TITLES[key]}"
        source = part.display_title()
        if source != official:
            if options.keep_source_titles:
                notes.append(f"第{key}部分标题按要求保留原文“{source}”（官方格式为“{official}”）")
            else:
                notes.append(f"第{key}部分标题按官方格式写为“{official}”（原文“{source}”）")
        items.append(ParagraphItem(1, heading=clean(source if options.keep_source_titles else official, "正文")))
        items.extend(_cleaned(block_items(part.blocks, notes, f"第{key}部分"), clean))
        form_id = TABLE_OF_PART.get(key)
        if form_id is not None:
            # A table the source lacked is printed in its official form with every figure cell blank (never
            # zeros that would pass for real figures); such a report can only go out as a draft
            # (gkdesk.domain.readiness.readiness_problems).
            if not report.tables[form_id].present:
                notes.append(f"第{key}部分的统计表原文没有，按官方格式印出空表（数字留空），请在表格中填写")
                items.append(ParagraphItem(0, text=MISSING_TABLE_NOTE))
            items.append(TableItem(report.tables[form_id]))
    signature = report.signature
    if signature.agency or signature.date:
        items.append(BlankItem())
        agency = clean(signature.agency or "", "落款")
        items.append(SignatureItem(agency, format_date(signature.date) if signature.date else ""))
    if clean.counts:
        where = "、".join(f"{place} {n} 处" for place, n in clean.counts.items())
        notes.append(f"已删除汉字与数字之间的空格（{where}）")
    return items, notes


def _cleaned(items: Iterator[ParagraphItem], clean: _Cleaner) -> Iterator[ParagraphItem]:
    for item in items:
        yield ParagraphItem(item.level, item.number, clean(item.heading, "正文"), clean(item.text, "正文"))


# --------------------------------------------------------------------------- tables


def cell_text(table: TableData, cell: GridCell) -> str:
    """What a grid cell prints: its label, or the value (never blank, except a cell not read from the source and
    every figure of a table the source lacked)."""
    if cell.role != "value" or cell.cell_id is None:
        return cell.text
    if not table.present or cell.cell_id in table.unread_cells:
        return ""
    text = format_value(table.get(cell.cell_id))
    return text if text.strip() else "0"


def grid_rows(form: FormDef) -> list[list[tuple[GridCell, bool]]]:
    """Per printed row, the grid cells in column order; the flag is False where a row merely continues a cell
    merged from above (Word's ``vMerge`` continuation)."""
    covering: dict[tuple[int, int], GridCell] = {}
    for cell in form.grid:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                covering[(r, c)] = cell
    rows: list[list[tuple[GridCell, bool]]] = []
    for r in range(form.n_rows):
        row: list[tuple[GridCell, bool]] = []
        c = 0
        while c < form.n_cols:
            # A hole in the definition gets an empty cell rather than shifting the row.
            found = covering.get((r, c)) or GridCell(r, c, "", "label")
            row.append((found, found.row == r))
            c = found.col + found.colspan
        rows.append(row)
    return rows


def table_text_rows(table: TableData) -> list[list[str]]:
    """The table as text lines: one entry per grid column, the text in a merged cell's first position."""
    form = table.form
    out: list[list[str]] = []
    for row in grid_rows(form):
        texts = [""] * form.n_cols
        for cell, starts_here in row:
            if starts_here:
                texts[cell.col] = cell_text(table, cell)
        out.append(texts)
    return out


# --------------------------------------------------------------------------- title lines

_BREAK_BEFORE = ("关于", "政府信息公开", "年度报告")
_BREAK_AFTER = ("关于", "人民政府", "办公室", "委员会", "管委会", "办事处", "局")
_NO_LINE_START = "，。、；：？！）》」』】”’"


def text_width(text: str) -> float:
    """Width in full-width characters: ASCII and Latin letters count half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _break_candidates(title: str, agency: str | None) -> set[int]:
    found: set[int] = set()
    if agency and title.startswith(agency):
        found.add(len(agency))
    for word in _BREAK_BEFORE:
        start = title.find(word)
        while start != -1:
            found.add(start)
            start = title.find(word, start + 1)
    for word in _BREAK_AFTER:
        start = title.find(word)
        while start != -1:
            found.add(start + len(word))
            start = title.find(word, start + 1)
    for i in range(1, len(title)):  # around the year: "交口县|2021年|政府…"
        if title[i].isdigit() and not title[i - 1].isdigit():
            found.add(i)
        if title[i - 1] == "年" and i >= 2 and title[i - 2].isdigit():
            found.add(i)
    return {i for i in found if 0 < i < len(title) and title[i] not in _NO_LINE_START}


def _all_candidates(title: str) -> set[int]:
    return {
        i
        for i in range(1, len(title))
        if title[i] not in _NO_LINE_START and not (title[i].isascii() and title[i - 1].isascii() and title[i].isalnum())
    }


def _best_split(title: str, candidates: set[int], n_lines: int, limit: float) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    target = text_width(title) / n_lines
    for cuts in combinations(sorted(candidates), n_lines - 1):
        bounds = (0, *cuts, len(title))
        lines = [title[a:b].strip() for a, b in pairwise(bounds)]
        widths = [text_width(line) for line in lines]
        if not all(lines) or max(widths) > limit:
            continue
        score = sum((w - target) ** 2 for w in widths)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def title_lines(title: str, agency: str | None = None, limit: float = 20) -> list[str]:
    """Break a long title at whole words into lines of balanced width (GB/T 9704: 梯形或菱形): after the agency
    name when that gives two lines that fit, else where the lines come out most even."""
    if "\n" in title:
        return [line.strip() for line in title.split("\n") if line.strip()] or [""]
    if text_width(title) <= limit:
        return [title]
    n_lines = math.ceil(text_width(title) / limit)
    if agency and title.startswith(agency) and n_lines == 2:
        # The usual 公文 shape: the agency on the first line, the rest below (an upright trapezoid).
        rest = title[len(agency) :].strip()
        if rest and text_width(agency) <= limit and text_width(rest) <= limit and rest[0] not in _NO_LINE_START:
            return [agency, rest]
    for pool in (_break_candidates(title, agency), _all_candidates(title)):
        for n in range(n_lines, n_lines + 2):
            if n - 1 > len(pool) or n > 4:
                break
            lines = _best_split(title, pool, n, limit)
            if lines:
                return lines
    return _even_chunks(title, n_lines, limit)


def _even_chunks(title: str, n_lines: int, limit: float) -> list[str]:
    """An absurdly long title: lines of about equal width, none wider than ``limit``."""
    target = min(limit, text_width(title) / n_lines + 1)
    lines, current, width = [], "", 0.0
    for ch in title:
        if current and width + text_width(ch) > target and ch not in _NO_LINE_START:
            lines.append(current)
            current, width = "", 0.0
        current += ch
        width += text_width(ch)
    if current:
        lines.append(current)
    return lines
