"""Turning rows of cell texts into the three tables, by the words of their labels, never by position.

Every importer (TAB rows, one cell per line, space-aligned columns, Word tables) reduces a table to rows of cell
texts and hands them here. A row is recognised by its label, matched against the official labels of
``gkdesk.domain.forms`` after normalising spaces, brackets, numbering and small typos; its values are the cells
after the label. The format version is decided per table from the words seen (headers, the 2019 rows).
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from gkdesk.domain.checker import cell_ref
from gkdesk.domain.forms import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    FORM_PART,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    VARIANTS,
    FormId,
    Variant,
    form,
)
from gkdesk.domain.report import TableData
from gkdesk.domain.values import BLANK_MARKS, ValueInputError, normalise, parse_cell
from gkdesk.io.recognise.log import ImportLog

MATCH_THRESHOLD = 0.75
_CN_NUM = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"^(?:[{_CN_NUM}]+[、.,]|\(\s*[{_CN_NUM}\d]+\s*\)|\d+[.、,](?!\d))")
_QUOTES = str.maketrans({"“": "", "”": "", '"': "", "「": "", "」": "", "‘": "", "’": "", "'": ""})
_VALUE = re.compile(r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(万元|元|件|个|项|条|次|宗)?$")
CAPTION = re.compile(rf"第二十条第\(?([{_CN_NUM}]+)\)?项")


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """Label text for comparison: NFKC, no spaces, ASCII brackets, no quotes, "1、" as "1."."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"[\s\u3000\u00a0\u200b\ufeff]+", "", text)
    text = text.replace("（", "(").replace("）", ")").replace("．", ".")
    return re.sub(r"^(\d+)[、,]", r"\1.", text)


def core_label(text: str) -> str:
    """A normalised label without its leading numbering ("一、", "(三)", "1.")."""
    text = norm_label(text)
    for _ in range(2):
        stripped = _NUMBERING.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


def is_value_text(text: str) -> bool:
    """A cell that holds a number, a blank mark or nothing, as opposed to a label."""
    raw = normalise(text)
    return raw in BLANK_MARKS or bool(_VALUE.match(raw))


def is_blank_text(text: str) -> bool:
    return normalise(text) in BLANK_MARKS


# --------------------------------------------------------------------------- the labels we know


@dataclass(frozen=True)
class _Target:
    form_id: FormId
    row_id: str  # applications: row id; disclosure: "block.row"; "group:..." for group labels


def _targets() -> dict[str, _Target]:
    found: dict[str, _Target] = {}
    for variant in VARIANTS:
        for row in APPLICATION_ROWS[variant]:
            found.setdefault(core_label(row.label), _Target("applications", row.row_id))
        for cell in form("disclosure", variant).cells:
            found.setdefault(core_label(cell.row_label), _Target("disclosure", cell.row_id))
    found[core_label("部分公开")] = _Target("applications", "partial")
    found["合计"] = _Target("applications", "total")
    found[core_label("规范性文件")] = _Target("disclosure", "art20_1.normative_documents")
    # group labels: the 2019 single row （六）其他处理 shares its words with the 2021 group
    for group in ("本年度办理结果", "不予公开", "无法提供", "不予处理"):
        found[group] = _Target("applications", f"group:{group}")
    return found


TARGETS = _targets()
_TARGET_CHARS = {known: Counter(known) for known in TARGETS}
GROUP_WORDS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理")
HEADER_WORDS = frozenset(
    core_label(w)
    for w in (
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        "本年收费金额",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
        "采购项目数量",
        "采购总金额",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
        "合计",
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "未经复议直接起诉",
        "复议后起诉",
        "单位:件",
    )
)
_HEADER_2019 = ("新制作", "新公开", "对外公开总", "上一年项目", "增/减", "增减", "采购项目", "采购总金额")
_HEADER_2021 = ("制发件数", "废止件数", "现行有效", "本年处理决定", "收费金额")
_REVIEW_HEADER = ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "复议后起诉", "未经复议")
_APPS_HEADER = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "勾稽关系")


_HEADER_BY_LENGTH = sorted(HEADER_WORDS, key=len, reverse=True)


