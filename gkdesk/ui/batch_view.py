"""批量检查: a folder's reports checked in the window, with progress and cancel; double-click opens one.

The checking is ``gkdesk.batch.check_file``, the same as ``gkdesk check DIR --summary``, run one file per event-loop
turn (a zero timer), so the window stays responsive, 取消 stops between two files and no thread touches Qt objects.
The table shows the .xlsx summary's columns (``gkdesk.summary_xlsx``) and sorts numbers as numbers; 导出汇总表
writes what was checked as .xlsx or .csv.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gkdesk.batch import ASSESSMENT_COLUMNS, AssessmentColumn, ReportRow, check_file, collect_files, write_summary
from gkdesk.io.errors import GkError
from gkdesk.summary_xlsx import summary_header, summary_values
from gkdesk.ui import dialogs


class Opener(Protocol):
    """What the batch view needs of the editor window (not imported: the window imports this module)."""

    def open_path(self, path: Path) -> bool: ...

    def bring_forward(self) -> None: ...


AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole  # numbers as numbers, blanks last when ascending
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_COLOUR = QColor("#c62828")
SUMMARY_FILTER = "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"


class BatchModel(QAbstractTableModel):
    """One row per checked file, in the columns of the .xlsx summary; rows arrive one by one while checking."""

    def __init__(
        self, columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.assessment_titles = tuple(column.title for column in columns)
        self.header = summary_header(self.assessment_titles)
        self.file_column = self.header.index("文件")
        self.folder: Path | None = None
        self.rows: list[ReportRow] = []
        self._cells: list[list[Any]] = []
        self._numeric: set[int] = set()  # columns holding numbers: a blank sorts as -1 there, below every figure

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if 0 <= section < len(self.header) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, value = self.rows[index.row()], self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.file_column:
                return self.shown_path(row.file)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            if value is None:
                return -1 if index.column() in self._numeric else ""
            return value if isinstance(value, int) else str(value)
        if role == PATH_ROLE:
            return row.file
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.file if index.column() == self.file_column else None
        if role == Qt.ItemDataRole.ForegroundRole and row.failed:
            return ERROR_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def shown_path(self, file: str) -> str:
        """The file relative to the checked folder (the tooltip has the whole path)."""
        if self.folder is not None:
            try:
                return str(Path(file).relative_to(self.folder))
            except ValueError:
                pass
        return file

    def clear(self, folder: Path | None) -> None:
        self.beginResetModel()
        self.folder = folder
        self.rows, self._cells = [], []
        self._numeric = set()
        self.endResetModel()

    def add(self, row: ReportRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        cells = summary_values(row, len(self.assessment_titles))
        self._cells.append(cells)
        self._numeric.update(i for i, value in enumerate(cells) if isinstance(value, int))
        self.endInsertRows()


class BatchRunner(QObject):
    """Checks a list of files one per event-loop turn; ``cancel`` stops before the next file."""

    rowChecked = Signal(object)  # ReportRow
    progressed = Signal(int, int)  # done, total
    finished = Signal(bool)  # cancelled

    def __init__(
        self, columns: tuple[AssessmentColumn, ...] = ASSESSMENT_COLUMNS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.files: list[str] = []
        self.done = 0
        self.running = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def start(self, files: list[str]) -> None:
        self.files, self.done, self.running = files, 0, True
        self.progressed.emit(0, len(files))
        self._timer.start()

    def cancel(self) -> None:
        if self.running:
            self._stop(cancelled=True)

    def _next(self) -> None:
        if self.done >= len(self.files):
            self._stop(cancelled=False)
            return
        row = check_file(self.files[self.done], with_findings=True, columns=self.columns)
        self.done += 1
        self.rowChecked.emit(row)
        if not self.running:  # cancelled by a slot of rowChecked
            return
        self.progressed.emit(self.done, len(self.files))
        if self.done >= len(self.files):
            self._stop(cancelled=False)

    def _stop(self, cancelled: bool) -> None:
        self._timer.stop()
        self.running = False
        self.finished.emit(cancelled)


class BatchView(QDialog):
    """The 批量检查 window: folder, sortable table, progress dialog with 取消, 导出汇总表, double-click to open."""

    openRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchView")
        self.setWindowTitle("批量检查")
        self.resize(1100, 640)
        self.model = BatchModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.model.file_column, Qt.SortOrder.AscendingOrder)  # the files in path order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.folder_label = QLabel("请选择要检查的文件夹", self)
        self.status = QLabel(self)
        choose = QPushButton("选择文件夹…", self)
        choose.clicked.connect(self.choose_folder)
        self.export_button = QPushButton("导出汇总表…", self)
        self.export_button.clicked.connect(self.export_summary)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(choose)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("双击一行在编辑器中打开该报告；点击列标题排序。", self))
        layout.addWidget(self.status)
        self.runner = BatchRunner(parent=self)
        self.runner.rowChecked.connect(self.model.add)
        self.runner.progressed.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.progress: QProgressDialog | None = None
        self.cancelled = False

    def choose_folder(self) -> None:
        start = str(self.model.folder or Path.home())
        folder = dialogs.choose_folder(self, "选择要批量检查的文件夹", start)
        if folder:
            self.start(Path(folder))

    def start(self, folder: Path) -> None:
        """Check every report under ``folder`` (the same files as ``gkdesk check DIR``)."""
        self.runner.cancel()
        files = [str(p) for p in collect_files([folder])]
        self.model.clear(folder)
        self.folder_label.setText(f"文件夹：{folder}")
        self.export_button.setEnabled(False)
        self.cancelled = False
        if not files:
            self.status.setText("该文件夹中没有报告文件（.docx、.txt、.pdf 或 .gkreport）")
            return
        self.progress = QProgressDialog("正在检查报告…", "取消", 0, len(files), self)
        self.progress.setWindowTitle("批量检查")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.runner.cancel)
        self.progress.show()
        self.runner.start(files)

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)
            self.progress.setLabelText(f"正在检查报告：{done}/{total}")
        self.status.setText(f"已检查 {done}/{total}")

    def _on_finished(self, cancelled: bool) -> None:
        self.cancelled = cancelled
        if self.progress is not None:
            self.progress.canceled.disconnect(self.runner.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        rows = self.model.rows
        failed = sum(1 for row in rows if row.failed)
        unreadable = sum(1 for row in rows if row.failure is not None)
        done = (
            f"已取消：检查了 {len(rows)}/{len(self.runner.files)} 个文件" if cancelled else f"共检查 {len(rows)} 个文件"
        )
        self.status.setText(f"{done}：{failed} 个有错误（其中 {unreadable} 个无法读取）")
        self.export_button.setEnabled(bool(rows))
        self.table.resizeColumnsToContents()

    def export_summary(self) -> Path | None:
        folder = self.model.folder or Path.home()
        chosen = dialogs.save_file(self, "导出汇总表", str(folder / "批量检查汇总.xlsx"), SUMMARY_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + ".xlsx")
        try:
            write_summary(self.model.rows, path)
        except GkError as exc:
            dialogs.error(self, str(exc))
            return None
        self.status.setText(f"汇总表已写入：{path}")
        return path

    def _open_index(self, index: QModelIndex) -> None:
        file = index.data(PATH_ROLE)
        if file:
            self.openRequested.emit(file)

    def closeEvent(self, event: Any) -> None:
        self.runner.cancel()
        super().closeEvent(event)


def open_batch_view(window: QWidget, opener: Opener) -> BatchView:
    """文件 → 批量检查…: the window's one batch view, shown, then the folder asked for."""
    view = window.findChild(BatchView, "batchView")
    if not isinstance(view, BatchView):
        view = BatchView(window)
        view.openRequested.connect(lambda file: _open_in_editor(opener, Path(file)))
    view.show()
    view.raise_()
    view.choose_folder()
    return view


def _open_in_editor(window: Opener, path: Path) -> None:
    """Double-click: the report in the editor window, brought in front of the batch view."""
    if window.open_path(path):
        window.bring_forward()
