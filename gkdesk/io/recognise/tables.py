"""Aligning a token stream against the official row sequences of the three tables.

The stream is cut into segments: the label text up to a run of figures, and the figures. Each segment's label text
ends with the label of the row its figures belong to (whatever stands before it: captions, headers, group labels,
page footers, the tail of the previous row's wrapped label), so a row is recognised by the best match between the
end of that text and the official labels (exact, a typo, a label cut where its figures were printed). Figures are
then read as ``digits.split_row`` allows; where several readings remain, the consistency rules between rows of
table 三 (column totals, the balance) narrow them. What is still uncertain stays unread (``unread_cells``) with the
reason and the printed text in the log; rows the table lacks are unread too. Nothing is ever filled by a guess
that the log does not name.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from gkdesk.domain import refs, revisions
from gkdesk.domain.forms import (
    APPLICATION_COLUMNS,
    FORM_PART,
    FORM_TITLES,
    FormId,
    Relation,
    Term,
    Variant,
    application_row,
    form,
)
from gkdesk.domain.refs import format_ref as cell_ref
from gkdesk.domain.refs import split_cell_id
from gkdesk.domain.report import TableData
from gkdesk.domain.values import ValueInputError, normalise, parse_cell
from gkdesk.io.recognise.digits import DOCUMENT_BUDGET, Budget, Readings, agreed, split_row
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.tokens import GAP_CELL, Source, Tok, tokenize
from gkdesk.io.recognise.vocabulary import CAPTION, REVIEW_WORDS, RowSpec, all_rows, norm

ACCEPT = 0.8
PREFIX_MIN = 8  # the first characters of a label that identify it when its figures follow its first line
MAX_TOKENS = 20_000


@dataclass
class Segment:
    label: str  # normalised label text before the figures
    shown: str  # the label text as printed (for the log)
    values: list[Tok]
    items: set[int]
    key: tuple[FormId, str] | None = None
    score: float = 0.0
    continued_at: int = 0  # figures continued on a later line start here: which columns each line holds is open


def _segments(tokens: list[Tok]) -> list[Segment]:
    segments: list[Segment] = []
    label: list[Tok] = []
    values: list[Tok] = []

    def close() -> None:
        if label or values:
            shown = "".join(t.text if t.gap == 0 else f" {t.text}" for t in label).strip()
            items = {t.item for t in label} | {t.item for t in values}
            segments.append(Segment(norm("".join(t.text for t in label)), shown, list(values), items))
        label.clear()
        values.clear()

    for tok in tokens:
        if tok.kind == "text":
            if values:
                close()
            label.append(tok)
        else:
            values.append(tok)
    close()
    return segments


def _labels() -> dict[str, tuple[FormId, str]]:
    """Every row label (and alias) of every registered revision → its row; cached per registry version."""
    return _labels_and_lengths(revisions.registry_version())[0]


def _by_length() -> list[str]:
    return _labels_and_lengths(revisions.registry_version())[1]


@cache
def _labels_and_lengths(_registry_version: int) -> tuple[dict[str, tuple[FormId, str]], list[str]]:
    out: dict[str, tuple[FormId, str]] = {}
    for spec in all_rows():
        if spec.form_id == "review_litigation":
            continue
        for label in spec.labels:
            out.setdefault(label, (spec.form_id, spec.row_id))
    return out, sorted(out, key=len, reverse=True)


def tail_score(blob: str, label: str) -> float:
    """How well the end of ``blob`` reads as ``label`` (1.0: it ends with it exactly)."""
    if blob.endswith(label):
        return 1.0
    if len(label) <= 4 or len(blob) < 4:
        return 0.0
    window = blob[-(len(label) + 6) :]
    matcher = difflib.SequenceMatcher(None, window, label, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    score = 0.0
    if blocks and blocks[0].b <= 2:
        matched = sum(b.size for b in blocks)
        span = len(window) - blocks[0].a
        score = 2 * matched / (span + len(label))
        # a wrapped label's first lines with a piece of a merged group label printed in between
        # ("2.申请人逾期未按收费通知" "他处理" "要求缴纳费用、行政机关不"): judged against the part of the label read
        upto = blocks[-1].b + blocks[-1].size
        if PREFIX_MIN <= upto < len(label) and len(window) - (blocks[-1].a + blocks[-1].size) <= 1:
            score = max(score, min(0.9, 2 * matched / (span + upto)))
    # the figures were printed after the first line of a wrapped label: the text ends with its beginning
    for cut in range(len(label) - 1, 5, -1):
        if blob.endswith(label[:cut]):
            score = max(score, 0.9 if cut >= PREFIX_MIN else 0.5 + 0.45 * cut / len(label))
            break
    return score


def _match(blob: str) -> tuple[tuple[FormId, str] | None, float]:
    if not blob or "。" in blob[-60:]:
        return None, 0.0
    labels = _labels()
    for label in _by_length():
        if blob.endswith(label):
            return labels[label], 1.0
    best: tuple[tuple[FormId, str] | None, float] = (None, 0.0)
    tail = blob[-70:]
    tied = False
    for label, key in labels.items():
        if len(label) <= 4:
            continue
        score = tail_score(tail, label)
        if score > best[1]:
            best, tied = (key, score), False
        elif score == best[1] and key != best[0]:
            tied = True  # two labels fit as well: neither is taken
    return best if best[1] >= ACCEPT and not tied else (None, best[1])


def _is_review_header(blob: str) -> bool:
    """Table 四's header right before its figures (its words within the last stretch of label text)."""
    tail = blob[-90:]
    return sum(1 for w in REVIEW_WORDS if w in tail) >= 4


