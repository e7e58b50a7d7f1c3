"""The three official tables, defined once.

Every consumer (checker, grid, importers, exporters) reads the tables through these definitions, so an official
label or a merge lives in exactly one place. Geometry follows ``shared/spec/official-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

FormId = Literal["disclosure", "applications", "review_litigation"]
Variant = Literal["2021", "2019-trial"]
CellKind = Literal["count", "signed", "decimal", "text"]
GridRole = Literal["note", "header", "caption", "label", "value"]

FORM_IDS: tuple[FormId, ...] = ("disclosure", "applications", "review_litigation")
VARIANTS: tuple[Variant, ...] = ("2021", "2019-trial")

FORM_TITLES: dict[FormId, str] = {
    "disclosure": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
}
FORM_PART: dict[FormId, str] = {"disclosure": "二", "applications": "三", "review_litigation": "四"}


@dataclass(frozen=True)
class CellDef:
    """One value cell: its id, kind and the words a clerk uses for it."""

    cell_id: str
    row_id: str
    col_id: str
    kind: CellKind
    row_label: str
    col_label: str
    total_of: tuple[str, ...] = ()

    @property
    def is_total(self) -> bool:
        return bool(self.total_of)


@dataclass(frozen=True)
class GridCell:
    """One printed cell of the official table (merged cells span rows/columns)."""

    row: int
    col: int
    text: str = ""
    role: GridRole = "label"
    cell_id: str | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class FormDef:
    form_id: FormId
    variant: Variant
    n_rows: int
    n_cols: int
    header_rows: int
    grid: tuple[GridCell, ...]
    cells: tuple[CellDef, ...]
    _by_id: dict[str, CellDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.cell_id: c for c in self.cells})

    @property
    def title(self) -> str:
        return FORM_TITLES[self.form_id]

    def cell(self, cell_id: str) -> CellDef:
        return self._by_id[cell_id]

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._by_id

    def cell_ids(self) -> tuple[str, ...]:
        return tuple(c.cell_id for c in self.cells)

    def totals(self) -> tuple[CellDef, ...]:
        return tuple(c for c in self.cells if c.is_total)

    def grid_at(self, row: int, col: int) -> GridCell | None:
        """The grid cell whose top-left corner is (row, col), if any."""
        for g in self.grid:
            if g.row == row and g.col == col:
                return g
        return None

    def value_position(self, cell_id: str) -> tuple[int, int]:
        for g in self.grid:
            if g.cell_id == cell_id:
                return g.row, g.col
        raise KeyError(cell_id)

    def row_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for c in self.cells:
            seen.setdefault(c.row_id, None)
        return tuple(seen)

    def col_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for c in self.cells:
            seen.setdefault(c.col_id, None)
        return tuple(seen)

    def describe(self, cell_id: str) -> str:
        """A clerk-readable name, e.g. 第三项（七）总计的自然人列."""
        c = self.cell(cell_id)
        part = FORM_PART[self.form_id]
        if self.form_id == "disclosure":
            return f"第{part}项“{c.row_label}”的“{c.col_label}”"
        if self.form_id == "review_litigation":
            return f"第{part}项“{c.row_label}”的“{c.col_label}”"
        return f"第{part}项{c.row_label}的{c.col_label}列"


# --------------------------------------------------------------------------- table 二


@dataclass(frozen=True)
class _Block:
    block_id: str
    caption: str
    columns: tuple[tuple[str, str, CellKind], ...]
    rows: tuple[tuple[str, str], ...]


_DISCLOSURE_BLOCKS: dict[Variant, tuple[_Block, ...]] = {
    "2021": (
        _Block(
            "art20_1",
            "第二十条第（一）项",
            (
                ("issued", "本年制发件数", "count"),
                ("repealed", "本年废止件数", "count"),
                ("in_force", "现行有效件数", "count"),
            ),
            (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        _Block(
            "art20_5",
            "第二十条第（五）项",
            (("decisions", "本年处理决定数量", "count"),),
            (("licensing", "行政许可"),),
        ),
        _Block(
            "art20_6",
            "第二十条第（六）项",
            (("decisions", "本年处理决定数量", "count"),),
            (("penalty", "行政处罚"), ("coercion", "行政强制")),
        ),
        _Block(
            "art20_8",
            "第二十条第（八）项",
            (("amount_wan", "本年收费金额（单位：万元）", "decimal"),),
            (("fees", "行政事业性收费"),),
        ),
    ),
    "2019-trial": (
        _Block(
            "art20_1",
            "第二十条第（一）项",
            (
                ("made", "本年新制作数量", "count"),
                ("published", "本年新公开数量", "count"),
                ("total_published", "对外公开总数量", "count"),
            ),
            (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ),
        _Block(
            "art20_5",
            "第二十条第（五）项",
            (
                ("prev_items", "上一年项目数量", "count"),
                ("change", "本年增/减", "signed"),
                ("decisions", "处理决定数量", "count"),
            ),
            (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        _Block(
            "art20_6",
            "第二十条第（六）项",
            (
                ("prev_items", "上一年项目数量", "count"),
                ("change", "本年增/减", "signed"),
                ("decisions", "处理决定数量", "count"),
            ),
            (("penalty", "行政处罚"), ("coercion", "行政强制")),
        ),
        _Block(
            "art20_8",
            "第二十条第（八）项",
            (("prev_items", "上一年项目数量", "count"), ("change", "本年增/减", "signed")),
            (("fees", "行政事业性收费"),),
        ),
        _Block(
            "art20_9",
            "第二十条第（九）项",
            (("items", "采购项目数量", "count"), ("amount", "采购总金额", "text")),
            (("procurement", "政府集中采购"),),
        ),
    ),
}

DISCLOSURE_BLOCK_CAPTIONS: dict[str, str] = {b.block_id: b.caption for v in _DISCLOSURE_BLOCKS.values() for b in v}


def _spans(n_values: int, width: int) -> list[int]:
    """Column spans so that ``n_values`` cells fill ``width`` grid columns; the last one takes the rest."""
    spans = [1] * n_values
    spans[-1] = width - (n_values - 1)
    return spans


def _build_disclosure(variant: Variant) -> FormDef:
    width = 3  # value columns; plus one label column
    grid: list[GridCell] = []
    cells: list[CellDef] = []
    r = 0
    for block in _DISCLOSURE_BLOCKS[variant]:
        grid.append(GridCell(r, 0, block.caption, "caption", colspan=width + 1))
        r += 1
        grid.append(GridCell(r, 0, "信息内容", "header"))
        col = 1
        spans = _spans(len(block.columns), width)
        for (_cid, clabel, _kind), span in zip(block.columns, spans, strict=True):
            grid.append(GridCell(r, col, clabel, "header", colspan=span))
            col += span
        r += 1
        for row_id, row_label in block.rows:
            grid.append(GridCell(r, 0, row_label, "label"))
            col = 1
            for (cid, clabel, kind), span in zip(block.columns, spans, strict=True):
                cell_id = f"{block.block_id}.{row_id}.{cid}"
                grid.append(GridCell(r, col, "", "value", cell_id, colspan=span))
                cells.append(CellDef(cell_id, f"{block.block_id}.{row_id}", cid, kind, row_label, clabel))
                col += span
            r += 1
    return FormDef("disclosure", variant, r, width + 1, 0, tuple(grid), tuple(cells))


# --------------------------------------------------------------------------- table 三

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("biz", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
)
APPLICATION_COLUMNS: tuple[tuple[str, str], ...] = (*APPLICANT_COLUMNS, ("total", "总计"))
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class ApplicationRow:
    row_id: str
    label: str  # the exact printed label of the row's own cell
    group: str = ""  # the merged group label to its left, e.g. （三）不予公开
    short: str = ""  # how a message names the row within table 三, e.g. （七）总计

    @property
    def is_item(self) -> bool:
        """Rows that add up to （七）总计."""
        return self.row_id not in ("new", "carry_in", "total", "carry_out")


def _group(prefix: str, group: str, items: tuple[tuple[str, str], ...]) -> tuple[ApplicationRow, ...]:
    return tuple(ApplicationRow(f"{prefix}.{rid}", label, group, f"{group}{label}") for rid, label in items)


_DENIED = _group(
    "denied",
    "（三）不予公开",
    (
        ("state_secret", "1.属于国家秘密"),
        ("law_forbidden", "2.其他法律行政法规禁止公开"),
        ("three_safety_one_stability", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_info", "6.属于四类过程性信息"),
        ("enforcement_file", "7.属于行政执法案卷"),
        ("admin_query", "8.属于行政查询事项"),
    ),
)
_UNABLE = _group(
    "unable",
    "（四）无法提供",
    (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("need_creation", "2.没有现成信息需要另行制作"),
        ("unclear_after_correction", "3.补正后申请内容仍不明确"),
    ),
)
_NOT_PROCESSED = _group(
    "not_processed",
    "（五）不予处理",
    (
        ("petition_complaint", "1.信访举报投诉类申请"),
        ("repeat", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("mass_repeat", "4.无正当理由大量反复申请"),
        ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    ),
)
_OTHER_2021 = _group(
    "other",
    "（六）其他处理",
    (
        ("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    ),
)

APPLICATION_ROWS: dict[Variant, tuple[ApplicationRow, ...]] = {
    variant: (
        ApplicationRow("new", "一、本年新收政府信息公开申请数量", short="第一项（本年新收）"),
        ApplicationRow("carry_in", "二、上年结转政府信息公开申请数量", short="第二项（上年结转）"),
        ApplicationRow("granted", "（一）予以公开", "三、本年度办理结果", "（一）予以公开"),
        ApplicationRow(
            "partial",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "三、本年度办理结果",
            "（二）部分公开",
        ),
        *_DENIED,
        *_UNABLE,
        *_NOT_PROCESSED,
        *(_OTHER_2021 if variant == "2021" else (ApplicationRow("other", "（六）其他处理", "", "（六）其他处理"),)),
        ApplicationRow("total", "（七）总计", "", "（七）总计"),
        ApplicationRow("carry_out", "四、结转下年度继续办理", short="第四项（结转下年度）"),
    )
    for variant in VARIANTS
}
RESULTS_GROUP_LABEL = "三、本年度办理结果"


def application_row(variant: Variant, row_id: str) -> ApplicationRow:
    for row in APPLICATION_ROWS[variant]:
        if row.row_id == row_id:
            return row
    raise KeyError(row_id)


def _build_applications(variant: Variant) -> FormDef:
    rows = APPLICATION_ROWS[variant]
    grid: list[GridCell] = [
        GridCell(0, 0, APPLICATIONS_NOTE, "note", rowspan=3, colspan=3),
        GridCell(0, 3, "申请人情况", "header", colspan=7),
        GridCell(1, 3, "自然人", "header", rowspan=2),
        GridCell(1, 4, "法人或其他组织", "header", colspan=5),
        GridCell(1, 9, "总计", "header", rowspan=2),
        *(GridCell(2, 4 + i, label, "header") for i, (_c, label) in enumerate(APPLICANT_COLUMNS[1:])),
    ]
    items = [r.row_id for r in rows if r.is_item]
    cells: list[CellDef] = []
    r = 3
    results_rows = [row for row in rows if row.is_item or row.row_id == "total"]
    grid.append(GridCell(r + 2, 0, RESULTS_GROUP_LABEL, "label", rowspan=len(results_rows)))
    group_start: dict[str, int] = {}
    for row in rows:
        if row.row_id in ("new", "carry_in", "carry_out"):
            grid.append(GridCell(r, 0, row.label, "label", colspan=3))
        elif row.group and row.group != RESULTS_GROUP_LABEL:
            if row.group not in group_start:
                group_start[row.group] = r
                size = sum(1 for x in rows if x.group == row.group)
                grid.append(GridCell(r, 1, row.group, "label", rowspan=size))
            grid.append(GridCell(r, 2, row.label, "label"))
        else:
            grid.append(GridCell(r, 1, row.label, "label", colspan=2))
        for i, (col_id, col_label) in enumerate(APPLICATION_COLUMNS):
            cell_id = f"{row.row_id}.{col_id}"
            total_of: tuple[str, ...] = ()
            if col_id == "total":
                total_of = tuple(f"{row.row_id}.{c}" for c, _l in APPLICANT_COLUMNS)
            elif row.row_id == "total":
                total_of = tuple(f"{item}.{col_id}" for item in items)
            grid.append(GridCell(r, 3 + i, "", "value", cell_id))
            cells.append(CellDef(cell_id, row.row_id, col_id, "count", row.short or row.label, col_label, total_of))
        r += 1
    return FormDef("applications", variant, r, 10, 3, tuple(grid), tuple(cells))


# --------------------------------------------------------------------------- table 四

REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("lit_direct", "行政诉讼·未经复议直接起诉"),
    ("lit_after_review", "行政诉讼·复议后起诉"),
)
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _build_review(variant: Variant) -> FormDef:
    grid: list[GridCell] = [
        GridCell(0, 0, "行政复议", "header", colspan=5),
        GridCell(0, 5, "行政诉讼", "header", colspan=10),
        *(GridCell(1, i, label, "header", rowspan=2) for i, (_c, label) in enumerate(REVIEW_COLUMNS)),
        GridCell(1, 5, "未经复议直接起诉", "header", colspan=5),
        GridCell(1, 10, "复议后起诉", "header", colspan=5),
        *(GridCell(2, 5 + i, label, "header") for i, (_c, label) in enumerate(REVIEW_COLUMNS * 2)),
    ]
    cells: list[CellDef] = []
    for g, (group_id, group_label) in enumerate(REVIEW_GROUPS):
        parts = tuple(f"{group_id}.{c}" for c, _l in REVIEW_COLUMNS if c != "total")
        for i, (col_id, col_label) in enumerate(REVIEW_COLUMNS):
            cell_id = f"{group_id}.{col_id}"
            total_of = parts if col_id == "total" else ()
            grid.append(GridCell(3, g * 5 + i, "", "value", cell_id))
            cells.append(CellDef(cell_id, group_id, col_id, "count", group_label, col_label, total_of))
    return FormDef("review_litigation", variant, 4, 15, 3, tuple(grid), tuple(cells))


@cache
def form(form_id: FormId, variant: Variant = "2021") -> FormDef:
    """The definition of one table in one format version."""
    if form_id == "disclosure":
        return _build_disclosure(variant)
    if form_id == "applications":
        return _build_applications(variant)
    return _build_review(variant)