def header_words(text: str) -> list[str] | None:
    """A line of table headers whose cells ran together ("结果维持结果纠正其他结果…"), split into the headers;
    None unless the whole line is made of known header words (at least two)."""
    core = core_label(text)
    words: list[str] = []
    while core:
        word = next((w for w in _HEADER_BY_LENGTH if core.startswith(w)), None)
        if word is None:
            return None
        words.append(word)
        core = core[len(word) :]
    return words if len(words) >= 2 else None


_INNER_NUMBER = re.compile(rf"\(\s*[{_CN_NUM}\d]+\s*\)|(?<![\d.])\d+\.(?!\d)")


def match_label(text: str) -> tuple[_Target | None, float]:
    """The official row a label means, and how sure we are (1.0 exact).

    Tried as written and, when a PDF line carries a piece of a neighbouring merged cell before it
    ("三 （一）予以公开"), from its last numbering on.
    """
    if len(text) > 300 or "。" in text:  # a paragraph, not a label
        return None, 0.0
    best = _match_core(core_label(text))
    norm = norm_label(text)
    inner = list(_INNER_NUMBER.finditer(norm))
    if best[1] < 1.0 and inner and inner[-1].start() > 0:
        tail = _match_core(core_label(norm[inner[-1].start() :]))
        if tail[1] > best[1]:
            best = tail
    return best


@lru_cache(maxsize=4096)
def _match_core(core: str) -> tuple[_Target | None, float]:
    if not core:
        return None, 0.0
    exact = TARGETS.get(core)
    if exact:
        return exact, 1.0
    best: tuple[_Target | None, float] = (None, 0.0)
    chars = Counter(core)
    for known, target in TARGETS.items():
        if len(core) >= 4 and known.startswith(core) and (len(core) >= 6 or len(core) >= 0.6 * len(known)):
            ratio = 0.9  # the start of a label wrapped onto the next line
        else:
            # the lengths, then the characters both share, bound the similarity: most labels are ruled out
            # without aligning them
            floor = max(best[1], MATCH_THRESHOLD)
            total = len(core) + len(known)
            if 2 * min(len(core), len(known)) < floor * total:
                continue
            counts = _TARGET_CHARS[known]
            if 2 * sum(min(n, counts.get(ch, 0)) for ch, n in chars.items()) < floor * total:
                continue
            ratio = 0.0
        ratio = max(ratio, difflib.SequenceMatcher(None, core, known, autojunk=False).ratio())
        if ratio > best[1]:
            best = (target, ratio)
    return best if best[1] >= MATCH_THRESHOLD else (None, best[1])


# --------------------------------------------------------------------------- classifying rows


@dataclass
class _Matched:
    form_id: FormId
    row_id: str
    label: str
    values: list[str]
    score: float
    index: int
    run: list[str] | None = None  # digit groups run together after the label (text copied from a web page)


@dataclass
class _Scan:
    matched: list[_Matched] = field(default_factory=list)
    # label-only rows: (row index, label text, the label it resembles, how much)
    fragments: list[tuple[int, str, _Target | None, float]] = field(default_factory=list)
    unknown_rows: list[int] = field(default_factory=list)  # indices of label-less rows of numbers
    rows: list[list[str]] = field(default_factory=list)
    headers: dict[str, list[str]] = field(default_factory=lambda: {"disclosure": [], "applications": []})
    review_header: bool = False
    review_rows: list[list[str]] = field(default_factory=list)
    review_run: list[str] | None = None  # table 四's row as digits run together
    unused: set[int] = field(default_factory=set)  # rows that belong to no table (text laid out as a table)
    parts: list[str | None] = field(default_factory=list)  # the part each row stands in, when known
    captions: set[str] = field(default_factory=set)


def _header_kind(labels: list[str]) -> str | None:
    joined = "".join(norm_label(x) for x in labels)
    if "勾稽关系" in joined:
        return "applications"
    cores = [core_label(x) for x in labels]
    if not cores or not all(c in HEADER_WORDS for c in cores):
        return None
    if any(w in joined for w in _REVIEW_HEADER):
        return "review_litigation"
    if any(w in joined for w in _APPS_HEADER):
        return "applications"
    if len(cores) == 1 and cores[0] in ("总计", "其他"):
        return None
    return "disclosure"


def _is_header_cell(text: str) -> bool:
    """A column header or the printed rule, as opposed to a row label with the same words ("3.其他", "（七）总计")."""
    norm = norm_label(text)
    return "勾稽关系" in norm or (norm in HEADER_WORDS)