@dataclass
class _Found:
    """The rows recognised in a region, one segment per row (the first, preferring the table's own part)."""

    rows: dict[tuple[FormId, str], Segment] = field(default_factory=dict)
    words: str = ""
    captions: set[str] = field(default_factory=set)
    stray: list[Segment] = field(default_factory=list)
    duplicates: list[Segment] = field(default_factory=list)
    figures_before_label: list[Segment] = field(default_factory=list)
    # rows with figures of no row right before their label and figures of their own after it: which are theirs
    # (a layout that sets figures before labels, as a PDF converted to Word does) is open
    both_sides: dict[tuple[FormId, str], tuple[Segment, Segment]] = field(default_factory=dict)  # (row, before)


def _spec(form_id: FormId, row_id: str, variant: Variant) -> RowSpec:
    for spec in all_rows():
        if spec.form_id == form_id and spec.row_id == row_id and variant in spec.variants:
            return spec
    raise KeyError(row_id)


def _recognise(segments: list[Segment]) -> _Found:
    found = _Found()
    words: list[str] = []
    previous: Segment | None = None
    previous_stray: Segment | None = None
    for seg in segments:
        words.append(seg.label)
        for caption in CAPTION.finditer(seg.label):
            found.captions.add(caption.group(1))
        key, score = _match(seg.label)
        if key is None and _is_review_header(seg.label):
            key, score = ("review_litigation", "data"), 1.0
        if key is None:
            if seg.values and previous is not None and _continues(previous, seg):
                previous.continued_at = len(previous.values)
                previous.values.extend(seg.values)
                previous.items |= seg.items
                continue
            if seg.values:
                found.stray.append(seg)
            previous = None
            previous_stray = seg
            continue
        stray_before, previous_stray = previous_stray, None
        seg.key, seg.score = key, score
        blank_rows = _label_only_rows(seg, key, found)
        if blank_rows and found.stray and found.stray[-1] is stray_before:
            _figures_before_label(found, blank_rows[0])
        elif (
            _figures(seg)
            and not any(t.cell for t in seg.values)  # figures in the label's own table row are the row's
            and stray_before is not None
            and found.stray
            and found.stray[-1] is stray_before
            and _numbers(stray_before) in {s.size for s in all_rows() if (s.form_id, s.row_id) == key}
        ):
            found.both_sides[key] = (seg, stray_before)
        earlier = found.rows.get(key)
        if earlier is not None and _figures(seg) and not _figures(earlier):
            found.rows[key] = seg  # the same label first printed without figures (a header, a layout cell)
            previous = seg
            continue
        if key in found.rows:
            found.duplicates.append(seg)
            previous = None
            continue
        found.rows[key] = seg
        previous = seg
    found.words = "".join(words)
    return found


def _figures_before_label(found: _Found, key: tuple[FormId, str]) -> None:
    """Figures matching no label, right before a label printed without figures: a tall row's label set below
    its figures (a PDF centres the label of a row whose group label wraps). They are that row's."""
    stray = found.stray[-1]
    sizes = {s.size for s in all_rows() if (s.form_id, s.row_id) == key}
    if len(stray.values) not in sizes:
        return
    row = found.rows[key]
    row.values = list(stray.values)
    row.items |= stray.items
    found.stray.pop()
    found.figures_before_label.append(row)


