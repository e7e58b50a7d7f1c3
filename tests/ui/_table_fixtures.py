"""Helpers shared by the table grid tests (plain functions, so no fixture names clash with other UI tests)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from gkdesk.domain.forms import FormId, Variant
from gkdesk.domain.report import new_report
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_model import TableModel


def make_session(variant: Variant = "2021") -> ReportSession:
    """An empty report of 交口县人民政府 for 2024 in one format."""
    return ReportSession(new_report("交口县人民政府", 2024, variant))


def cell_index(model: TableModel, cell_id: str) -> QModelIndex:
    return model.index_of(cell_id)


def shown(model: TableModel, cell_id: str) -> str:
    """What the grid displays in a value cell."""
    return model.index_of(cell_id).data(Qt.ItemDataRole.DisplayRole)


def count(session: ReportSession, form_id: FormId, cell_id: str) -> int:
    return session.report.tables[form_id].count(cell_id)