def _note_header(scan: _Scan, kind: str, labels: list[str]) -> None:
    if kind == "review_litigation":
        scan.review_header = True
    else:
        scan.headers[kind].extend(labels)


def _separate_figures(row: list[str]) -> list[str]:
    """A cell of several figures set apart by spaces (any width: NBSP, figure space, U+3000) in a row that has
    other cells is several cells: "1 0 0 0 0 0 1" is seven figures, never 1000001. A row of one cell keeps its
    digit groups for the consistency rules."""
    if len(row) < 2:
        return row
    out: list[str] = []
    for cell in row:
        groups = unicodedata.normalize("NFKC", cell).split()
        if len(groups) > 1 and all(g.isdigit() for g in groups):
            out.extend(groups)
        else:
            out.append(cell)
    return out


def _scan(rows: list[list[str]]) -> _Scan:
    rows = [_separate_figures(row) for row in rows]
    scan = _Scan(rows=[[c.strip() for c in row] for row in rows])
    context: str | None = None
    for index, raw_cells in enumerate(rows):
        cells = [c.strip() for c in raw_cells]
        label_idx = [i for i, c in enumerate(cells) if not is_value_text(c)]
        if not label_idx:
            has_value = any(not is_blank_text(c) for c in cells)
            groups = digit_groups(cells[0]) if len(cells) == 1 else None
            if groups and context == "review_litigation" and scan.review_run is None and not scan.review_rows:
                scan.review_run = groups
            elif context == "review_litigation" and len(cells) >= 5 and (has_value or len(cells) >= 10):
                scan.review_rows.append(cells)
            else:
                scan.unused.add(index)
                if has_value and len(cells) > 1:
                    scan.unknown_rows.append(index)
            continue
        last = label_idx[-1]
        values = cells[last + 1 :]
        labels = []
        for i in label_idx:
            caption = CAPTION.search(norm_label(cells[i]))
            if caption:  # a block caption, alone or run into the row below it
                context = "disclosure"
                scan.captions.add(caption.group(1))
            else:
                labels.append(cells[i])
        if not labels:
            continue
        kind = _header_kind(labels)
        if kind is None and len(labels) > 1:
            kind = _header_kind(labels[:-1])  # headers run into the first row below them
            if kind:
                _note_header(scan, kind, labels[:-1])
                context = kind
        elif kind and _is_header_cell(labels[-1]):
            _note_header(scan, kind, labels)
            context = kind
            if kind == "review_litigation" and any(not is_blank_text(v) for v in values):
                scan.review_rows.append(values)  # headers and the data row run together
            continue
        run = split_label_digits(cells[last]) if all(is_blank_text(v) for v in values) else None
        if run is not None:
            target, score = match_label(run[0])
            if target is not None and score >= 0.9 and not target.row_id.startswith("group:"):
                context = target.form_id
                scan.matched.append(_Matched(target.form_id, target.row_id, run[0], [], score, index, run[1]))
                continue
        target, score = match_label(cells[last])
        for start in (-2, 0):  # a label broken over two cells of one row
            if target is None and len(label_idx) > 1:
                target, score = match_label("".join(cells[i] for i in label_idx[start:]))
        if target is not None and target.row_id.startswith("group:"):
            target = None  # a group label (三、本年度办理结果) alone on its row
        label_only = not any(not is_blank_text(v) for v in values)
        if label_only and _is_header_cell(cells[last]):
            continue  # a column header ("其他", "总计") on its own, not the row "3.其他" or "（七）总计"
        if target is None or (label_only and score < 1.0):
            if label_only:
                scan.fragments.append((index, "".join(labels), target, score))
            else:
                scan.unused.add(index)
            continue
        context = target.form_id
        scan.matched.append(_Matched(target.form_id, target.row_id, cells[last], values, score, index))
    _merge_fragments(scan, rows)
    _adopt_orphan_figures(scan)
    scan.matched.sort(key=lambda m: m.index)
    return scan


def _row_target(label: str) -> bool:
    target, score = match_label(label)
    return target is not None and score >= 0.9 and not target.row_id.startswith("group:")


