"""The three official tables, defined once: their geometry, built from the contents of each format revision.

Every consumer (checker, grid, importers, exporters) reads the tables through these definitions, so an official
label or a merge lives in exactly one place. Geometry follows ``shared/spec/official-format.md``; what a revision
puts in the tables (table 二's blocks, table 三's rows) is in ``gkdesk.domain.revisions``. The relations between
cells that hold in one year (R1) or between two years (R5, R6) are declared here, on the form, for the checker
and the importer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from gkdesk.domain import revisions
from gkdesk.domain.refs import FORM_IDS, FormId, cell_id, row_id
from gkdesk.domain.revisions import (
    RESULTS_GROUP_LABEL,
    ApplicationRow,
    CellKind,
    DisclosureBlock,
    RevisionId,
)

__all__ = ["FORM_IDS", "RESULTS_GROUP_LABEL", "ApplicationRow", "CellKind", "DisclosureBlock", "FormId"]

Variant = RevisionId  # a table's format revision: an id of ``gkdesk.domain.revisions``
GridRole = Literal["note", "header", "caption", "label", "value"]

VARIANTS: tuple[Variant, ...] = revisions.revision_ids()  # the built-in revisions, newest first

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
class Term:
    """One cell in a relation, with its sign; ``last_year`` reads it from last year's report."""

    cell_id: str
    sign: int = 1
    last_year: bool = False


@dataclass(frozen=True)
class Relation:
    """A rule between cells: the sum of ``left`` equals the sum of ``right``.

    ``rule`` is its code (R1, R5, R6), ``label`` what a message names it by (a column or row label), ``target``
    the cell a one-click fix sets (None when the rule cannot say which cell is wrong)."""

    rule: str
    label: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    target: str | None = None

    @property
    def terms(self) -> tuple[Term, ...]:
        return (*self.left, *self.right)

    @property
    def across_years(self) -> bool:
        return any(t.last_year for t in self.terms)


@dataclass(frozen=True)
class FormDef:
    form_id: FormId
    variant: Variant
    n_rows: int
    n_cols: int
    header_rows: int
    grid: tuple[GridCell, ...]
    cells: tuple[CellDef, ...]
    relations: tuple[Relation, ...] = ()
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

    def same_layout(self, other: FormDef) -> bool:
        """Whether two revisions print this table alike (table 四 is the same in 2019 and 2021)."""
        return self.form_id == other.form_id and self.grid == other.grid and self.cells == other.cells

    def relations_of(self, rule: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.rule == rule)

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


DISCLOSURE_BLOCK_CAPTIONS: dict[str, str] = {
    b.block_id: b.caption for r in revisions.revisions() for b in r.disclosure_blocks
}


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
    for block in revisions.revision(variant).disclosure_blocks:
        grid.append(GridCell(r, 0, block.caption, "caption", colspan=width + 1))
        r += 1
        grid.append(GridCell(r, 0, "信息内容", "header"))
        col = 1
        spans = _spans(len(block.columns), width)
        for (_cid, clabel, _kind), span in zip(block.columns, spans, strict=True):
            grid.append(GridCell(r, col, clabel, "header", colspan=span))
            col += span
        r += 1
        for block_row, row_label in block.rows:
            grid.append(GridCell(r, 0, row_label, "label"))
            col = 1
            for (cid, clabel, kind), span in zip(block.columns, spans, strict=True):
                full_row = row_id(block.block_id, block_row)
                value_cell = cell_id(full_row, cid)
                grid.append(GridCell(r, col, "", "value", value_cell, colspan=span))
                cells.append(CellDef(value_cell, full_row, cid, kind, row_label, clabel))
                col += span
            r += 1
    ids = {c.cell_id for c in cells}
    return FormDef("disclosure", variant, r, width + 1, 0, tuple(grid), tuple(cells), _stock_relations(ids))