def _label_only_rows(seg: Segment, key: tuple[FormId, str], found: _Found) -> list[tuple[FormId, str]]:
    """Row labels earlier in the same label text, with no figures of their own: rows printed blank."""
    body = seg.label[: len(seg.label) - max(1, len(_matched_label(seg.label, key)))]
    hits: list[tuple[int, str]] = []
    labels = _labels()
    for label in _by_length():
        at = body.find(label)
        if at < 0:
            continue
        row_key = labels[label]
        if row_key in (("applications", "other"), key) or row_key in found.rows:
            continue  # （六）其他处理 is the 2021 group's label too
        if any(at < end and start < at + len(label) for start, end in ((h, h + len(x)) for h, x in hits)):
            continue
        hits.append((at, label))
    added: list[tuple[FormId, str]] = []
    for _at, label in sorted(hits):
        row_key = labels[label]
        if row_key not in found.rows:
            found.rows[row_key] = Segment(label, label, [], set(seg.items), row_key, 1.0)
            added.append(row_key)
    return added


def _matched_label(blob: str, key: tuple[FormId, str]) -> str:
    labels = [label for label, k in _labels().items() if k == key and blob.endswith(label)]
    return max(labels, key=len) if labels else ""


def _figures(seg: Segment) -> bool:
    return any(t.kind == "num" for t in seg.values)


def _numbers(seg: Segment) -> int:
    return sum(1 for t in seg.values if t.kind == "num")


def _continues(previous: Segment, seg: Segment) -> bool:
    """Figures after a piece of label text that matches nothing: the rest of the previous row's figures (a wrapped
    PDF line) when together they make up a row."""
    if previous.key is None or previous.key[0] == "review_litigation":
        return False
    sizes = {s.size for s in all_rows() if (s.form_id, s.row_id) == previous.key}
    have = sum(1 for t in previous.values if t.kind != "blank" or t.gap >= GAP_CELL)
    more = len(seg.values)
    return bool(previous.values) and any(have < size and have + more == size for size in sizes)


# --------------------------------------------------------------------------- variants


def _disclosure_variant(found: _Found, year: int | None, log: ImportLog) -> Variant:
    """Table 二's revision: by its column words when only one revision's are there, else by rows, captions or
    several figures only one revision has, else by the report year (logged)."""
    every = revisions.revisions()
    worded = [r for r in every if any(w in found.words for w in r.detection.disclosure_words)]
    if len(worded) == 1:
        return worded[0].id
    keys = {row_id for form_id, row_id in found.rows if form_id == "disclosure"}
    for candidate in every:
        detection = candidate.detection
        if found.captions & set(detection.disclosure_captions) or keys & set(detection.disclosure_rows):
            return candidate.id
    for candidate in every:
        for row_id in candidate.detection.disclosure_wide_rows:
            row = found.rows.get(("disclosure", row_id))
            if row is not None and sum(1 for t in row.values if t.kind == "num") >= 2:
                return candidate.id
    variant = revisions.for_year(year).id
    log.assumed(f"第二项表格未见栏目名称，按 {variant} 版格式读取")
    return variant


def _applications_variant(found: _Found, fallback: Variant, log: ImportLog) -> Variant:
    """Table 三's revision: by rows only one revision has (the newest first), else table 二's (logged)."""
    keys = {row_id for form_id, row_id in found.rows if form_id == "applications"}
    every = revisions.revisions()
    for candidate in every:
        if not keys & set(candidate.detection.application_rows):
            continue
        if form("applications", candidate.id).same_layout(form("applications", fallback)):
            return fallback  # the same table 三 in both revisions: it goes with table 二's
        for other in every:
            for row_id in other.detection.application_rows:
                if other is candidate or row_id in candidate.detection.application_rows:
                    continue
                single = found.rows.get(("applications", row_id))
                if single is not None and any(t.kind == "num" for t in single.values):
                    log.warning(
                        f"第三项同时出现 {other.name}的“{application_row(other.id, row_id).label}”单行和 "
                        f"{candidate.name}的分项，已按 {candidate.name}读取"
                    )
        return candidate.id
    log.assumed(f"第三项表格未见“（六）其他处理”行，按 {fallback} 版格式读取")
    return fallback