def _adopt_orphan_figures(scan: _Scan) -> None:
    """A row label without figures next to figures without a recognisable label (a PDF puts a tall merged label
    cell's text on other lines than the figures): the figures are that row's."""
    blank_rows = {m.index: m for m in scan.matched if m.run is None and all(is_blank_text(v) for v in m.values)}
    for index in sorted(scan.unused):
        cells = scan.rows[index]
        figures = [c for c in cells if is_value_text(c)]
        if not any(not is_blank_text(c) for c in figures):
            continue
        labels = [c for c in cells if c and not is_value_text(c)]
        if any(_row_target(label) for label in labels):
            continue
        for neighbour in (index + 1, index - 1):
            row = blank_rows.get(neighbour)
            if row is not None and len(figures) >= len(row.values):
                row.values = figures
                scan.unused.discard(index)
                del blank_rows[neighbour]
                break


def _merge_fragments(scan: _Scan, rows: list[list[str]]) -> None:
    """Labels broken over two rows ("4. 无正当理由大量反" / "复申请"): join the piece to its neighbour.

    A piece that improves no neighbour but resembles a label on its own is kept as that (blank) row.
    """
    by_index = {m.index: m for m in scan.matched}
    for index, text, fallback, fallback_score in scan.fragments:
        if core_label(text) in HEADER_WORDS or core_label(text) in GROUP_WORDS:
            continue
        before, after = by_index.get(index - 1), by_index.get(index + 1)
        merged = False
        last = next((c.strip() for c in reversed(rows[index]) if c.strip() and not is_value_text(c)), text)
        pieces = [last, text] if last != text else [text]  # the label column is the last label cell
        candidates = [(before, f"{before.label}{piece}") for piece in pieces if before is not None]
        candidates += [(after, f"{piece}{after.label}") for piece in pieces if after is not None]
        for neighbour, joined in candidates:
            if neighbour is None:
                continue
            target, score = match_label(joined)
            if target is not None and score > neighbour.score:
                neighbour.row_id, neighbour.label, neighbour.score = target.row_id, joined, score
                neighbour.form_id = target.form_id
                merged = True
                break
        if not merged and fallback is not None and not fallback.row_id.startswith("group:"):
            cells = [c.strip() for c in rows[index]]
            at = max(i for i, c in enumerate(cells) if not is_value_text(c))
            found = _Matched(fallback.form_id, fallback.row_id, cells[at], cells[at + 1 :], fallback_score, index)
            scan.matched.append(found)
            by_index[index] = found
        elif not merged:
            scan.unused.add(index)


# --------------------------------------------------------------------------- filling the tables


_RUN = re.compile(r"^(?P<label>.*?[^\d\s,.])\s*(?P<digits>\d[\d\s]*(?:\.\d+)?)$")
MAX_SPLITS = 300_000


def digit_groups(text: str) -> list[str] | None:
    """The digit groups of a cell holding only digits and spaces, when it may be several numbers."""
    norm = unicodedata.normalize("NFKC", text).strip()
    if not norm or not re.fullmatch(r"[\d\s]+", norm):
        return None
    groups = norm.split()
    return groups if len(groups) > 1 or len(groups[0]) >= 5 else None


def split_label_digits(text: str) -> tuple[str, list[str]] | None:
    """ "一、本年新收政府信息公开申请数量8 2 0 0 0 0 10" → the label and its digit groups."""
    norm = unicodedata.normalize("NFKC", text).strip()
    if len(norm) > 300:
        return None
    match = _RUN.match(norm)
    if not match or not re.search(r"[\u4e00-\u9fff]", match.group("label")):
        return None
    return match.group("label").strip(), match.group("digits").split()


def split_digits(groups: list[str], n: int, rule: Callable[[list[int]], bool]) -> list[list[int]]:
    """Every way (at most two are returned) to cut the digit groups into ``n`` whole numbers obeying ``rule``.

    Groups separated by spaces are never joined; inside a group a number has no leading zero.
    """
    digits = "".join(groups)
    if not groups or n < len(groups) or len(digits) < n:
        return []
    fixed = set(itertools.accumulate(len(g) for g in groups[:-1]))
    free = [i for i in range(1, len(digits)) if i not in fixed]
    need = n - len(groups)
    if math.comb(len(free), need) > MAX_SPLITS:
        return []
    found: list[list[int]] = []
    for cuts in itertools.combinations(free, need):
        bounds = [0, *sorted(fixed | set(cuts)), len(digits)]
        parts = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        values = [int(p) for p in parts]
        if rule(values):
            found.append(values)
            if len(found) > 1:
                break
    return found


def _apps_rule(values: list[int]) -> bool:
    return sum(values[:-1]) == values[-1]


