"""The grid a clerk types figures into: spreadsheet keys, Excel paste/copy, and visible refusals.

Keyboard habits come from spreadsheets: typing starts editing, Enter commits and moves down, Tab moves right,
Delete clears, Ctrl+C/Ctrl+V exchange TAB-separated blocks with Excel. Paste and clear are one undo step each,
and a refused edit always says why (``message`` signal + a tooltip at the cell), never disappears silently.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from gkdesk.domain.forms import CellDef, FormDef
from gkdesk.domain.report import CellValue
from gkdesk.domain.values import ValueInputError
from gkdesk.ui.table_model import CELL_ID_ROLE, GRID_ROLE, PREVIOUS_ROLE, TableModel

AnyIndex = QModelIndex | QPersistentModelIndex

_MAX_LISTED = 5  # bad cells named in a refused paste before "等 N 处"


# --------------------------------------------------------------------------- clipboard text


def parse_clipboard_block(text: str) -> list[list[str]]:
    """Rows of cells from Excel's clipboard text: TAB between cells, CRLF (or LF) between rows, "…" quoting."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            # A quoted cell: "" is a quote, TAB/newline inside are data.
            i += 1
            while i < n:
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        cell.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                cell.append(text[i])
                i += 1
            at_cell_start = False
            continue
        if ch == "\t":
            row.append("".join(cell))
            cell = []
            at_cell_start = True
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
        else:
            cell.append(ch)
            at_cell_start = False
        i += 1
    if cell or row or not at_cell_start:
        row.append("".join(cell))
        rows.append(row)
    return rows


