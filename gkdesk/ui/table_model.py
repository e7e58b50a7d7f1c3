"""One item model per official table: a thin adapter from the domain table to a QTableView.

The model shows the printed geometry of ``form(...).grid`` (merged headers, label columns) and the values of the
domain ``TableData``. Edits never touch the table directly: they go through ``ReportSession.set_cells`` so every
keystroke is undoable, and the model repaints from the session's ``cellsChanged``/``findingsChanged`` signals,
emitting ``dataChanged`` only for the cells that really changed (no model resets while the clerk types).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gkdesk.domain.checker import Finding, table_findings
from gkdesk.domain.forms import FORM_PART, CellDef, FormDef, FormId, GridCell
from gkdesk.domain.refs import format_ref
from gkdesk.domain.report import PART_TITLES, CellValue, TableData
from gkdesk.domain.values import ValueInputError, format_value, parse_cell
from gkdesk.ui.session import ReportSession

AnyIndex = QModelIndex | QPersistentModelIndex

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the domain cell id of a value cell (None elsewhere)
GRID_ROLE = Qt.ItemDataRole.UserRole + 2  # "note" | "header" | "caption" | "label" | "value" | "" (covered)
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # "error" | "warning" | "" for a value cell's worst finding
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 4  # last year's value as text (None without last year's report)
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 5  # True for a value cell the importer could not read from the source

# Colours are part of the product: errors red, warnings amber, totals shaded, headers tinted.
ERROR_COLOUR = QColor("#f4c7c3")
WARNING_COLOUR = QColor("#fde7b0")
TOTAL_COLOUR = QColor("#e9edf2")
HEADER_COLOUR = QColor("#f1f4f8")
CAPTION_COLOUR = QColor("#e2e8f0")
NOTE_COLOUR = QColor("#fafafa")
# A cell not read from the source: empty, hatched (a pattern, not only a colour) and said in words in its tooltip.
UNREAD_COLOUR = QColor("#b7791f")
UNREAD_BRUSH = QBrush(UNREAD_COLOUR, Qt.BrushStyle.BDiagPattern)
UNREAD_TIP = "未能从原文读取，请按原文填写"
ROW_NOTE_CELLS = 15  # a note naming more cells than a table row has is a summary

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_STATUSTIP = int(Qt.ItemDataRole.StatusTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_NOTE_TEXT = QBrush(QColor("#555555"))

_PAINT_ROLES = [
    SEVERITY_ROLE,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.ForegroundRole,
]


@dataclass(frozen=True)
class CellState:
    """What a cell shows about the check result; compared before and after each check to repaint only changes."""

    severity: str  # "error" | "warning" | ""
    tooltip: str


def part_title(form_id: FormId) -> str:
    """The heading the clerk knows the table by, e.g. 二、主动公开政府信息情况."""
    key = FORM_PART[form_id]
    return f"{key}、{PART_TITLES[key]}"  # type: ignore[index]


class TableModel(QAbstractTableModel):
    """The grid of one table (二, 三 or 四) over ``session.report.tables[form_id]``."""

    inputRejected = Signal(str)  # a Chinese sentence saying why an edit was refused

    def __init__(self, session: ReportSession, form_id: FormId, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._form_id: FormId = form_id
        self._build()
        session.cellsChanged.connect(self._on_cells_changed)
        session.findingsChanged.connect(self._on_findings_changed)
        session.autoTotalChanged.connect(self._on_auto_total_changed)
        session.readOnlyChanged.connect(self._on_read_only_changed)

    # ------------------------------------------------------------------ geometry

    def _build(self) -> None:
        """Index the grid once per variant: the printed cell at each top-left slot, and where each value cell is."""
        self._variant = self.table.variant
        self._form: FormDef = self.table.form
        self._anchor: dict[tuple[int, int], GridCell] = {}
        self._position: dict[str, tuple[int, int]] = {}
        for g in self._form.grid:
            self._anchor[(g.row, g.col)] = g
            if g.cell_id is not None:
                self._position[g.cell_id] = (g.row, g.col)
        self._states: dict[str, CellState] = self._compute_states()
        self._cache: dict[tuple[int, int], dict[int, Any]] = {}
        self._flags_cache: dict[tuple[int, int], Qt.ItemFlag] = {}

    @property
    def session(self) -> ReportSession:
        return self._session

    @property
    def form_id(self) -> FormId:
        return self._form_id

    @property
    def table(self) -> TableData:
        return self._session.report.tables[self._form_id]

    @property
    def form(self) -> FormDef:
        return self._form

    def spans(self) -> list[tuple[int, int, int, int]]:
        """``(row, column, rowspan, colspan)`` of every merged cell, for ``QTableView.setSpan``."""
        return [(g.row, g.col, g.rowspan, g.colspan) for g in self._form.grid if g.rowspan > 1 or g.colspan > 1]

    def grid_cell(self, index: AnyIndex) -> GridCell | None:
        """The printed cell whose top-left corner is at ``index`` (None for slots covered by a merge)."""
        if not index.isValid():
            return None
        return self._anchor.get((index.row(), index.column()))

    def cell_def(self, index: AnyIndex) -> CellDef | None:
        g = self.grid_cell(index)
        if g is None or g.cell_id is None:
            return None
        return self._form.cell(g.cell_id)

    def index_of(self, cell_id: str) -> QModelIndex:
        row, col = self._position[cell_id]
        return self.index(row, col)

    def value_cell_ids(self) -> list[str]:
        return [g.cell_id for g in self._form.grid if g.cell_id is not None]

    def error_cells(self) -> list[str]:
        """Value cells with at least one error finding (the view frames them in red)."""
        return [cell_id for cell_id, state in self._states.items() if state.severity == "error"]

    def is_locked_total(self, cell: CellDef) -> bool:
        """Totals are computed, not typed, while 自动合计 is on; except an unread total, which 自动合计 leaves alone
        and the clerk fills in from the source."""
        return cell.is_total and self._session.auto_total and not self.is_unread(cell.cell_id)

    def is_unread(self, cell_id: str) -> bool:
        """The importer found this cell but could not read it: shown empty until the clerk types the figure."""
        return cell_id in self.table.unread_cells

    def unread_cells(self) -> list[str]:
        """Unread value cells in grid order (the view and the tests walk them)."""
        unread = set(self.table.unread_cells)
        return [cell_id for cell_id in self.value_cell_ids() if cell_id in unread]

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else self._form.n_rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._form.n_cols

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        key = (index.row(), index.column())
        flags = self._flags_cache.get(key)
        if flags is None:
            flags = self._flags_cache[key] = self._flags_of(index)
        return flags

    def _flags_of(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        cell = self.cell_def(index)
        if cell is not None and not self._session.read_only and not self.is_locked_total(cell):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Every role of a cell is computed once and kept until the session reports a change: a repaint asks
        for about ten roles of each of 300 cells, and Python calls are the bulk of its cost."""
        key = (index.row(), index.column())
        roles = self._cache.get(key)
        if roles is None:
            roles = self._cache[key] = self._roles_of(key)
        return roles.get(role)

    def _roles_of(self, key: tuple[int, int]) -> dict[int, Any]:
        g = self._anchor.get(key)
        if g is None:
            return {GRID_ROLE: ""}
        if g.cell_id is None:
            return self._label_roles(g)
        return self._value_roles(self._form.cell(g.cell_id))

    def _invalidate(self, cell_ids: list[str] | set[str] | None = None) -> None:
        """Forget cached roles: of these cells, or of every cell (None).

        Only undo commands change a table, and each one reports its cells through ``cellsChanged``; finding
        changes are diffed per cell. So an edit forgets a handful of cells and a full repaint (scrolling) after
        it still finds the rest cached.
        """
        if cell_ids is None:
            self._cache.clear()
            self._flags_cache.clear()
            return
        for cell_id in cell_ids:
            position = self._position.get(cell_id)
            if position is not None:
                self._cache.pop(position, None)
                self._flags_cache.pop(position, None)  # an unread total typed in becomes locked again

    def _label_roles(self, g: GridCell) -> dict[int, Any]:
        roles: dict[int, Any] = {GRID_ROLE: g.role, _DISPLAY: g.text}
        if g.role == "note":
            roles[_TOOLTIP] = g.text
            roles[_FOREGROUND] = _NOTE_TEXT
        roles[_ALIGN] = _LEFT if g.role == "label" and g.rowspan == 1 else _CENTRE
        background = {"header": HEADER_COLOUR, "caption": CAPTION_COLOUR, "note": NOTE_COLOUR}.get(g.role)
        if background is not None:
            roles[_BACKGROUND] = QBrush(background)
        if g.role in ("header", "caption"):
            roles[_FONT] = _bold()
        return roles

    def _value_roles(self, cell: CellDef) -> dict[int, Any]:
        # Display and edit text are the same: a Decimal stays exactly as typed, and the line editor gets text it
        # can take full-width digits into.
        unread = self.is_unread(cell.cell_id)
        # An unread cell holds a placeholder 0 that is never shown: empty, so it cannot pass for a figure.
        text = "" if unread else format_value(self.table.get(cell.cell_id))
        state = self._states.get(cell.cell_id)
        severity = state.severity if state is not None else ""
        previous = self.previous_text(cell.cell_id)
        tooltip = self._tooltip(cell, state, unread=unread)
        if previous is not None:
            tooltip += f"\n上年：{previous}"
        roles: dict[int, Any] = {
            GRID_ROLE: "value",
            CELL_ID_ROLE: cell.cell_id,
            SEVERITY_ROLE: severity,
            _DISPLAY: text,
            _EDIT: text,
            _ALIGN: _CENTRE if cell.kind == "text" else _RIGHT,
            _TOOLTIP: tooltip,
            _STATUSTIP: tooltip,
            PREVIOUS_ROLE: previous,
            UNREAD_ROLE: unread,
        }
        if unread:
            roles[_BACKGROUND] = UNREAD_BRUSH
        elif severity == "error":
            roles[_BACKGROUND] = QBrush(ERROR_COLOUR)
        elif severity == "warning":
            roles[_BACKGROUND] = QBrush(WARNING_COLOUR)
        elif cell.is_total:
            roles[_BACKGROUND] = QBrush(TOTAL_COLOUR)
        if cell.is_total:
            roles[_FONT] = _bold()
        if self._session.read_only:
            roles[_FOREGROUND] = QBrush(QColor("#6b7280"))  # greyed: a signed-off report is read-only
        elif self.is_locked_total(cell):
            roles[_FOREGROUND] = QBrush(QColor("#1f3a5f"))
        return roles

    def previous_table(self) -> TableData | None:
        """This table in last year's report (kept inside the report after 新建下一年度报告), if it was there."""
        previous = self._session.report.previous
        if previous is None:
            return None
        table = previous.tables.get(self._form_id)
        return table if table is not None and table.present else None

    def previous_text(self, cell_id: str) -> str | None:
        """Last year's figure for the same cell; None when last year's table lacks it (e.g. another format)."""
        table = self.previous_table()
        if table is None or not table.form.has_cell(cell_id):
            return None
        return format_value(table.get(cell_id))

    def _import_notes(self, cell_id: str) -> list[str]:
        """What the import log says about this cell: the printed text and why it could not be placed."""
        ref = format_ref(self._form_id, cell_id)
        notes = [
            e.message
            for e in self._session.report.import_log
            # the row's own note, not the table-wide summary that names every unread cell
            if ref in e.cells and e.level in ("warning", "missing") and len(e.cells) <= ROW_NOTE_CELLS
        ]
        return [f"导入说明：{note}" for note in notes[:2]]

    def _tooltip(self, cell: CellDef, state: CellState | None, *, unread: bool = False) -> str:
        lines = [self._form.describe(cell.cell_id)]
        if unread:
            lines.append(UNREAD_TIP)
            lines.extend(self._import_notes(cell.cell_id))
        if state is not None and state.tooltip:
            lines.append(state.tooltip)
        if cell.is_total and self._session.auto_total:
            lines.append(
                "自动合计：未能读取的合计不自动计算，请按原文填写"
                if unread
                else "自动合计：由各项相加得出，不能直接修改"
            )
        return "\n".join(lines)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        cell = self.cell_def(index)
        if cell is None:
            return False
        message = self.refusal(cell)
        if message is not None:
            self.inputRejected.emit(message)
            return False
        try:
            parsed = self.parse(cell, value)
        except ValueInputError as exc:
            self.inputRejected.emit(f"{self._form.describe(cell.cell_id)}：{exc}")
            return False
        unread = self.is_unread(cell.cell_id)
        if unread and not ("" if value is None else str(value)).strip():
            return True  # committing an empty editor is no answer: the cell stays unread, never becomes 0
        marked = unread or cell.cell_id in self.table.blank_cells
        if _same_value(self.table.get(cell.cell_id), parsed) and not marked:
            return True  # nothing to undo; a blank or unread cell typed as 0 is confirmed, so it does go through
        self._session.set_cells(self._form_id, {cell.cell_id: parsed}, f"修改{self._form.describe(cell.cell_id)}")
        return True

    # ------------------------------------------------------------------ helpers shared with the view

    def refusal(self, cell: CellDef) -> str | None:
        """Why ``cell`` cannot be edited now, or None."""
        if self._session.read_only:
            return "报告已签发，处于只读状态，不能修改"
        if self.is_locked_total(cell):
            return f"{self._form.describe(cell.cell_id)}是合计，已开启“自动合计”，由各项相加得出；如需手工填写请先关闭自动合计"
        return None

    @staticmethod
    def parse(cell: CellDef, value: Any) -> CellValue:
        """The domain value of what the clerk typed; raises ``ValueInputError`` with a Chinese message."""
        text = "" if value is None else str(value)
        return parse_cell(text, cell.kind)

    def reject(self, message: str) -> None:
        """Let the view show a refusal decided outside ``setData`` (paste, clear)."""
        self.inputRejected.emit(message)

    # ------------------------------------------------------------------ following the session

    def _emit_cells(self, cell_ids: list[str] | set[str], roles: list[int] | None = None) -> None:
        """dataChanged for exactly these cells, one signal per run of neighbouring cells in a row."""
        by_row: dict[int, list[int]] = {}
        for cell_id in cell_ids:
            if cell_id in self._position:
                row, col = self._position[cell_id]
                by_row.setdefault(row, []).append(col)
        for row in sorted(by_row):
            for first, last in _runs(sorted(by_row[row])):
                if roles is None:
                    self.dataChanged.emit(self.index(row, first), self.index(row, last))
                else:
                    self.dataChanged.emit(self.index(row, first), self.index(row, last), roles)

    def _variant_changed(self) -> bool:
        if self.table.variant == self._variant:
            return False
        self.beginResetModel()
        self._build()
        self.endResetModel()
        return True

    def _on_cells_changed(self, form_id: str, cell_ids: list[str]) -> None:
        if form_id != self._form_id or self._variant_changed():
            return
        self._invalidate(cell_ids)
        self._emit_cells(cell_ids)

    def _compute_states(self) -> dict[str, CellState]:
        states: dict[str, CellState] = {}
        for cell_id, findings in table_findings(self._session.result, self._form_id).items():
            if cell_id not in self._position:
                continue
            severity = "error" if any(f.severity == "error" for f in findings) else "warning"
            # UNREAD is said by the cell itself (UNREAD_TIP); its table-wide message would only repeat it
            lines = [self._finding_line(cell_id, f) for f in findings if f.code != "UNREAD"]
            states[cell_id] = CellState(severity, "\n".join(lines))
        return states

    def _finding_line(self, cell_id: str, finding: Finding) -> str:
        line = f"{finding.code} {finding.message}"
        if finding.fixable and finding.target == format_ref(self._form_id, cell_id):
            expected = format_value(finding.expected)  # type: ignore[arg-type]
            if finding.code == "R1":  # a balance is never fixed by a guess: the clerk fills the results first
                line += f"\n请先填写办理结果；确实尚未办结的，可在问题列表中确认后设为 {expected}"
            else:
                line += f"\n应为 {expected}（可在问题列表中一键修正）"
        return line

    def _on_findings_changed(self) -> None:
        if self._variant_changed():
            return
        old = self._states
        self._states = self._compute_states()
        changed = {c for c in old.keys() | self._states.keys() if old.get(c) != self._states.get(c)}
        self._invalidate(changed)
        if changed:
            self._emit_cells(changed, _PAINT_ROLES)

    def _on_auto_total_changed(self, _on: bool) -> None:
        self._invalidate()
        self._emit_cells([c.cell_id for c in self._form.totals()])

    def _on_read_only_changed(self, _read_only: bool) -> None:
        self._invalidate()
        self._emit_cells(self.value_cell_ids())


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _same_value(old: CellValue, new: CellValue) -> bool:
    """Equal and typed the same way: 0.50 and 0.5 are different text for a fee, so both compare by their digits."""
    return type(old) is type(new) and format_value(old) == format_value(new)


def _runs(cols: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for col in cols:
        if runs and runs[-1][1] == col - 1:
            runs[-1] = (runs[-1][0], col)
        else:
            runs.append((col, col))
    return runs