def _review_rule(values: list[int]) -> bool:
    return all(sum(values[g : g + 4]) == values[g + 4] for g in range(0, 15, 5))


def _resolve_run(
    groups: list[str], n: int, rule: Callable[[list[int]], bool], *, where: str, what: str, log: ImportLog
) -> list[str] | None:
    """Values from digits run together: certain when the groups already count ``n``, else the only split that
    adds up; None (and a note for the clerk) when no split or several splits are possible."""
    if len(groups) == n or len("".join(groups)) == n:
        return groups if len(groups) == n else list("".join(groups))  # the only possible reading
    found = split_digits(groups, n, rule) if "." not in "".join(groups) else []
    shown = " ".join(groups)
    if len(found) == 1:
        values = [str(v) for v in found[0]]
        log.assumed(f"{where}“{what}”一行的数字连在一起（“{shown}”），按勾稽关系唯一可行的拆分读作 {'、'.join(values)}")
        return values
    reason = "有多种可能的拆分" if found else "找不到符合勾稽关系的拆分"
    log.warning(f"{where}“{what}”一行的数字连在一起（“{shown}”），{reason}，无法确定各列数值，已留空，请手工填写")
    return None


def _pick_rows(scan: _Scan, rows: list[_Matched], form_id: FormId, log: ImportLog) -> dict[str, _Matched]:
    """One row per row id: the first inside the table's own part, else the first anywhere; duplicates noted."""
    own = FORM_PART[form_id]
    chosen: dict[str, _Matched] = {}
    for m in sorted(rows, key=lambda m: (scan.parts[m.index] not in (own, None), m.index)):
        if m.row_id not in chosen:
            chosen[m.row_id] = m
            continue
        where = scan.parts[m.index]
        if where not in (own, None) and scan.parts[chosen[m.row_id].index] in (own, None):
            scan.unused.add(m.index)  # kept as text where it stands
            log.warning(f"第{where}部分也有一行“{m.label}”，与第{own}项表格同名，已按第{own}部分的表格读取")
        else:
            log.warning(f"第{own}项“{m.label}”出现了两次，已按第一次读取")
    return chosen


def _row_values(
    m: _Matched, n: int, rule: Callable[[list[int]], bool], form_id: FormId, log: ImportLog
) -> list[str] | None:
    """The ``n`` cell texts of a recognised row, or None when its run-together digits cannot be split."""
    if m.run is not None:
        return _resolve_run(m.run, n, rule, where=f"第{FORM_PART[form_id]}项", what=m.label, log=log)
    if 0 < len(m.values) < n and any(not is_blank_text(v) for v in m.values):
        return _place_short(m.values, n, rule, where=f"第{FORM_PART[form_id]}项", what=m.label, log=log)
    values, dropped = fit_values(m.values, n)
    _warn_dropped(log, form_id, m.label, dropped)
    return values


def _no_rule(_values: list[int]) -> bool:
    return True


def _place_short(
    values: list[str], n: int, rule: Callable[[list[int]], bool], *, where: str, what: str, log: ImportLog
) -> list[str] | None:
    """A row with fewer cells than columns (blank cells lost in copying): which columns do they belong to?

    Every placement keeping their order is tried; the figures are used when exactly one set of figures obeys the
    consistency rule, read left to right (as printed) when none does, and left blank when several do.
    """
    k = len(values)
    left = [*values, *[""] * (n - k)]
    if rule is _no_rule or math.comb(n, k) > MAX_SPLITS:
        log.assumed(f"{where}“{what}”一行只有 {k} 个数值（应有 {n} 个），已按从左到右填入，请核对")
        return left
    try:
        numbers = [parse_cell(v, "count") for v in values]
    except ValueInputError:
        return left
    readings: dict[tuple[int, ...], list[str]] = {}
    for positions in itertools.combinations(range(n), k):
        cells = [""] * n
        figures = [0] * n
        for pos, text, number in zip(positions, values, numbers, strict=True):
            cells[pos], figures[pos] = text, int(number)
        if rule(figures):
            readings.setdefault(tuple(figures), cells)
    if len(readings) == 1:
        (cells,) = readings.values()
        if cells != left:
            log.assumed(f"{where}“{what}”一行只有 {k} 个数值（应有 {n} 个），按勾稽关系唯一可行的位置填入，请核对")
        return cells
    if not readings:
        log.warning(f"{where}“{what}”一行只有 {k} 个数值（应有 {n} 个），且不符合勾稽关系，已按从左到右填入，请核对")
        return left
    log.warning(f"{where}“{what}”一行只有 {k} 个数值（应有 {n} 个），无法确定各属哪一列，已留空，请手工填写")
    return None