# --------------------------------------------------------------------------- filling


@dataclass
class _Filler:
    table: TableData
    log: ImportLog
    blanks: list[str] = field(default_factory=list)

    def put(self, cell_id: str, text: str) -> None:
        definition = self.table.form
        kind = definition.cell(cell_id).kind
        if not text or normalise(text) in ("", "/", "—", "-"):
            self.blanks.append(cell_id)
            return
        try:
            value = parse_cell(text, kind)
        except ValueInputError as exc:
            self.log.warning(
                f"{definition.describe(cell_id)}原文为“{text.strip()}”，无法读作数值（{exc}），已标为未读，请按原文填写",
                [cell_ref(self.table.form_id, cell_id)],
            )
            self.table.mark_unread([cell_id])
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
        blanks = [c for c in self.blanks if c not in self.table.unread_cells]
        for cell_id in blanks:
            if cell_id not in self.table.blank_cells:
                self.table.blank_cells.append(cell_id)
        if blanks:
            definition = self.table.form
            part = f"第{FORM_PART[self.table.form_id]}项"
            names = "、".join(definition.describe(c).removeprefix(part) for c in blanks[:3])
            more = f"等 {len(blanks)} 个单元格" if len(blanks) > 3 else ""
            self.log.warning(
                f"{part} {names}{more}为空白（或“/”“—”），已按 0 处理",
                [cell_ref(self.table.form_id, c) for c in blanks],
            )


def _printed(values: Iterable[Tok]) -> str:
    return "".join((" " if t.gap else "") + (t.raw or t.text or "□") for t in values).strip()


def _row_name(spec: RowSpec, seg: Segment | None) -> str:
    part = f"第{FORM_PART[spec.form_id]}项"
    if spec.form_id == "review_litigation":
        return f"{part}数据行"
    if spec.form_id == "applications":
        row = application_row(spec.variants[0], spec.row_id)
        return f"{part}“{row.short if row.group else row.label}”"
    cell = form("disclosure", spec.variants[0]).cell(spec.cell_ids[0])
    return f"{part}“{cell.row_label}”"


def _continued_readings(spec: RowSpec, seg: Segment, log: ImportLog) -> list[tuple[str, ...]]:
    """A row's figures printed over two lines (its label wrapped): which columns each line holds is not known
    without their positions, so every interleaving is tried and the row's sums decide; cells they disagree on
    stay unread; [] when none fits."""
    first, second = seg.values[: seg.continued_at], seg.values[seg.continued_at :]
    name, printed = _row_name(spec, seg), f"{_printed(first)} / {_printed(second)}"
    refs = [cell_ref(spec.form_id, c) for c in spec.cell_ids]
    found: dict[tuple[str, ...], None] = {}
    if spec.sums and len(seg.values) == spec.size:
        # every way the two lines' figures can interleave, each line keeping its order
        for places in itertools.combinations(range(spec.size), len(first)):
            rest = iter(second)
            given = iter(first)
            order = [next(given) if i in places else next(rest) for i in range(spec.size)]
            cells = tuple(t.raw or t.text if t.kind == "num" else "" for t in order)
            if all(sum(_as_int(cells[i]) for i in parts) == _as_int(cells[total]) for parts, total in spec.sums):
                found[cells] = None
    if len(found) >= 1:
        readings = list(found)
        if len(readings) == 1:
            log.assumed(f"{name}一行的数字分在两行（原文“{printed}”），按勾稽关系确定了各列", refs)
        return readings
    log.warning(f"{name}一行的数字分在两行（原文“{printed}”），无法确定各属哪一列，已标为未读，请按原文填写", refs)
    return []


def _is_zero(text: str) -> bool:
    """A cell text that stands for 0: blank, a blank mark, or the figure 0 (with its unit)."""
    body = normalise(text)
    return body in ("", "/", "—", "-") or re.fullmatch(r"0(?:\.0+)?(?:万元|元|件|个|项|条|次|宗)?", body) is not None


