"""报告 → 从登记台账统计… and 文件 → 新建登记台账…: the window's side of the ledger (``gkdesk.domain.ledger``).

The dialog shows the counted figures beside the report's, differences marked in words and colour; asks for every
value no word maps (remembered per ledger file); lists the rows it cannot use and applies nothing until the clerk
confirms leaving them out; a click on a counted figure lists the ledger rows behind it. Applying is one undo step
(``ConvertTablesCommand``: whole tables and the import-log note together).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain import revisions
from gkdesk.domain.forms import FORM_PART, FormDef, FormId, form
from gkdesk.domain.ledger import (
    PROBLEM_LABELS,
    EvidenceRow,
    LedgerCount,
    RawLedger,
    count_ledger,
    counted_tables,
    differences,
)
from gkdesk.domain.ledger_dates import chinese_day
from gkdesk.domain.ledger_mapping import VALUE_KIND_LABELS, ValueKind, value_choices
from gkdesk.domain.report import TableData
from gkdesk.errors import GkError
from gkdesk.io.ledger_reader import OPEN_FILTER, load_mapping, read_ledger
from gkdesk.io.ledger_template import SUGGESTED_NAME, write_template
from gkdesk.ui import dialogs
from gkdesk.ui.commands import ConvertTablesCommand
from gkdesk.ui.editor_window import EditorWindow

if TYPE_CHECKING:
    from gkdesk.ui.session import ReportSession

AnyIndex = QModelIndex | QPersistentModelIndex
APPLY_TEXT = "从登记台账统计"
DIFFERENT_MARK = "≠"
_DIFFERENT_BACKGROUND = QColor("#ffe9b3")
_CHOICES_GROUP = "ledger_choices"


# --------------------------------------------------------------------------- remembered choices


def _settings_key(ledger_path: Path) -> str:
    """One key per ledger file (its full path), safe for an .ini file whatever the path's characters."""
    try:
        resolved = str(ledger_path.resolve())
    except OSError:
        resolved = str(ledger_path.absolute())
    return f"{_CHOICES_GROUP}/{hashlib.sha1(resolved.encode('utf-8')).hexdigest()}"


def load_choices(ledger_path: Path) -> dict[tuple[ValueKind, str], str]:
    from gkdesk.ui.app_settings import settings

    raw = settings().value(_settings_key(ledger_path), "")
    try:
        items = json.loads(str(raw)) if raw else []
        return {(kind, value): target for kind, value, target in items}
    except (ValueError, TypeError):
        return {}  # a damaged entry is forgotten, never a crash


def save_choices(ledger_path: Path, choices: dict[tuple[ValueKind, str], str]) -> None:
    from gkdesk.ui.app_settings import settings

    items = [[kind, value, target] for (kind, value), target in sorted(choices.items())]
    settings().setValue(_settings_key(ledger_path), json.dumps(items, ensure_ascii=False))


# --------------------------------------------------------------------------- models


class TextTableModel(QAbstractTableModel):
    """Rows of text under column headers (the ledger rows behind a figure, the rows that cannot be used)."""

    def __init__(self, headers: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[tuple[str, ...]] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(self._headers)
        ):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)


