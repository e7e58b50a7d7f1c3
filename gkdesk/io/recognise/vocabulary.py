"""What the recogniser looks for, derived from the form definitions rather than retyped.

Each table is a sequence of rows (``RowSpec``): the printed label, the cells it takes in order, and the sums that
must hold among them. Table 四 is one row whose "label" is its header. A short alias table adds the wordings real
reports use that the official form does not (older part of the 2019 wording, "合计").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from gkdesk.domain.forms import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    VARIANTS,
    CellKind,
    FormId,
    Variant,
    form,
)

_QUOTES = str.maketrans({"“": "", "”": "", '"': "", "「": "", "」": "", "‘": "", "’": "", "'": ""})
_GAPS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


@cache
def norm(text: str) -> str:
    """Text for comparing labels: NFKC, no spaces or quotes, ASCII brackets, "1、" and "1，" as "1."."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _GAPS.sub("", text)
    text = text.replace("（", "(").replace("）", ")").replace("．", ".").replace("，", ",")
    return re.sub(r"(\d)[、,]", r"\1.", text)


@dataclass(frozen=True)
class RowSpec:
    """One printed row of an official table and the cells its figures fill, left to right."""

    form_id: FormId
    variants: tuple[Variant, ...]
    row_id: str
    labels: tuple[str, ...]  # normalised printed label and its aliases
    cell_ids: tuple[str, ...]
    kinds: tuple[CellKind, ...]
    sums: tuple[tuple[tuple[int, ...], int], ...] = ()  # (parts, total) positions that must add up

    @property
    def size(self) -> int:
        return len(self.cell_ids)

    @property
    def name(self) -> str:
        return self.labels[0]


_ALIASES: dict[tuple[FormId, str], tuple[str, ...]] = {
    ("applications", "total"): ("合计",),
    ("applications", "partial"): ("(二)部分公开",),
}


def _counts(n: int) -> tuple[CellKind, ...]:
    count: CellKind = "count"
    return (count,) * n


def _application_rows() -> list[RowSpec]:
    found: dict[tuple[str, str], RowSpec] = {}
    total_pos = len(APPLICATION_COLUMNS) - 1
    sums = ((tuple(range(total_pos)), total_pos),)
    for variant in VARIANTS:
        for row in APPLICATION_ROWS[variant]:
            label = norm(row.label)
            key = (row.row_id, label)
            if key in found:
                spec = found[key]
                found[key] = RowSpec(
                    spec.form_id, (*spec.variants, variant), spec.row_id, spec.labels, spec.cell_ids, spec.kinds, sums
                )
                continue
            aliases = tuple(norm(a) for a in _ALIASES.get(("applications", row.row_id), ()))
            found[key] = RowSpec(
                "applications",
                (variant,),
                row.row_id,
                (label, *aliases),
                tuple(f"{row.row_id}.{col}" for col, _label in APPLICATION_COLUMNS),
                _counts(len(APPLICATION_COLUMNS)),
                sums,
            )
    return list(found.values())


def _disclosure_rows() -> list[RowSpec]:
    rows: list[RowSpec] = []
    for variant in VARIANTS:
        definition = form("disclosure", variant)
        for row_id in definition.row_ids():
            cells = [c for c in definition.cells if c.row_id == row_id]
            label = norm(cells[0].row_label)
            labels = (label, "规范性文件") if label == "行政规范性文件" else (label,)
            rows.append(
                RowSpec(
                    "disclosure",
                    (variant,),
                    row_id,
                    labels,
                    tuple(c.cell_id for c in cells),
                    tuple(c.kind for c in cells),
                )
            )
    return rows


def _review_row() -> RowSpec:
    cells = tuple(f"{g}.{c}" for g, _gl in REVIEW_GROUPS for c, _cl in REVIEW_COLUMNS)
    width = len(REVIEW_COLUMNS)
    sums = tuple((tuple(range(g, g + width - 1)), g + width - 1) for g in range(0, len(cells), width))
    return RowSpec("review_litigation", VARIANTS, "data", ("行政复议行政诉讼",), cells, _counts(len(cells)), sums)


@cache
def all_rows() -> tuple[RowSpec, ...]:
    return (*_disclosure_rows(), *_application_rows(), _review_row())


# words of the column headers, captions and group labels: text between rows that is no row's label
REVIEW_WORDS = ("行政复议", "行政诉讼", "维持", "纠正", "审结", "直接起诉", "复议后起诉")
DISCLOSURE_2019_WORDS = ("新制作", "新公开", "对外公开总", "上一年项目", "增/减", "增减", "采购项目", "采购总金额")
DISCLOSURE_2021_WORDS = ("制发件数", "废止件数", "现行有效", "本年处理决定", "收费金额")
CAPTION = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")