def _as_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _readings(spec: RowSpec, seg: Segment, log: ImportLog, budget: Budget) -> list[tuple[str, ...]]:
    """The readings of one row, logged; [] when it cannot be read at all."""
    if seg.continued_at:
        return _continued_readings(spec, seg, log)
    result: Readings = split_row(seg.values, spec, shared=budget)
    name = _row_name(spec, seg)
    printed = _printed(seg.values)
    refs = [cell_ref(spec.form_id, c) for c in spec.cell_ids]
    k = len(seg.values)
    if result.how == "exact":
        return result.found
    if result.how == "none" or not result.found or result.exhausted:
        # exhausted: the search stopped before seeing every reading, so cells its readings agree on are not certain
        if k > spec.size:
            log.warning(
                f"{name}一行有 {k} 个数值（应有 {spec.size} 个，原文“{printed}”），无法确定各属哪一列，已标为未读", refs
            )
        elif result.exhausted:
            log.warning(f"{name}一行的数字（原文“{printed}”）可能的拆分过多，无法确定，已标为未读，请按原文填写", refs)
        else:
            log.warning(f"{name}一行的数字（原文“{printed}”）找不到符合勾稽关系的读法，已标为未读，请按原文填写", refs)
        return []
    if result.how == "placed" and not spec.sums:
        log.assumed(
            f"{name}一行只有 {k} 个数值（应有 {spec.size} 个，原文“{printed}”），已按从左到右填入，请核对", refs
        )
        return result.found
    what = "数字连在一起" if result.how == "split" else f"只有 {k} 个数值（应有 {spec.size} 个）"
    if len(result.found) == 1 and not result.exhausted:
        shown = "、".join(c or "空白" for c in result.found[0])
        how = "拆分" if result.how == "split" else "位置"
        log.assumed(f"{name}一行{what}（原文“{printed}”），按勾稽关系唯一可行的{how}读作 {shown}", refs)
    return result.found


def _write_row(
    spec: RowSpec,
    readings: list[tuple[str, ...]],
    seg: Segment | None,
    filler: _Filler,
    log: ImportLog,
    *,
    zeros_certain: bool = False,
) -> None:
    table = filler.table
    if not readings:
        table.mark_unread(list(spec.cell_ids))
        return
    cells = agreed(readings)
    # where the readings differ only in which cell printed the 0 and which were left blank, every reading gives
    # the cell 0: its value is certain (kept as a blank cell: read as 0, and said so) — when the table's figures
    # stand in their rows; in a table copied column by column a lone 0 under a label may be another row's
    zero = (
        {i for i, text in enumerate(cells) if text is None and all(_is_zero(r[i]) for r in readings)}
        if zeros_certain
        else set()
    )
    if zero:
        cells = ["" if i in zero else text for i, text in enumerate(cells)]
        log.assumed(
            f"{_row_name(spec, seg)}一行（原文“{_printed(seg.values) if seg else ''}”）的各种读法中，"
            f"{'、'.join(table.form.cell(spec.cell_ids[i]).col_label for i in sorted(zero))} 都是 0"
            "（原文的 0 印在哪一栏、哪些栏留空无法确定），已按 0 读入",
            [cell_ref(spec.form_id, spec.cell_ids[i]) for i in sorted(zero)],
        )
    unsure = [cid for cid, text in zip(spec.cell_ids, cells, strict=True) if text is None]
    for cid, text in zip(spec.cell_ids, cells, strict=True):
        if text is not None:
            filler.put(cid, text)
    if unsure:
        table.mark_unread(unsure)
        options = "；".join("/".join(c or "空" for c in r) for r in readings[:4])
        more = " 等" if len(readings) > 4 else ""
        names = "、".join(table.form.cell(c).col_label for c in unsure)
        printed = _printed(seg.values) if seg else ""
        log.warning(
            f"{_row_name(spec, seg)}一行（原文“{printed}”）有 {len(readings)} 种符合勾稽关系的读法（{options}{more}），"
            f"{names} 无法确定，已标为未读，请按原文填写",
            [cell_ref(spec.form_id, c) for c in unsure],
        )