def _stock_relations(ids: set[str]) -> tuple[Relation, ...]:
    """R5: this year's documents in force are last year's plus those issued less those repealed (a revision whose
    table 二 has no such columns has no R5)."""
    relations: list[Relation] = []
    for row, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        key = row_id("art20_1", row)
        issued, repealed, in_force = (cell_id(key, c) for c in ("issued", "repealed", "in_force"))
        if {issued, repealed, in_force} <= ids:
            left = (Term(in_force, last_year=True), Term(issued), Term(repealed, -1))
            relations.append(Relation("R5", label, left, (Term(in_force),)))
    return tuple(relations)


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


APPLICATION_ROWS: dict[Variant, tuple[ApplicationRow, ...]] = {
    variant: revisions.revision(variant).application_rows for variant in VARIANTS
}


def application_rows(variant: Variant) -> tuple[ApplicationRow, ...]:
    """Table 三's rows in one revision."""
    return revisions.revision(variant).application_rows


def application_row(variant: Variant, row_id: str) -> ApplicationRow:
    for row in application_rows(variant):
        if row.row_id == row_id:
            return row
    raise KeyError(row_id)


def _build_applications(variant: Variant) -> FormDef:
    rows = application_rows(variant)
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
            value_cell = cell_id(row.row_id, col_id)
            total_of: tuple[str, ...] = ()
            if col_id == "total":
                total_of = tuple(cell_id(row.row_id, c) for c, _l in APPLICANT_COLUMNS)
            elif row.row_id == "total":
                total_of = tuple(cell_id(item, col_id) for item in items)
            grid.append(GridCell(r, 3 + i, "", "value", value_cell))
            cells.append(CellDef(value_cell, row.row_id, col_id, "count", row.short or row.label, col_label, total_of))
        r += 1
    return FormDef("applications", variant, r, 10, 3, tuple(grid), tuple(cells), _application_relations())


def _application_relations() -> tuple[Relation, ...]:
    """R1 per column (新收 + 上年结转 = 总计 + 结转下年度, a wrong 结转下年度 is fixed) and R6 (this year's 上年结转 is
    last year's 结转下年度) for the six applicant columns."""
    relations: list[Relation] = []
    for col, label in APPLICATION_COLUMNS:
        new, carry_in, total, carry_out = (cell_id(r, col) for r in ("new", "carry_in", "total", "carry_out"))
        relations.append(Relation("R1", label, (Term(new), Term(carry_in)), (Term(total), Term(carry_out)), carry_out))
    for col, label in APPLICATION_COLUMNS:
        carry_in, carry_out = cell_id("carry_in", col), cell_id("carry_out", col)
        relations.append(Relation("R6", label, (Term(carry_out, last_year=True),), (Term(carry_in),), carry_in))
    return tuple(relations)


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
        parts = tuple(cell_id(group_id, c) for c, _l in REVIEW_COLUMNS if c != "total")
        for i, (col_id, col_label) in enumerate(REVIEW_COLUMNS):
            value_cell = cell_id(group_id, col_id)
            total_of = parts if col_id == "total" else ()
            grid.append(GridCell(3, g * 5 + i, "", "value", value_cell))
            cells.append(CellDef(value_cell, group_id, col_id, "count", group_label, col_label, total_of))
    return FormDef("review_litigation", variant, 4, 15, 3, tuple(grid), tuple(cells))


def form(form_id: FormId, variant: Variant | None = None) -> FormDef:
    """The definition of one table in one format revision (the current one by default)."""
    return _form(form_id, variant or revisions.current().id, revisions.registry_version())


@cache
def _form(form_id: FormId, variant: Variant, _registry_version: int) -> FormDef:
    revisions.revision(variant)  # an unknown revision is an error, not a 2021 table
    if form_id == "disclosure":
        return _build_disclosure(variant)
    if form_id == "applications":
        return _build_applications(variant)
    return _build_review(variant)