def fit_values(values: list[str], n: int) -> tuple[list[str], int]:
    """Exactly ``n`` cells from the cells after a label: drop layout padding, keep positions.

    Leading blanks go first (a shifted row of a merged grid), then trailing ones (a trailing TAB). Returns the
    cells and how many non-blank cells had to be dropped (0 when the row fitted).
    """
    vals = list(values)
    while len(vals) > n and is_blank_text(vals[0]):
        vals.pop(0)
    while len(vals) > n and is_blank_text(vals[-1]):
        vals.pop()
    dropped = 0
    if len(vals) > n:
        dropped = len(vals) - n
        vals = vals[-n:]
    while len(vals) < n:
        vals.append("")
    return vals, dropped


@dataclass
class _Filler:
    table: TableData
    log: ImportLog
    blanks: list[str] = field(default_factory=list)

    def put(self, cell_id: str, text: str) -> None:
        definition = self.table.form
        kind = definition.cell(cell_id).kind
        if is_blank_text(text):
            self.blanks.append(cell_id)
            return
        try:
            value = parse_cell(text, kind)
        except ValueInputError as exc:
            self.log.warning(
                f"{definition.describe(cell_id)}原文为“{text.strip()}”，无法读作数值（{exc}），已按 0 处理，请核对",
                [cell_ref(self.table.form_id, cell_id)],
            )
            self.table.blank_cells.append(cell_id)
            return
        self.table.set(cell_id, value)
        unit = normalise(text)
        if kind == "decimal" and unit.endswith("元") and not unit.endswith("万元"):
            self.log.warning(
                f"{definition.describe(cell_id)}原文为“{text.strip()}”，单位是元，而表格的单位是万元，"
                "已按原数字导入，请核对单位",
                [cell_ref(self.table.form_id, cell_id)],
            )

    def finish(self) -> None:
        for cell_id in self.blanks:
            if cell_id not in self.table.blank_cells:
                self.table.blank_cells.append(cell_id)
        if self.blanks:
            definition = self.table.form
            part = f"第{FORM_PART[self.table.form_id]}项"
            names = "、".join(definition.describe(c).removeprefix(part) for c in self.blanks[:3])
            more = f"等 {len(self.blanks)} 个单元格" if len(self.blanks) > 3 else ""
            self.log.warning(
                f"{part} {names}{more}为空白（或“/”“—”），已按 0 处理",
                [cell_ref(self.table.form_id, c) for c in self.blanks],
            )


def _warn_dropped(log: ImportLog, form_id: FormId, label: str, dropped: int) -> None:
    if dropped:
        log.warning(f"第{FORM_PART[form_id]}项“{label}”一行多出 {dropped} 个数值，已按最后的单元格读取，请核对")


def _disclosure_variant(scan: _Scan, rows: list[_Matched], year: int | None, log: ImportLog) -> Variant:
    headers = "".join(norm_label(h) for h in scan.headers["disclosure"])
    headers += "".join(norm_label(f[1]) for f in scan.fragments)
    has_2019 = any(w in headers for w in _HEADER_2019)
    has_2021 = any(w in headers for w in _HEADER_2021)
    if has_2019 != has_2021:
        return "2019-trial" if has_2019 else "2021"
    ids = {m.row_id for m in rows}
    if "九" in scan.captions or ids & {"art20_5.other_services", "art20_9.procurement"}:
        return "2019-trial"
    licensing = next((m for m in rows if m.row_id == "art20_5.licensing"), None)
    if licensing and sum(1 for v in licensing.values if not is_blank_text(v)) >= 2:
        return "2019-trial"
    variant: Variant = "2019-trial" if year is not None and year <= 2020 else "2021"
    log.assumed(f"第二项表格未见栏目名称，按 {variant} 版格式读取")
    return variant


