"""One table page of the editor window: the part title, the official grid and a line that says what happened."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gkdesk.domain import revisions
from gkdesk.domain.forms import FORM_PART, FormId
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_model import TableModel, part_title
from gkdesk.ui.table_view import TableView

_HINT = "直接输入数字即可修改 · 回车下移 · Tab 右移 · Delete 清零 · Ctrl+C / Ctrl+V 与 Excel 互相复制粘贴"


class TableEditor(QWidget):
    """Table 二, 三 or 四 of one report; the window embeds one per table."""

    def __init__(self, session: ReportSession, form_id: FormId, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id: FormId = form_id
        self.model = TableModel(session, form_id, self)
        self.view = TableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"{part_title(form_id)}统计表")

        self.title = QLabel(part_title(form_id), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.previous_box = QCheckBox("显示上年数", self)
        self.previous_box.setToolTip("在每个单元格左下角用灰色小字显示上年报告中的同一数字")
        self.previous_box.setVisible(self.model.previous_table() is not None)
        self.previous_box.toggled.connect(self.view.set_show_previous)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.previous_box)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(status_row)
        layout.addWidget(self.view, 1, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.info)
        layout.addStretch(0)
        self.view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)

        self.view.message.connect(self.show_message)
        session.cellsChanged.connect(self._on_cells_changed)
        session.readOnlyChanged.connect(self._on_read_only)
        session.autoTotalChanged.connect(self._update_status)
        session.findingsChanged.connect(self._update_status)
        self._on_read_only(session.read_only)
        self.show_message("")

    # ------------------------------------------------------------------ public API for the window

    def focus_cell(self, cell_id: str) -> None:
        """Select a value cell and scroll to it (the problems panel jumps here)."""
        if not self.model.form.has_cell(cell_id):
            return  # e.g. a cell of the other format version: nothing to select, and no reason to fail
        index = self.model.index_of(cell_id)
        self.view.focus_value(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, message: str) -> None:
        """The info line: a refusal in red, a confirmation in plain text, or the keyboard hint."""
        if not message:
            self.info.setStyleSheet("color: #5f6b7a;")
            self.info.setText(_HINT)
        elif message.startswith("已"):
            self.info.setStyleSheet("color: #1d5f2f;")
            self.info.setText(message)
        else:
            self.info.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.info.setText("⚠ " + message)

    @property
    def info_text(self) -> str:
        return self.info.text()

    def sizeHint(self) -> QSize:
        width, height = self.view.content_size()
        return QSize(width + 24, height + 120)

    # ------------------------------------------------------------------ following the session

    def _on_cells_changed(self, form_id: str, _cells: list[str]) -> None:
        """An accepted edit (or an undo) replaces an old refusal with the keyboard hint again."""
        if form_id == self.form_id:
            self.show_message("")

    def _on_read_only(self, read_only: bool) -> None:
        """Signed off: the model greys the figures and refuses edits (typing says why); the title says 只读."""
        self.title.setText(part_title(self.form_id) + ("（已签发，只读）" if read_only else ""))
        self._update_status()

    def _update_status(self, *_args: object) -> None:
        table = self.model.table
        parts: list[str] = []
        if self.session.read_only:
            parts.append("已签发 — 只读")
        if not table.present:
            parts.append("原文缺少此表，当前按全 0 显示")
        if table.variant != revisions.current().id:
            parts.append(revisions.revision(table.variant).format_name)
        if table.form.totals():
            parts.append(
                "自动合计：开（合计单元格自动计算）" if self.session.auto_total else "自动合计：关（合计需手工填写）"
            )
        errors = warnings = 0
        prefix = f"{self.form_id}:"
        part = FORM_PART[self.form_id]
        for finding in self.session.result.findings:
            if finding.part == part or any(ref.startswith(prefix) for ref in finding.cells):
                if finding.severity == "error":
                    errors += 1
                else:
                    warnings += 1
        if errors or warnings:
            parts.append(f"本部分 {errors} 个错误 · {warnings} 个警告")
        elif table.present:
            parts.append("本表勾稽关系正确")
        self.status.setText(" · ".join(parts))