def format_clipboard_block(rows: list[list[str]]) -> str:
    """The text Excel expects: TAB/CRLF, cells with TAB, newline or quotes quoted."""

    def quote(cell: str) -> str:
        if any(ch in cell for ch in '\t\r\n"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "".join("\t".join(quote(c) for c in row) + "\r\n" for row in rows)


# --------------------------------------------------------------------------- editor delegate


class CellDelegate(QStyledItemDelegate):
    """A plain line editor; Enter commits synchronously and asks the view to move down.

    When Enter or Tab commits text the model refuses, the delegate remembers it (``rejected``) so the view can
    reopen the editor on the same cell with the clerk's text, instead of moving on as if it had been accepted.
    """

    enterCommitted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rejected: tuple[QPersistentModelIndex, str] | None = None
        self._by_key = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setStyleSheet("QLineEdit { border: 2px solid #1a73e8; background: white; padding: 0 2px; }")
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if align is not None:
            editor.setAlignment(Qt.AlignmentFlag(int(align)))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            text = editor.text()
            if not model.setData(index, text, Qt.ItemDataRole.EditRole) and self._by_key:
                self.rejected = (QPersistentModelIndex(index), text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.rejected = None
                self._by_key = True
                try:
                    self.commitData.emit(obj)
                finally:
                    self._by_key = False
                accepted = self.rejected is None
                self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                if accepted:
                    self.enterCommitted.emit()
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.rejected = None
                self._by_key = True
                try:
                    return super().eventFilter(obj, event)
                finally:
                    self._by_key = False
        return super().eventFilter(obj, event)


# --------------------------------------------------------------------------- the view


class TableView(QTableView):
    """A QTableView that knows the official geometry of its ``TableModel``."""

    message = Signal(str)  # refusals and confirmations for the info line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = CellDelegate(self)
        self._delegate.enterCommitted.connect(self.move_down)
        self.setItemDelegate(self._delegate)
        self._forwarding = False
        self._show_previous = False
        self._frozen: QTableView | None = None
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(
            "QTableView { gridline-color: #9aa5b1; selection-background-color: #cfe3ff; selection-color: black; }"
        )

    # ------------------------------------------------------------------ model and geometry

    def table_model(self) -> TableModel:
        model = self.model()
        assert isinstance(model, TableModel)
        return model

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if isinstance(old, TableModel):
            old.inputRejected.disconnect(self._on_rejected)
            old.modelReset.disconnect(self.apply_geometry)
        super().setModel(model)
        if isinstance(model, TableModel):
            model.inputRejected.connect(self._on_rejected)
            model.modelReset.connect(self.apply_geometry)
            self.apply_geometry()

    def apply_geometry(self) -> None:
        """Merges, column widths and row heights that fit the wrapped header text."""
        model = self.table_model()
        self.clearSpans()
        for row, col, rowspan, colspan in model.spans():
            self.setSpan(row, col, rowspan, colspan)
        for col, width in enumerate(column_widths(model.form, QFontMetrics(self.font()))):
            self.setColumnWidth(col, width)
        self.fit_rows()
        self._setup_frozen_header()

    def _setup_frozen_header(self) -> None:
        """Table 三 is taller than a screen: its three header rows stay on top while the clerk scrolls.

        A second, non-interactive view of the same model shows only the header rows over the top of the viewport
        (Qt's "frozen column" pattern); it scrolls sideways with the main view.
        """
        model = self.table_model()
        rows = model.form.header_rows
        if self._frozen is not None:
            self._frozen.deleteLater()
            self._frozen = None
        if rows == 0:
            return
        frozen = QTableView(self)
        frozen.setObjectName("frozenHeader")
        frozen.setModel(model)
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        frozen.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        frozen.horizontalHeader().hide()
        frozen.verticalHeader().hide()
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        frozen.setFrameShape(QFrame.Shape.NoFrame)
        frozen.setWordWrap(True)
        frozen.setTextElideMode(Qt.TextElideMode.ElideNone)
        frozen.setStyleSheet(self.styleSheet())
        for row, col, rowspan, colspan in model.spans():
            if row < rows:
                frozen.setSpan(row, col, min(rowspan, rows - row), colspan)
        for col in range(model.columnCount()):
            frozen.setColumnWidth(col, self.columnWidth(col))
        for row in range(model.rowCount()):
            frozen.setRowHeight(row, self.rowHeight(row))
            frozen.setRowHidden(row, row >= rows)
        self.horizontalScrollBar().valueChanged.connect(frozen.horizontalScrollBar().setValue)
        self._frozen = frozen
        self._place_frozen_header()
        frozen.show()

    def frozen_height(self) -> int:
        """Height of the rows that stay on top (0 for table 二, which has no repeated header)."""
        rows = self.table_model().form.header_rows if isinstance(self.model(), TableModel) else 0
        return sum(self.rowHeight(r) for r in range(rows))

    def _place_frozen_header(self) -> None:
        if self._frozen is not None:
            viewport = self.viewport().geometry()
            self._frozen.setGeometry(viewport.x(), viewport.y(), viewport.width(), self.frozen_height())

    def scrollTo(
        self, index: AnyIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        """Never leave the current cell hidden under the frozen header rows."""
        super().scrollTo(index, hint)
        if self._frozen is None or not index.isValid() or index.row() < self.table_model().form.header_rows:
            return
        covered = self.frozen_height() - self.visualRect(self.table_model().index(index.row(), index.column())).top()
        if covered > 0:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - covered)

    def fit_rows(self) -> None:
        """Row heights from the wrapped text of every printed cell, merged cells shared over their rows."""
        model = self.table_model()
        form = model.form
        metrics = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        line = metrics.height()
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        small_line = QFontMetrics(small).height()
        base = line + 12
        heights = [base] * form.n_rows
        tall: list[tuple[int, int, int]] = []
        for g in sorted(form.grid, key=lambda g: g.rowspan):
            width = sum(self.columnWidth(c) for c in range(g.col, g.col + g.colspan)) - 10
            fm = bold_metrics if g.role in ("header", "caption") else metrics
            text = g.text or "0"
            needed = fm.boundingRect(QRect(0, 0, max(width, 10), 100000), Qt.TextFlag.TextWordWrap, text).height() + 10
            if g.role == "value" and self._show_previous:
                needed = max(needed, line + small_line + 10)  # room for last year's figure under the value
            if g.rowspan == 1:
                heights[g.row] = max(heights[g.row], needed)
            else:
                tall.append((g.row, g.rowspan, needed))
        for row, rowspan, needed in tall:
            have = sum(heights[row : row + rowspan])
            if needed > have:
                extra = needed - have
                for r in range(row, row + rowspan):
                    heights[r] += extra // rowspan + (1 if r - row < extra % rowspan else 0)
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)

    def content_size(self) -> tuple[int, int]:
        """Width and height of the whole grid, so the editor can show it without inner scrollbars when room allows."""
        model = self.table_model()
        width = sum(self.columnWidth(c) for c in range(model.columnCount()))
        height = sum(self.rowHeight(r) for r in range(model.rowCount()))
        return width + 2 * self.frameWidth(), height + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        """As big as the printed table (plus a scroll bar when it is taller or wider than the room it has), never
        bigger: a table wider than the pane (四 on a small screen) asks for the height of its horizontal scroll bar
        too, so the bar does not cover the row of figures."""
        if not isinstance(self.model(), TableModel):
            return super().sizeHint()
        width, height = self.content_size()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if height > self.height():
            width += bar
        if width > self.width():
            height += bar
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        """After Qt paints the cells, frame the cells in error in red, so a selection never hides an error.

        Done here in one pass over the few error cells rather than in a Python delegate ``paint`` for every cell,
        which would make each repaint several times slower.
        """
        super().paintEvent(event)
        model = self.model()
        if not isinstance(model, TableModel):
            return
        errors = model.error_cells()
        if not errors and not self._show_previous:
            return
        painter = QPainter(self.viewport())
        if self._show_previous:
            self._paint_previous(painter, model, event.rect())
        pen = QPen(QColor("#c62828"))
        pen.setWidth(2)
        painter.setPen(pen)
        for cell_id in errors:
            rect = self.visualRect(model.index_of(cell_id))
            if rect.intersects(event.rect()):
                painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_previous(self, painter: QPainter, model: TableModel, dirty: QRect) -> None:
        """Last year's figure in small grey type at the bottom left of each value cell (left out when 0)."""
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        painter.setPen(QColor("#6b7280"))
        metrics = QFontMetrics(font)
        for cell_id in model.value_cell_ids():
            rect = self.visualRect(model.index_of(cell_id))
            if not rect.intersects(dirty):
                continue
            previous = model.index_of(cell_id).data(PREVIOUS_ROLE)
            if previous is None or previous in ("0", ""):
                continue  # zeros would fill the grid with noise; the tooltip still says 上年：0
            area = rect.adjusted(4, 0, -4, -2)
            text = f"上年 {previous}"
            if metrics.horizontalAdvance(text) > area.width():
                text = metrics.elidedText(previous, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text)

    @property
    def show_previous(self) -> bool:
        return self._show_previous

    def set_show_previous(self, on: bool) -> None:
        """Show last year's figure in every value cell (rows grow to make room)."""
        if on != self._show_previous:
            self._show_previous = on
            if isinstance(self.model(), TableModel):
                self.fit_rows()
            self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (another DPI, or the clerk's larger system font) re-measures columns and wrapped rows."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and isinstance(self.model(), TableModel):
            self.apply_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_frozen_header()  # the viewport narrows when a scroll bar appears

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_frozen_header()
        if event.oldSize() != event.size():
            self.updateGeometry()  # whether a scroll bar needs room may have changed

    # ------------------------------------------------------------------ moving around

    def _is_value(self, index: QModelIndex) -> bool:
        return index.isValid() and index.data(GRID_ROLE) == "value"

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Arrow keys, Tab and Enter skip headers and labels and land on the next value cell."""
        start = self.currentIndex()
        index = super().moveCursor(cursorAction, modifiers)
        tabbing = cursorAction in (
            QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemView.CursorAction.MovePrevious,
        )
        if not self._is_value(start) or (modifiers & Qt.KeyboardModifier.ShiftModifier and not tabbing):
            return index  # Shift+arrows extend a selection over labels too (copying a block with its names)
        seen = {(start.row(), start.column())}
        while index.isValid() and not self._is_value(index) and (index.row(), index.column()) not in seen:
            seen.add((index.row(), index.column()))
            self.setCurrentIndex(index)
            index = super().moveCursor(cursorAction, modifiers)
        if not self._is_value(index):
            self.setCurrentIndex(start)
            return start
        self.setCurrentIndex(start)
        return index

    def move_down(self) -> None:
        index = self.moveCursor(QAbstractItemView.CursorAction.MoveDown, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """A refused Enter/Tab keeps the clerk on the cell, with the editor open on what they typed."""
        rejected, self._delegate.rejected = self._delegate.rejected, None
        if rejected is None or not rejected[0].isValid():
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        index = self.table_model().index(rejected[0].row(), rejected[0].column())
        self.setCurrentIndex(index)
        self.edit(index)
        reopened = self.indexWidget(index)
        if isinstance(reopened, QLineEdit):
            reopened.setText(rejected[1])
            reopened.selectAll()

    def focus_value(self, index: QModelIndex) -> None:
        """Only this cell selected: a block left over from before would otherwise be what Ctrl+C copies."""
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState and not self._forwarding:
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                # Keys sent to the view while its editor is open belong to the editor (typing a figure); keys the
                # editor ignores (arrows) come back here once and move the cursor as usual.
                self._forwarding = True
                try:
                    QGuiApplication.sendEvent(editor, event)
                finally:
                    self._forwarding = False
                return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clear_selection()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.move_down()
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A Chinese input method's committed text (e.g. full-width digits) starts editing like a key press does.

        Qt opens the editor for it but does not hand the text over, so the first figure would be lost.
        """
        commit = event.commitString()
        if self.state() != QAbstractItemView.State.EditingState and commit and not event.preeditString():
            index = self.currentIndex()
            if self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                editor = self.indexWidget(index)
                if isinstance(editor, QLineEdit) and editor.selectedText() == editor.text():
                    editor.insert(commit)  # still the untouched, selected old value: replace it
            event.accept()
            return
        super().inputMethodEvent(event)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        """Editing a read-only or computed cell by typing says why instead of doing nothing."""
        if trigger is None:
            super().edit(index)
            return True
        if (
            trigger in (QAbstractItemView.EditTrigger.AnyKeyPressed, QAbstractItemView.EditTrigger.DoubleClicked)
            and isinstance(index, QModelIndex)
            and self._is_value(index)
            and not (index.flags() & Qt.ItemFlag.ItemIsEditable)
            and (trigger != QAbstractItemView.EditTrigger.AnyKeyPressed or _typed_text(event))
        ):
            model = self.table_model()
            cell = model.cell_def(index)
            if cell is not None:
                reason = model.refusal(cell)
                if reason is not None:
                    self._on_rejected(reason)
            return False
        return super().edit(index, trigger, event)

    # ------------------------------------------------------------------ right-click menu

    def context_menu(self) -> QMenu:
        """复制 / 粘贴 / 清零 for clerks who reach for the mouse; the shortcuts are shown as a reminder."""
        menu = QMenu(self)
        writable = isinstance(self.model(), TableModel) and not self.table_model().session.read_only
        copy = menu.addAction("复制")
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.triggered.connect(lambda: self.copy_selection())  # noqa: PLW0108 - drop triggered(checked)
        paste = menu.addAction("粘贴（可从 Excel 复制后粘贴）")
        paste.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        paste.setEnabled(writable)
        paste.triggered.connect(lambda: self.paste())  # noqa: PLW0108 - checked must not become the text
        clear = menu.addAction("清零")
        clear.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        clear.setEnabled(writable)
        clear.triggered.connect(lambda: self.clear_selection())  # noqa: PLW0108 - drop triggered(checked)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ------------------------------------------------------------------ messages

    def _on_rejected(self, message: str) -> None:
        self.message.emit(message)
        index = self.currentIndex()
        if index.isValid() and self.isVisible():
            rect = self.visualRect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 2)), message, self.viewport())

    # ------------------------------------------------------------------ copy, paste, clear

    def _selected_block(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes()
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        """Copy the selected rectangle as TAB/CRLF text (Excel's format); returns the text."""
        block = self._selected_block()
        if block is None:
            return ""
        top, left, bottom, right = block
        model = self.table_model()
        selected = {(i.row(), i.column()) for i in self.selectedIndexes()} or {(top, left)}
        rows: list[list[str]] = []
        for r in range(top, bottom + 1):
            row: list[str] = []
            for c in range(left, right + 1):
                value = model.index(r, c).data(Qt.ItemDataRole.DisplayRole) if (r, c) in selected else None
                row.append("" if value is None else str(value))
            rows.append(row)
        text = format_clipboard_block(rows)
        QGuiApplication.clipboard().setText(text)
        cells = (bottom - top + 1) * (right - left + 1)
        self.message.emit(f"已复制 {cells} 个单元格，可粘贴到 Excel")
        return text

    def _value_grid(self) -> list[list[str]]:
        """Value cells row by row in screen order: the coordinates an Excel block is pasted onto."""
        model = self.table_model()
        rows: dict[int, list[tuple[int, str]]] = {}
        for g in model.form.grid:
            if g.cell_id is not None:
                rows.setdefault(g.row, []).append((g.col, g.cell_id))
        return [[cell_id for _c, cell_id in sorted(rows[r])] for r in sorted(rows)]

    def paste(self, text: str | None = None) -> bool:
        """Paste an Excel block from the current cell as one undo step; refuse everything if any cell is bad."""
        model = self.table_model()
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_clipboard_block(text)
        single = len(block) == 1 and len(block[0]) == 1
        if not block or (single and not block[0][0].strip()):
            self._on_rejected("剪贴板中没有可粘贴的数字")
            return False
        if model.session.read_only:
            self._on_rejected("报告已签发，处于只读状态，不能修改")
            return False
        grid = self._value_grid()
        selected = self.selectedIndexes()
        # Like Excel: a block goes to the top-left cell of the selection (or the current cell).
        start = min(selected, key=lambda i: (i.row(), i.column())) if len(selected) > 1 else self.currentIndex()
        start_id = start.data(CELL_ID_ROLE) if start.isValid() else None
        if start_id is None:
            self._on_rejected("请先选中要粘贴到的第一个数字单元格")
            return False
        r0, c0 = next((r, row.index(start_id)) for r, row in enumerate(grid) if start_id in row)
        targets: list[tuple[str, str]] = []
        if single and len(selected) > 1:
            # One value onto a selection fills the selection, as in Excel.
            targets = [(i.data(CELL_ID_ROLE), block[0][0]) for i in selected]
            targets = [(cid, txt) for cid, txt in targets if cid is not None]
        else:
            if r0 + len(block) > len(grid) or any(c0 + len(row) > len(grid[r0 + i]) for i, row in enumerate(block)):
                self._on_rejected(
                    f"粘贴的区域（{len(block)} 行 × {max(len(r) for r in block)} 列）超出了表格范围，未做任何修改"
                )
                return False
            targets = [(grid[r0 + i][c0 + j], txt) for i, row in enumerate(block) for j, txt in enumerate(row)]
        return self._apply(targets, "粘贴")

    def _apply(self, targets: list[tuple[str, str]], undo_text: str, *, clearing: bool = False) -> bool:
        """Set the target cells as one undo step, as if each text had been typed into its cell.

        An unread cell takes what is typed or pasted and loses its mark; an empty pasted cell leaves it unread (no
        figure was given). Clearing (清零) is an explicit 0, so it confirms unread cells as 0, and says so.
        """
        model = self.table_model()
        form: FormDef = model.form
        values: dict[str, CellValue] = {}
        bad: list[str] = []
        skipped = 0
        still_unread = 0
        zeroed_unread = 0
        for cell_id, text in targets:
            cell: CellDef = form.cell(cell_id)
            if model.is_locked_total(cell):
                skipped += 1
                continue
            if model.is_unread(cell_id):
                if not clearing and not text.strip():
                    still_unread += 1
                    continue
                if clearing:
                    zeroed_unread += 1
            try:
                values[cell_id] = model.parse(cell, text)
            except ValueInputError as exc:
                bad.append(f"{form.describe(cell_id)}：{exc}")
        if bad:
            listed = "；".join(bad[:_MAX_LISTED])
            more = f"等 {len(bad)} 处" if len(bad) > _MAX_LISTED else ""
            self._on_rejected(f"{undo_text}未执行，以下单元格的内容不是有效数字：{listed}{more}")
            return False
        if values:
            model.session.set_cells(model.form_id, values, undo_text)
        note = f"，{skipped} 个合计单元格由自动合计计算，未改" if skipped else ""
        if still_unread:
            note += f"，{still_unread} 个未能从原文读取的单元格粘贴内容为空，仍需按原文填写"
        if zeroed_unread:
            note += f"，其中 {zeroed_unread} 个未能从原文读取的单元格已填为 0"
        self.message.emit(f"已{undo_text} {len(values)} 个单元格{note}")
        return True

    def clear_selection(self) -> bool:
        """Delete: set the selected value cells to 0 (text cells to empty) as one undo step."""
        model = self.table_model()
        if model.session.read_only:
            self._on_rejected("报告已签发，处于只读状态，不能修改")
            return False
        indexes = self.selectedIndexes() or [self.currentIndex()]
        targets = [(i.data(CELL_ID_ROLE), "") for i in indexes if i.isValid()]
        targets = [(cid, txt) for cid, txt in targets if cid is not None]
        if not targets:
            return False
        return self._apply(targets, "清除", clearing=True)


def _typed_text(event: object) -> str:
    """What a key press or a Chinese input method (full-width digits come this way) would type."""
    if isinstance(event, QKeyEvent):
        return event.text()
    if isinstance(event, QInputMethodEvent):
        return event.commitString()
    return ""


def column_widths(form: FormDef, metrics: QFontMetrics) -> list[int]:
    """Column widths for the official layout: labels wide enough to read, number columns narrow."""
    em = metrics.horizontalAdvance("国")
    if form.form_id == "applications":
        return [int(em * 1.9), int(em * 6.2), int(em * 15), *[int(em * 4.6)] * 7]
    if form.form_id == "review_litigation":
        return [int(em * 3.4)] * 15
    return [int(em * 9), *[int(em * 9)] * (form.n_cols - 1)]