def _read_disclosure(scan: _Scan, year: int | None, log: ImportLog) -> TableData:
    rows = [m for m in scan.matched if m.form_id == "disclosure"]
    if not rows and not scan.captions:
        table = TableData(form_id="disclosure", present=False)
        log.missing("未找到第二项表格（主动公开政府信息情况），文件可能不完整")
        return table
    variant = _disclosure_variant(scan, rows, year, log)
    table = TableData(form_id="disclosure", variant=variant)
    definition = table.form
    filler = _Filler(table, log)
    known = set(definition.row_ids())
    for m in rows:
        if m.row_id not in known:
            log.warning(f"第二项“{m.label}”不属于 {variant} 版格式的表格，已忽略")
    by_row = _pick_rows(scan, [m for m in rows if m.row_id in known], "disclosure", log)
    missing: list[str] = []
    for row_id in definition.row_ids():
        cells = [c for c in definition.cells if c.row_id == row_id]
        values = _row_values(by_row[row_id], len(cells), _no_rule, "disclosure", log) if row_id in by_row else None
        if values is None:
            if row_id not in by_row:
                missing.append(cells[0].row_label)
            table.blank_cells.extend(c.cell_id for c in cells)
            continue
        for cell, text in zip(cells, values, strict=True):
            filler.put(cell.cell_id, text)
    filler.finish()
    if missing:
        log.missing(f"第二项表格缺少“{'”“'.join(missing)}”行，已按 0 处理")
    log.recognised(f"第二项表格：{'2019 试行版' if variant == '2019-trial' else '2021 版'}格式，识别 {len(by_row)} 行")
    return table


def _applications_variant(rows: list[_Matched], fallback: Variant, log: ImportLog) -> Variant:
    ids = {m.row_id for m in rows}
    has_2021 = bool(ids & {"other.overdue_correction", "other.overdue_fee", "other.other"})
    single = [m for m in rows if m.row_id == "other"]
    single_with_values = any(not is_blank_text(v) for m in single for v in m.values)
    if single and not has_2021:
        return "2019-trial"
    if has_2021:
        if single_with_values:
            log.warning("第三项同时出现 2019 试行版的“（六）其他处理”单行和 2021 版的分项，已按 2021 版读取")
        return "2021"
    log.assumed(f"第三项表格未见“（六）其他处理”行，按 {fallback} 版格式读取")
    return fallback


def _read_applications(scan: _Scan, fallback: Variant, log: ImportLog) -> TableData:
    rows = [m for m in scan.matched if m.form_id == "applications"]
    if len(rows) < 2:
        log.missing("未找到第三项表格（收到和处理政府信息公开申请情况），文件可能不完整")
        return TableData(form_id="applications", variant=fallback, present=False)
    variant = _applications_variant(rows, fallback, log)
    table = TableData(form_id="applications", variant=variant)
    filler = _Filler(table, log)
    n = len(APPLICATION_COLUMNS)
    by_row = _pick_rows(scan, rows, "applications", log)
    missing: list[str] = []
    for row in APPLICATION_ROWS[variant]:
        cell_ids = [f"{row.row_id}.{col}" for col, _label in APPLICATION_COLUMNS]
        found = by_row.get(row.row_id)
        if found is None:
            missing.append(row.short or row.label)
            table.blank_cells.extend(cell_ids)
            continue
        values = _row_values(found, n, _apps_rule, "applications", log)
        if values is None:
            table.blank_cells.extend(cell_ids)
            continue
        for cell_id, text in zip(cell_ids, values, strict=True):
            filler.put(cell_id, text)
    filler.finish()
    if not any(h for h in scan.headers["applications"]):
        log.assumed("第三项表格的表头缺失，已按各行的名称识别")
    if missing:
        log.missing(
            f"第三项表格缺少 {len(missing)} 行（{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}），已按 0 处理"
        )
    extra = sorted({m.row_id for m in rows} - {r.row_id for r in APPLICATION_ROWS[variant]})
    for row_id in extra:
        if row_id == "other" and all(is_blank_text(v) for v in by_row[row_id].values):
            continue  # the 2021 group label （六）其他处理 on a row of its own
        log.warning(f"第三项“{by_row[row_id].label}”不属于 {variant} 版格式，已忽略")
    log.recognised(f"第三项表格：{'2019 试行版' if variant == '2019-trial' else '2021 版'}格式，识别 {len(by_row)} 行")
    return table


