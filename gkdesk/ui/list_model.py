"""A small list model of rows that are {role: value} maps, for the navigator and the subsection list.

A model of our own (rather than QListWidget's internal one) keeps every model in the window testable with
``qtmodeltester`` and lets a view change one row's data with a ``dataChanged`` for exactly that row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
Row = dict[int, Any]


class RowsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        return self._rows[index.row()].get(role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row(self, row: int) -> Row:
        return self._rows[row]

    def set_rows(self, rows: list[Row]) -> None:
        """Replace all rows; when the count is unchanged only ``dataChanged`` is emitted, so selection stays."""
        if len(rows) == len(self._rows):
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def update_row(self, row: int, values: Row) -> None:
        self._rows[row].update(values)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
