"""The year at a glance: the figures the 图表 page and the 图解 graphic show, this year beside last year.

Every figure is read from the report's tables (and from last year's report kept inside it, ``Report.previous``);
nothing is computed that the tables do not hold, except plain sums of printed rows (the 不予公开 group is the sum
of its eight rows). Decisions:
- A cell the importer could not read (``TableData.unread_cells``) is ``UNREAD``, never 0; a sum with an unread
  part is ``UNREAD`` too.
- A figure the report has no place for is ``ABSENT``: no last year's report inside, a table marked missing, or a
  cell the table's format lacks (the 2019 trial table 二 has no 现行有效件数 and no 收费金额).
- Rows of table 三 are compared by their group (``denied`` …), so a 2019 trial 上年 table 三 compares with a 2021
  one; table 二 cells are compared by their id, which both formats share where they mean the same thing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from gkdesk.domain.forms import APPLICANT_COLUMNS, FormId
from gkdesk.domain.report import Report


class Missing(enum.Enum):
    """Why a figure has no number: the source could not be read, or the report has no such figure."""

    UNREAD = "未读"
    ABSENT = "—"


UNREAD, ABSENT = Missing.UNREAD, Missing.ABSENT
Amount = int | Decimal
Value = Amount | Missing


@dataclass(frozen=True)
class Figure:
    """One compared figure: its label, this year's and last year's value."""

    label: str
    this_year: Value
    last_year: Value

    @property
    def change(self) -> Amount | None:
        """This year minus last year, when both are numbers."""
        if isinstance(self.this_year, Missing) or isinstance(self.last_year, Missing):
            return None
        return self.this_year - self.last_year


@dataclass(frozen=True)
class FigureGroup:
    title: str
    unit: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Glance:
    agency: str
    year: int
    previous_year: int | None
    groups: tuple[FigureGroup, ...]

    def group(self, title: str) -> FigureGroup:
        return next(g for g in self.groups if g.title == title)


# A figure is a sum of cells; a cell is (form, cell id) or (form, row group prefix, column) for table 三's groups.
_Source = tuple[FormId, str]

_APPLICANTS: tuple[tuple[str, tuple[_Source, ...]], ...] = tuple(
    (label, (("applications", f"new.{col}"),)) for col, label in APPLICANT_COLUMNS
)
_RESULT_GROUPS = (
    ("予以公开", "granted"),
    ("部分公开", "partial"),
    ("不予公开", "denied"),
    ("无法提供", "unable"),
    ("不予处理", "not_processed"),
    ("其他处理", "other"),
)
_REVIEW: tuple[tuple[str, tuple[_Source, ...]], ...] = (
    ("行政复议", (("review_litigation", "review.total"),)),
    ("复议被纠正", (("review_litigation", "review.corrected"),)),
    (
        "行政诉讼",
        (("review_litigation", "lit_direct.total"), ("review_litigation", "lit_after_review.total")),
    ),
    (
        "诉讼被纠正",
        (("review_litigation", "lit_direct.corrected"), ("review_litigation", "lit_after_review.corrected")),
    ),
)
_IN_FORCE: tuple[tuple[str, tuple[_Source, ...]], ...] = (
    ("规章", (("disclosure", "art20_1.regulations.in_force"),)),
    ("行政规范性文件", (("disclosure", "art20_1.normative_documents.in_force"),)),
)
# The 图解's headline figures, beyond the four groups: the decisions and the fees of table 二.
KEY_FIGURES: tuple[tuple[str, str, tuple[_Source, ...]], ...] = (
    ("本年新收申请", "件", (("applications", "new.total"),)),
    ("办结申请", "件", (("applications", "total.total"),)),
    ("予以公开", "件", (("applications", "granted.total"),)),
    ("行政复议", "件", (("review_litigation", "review.total"),)),
    (
        "行政诉讼",
        "件",
        (("review_litigation", "lit_direct.total"), ("review_litigation", "lit_after_review.total")),
    ),
    ("行政许可决定", "件", (("disclosure", "art20_5.licensing.decisions"),)),
    ("行政处罚决定", "件", (("disclosure", "art20_6.penalty.decisions"),)),
    ("收费金额", "万元", (("disclosure", "art20_8.fees.amount_wan"),)),
)


def _cell(report: Report | None, form_id: FormId, cell_id: str) -> Value:
    if report is None:
        return ABSENT
    table = report.tables[form_id]
    if not table.present or not table.form.has_cell(cell_id):
        return ABSENT
    if cell_id in table.unread_cells:
        return UNREAD
    value = table.get(cell_id)
    return value if isinstance(value, int | Decimal) else ABSENT


def _row_group(report: Report | None, prefix: str, col: str) -> Value:
    """The sum of table 三's rows ``prefix`` or ``prefix.*`` in one column (a 2019 （六） is one row, 2021's three)."""
    if report is None or not report.applications.present:
        return ABSENT
    table = report.applications
    rows = [r for r in table.form.row_ids() if r == prefix or r.startswith(prefix + ".")]
    return _sum([_cell(report, "applications", f"{row}.{col}") for row in rows])


def _sum(values: list[Value]) -> Value:
    if not values or any(v is ABSENT for v in values):
        return ABSENT
    if any(v is UNREAD for v in values):
        return UNREAD
    return sum((v for v in values if not isinstance(v, Missing)), start=0)


def _figure(report: Report, label: str, sources: tuple[_Source, ...]) -> Figure:
    return Figure(
        label,
        _sum([_cell(report, f, c) for f, c in sources]),
        _sum([_cell(report.previous, f, c) for f, c in sources]),
    )


def glance(report: Report) -> Glance:
    """The four comparisons of the 图表 page, in the order they are drawn."""
    results = tuple(
        Figure(label, _row_group(report, prefix, "total"), _row_group(report.previous, prefix, "total"))
        for label, prefix in _RESULT_GROUPS
    )
    return Glance(
        agency=report.agency or "",
        year=report.year,
        previous_year=report.previous.year if report.previous is not None else None,
        groups=(
            FigureGroup("本年新收申请（按申请人）", "件", tuple(_figure(report, lb, s) for lb, s in _APPLICANTS)),
            FigureGroup("申请办理结果", "件", results),
            FigureGroup("行政复议、行政诉讼", "件", tuple(_figure(report, lb, s) for lb, s in _REVIEW)),
            FigureGroup("现行有效文件", "件", tuple(_figure(report, lb, s) for lb, s in _IN_FORCE)),
        ),
    )


def key_figures(report: Report) -> tuple[tuple[Figure, str], ...]:
    """The 图解's headline figures with their units."""
    return tuple((_figure(report, label, sources), unit) for label, unit, sources in KEY_FIGURES)


def value_text(value: Value) -> str:
    """A figure as printed: the number as the table holds it, 未读, or — for none."""
    if isinstance(value, Missing):
        return value.value
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def change_text(figure: Figure) -> str:
    """The year-on-year change as the 图解 prints it: 增加 3（+25.0%）, 减少 2, 持平, or why there is none."""
    if figure.last_year is ABSENT:
        return "无上年数据"
    if figure.this_year is UNREAD or figure.last_year is UNREAD:
        return "未读，无法比较"
    if figure.this_year is ABSENT:
        return "本年无此项"
    change = figure.change
    assert change is not None and not isinstance(figure.last_year, Missing)
    if change == 0:
        return "与上年持平"
    word = "增加" if change > 0 else "减少"
    size: Amount = -change if change < 0 else change
    text = f"比上年{word} {value_text(size)}"
    if figure.last_year:
        percent = Decimal(change) * 100 / Decimal(figure.last_year)
        text += f"（{'+' if change > 0 else '−'}{abs(percent):.1f}%）"
    return text