class ComparisonModel(QAbstractTableModel):
    """One table's counted figures (rows × columns of its form), each beside the report's where they differ."""

    def __init__(self, definition: FormDef, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.row_ids = definition.row_ids()
        self.col_ids = definition.col_ids()
        self._counted: dict[str, int] = {}
        self._current: TableData | None = None
        self._different: set[str] = set()

    def set_figures(self, counted: dict[str, int], current: TableData | None, different: list[str]) -> None:
        self._counted = dict(counted)
        self._current = current
        self._different = set(different)
        if self.row_ids and self.col_ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.row_ids) - 1, len(self.col_ids) - 1))

    def cell_id(self, index: AnyIndex) -> str:
        return f"{self.row_ids[index.row()]}.{self.col_ids[index.column()]}"

    def is_different(self, cell_id: str) -> bool:
        return cell_id in self._different

    def current_text(self, cell_id: str) -> str:
        table = self._current
        if table is None or not table.form.has_cell(cell_id):
            return "无"
        if cell_id in table.unread_cells:
            return "未读"
        return str(table.get(cell_id))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.row_ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.col_ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self.row_ids)
            or not 0 <= index.column() < len(self.col_ids)
        ):
            return None
        cell_id = self.cell_id(index)
        counted = self._counted.get(cell_id, 0)
        different = cell_id in self._different
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{counted} {DIFFERENT_MARK} 原{self.current_text(cell_id)}" if different else str(counted)
        if role == Qt.ItemDataRole.ToolTipRole:
            cell = self.definition.cell(cell_id)
            where = f"{cell.row_label}·{cell.col_label}"
            if different:
                return f"{where}：台账统计为 {counted}，报告中现为 {self.current_text(cell_id)}（不同）"
            return f"{where}：台账统计为 {counted}，与报告相同"
        if role == Qt.ItemDataRole.BackgroundRole and different:
            return _DIFFERENT_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.col_ids):
                return None
            return self.definition.cell(f"{self.row_ids[0]}.{self.col_ids[section]}").col_label
        if not 0 <= section < len(self.row_ids):
            return None
        return self.definition.cell(f"{self.row_ids[section]}.{self.col_ids[0]}").row_label

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


# --------------------------------------------------------------------------- the dialog


def _evidence_row(entry: EvidenceRow) -> tuple[str, ...]:
    answered = chinese_day(entry.answered) if entry.answered else "（未办结）"
    return (str(entry.row), entry.number, chinese_day(entry.received), answered, entry.applicant)