def _narrow_applications(
    rows: dict[str, list[tuple[str, ...]]], balances: tuple[Relation, ...], log: ImportLog
) -> None:
    """Table 三's column totals and balance (R1, as the form declares it: ``balances``) decide between a row's
    readings, when some combination obeys them."""
    unsure = [r for r, readings in rows.items() if len(readings) > 1]
    if not unsure or "total" not in rows or any(not readings for readings in rows.values()):
        return  # a row that could not be read at all leaves the sums unknown
    combos = 1
    for r in unsure:
        combos *= len(rows[r])
    if combos > 50_000:
        return
    items = [r for r in rows if application_row_is_item(r)]
    n = len(APPLICATION_COLUMNS)
    column = {col: i for i, (col, _label) in enumerate(APPLICATION_COLUMNS)}

    def positions(terms: Iterable[Term]) -> list[tuple[str, int, int]]:
        return [(row, column[col], t.sign) for t in terms for row, col in (split_cell_id(t.cell_id),)]

    # the balances whose rows were all read: (left terms, right terms) as (row, column index, sign)
    equations = [
        (positions(b.left), positions(b.right))
        for b in balances
        if all(split_cell_id(t.cell_id)[0] in rows for t in b.terms)
    ]

    def ok(choice: dict[str, tuple[str, ...]]) -> bool:
        def v(r: str, c: int) -> int:
            reading = choice.get(r) or rows[r][0]
            text = reading[c]
            return int(text) if text.isdigit() else 0

        for c in range(n):
            if sum(v(r, c) for r in items) != v("total", c):
                return False
        for left, right in equations:
            if sum(sign * v(r, c) for r, c, sign in left) != sum(sign * v(r, c) for r, c, sign in right):
                return False
        return True

    kept: dict[str, set[tuple[str, ...]]] = {r: set() for r in unsure}
    for picks in itertools.product(*(rows[r] for r in unsure)):
        choice = dict(zip(unsure, picks, strict=True))
        if ok(choice):
            for r, reading in choice.items():
                kept[r].add(reading)
    if not any(kept.values()):
        return
    narrowed = [r for r in unsure if len(kept[r]) < len(rows[r])]
    for r in unsure:
        rows[r] = [x for x in rows[r] if x in kept[r]]
    if narrowed:
        log.assumed(
            f"第三项有 {len(narrowed)} 行的数字有多种读法，按各列合计与“第一项加第二项之和等于第三项加第四项之和”确定",
            [cell_ref("applications", refs.cell_id(r, c)) for r in narrowed for c, _l in APPLICATION_COLUMNS],
        )


def application_row_is_item(row_id: str) -> bool:
    return row_id not in ("new", "carry_in", "total", "carry_out")


# --------------------------------------------------------------------------- the three tables


def _blank_rows_the_totals_contradict(table: TableData, unprinted: list[str], log: ImportLog) -> None:
    """Rows printed without any figure were read as blank (0); where a total of the table then does not add up,
    the figures of such a row may have been lost in copying (a line dropped): its cells become unread."""
    if not unprinted:
        return
    definition = table.form
    row_of = {c.cell_id: c.row_id for c in definition.cells}

    def number(cell_id: str) -> Decimal:
        value = table.get(cell_id)
        return Decimal(value) if isinstance(value, int | Decimal) else Decimal(0)

    suspect: set[str] = set()
    for total in definition.totals():
        involved = (total.cell_id, *total.total_of)
        if any(c in table.unread_cells for c in involved):
            continue
        rows = {row_of[c] for c in involved} & set(unprinted)
        if rows and sum((number(c) for c in total.total_of), Decimal(0)) != number(total.cell_id):
            suspect |= rows
    for row_id in sorted(suspect):
        row_cells = [c.cell_id for c in definition.cells if c.row_id == row_id]
        table.blank_cells = [c for c in table.blank_cells if c not in row_cells]
        table.mark_unread(row_cells)
        log.warning(
            f"第{FORM_PART[table.form_id]}项“{definition.cell(row_cells[0]).row_label}”一行原文没有数字，"
            "按空白读作 0 时表中合计不符，该行的数字可能在复制时丢失，已标为未读，请按原文填写",
            [cell_ref(table.form_id, c) for c in row_cells],
        )


