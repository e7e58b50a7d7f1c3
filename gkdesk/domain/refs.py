"""Names of tables and cells: one grammar, one parser, one formatter.

A cell is named by its table (``FormId``), its row and its column. Inside a table the cell id is ``row.col``
(table 三 ``total.natural``, table 四 ``review.upheld``); table 二's rows sit in blocks, so its row id is
``block.row`` and its cell id ``block.row.col`` (``art20_1.regulations.issued``). Across tables, files and the
JSON contract a cell is ``table:cell`` (``applications:total.natural``). Column ids never hold a dot, so the last
dot always separates row from column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gkdesk.errors import GkError

FormId = Literal["disclosure", "applications", "review_litigation"]
FORM_IDS: tuple[FormId, ...] = ("disclosure", "applications", "review_litigation")


class CellRefError(GkError, ValueError):
    """A text that is not the name of a cell of one of the three tables."""


def row_id(block_id: str, row: str) -> str:
    """A row inside a block of table 二 or a group of table 三: ``block.row`` (``art20_1.regulations``)."""
    return f"{block_id}.{row}"


def cell_id(row_id: str, col_id: str) -> str:
    """``row.col`` (or ``block.row.col`` when the row id is ``block.row``)."""
    return f"{row_id}.{col_id}"


def split_cell_id(cell: str) -> tuple[str, str]:
    """The row id and the column id of a cell id."""
    row_id, dot, col_id = cell.rpartition(".")
    if not dot or not row_id or not col_id:
        raise CellRefError(f"“{cell}”不是单元格编号（not a cell id）")
    return row_id, col_id


def format_ref(form_id: FormId, cell: str) -> str:
    """The stable name of a cell across files and JSON: ``applications:total.natural``."""
    return f"{form_id}:{cell}"


def parse_ref(ref: str) -> tuple[FormId, str]:
    """``table:cell`` back into the table and the cell id."""
    form_id, _, cell = ref.partition(":")
    if form_id not in FORM_IDS or not cell:
        raise CellRefError(f"“{ref}”不是单元格引用（not a cell reference）")
    return form_id, cell


def is_ref_of(ref: str, form_id: FormId) -> bool:
    """Whether ``ref`` names a cell of ``form_id``."""
    return ref.startswith(f"{form_id}:")


@dataclass(frozen=True, order=True)
class CellRef:
    """One cell of one table: (form, row, column)."""

    form_id: FormId
    row_id: str
    col_id: str

    @property
    def cell_id(self) -> str:
        return cell_id(self.row_id, self.col_id)

    def __str__(self) -> str:
        return format_ref(self.form_id, self.cell_id)

    @classmethod
    def of(cls, form_id: FormId, cell: str) -> CellRef:
        row_id, col_id = split_cell_id(cell)
        return cls(form_id, row_id, col_id)

    @classmethod
    def parse(cls, ref: str) -> CellRef:
        form_id, cell = parse_ref(ref)
        return cls.of(form_id, cell)