class LedgerDialog(QDialog):
    """The counts of one ledger for the session's report year, and the one button that applies them."""

    def __init__(self, parent: QWidget | None, session: ReportSession, ledger: RawLedger, ledger_path: Path) -> None:
        super().__init__(parent)
        self.session = session
        self.ledger = ledger
        self.ledger_path = ledger_path
        self.setWindowTitle(f"从登记台账统计：{ledger.file_name}")
        self.resize(1180, 760)
        self._mapping = load_mapping(session.report.applications.variant)
        self.choices = load_choices(ledger_path)
        self.count: LedgerCount = self._recount()

        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 3)

        self.models: dict[FormId, ComparisonModel] = {}
        self.views: dict[FormId, QTableView] = {}
        for form_id in ("applications", "review_litigation"):
            variant = session.report.tables[form_id].variant
            model = ComparisonModel(form(form_id, variant), self)
            view = QTableView(self)
            view.setModel(model)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            view.clicked.connect(lambda index, f=form_id: self.show_rows_behind(f, index))
            self.models[form_id] = model
            self.views[form_id] = view
            self.tabs.addTab(view, f"第{FORM_PART[form_id]}项")

        self.unmapped_table = QTableWidget(0, 4, self)
        self.unmapped_table.setHorizontalHeaderLabels(("类别", "台账中的值", "行数", "对应到"))
        self.unmapped_table.verticalHeader().setVisible(False)
        self.unmapped_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.unmapped_combos: dict[tuple[ValueKind, str], QComboBox] = {}
        self.tabs.addTab(self.unmapped_table, "无法对应的值")

        problems_page = QWidget(self)
        self.problems_page = problems_page
        problems_layout = QVBoxLayout(problems_page)
        self.problems_model = TextTableModel(("工作表", "行号", "问题", "说明"), self)
        self.problems_view = QTableView(problems_page)
        self.problems_view.setModel(self.problems_model)
        self.problems_view.verticalHeader().setVisible(False)
        self.problems_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        problems_layout.addWidget(self.problems_view)
        self.confirm_skip = QCheckBox(problems_page)
        self.confirm_skip.toggled.connect(self._update_apply)
        problems_layout.addWidget(self.confirm_skip)
        self.tabs.addTab(problems_page, "无法使用的行")

        self.evidence_label = QLabel("点击上面的统计数，查看台账中计入它的各行。", self)
        layout.addWidget(self.evidence_label)
        self.evidence_model = TextTableModel(("行号", "编号", "收到日期", "答复或结案日期", "申请人"), self)
        self.evidence_view = QTableView(self)
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.verticalHeader().setVisible(False)
        self.evidence_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.evidence_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.evidence_view, 1)

        buttons = QDialogButtonBox(self)
        self.apply_button = QPushButton("应用到报告", self)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = QPushButton("取消", self)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(self.apply)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_unmapped()
        self._refresh()
        if any((u.kind, u.value) not in self.choices for u in self.count.unmapped):
            self.tabs.setCurrentWidget(self.unmapped_table)  # the step that needs the clerk comes first

    # ------------------------------------------------------------------ counting

    def _recount(self) -> LedgerCount:
        return count_ledger(self.ledger, self._mapping, self.session.report.year, self.choices)

    def choose(self, kind: ValueKind, value: str, target: str | None) -> None:
        """The clerk's answer for an unmapped value: remembered for this ledger file, and everything recounted."""
        if target is None:
            self.choices.pop((kind, value), None)
        else:
            self.choices[(kind, value)] = target
        save_choices(self.ledger_path, self.choices)
        self.count = self._recount()
        self._refresh()

    def _fill_unmapped(self) -> None:
        """One row per value no word maps, each with the table rows or columns it may stand for."""
        values = self.count.unmapped
        known = {(u.kind, u.value) for u in values}
        # values the clerk already answered (from this or an earlier session) stay listed so they can be changed
        answered = [(k, v) for (k, v) in self.choices if (k, v) not in known]
        entries = [(u.kind, u.value, len(u.rows)) for u in values] + [(k, v, 0) for k, v in answered]
        self.unmapped_table.setRowCount(len(entries))
        self.unmapped_combos.clear()
        variant = self.session.report.applications.variant
        for row, (kind, value, rows) in enumerate(entries):
            self.unmapped_table.setItem(row, 0, QTableWidgetItem(VALUE_KIND_LABELS[kind]))
            self.unmapped_table.setItem(row, 1, QTableWidgetItem(value))
            self.unmapped_table.setItem(row, 2, QTableWidgetItem(str(rows) if rows else "已对应"))
            combo = QComboBox(self.unmapped_table)
            combo.addItem("（请选择）", None)
            for target, text in value_choices(kind, variant):
                combo.addItem(text, target)
            chosen = self.choices.get((kind, value))
            if chosen is not None and combo.findData(chosen) >= 0:
                combo.setCurrentIndex(combo.findData(chosen))
            combo.currentIndexChanged.connect(lambda _i, k=kind, v=value, c=combo: self.choose(k, v, c.currentData()))
            self.unmapped_table.setCellWidget(row, 3, combo)
            self.unmapped_combos[(kind, value)] = combo
        self.unmapped_table.resizeColumnsToContents()

    def _refresh(self) -> None:
        count = self.count
        tables = self.session.report.tables
        different = differences(tables, count)
        for form_id, model in self.models.items():
            figures = count.tables().get(form_id)
            self.tabs.setTabVisible(self.tabs.indexOf(self.views[form_id]), figures is not None)
            model.set_figures(figures or {}, tables.get(form_id), different.get(form_id, []))
        n_diff = sum(len(cells) for cells in different.values())
        self.problems_model.set_rows([(p.sheet, str(p.row), PROBLEM_LABELS[p.kind], p.reason) for p in count.problems])
        pending = sum(1 for u in count.unmapped if (u.kind, u.value) not in self.choices)
        self.tabs.setTabText(self.tabs.indexOf(self.unmapped_table), f"无法对应的值（{pending}）")
        self.tabs.setTabText(self.tabs.indexOf(self.problems_page), f"无法使用的行（{len(count.problems)}）")
        self.confirm_skip.setVisible(bool(count.problems))
        self.confirm_skip.setText(f"已核对：以上 {len(count.problems)} 行不计入统计")
        cases = f"，{count.cases_counted} 件复议诉讼案件" if count.review_litigation is not None else ""
        self.summary.setText(
            f"{count.source_text()}，统计 {count.year} 年度：读入 {count.rows_read} 行，计入 {count.rows_counted} 件申请"
            f"{cases}；{count.rows_other_years} 行属于其他年度。"
            + (
                f"与报告现有数字不同的有 {n_diff} 处（标“{DIFFERENT_MARK}”并加底色）。"
                if n_diff
                else "与报告现有数字完全相同。"
            )
            + (f"有 {len(count.problems)} 行无法使用，见“无法使用的行”。" if count.problems else "")
        )
        self._update_apply()

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(
            not self.session.read_only and (not self.count.problems or self.confirm_skip.isChecked())
        )

    # ------------------------------------------------------------------ evidence and applying

    def show_rows_behind(self, form_id: FormId, index: QModelIndex) -> None:
        model = self.models[form_id]
        cell_id = model.cell_id(index)
        cell = model.definition.cell(cell_id)
        rows = self.count.rows_behind(form_id, cell_id)
        self.evidence_label.setText(
            f"第{FORM_PART[form_id]}项“{cell.row_label}·{cell.col_label}”：台账中 {len(rows)} 行"
        )
        self.evidence_model.set_rows([_evidence_row(entry) for entry in rows])

    def apply(self) -> None:
        """All counted tables and the import-log note as ONE undo step; nothing when rows are unconfirmed."""
        if not self.apply_button.isEnabled():
            return
        count = self.count
        tables = counted_tables(self.session.report.tables, count)
        notes = count.log_entries(skipped_confirmed=bool(count.problems))
        self.session.undo_stack.push(ConvertTablesCommand(self.session, tables, notes, APPLY_TEXT))
        self.accept()