def _read_form(
    form_id: FormId, variant: Variant, found: _Found, log: ImportLog, budget: Budget
) -> tuple[TableData, dict[str, list[tuple[str, ...]]], bool]:
    """The table, each row's readings, and whether its figures stand in their rows (every row found with figures
    of its own, none over-full, none astray): only then does a row's every reading speak for the row."""
    table = TableData(form_id=form_id, variant=variant)
    definition = table.form
    readings: dict[str, list[tuple[str, ...]]] = {}
    row_ids = ("data",) if form_id == "review_litigation" else definition.row_ids()
    missing: list[str] = []
    # figures that are not where their rows are: belonging to no row, or more of them under one label than it has
    # cells (a table copied column by column puts whole columns under one label)
    displaced = bool(found.stray) or any(
        _numbers(seg) > _spec(form_id, row_id, variant).size
        for (form, row_id), seg in found.rows.items()
        if form == form_id and row_id in row_ids and not seg.continued_at
    )
    for row_id in row_ids:
        spec = _spec(form_id, row_id, variant)
        seg = found.rows.get((form_id, row_id))
        if seg is None and not displaced and any(label in found.words for label in spec.labels):
            readings[row_id] = [("",) * spec.size]  # its label is printed, with no figures anywhere: blank
            continue
        if seg is None:
            missing.append(_row_name(spec, None).split("“")[-1].rstrip("”"))
            table.mark_unread(list(spec.cell_ids))
            continue
        both = found.both_sides.get((form_id, row_id))
        if both is not None and both[0] is seg:
            log.warning(
                f"{_row_name(spec, seg)}一行前后都有数字（前“{_printed(both[1].values)}”，后“{_printed(seg.values)}”），"
                "无法确定哪些属于该行，已标为未读，请按原文填写",
                [cell_ref(form_id, c) for c in spec.cell_ids],
            )
            table.mark_unread(list(spec.cell_ids))
            continue
        if not _figures(seg) and displaced:
            # printed without figures while figures elsewhere are not in their rows (a text copied column by
            # column): whether this row is blank cannot be known
            log.warning(
                f"{_row_name(spec, seg)}一行在原文中没有数字，而表格中另有未能归属的数字，无法确定该行是否为空白，已标为未读",
                [cell_ref(form_id, c) for c in spec.cell_ids],
            )
            table.mark_unread(list(spec.cell_ids))
            continue
        readings[row_id] = _readings(spec, seg, log, budget)
    if missing:
        shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
        log.missing(
            f"第{FORM_PART[form_id]}项表格缺少 {len(missing)} 行（{shown}），这些单元格未能读取，已标为未读",
            [cell_ref(form_id, c) for c in table.unread_cells],
        )
    in_place = not displaced and all(
        (seg := found.rows.get((form_id, row_id))) is not None and bool(seg.values) for row_id in row_ids
    )
    return table, readings, in_place


