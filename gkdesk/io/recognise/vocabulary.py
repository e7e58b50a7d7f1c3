"""What the recogniser looks for, derived from the form definitions rather than retyped.

Each table is a sequence of rows (``RowSpec``): the printed label, the cells it takes in order, and the sums that
must hold among them (the totals the form declares, ``CellDef.total_of``). Table 四 is one row whose "label" is its
header. The rows of every registered revision (``gkdesk.domain.revisions``) are here; a revision registered later
(a test's) is picked up too, since the derived tables are cached per registry version. ``ROW_ALIASES`` is the one
explicit table of the wordings real reports use that the official forms do not ("合计", the 2019 "规范性文件").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from gkdesk.domain import revisions
from gkdesk.domain.forms import APPLICATION_COLUMNS, CellKind, FormDef, FormId, Variant, application_rows, form
from gkdesk.domain.refs import cell_id

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


# (table, row) → printed wordings of the row that its official label is not
ROW_ALIASES: dict[tuple[FormId, str], tuple[str, ...]] = {
    ("applications", "partial"): ("（二）部分公开",),
    ("applications", "total"): ("合计",),
    ("disclosure", "art20_1.normative_documents"): ("规范性文件",),
}


def _aliases(form_id: FormId, row_id: str) -> tuple[str, ...]:
    return tuple(norm(a) for a in ROW_ALIASES.get((form_id, row_id), ()))


def row_sums(definition: FormDef, cell_ids: tuple[str, ...]) -> tuple[tuple[tuple[int, ...], int], ...]:
    """The totals the form declares among one printed row's cells, as (parts, total) positions in the row."""
    position = {c: i for i, c in enumerate(cell_ids)}
    sums: list[tuple[tuple[int, ...], int]] = []
    for cell in cell_ids:
        parts = definition.cell(cell).total_of
        if parts and all(p in position for p in parts):
            sums.append((tuple(position[p] for p in parts), position[cell]))
    return tuple(sums)


def _application_rows(variants: tuple[Variant, ...]) -> list[RowSpec]:
    found: dict[tuple[str, str], RowSpec] = {}
    for variant in variants:
        definition = form("applications", variant)
        for row in application_rows(variant):
            label = norm(row.label)
            key = (row.row_id, label)
            cell_ids = tuple(cell_id(row.row_id, col) for col, _label in APPLICATION_COLUMNS)
            sums = row_sums(definition, cell_ids)
            if key in found:
                spec = found[key]
                found[key] = RowSpec(
                    spec.form_id, (*spec.variants, variant), spec.row_id, spec.labels, spec.cell_ids, spec.kinds, sums
                )
                continue
            found[key] = RowSpec(
                "applications",
                (variant,),
                row.row_id,
                _unique((label, *_aliases("applications", row.row_id))),
                cell_ids,
                tuple(definition.cell(c).kind for c in cell_ids),
                sums,
            )
    return list(found.values())


def _unique(labels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(labels))


def _disclosure_rows(variants: tuple[Variant, ...]) -> list[RowSpec]:
    rows: list[RowSpec] = []
    for variant in variants:
        definition = form("disclosure", variant)
        for row_id in definition.row_ids():
            cells = [c for c in definition.cells if c.row_id == row_id]
            label = norm(cells[0].row_label)
            labels = _unique((label, *_aliases("disclosure", row_id)))
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


def _review_row(variants: tuple[Variant, ...]) -> RowSpec:
    definition = form("review_litigation", variants[0])  # one printed row: every cell of the table, in order
    cells = definition.cell_ids()
    kinds = tuple(definition.cell(c).kind for c in cells)
    return RowSpec(
        "review_litigation", variants, "data", ("行政复议行政诉讼",), cells, kinds, row_sums(definition, cells)
    )


def all_rows() -> tuple[RowSpec, ...]:
    """Every printed row of every registered revision's tables."""
    return _all_rows(revisions.registry_version())


@cache
def _all_rows(_registry_version: int) -> tuple[RowSpec, ...]:
    variants = revisions.revision_ids()
    return (*_disclosure_rows(variants), *_application_rows(variants), _review_row(variants))


# words of the column headers, captions and group labels: text between rows that is no row's label (the words
# that tell one revision's table 二 from another's are the revision's: ``Revision.detection``)
REVIEW_WORDS = ("行政复议", "行政诉讼", "维持", "纠正", "审结", "直接起诉", "复议后起诉")
CAPTION = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")