# --------------------------------------------------------------------------- the two menu entries


def _editor(window: QWidget) -> EditorWindow:
    assert isinstance(window, EditorWindow), window
    return window


def count_from_ledger(window: QWidget) -> LedgerDialog | None:
    """报告 → 从登记台账统计…: pick a ledger, show its counts, apply them on 应用到报告."""
    editor = _editor(window)
    session = editor.session
    if session is None:
        return None
    if session.read_only:
        dialogs.info(window, "报告已签发，不能修改；如需由台账重新统计，请先撤销签发。")
        return None
    chosen = dialogs.open_file(window, "选择登记台账", editor._folder(), OPEN_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    try:
        ledger = read_ledger(path)
        dialog = LedgerDialog(window, session, ledger, path)
    except GkError as exc:
        dialogs.error(window, str(exc))
        return None
    dialogs.run_modal(dialog)
    if dialog.result() == QDialog.DialogCode.Accepted:
        editor.statusBar().showMessage(f"已由{dialog.count.source_text()}统计第三项", 8000)
    return dialog


def new_ledger_template(window: QWidget) -> Path | None:
    """文件 → 新建登记台账…: the template in the current report's format (2021 with no report open)."""
    editor = _editor(window)
    session = editor.session
    variant = session.report.applications.variant if session is not None else revisions.current().id
    suggested = Path(editor._folder()) / SUGGESTED_NAME
    chosen = dialogs.save_file(window, "新建登记台账", str(suggested), "Excel 工作簿 (*.xlsx)")
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
        # the save dialog asked about the name typed, not about this one
        if path.exists() and not dialogs.confirm(
            window, f"“{path.name}”已存在，是否替换？（原文件将另存为 .bak）", yes="替换"
        ):
            return None
    try:
        write_template(path, variant)
    except GkError as exc:
        dialogs.error(window, str(exc))
        return None
    editor.statusBar().showMessage(f"已新建登记台账：{path}", 8000)
    return path