def read_tables(
    sources: list[Source],
    year: int | None,
    log: ImportLog,
    parts: list[str | None] | None = None,
    blank_forms: set[FormId] | None = None,
) -> tuple[dict[FormId, TableData], set[int]]:
    """The three tables in ``sources`` (paragraphs and rows of one region of the document), and the indices of
    the sources that belong to a table. Tables not found have ``present=False``; ``blank_forms`` were printed as
    the blank official form of a table the report lacks (not looked for, logged as such)."""
    tokens = tokenize(sources)
    if len(tokens) > MAX_TOKENS:
        tokens = tokens[:MAX_TOKENS]
        log.warning("表格部分的内容过长，只读取了前面的部分")
    segments = _segments(tokens)
    found = _recognise(segments)
    part_of = parts or [None] * len(sources)
    _prefer_own_part(found, segments, part_of, log)

    tables: dict[FormId, TableData] = {}
    budget = Budget(DOCUMENT_BUDGET)
    has_disclosure = any(f == "disclosure" for f, _r in found.rows) or bool(found.captions)
    if has_disclosure:
        disclosure_variant = _disclosure_variant(found, year, log)
    else:
        disclosure_variant = revisions.for_year(year).id
    apps_rows = [r for f, r in found.rows if f == "applications"]
    apps_variant = _applications_variant(found, disclosure_variant, log) if len(apps_rows) >= 2 else disclosure_variant
    plan: list[tuple[FormId, Variant, bool]] = [
        ("disclosure", disclosure_variant, has_disclosure),
        ("applications", apps_variant, len(apps_rows) >= 2),
        ("review_litigation", disclosure_variant if has_disclosure else apps_variant, _review_present(found)),
    ]
    for form_id, variant, present in plan:
        if form_id in (blank_forms or set()):
            log.missing(f"第{FORM_PART[form_id]}项表格注明原文未提供，印的是空白表格，仍按缺少该表导入，请在表格中填写")
            tables[form_id] = TableData(form_id=form_id, variant=variant, present=False)
            continue
        if not present:
            what = FORM_TITLES[form_id].removeprefix("政府信息公开")
            log.missing(f"未找到第{FORM_PART[form_id]}项表格（{what}），文件可能不完整")
            tables[form_id] = TableData(form_id=form_id, variant=variant, present=False)
            continue
        table, readings, in_place = _read_form(form_id, variant, found, log, budget)
        if form_id == "applications":
            _narrow_applications(readings, table.form.relations_of("R1"), log)
            if not any(w in found.words for w in ("申请人情况", "自然人", "商业企业", "勾稽关系")):
                log.assumed("第三项表格的表头缺失，已按各行的名称识别")
        filler = _Filler(table, log)
        row_ids = ("data",) if form_id == "review_litigation" else table.form.row_ids()
        for row_id in row_ids:
            if row_id in readings:
                seg = found.rows.get((form_id, row_id))
                _write_row(_spec(form_id, row_id, variant), readings[row_id], seg, filler, log, zeros_certain=in_place)
        filler.finish()
        unprinted = [
            row_id
            for row_id, row_readings in readings.items()
            if row_readings
            and all(not text for text in row_readings[0])
            and len(row_readings) == 1
            and not _figures(found.rows.get((form_id, row_id)) or Segment("", "", [], set()))
        ]
        _blank_rows_the_totals_contradict(table, unprinted, log)
        _log_table(table, found, log)
        tables[form_id] = table
    if apps_variant != disclosure_variant and has_disclosure and len(apps_rows) >= 2:
        log.warning(
            f"第二项表格是{revisions.display_name(disclosure_variant)}格式，"
            f"第三项表格是{revisions.display_name(apps_variant)}格式"
            "（两版混用），已按原样分别导入"
        )
    for seg in found.figures_before_label:
        assert seg.key is not None
        spec = next(s for s in all_rows() if (s.form_id, s.row_id) == seg.key)
        log.assumed(
            f"{_row_name(spec, seg)}的数字（“{_printed(seg.values)}”）印在行名之前，已按该行读取",
            [cell_ref(spec.form_id, c) for c in spec.cell_ids],
        )
    stray = [seg for seg in found.stray if any(part_of[i] in ("二", "三", "四", None) for i in seg.items)]
    for seg in stray[:5]:
        log.warning(
            f"未能识别的表格内容：“{(seg.shown[-30:] + ' ' + _printed(seg.values))[:60].strip()}”，其中的数字未导入"
        )
    if len(stray) > 5:
        log.warning(f"另有 {len(stray) - 5} 处表格内容未能识别，其中的数字未导入")
    used: set[int] = set()
    for seg in found.rows.values():
        used |= seg.items
    for seg in found.duplicates:  # a second copy counts as the table's only inside the table parts
        used |= {i for i in seg.items if part_of[i] in ("二", "三", "四")}
    return tables, used


def _review_present(found: _Found) -> bool:
    return ("review_litigation", "data") in found.rows


def _prefer_own_part(found: _Found, segments: list[Segment], parts: list[str | None], log: ImportLog) -> None:
    """A table row label that also stands in another part (a sentence-like row in part 一): the table's part wins."""
    for seg in list(found.duplicates):
        if seg.key is None:
            continue
        own = FORM_PART[seg.key[0]]
        first = found.rows[seg.key]
        where_first = {parts[i] for i in first.items if i < len(parts)}
        where_seg = {parts[i] for i in seg.items if i < len(parts)}
        if own in where_seg and own not in where_first and where_first - {None}:
            found.rows[seg.key] = seg
            found.duplicates.remove(seg)
            found.duplicates.append(first)
            other = next(iter(where_first - {None}))
            log.warning(f"第{other}部分也有一行“{first.shown[-20:]}”，与第{own}项表格同名，已按第{own}部分的表格读取")
        else:
            log.warning(f"第{own}项“{seg.shown[-20:]}”出现了两次，已按第一次读取")


def _log_table(table: TableData, found: _Found, log: ImportLog) -> None:
    part = FORM_PART[table.form_id]
    rows = sum(1 for f, _r in found.rows if f == table.form_id)
    log.recognised(f"第{part}项表格：{revisions.display_name(table.variant)}格式，识别 {rows} 行")
    if table.unread_cells:
        names = "、".join(table.form.describe(c).removeprefix(f"第{part}项") for c in table.unread_cells[:3])
        more = f"等 {len(table.unread_cells)} 个单元格" if len(table.unread_cells) > 3 else ""
        log.warning(
            f"第{part}项表格未能完整读取：{names}{more}无法从原文确定，已标为未读，请按原文填写",
            [cell_ref(table.form_id, c) for c in table.unread_cells],
        )
