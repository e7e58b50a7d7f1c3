"""Computing totals from their parts (the 自动合计 mode and the one-click fixes)."""

from __future__ import annotations

from collections.abc import Iterable

from gkdesk.domain.forms import CellDef
from gkdesk.domain.report import TableData


def expected_total(table: TableData, cell: CellDef) -> int:
    return sum(table.count(part) for part in cell.total_of)


def _ordered_totals(table: TableData) -> list[CellDef]:
    """Totals whose parts are themselves totals come last (（七）总计's 总计 column sums computed cells)."""
    totals = list(table.form.totals())
    ids = {c.cell_id for c in totals}
    return sorted(totals, key=lambda c: any(p in ids for p in c.total_of))


def recompute_totals(table: TableData, keep: Iterable[str] = ()) -> dict[str, tuple[int, int]]:
    """Make every total equal to its parts; returns ``{cell_id: (old, new)}`` for the cells that changed.

    Never from a guess: a total that is itself unread, or that would be summed from an unread cell (directly or
    through another such total), is left as it is; so are the totals in ``keep`` (a figure the clerk just typed
    into an unread total stands)."""
    unread = set(table.unread_cells)
    kept = set(keep)
    changed: dict[str, tuple[int, int]] = {}
    for cell in _ordered_totals(table):
        if cell.cell_id in unread or any(p in unread for p in cell.total_of):
            unread.add(cell.cell_id)  # whatever is summed from it is not known either
            continue
        if cell.cell_id in kept:
            continue
        new = expected_total(table, cell)
        old = table.count(cell.cell_id)
        if new != old or cell.cell_id in table.blank_cells:
            table.set(cell.cell_id, new)
            if new != old:
                changed[cell.cell_id] = (old, new)
    return changed


def totals_affected_by(table: TableData, cell_id: str) -> list[str]:
    """Totals that change when ``cell_id`` changes, transitively, in the order to recompute them."""
    result: list[str] = []
    frontier = [cell_id]
    while frontier:
        current = frontier.pop(0)
        for cell in _ordered_totals(table):
            if current in cell.total_of and cell.cell_id not in result:
                result.append(cell.cell_id)
                frontier.append(cell.cell_id)
    return result