def _read_review(scan: _Scan, variant: Variant, log: ImportLog) -> TableData:
    cell_ids = [f"{g}.{c}" for g, _gl in REVIEW_GROUPS for c, _cl in REVIEW_COLUMNS]
    if not scan.review_rows and scan.review_run is not None:
        table = TableData(form_id="review_litigation", variant=variant)
        resolved = _resolve_run(scan.review_run, len(cell_ids), _review_rule, where="第四项", what="数据", log=log)
        if resolved is None:
            table.blank_cells.extend(cell_ids)
            return table
        filler = _Filler(table, log)
        for cell_id, text in zip(cell_ids, resolved, strict=True):
            filler.put(cell_id, text)
        filler.finish()
        return table
    if not scan.review_rows:
        numeric = [i for i in scan.unknown_rows if len(scan.rows[i]) >= 15]
        if len(numeric) == 1:
            scan.review_rows.append(scan.rows[numeric[0]])
            scan.unused.discard(numeric[0])
            log.assumed("第四项表格没有可识别的表头，已把唯一一行 15 个数字读作第四项的数据行")
    if not scan.review_rows:
        if scan.review_header:
            log.missing("第四项表格只有表头，没有找到数据行，已按 0 处理")
            table = TableData(form_id="review_litigation", variant=variant)
            table.blank_cells.extend(table.form.cell_ids())
            return table
        log.missing("未找到第四项表格（行政复议、行政诉讼情况），文件可能不完整")
        return TableData(form_id="review_litigation", variant=variant, present=False)
    table = TableData(form_id="review_litigation", variant=variant)
    filler = _Filler(table, log)
    row = scan.review_rows[0]
    placed: list[str] | None
    if len(row) < len(cell_ids) and any(not is_blank_text(v) for v in row):
        placed = _place_short(row, len(cell_ids), _review_rule, where="第四项", what="数据", log=log)
    else:
        placed, dropped = fit_values(row, len(cell_ids))
        _warn_dropped(log, "review_litigation", "数据", dropped)
    if placed is None:
        table.blank_cells.extend(cell_ids)
        return table
    for cell_id, text in zip(cell_ids, placed, strict=True):
        filler.put(cell_id, text)
    filler.finish()
    if len(scan.review_rows) > 1:
        log.warning("第四项表格有多于一行的数据，已读取第一行")
    log.recognised("第四项表格：识别数据行")
    return table


def read_tables(
    rows: list[list[str]], year: int | None, log: ImportLog, parts: list[str | None] | None = None
) -> tuple[dict[FormId, TableData], set[int]]:
    """The three tables found in ``rows`` (absent ones with ``present=False``), logging what was assumed, and
    the indices of the rows that belong to none of them.

    ``parts`` names the part each row stands in (None before the first part): a row of the official tables is
    preferred inside its own part, and rows belonging to no table are warned about only inside parts 二-四 (the
    caller keeps the others as text).
    """
    scan = _scan(rows)
    scan.parts = list(parts) if parts is not None else [None] * len(rows)
    disclosure = _read_disclosure(scan, year, log)
    if disclosure.present:
        fallback = disclosure.variant
    else:
        fallback = "2019-trial" if year is not None and year <= 2020 else "2021"
    applications = _read_applications(scan, fallback, log)
    review_variant = disclosure.variant if disclosure.present else applications.variant
    if disclosure.present and applications.present and disclosure.variant != applications.variant:
        names = {"2021": "2021 版", "2019-trial": "2019 试行版"}
        log.warning(
            f"第二项表格是{names[disclosure.variant]}格式，第三项表格是{names[applications.variant]}格式（两版混用），"
            "已按原样分别导入"
        )
    review = _read_review(scan, review_variant, log)
    in_tables = [i for i in sorted(scan.unused) if scan.parts[i] in ("二", "三", "四")]
    with_figures = [i for i in in_tables if any(is_value_text(c) and not is_blank_text(c) for c in rows[i])]
    for i in with_figures[:5]:  # label pieces without figures lose nothing
        text = " | ".join(c.strip() for c in rows[i] if c.strip())
        log.warning(f"未能识别的表格行：“{text[:60]}”，其中的数字未导入")
    if len(with_figures) > 5:
        log.warning(f"另有 {len(with_figures) - 5} 行表格内容未能识别，其中的数字未导入")
    tables: dict[FormId, TableData] = {
        "disclosure": disclosure,
        "applications": applications,
        "review_litigation": review,
    }
    return tables, scan.unused - set(in_tables)
