"""The problems list: every finding of the checker in words, with a jump to its cell and one-click fixes.

Colour in the grid is never the only signal; this list says the same in words. The list model follows the
session's findings with row inserts/removes (not resets), so the clerk's selection survives each keystroke.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain import revisions
from gkdesk.domain.findings import Finding
from gkdesk.domain.forms import FORM_PART
from gkdesk.domain.refs import parse_ref
from gkdesk.ui import dialogs
from gkdesk.ui.session import ReportSession, conversion_tip, is_total_fix
from gkdesk.ui.skeletons import insert_skeleton, skeleton_element

AnyIndex = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def finding_text(finding: Finding) -> str:
    """ "R1 第三项…": the rule number clerks see printed in guidance; internal codes (BLANK, FORMAT) stay hidden."""
    if re.fullmatch(r"R\d+", finding.code):
        return f"{finding.code} {finding.message}"
    return finding.message


def can_fix(finding: Finding) -> bool:
    """What ``ReportSession.apply_fix`` can do: set a target cell to a whole-number expected value."""
    return finding.fixable and isinstance(finding.expected, int)


CONVERSION_CODES = ("MIXED", "FORMAT")
_FIX_TIP = "把选中问题的单元格改为应有的值（可撤销）"
_SKELETON_TIP = "在该部分末尾插入这一要素的参考句式（标记为“待更新”，可撤销），再按实际情况改写"
_FORM_NAMES = {"disclosure": "第二项", "applications": "第三项", "review_litigation": "第四项"}


def offers_conversion(finding: Finding) -> bool:
    """MIXED/FORMAT are fixed by converting the 2019-trial tables, not by setting a cell."""
    return finding.code in CONVERSION_CODES


def offers_skeleton(session: ReportSession, finding: Finding) -> bool:
    """A missing element is fixed by inserting its skeleton sentence (``gkdesk.ui.skeletons``)."""
    return skeleton_element(session, finding) is not None


def offer_conversion(parent: QWidget | None, session: ReportSession) -> bool:
    """Ask first, naming the tables and what the conversion assumes or cannot carry over; then convert (one undo
    step). True when converted."""
    if not session.can_convert_to_2021:
        return False
    old = session.tables_in_2019_format()
    names = "、".join(f"第{FORM_PART[f]}项" for f in old)
    sources = "、".join(dict.fromkeys(revisions.revision(session.report.tables[f].variant).format_name for f in old))
    lines = [f"将{names}表格由 {sources}转换为 {revisions.current().format_name}。"]
    notes = session.conversion_notes()
    if notes:
        lines.append("")
        lines.append("请注意：")
        lines.extend(f"· {note.message}" for note in notes)
    lines.append("")
    lines.append("转换后可用“撤销”恢复。是否转换？")
    if not dialogs.confirm(parent, "\n".join(lines), yes="转换"):
        return False
    session.convert_tables_to_2021()
    return True


def confirm_carry_over(parent: QWidget | None, session: ReportSession, finding: Finding) -> bool:
    """R1's fix sets 四、结转下年度继续办理: only after the clerk confirms what that number means."""
    if finding.code != "R1" or not can_fix(finding) or finding.target is None:
        return False
    _form_id, cell_id = parse_ref(finding.target)
    where = session.report.applications.form.describe(cell_id)
    n = finding.expected
    text = (
        f"将{where}设为 {n}。\n\n"
        f"这表示有 {n} 件申请尚未办结、结转到下一年度，请确认办理结果已全部填写。\n"
        "如果还有办理结果没有填写，请先填写办理结果，不要用结转来凑平。"
    )
    return dialogs.confirm(parent, text, yes=f"设为 {n}")


def apply_fix_of(parent: QWidget | None, session: ReportSession, finding: Finding) -> bool:
    """The single 修正 of one finding: conversion, a total, or (confirmed) the carry-over. True when applied."""
    if offers_conversion(finding):
        return offer_conversion(parent, session)
    if offers_skeleton(session, finding):
        return insert_skeleton(session, finding)
    if not can_fix(finding):
        return False
    if finding.code == "R1" and not confirm_carry_over(parent, session, finding):
        return False
    session.apply_fix(finding)
    return True


class FindingsModel(QAbstractListModel):
    """``session.result.findings`` as a list, errors first (the checker's order)."""

    def __init__(self, session: ReportSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._findings: list[Finding] = list(session.result.findings)
        self._icons: dict[str, QIcon] = {}
        self._roles: dict[Finding, dict[int, Any]] = {}
        session.findingsChanged.connect(self.refresh)

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        roles = self._roles.get(finding)
        if roles is None:
            roles = self._roles[finding] = self._roles_of(finding)
        return roles.get(role)

    def _roles_of(self, finding: Finding) -> dict[int, Any]:
        """Computed once per finding: the list asks for them on every relayout, which follows most edits."""
        tip = finding.message
        if finding.code == "R1" and can_fix(finding):
            tip += f"\n请先填写办理结果；确实尚未办结的，可在确认后把结转下年度设为 {finding.expected}"
        elif can_fix(finding):
            tip += f"\n可一键修正为 {finding.expected}"
        elif finding.code == "UNREAD":
            tip += "\n单击跳到第一个未能读取的单元格，对照原文输入数字"
        elif offers_skeleton(self._session, finding):
            tip += "\n可点“修正”插入参考句式（标记为待更新），再按实际情况改写"
        return {
            int(Qt.ItemDataRole.DisplayRole): finding_text(finding),
            int(Qt.ItemDataRole.ToolTipRole): tip,
            int(Qt.ItemDataRole.DecorationRole): self._icon(finding.severity),
            FINDING_ROLE: finding,
        }

    def _icon(self, severity: str) -> QIcon:
        """The platform's own error/warning icons, looked up once the application (and its style) exists."""
        if severity not in self._icons:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if severity == "error"
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]

    def refresh(self) -> None:
        """Turn the old list into the new one with the fewest row removals and inserts."""
        new = list(self._session.result.findings)
        if new == self._findings:
            return
        self._roles = {f: r for f, r in self._roles.items() if f in set(new)}
        from difflib import SequenceMatcher  # the first change of the findings, never at start

        opcodes = SequenceMatcher(None, self._findings, new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag == "equal":
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                # Same rows with new words (a total's figures changed): repaint them, keep the list's layout.
                self._findings[i1:i2] = new[j1:j2]
                self.dataChanged.emit(self.index(i1, 0), self.index(i2 - 1, 0))
                continue
            if tag in ("replace", "delete"):
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._findings[i1:i2]
                self.endRemoveRows()
            if tag in ("replace", "insert"):
                self.beginInsertRows(QModelIndex(), i1, i1 + (j2 - j1) - 1)
                self._findings[i1:i1] = new[j1:j2]
                self.endInsertRows()
        assert self._findings == new


class _RoomyDelegate(QStyledItemDelegate):
    """Rows a little taller than their wrapped text, so long messages read as separate items."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, int], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        # Measuring wrapped Chinese text is the costly part of a relayout, and most rows did not change.
        key = (str(index.data(Qt.ItemDataRole.DisplayRole)), option.rect.width())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 1000:
                self._sizes.clear()
            hint = super().sizeHint(option, index)
            size = self._sizes[key] = QSize(hint.width(), hint.height() + 8)
        return size


class ProblemsPanel(QWidget):
    """问题 list beside the grids; the window connects ``findingActivated`` to jump to the cell or part."""

    findingActivated = Signal(object)  # Finding

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FindingsModel(session, self)

        self.header = QLabel(self)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)

        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("问题列表")
        self.list.setItemDelegate(_RoomyDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(0)  # with spacing, rows are measured and painted at different widths and clip
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        self.fix_button = QPushButton("修正", self)
        self.fix_button.setToolTip(_FIX_TIP)
        self.fix_all_button = QPushButton("全部修正", self)
        self.fix_all_button.setToolTip("把所有合计错误按分项之和一次改正（一步撤销）；收支不平衡（R1）不自动修正")

        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.empty = QLabel("✓ 未发现问题：各表勾稽关系正确，结构完整", self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #1d5f2f; padding: 8px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        layout.addWidget(self.header)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.list.clicked.connect(self._activate)
        self.list.activated.connect(self._activate)
        self.list.selectionModel().currentChanged.connect(self._update)
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_all_button.clicked.connect(self.fix_all)
        session.findingsChanged.connect(self._update)
        session.readOnlyChanged.connect(self._update)
        self._update()

    # ------------------------------------------------------------------ actions

    def current_finding(self) -> Finding | None:
        index = self.list.currentIndex()
        return self.model.finding(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def fix_current(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        skeleton = offers_skeleton(self.session, finding)
        if apply_fix_of(self, self.session, finding) and skeleton:
            # The rows moved up under the selection: a second click must not insert the next element's sentence.
            # Show the part with the inserted sentence instead.
            self.list.setCurrentIndex(QModelIndex())
            self.findingActivated.emit(finding)

    def fix_all(self) -> None:
        self.session.fix_all()

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.findingActivated.emit(self.model.finding(index.row()))

    # ------------------------------------------------------------------ state

    def _update(self, *_args: object) -> None:
        result = self.session.result
        errors, warnings = len(result.errors), len(result.warnings)
        if errors or warnings:
            self.header.setText(f"问题（{errors} 个错误 · {warnings} 个警告）")
        else:
            self.header.setText("问题（无）")
        self.empty.setVisible(not (errors or warnings))
        writable = not self.session.read_only
        finding = self.current_finding()
        converts = finding is not None and offers_conversion(finding)
        skeleton = finding is not None and offers_skeleton(self.session, finding)
        self.fix_button.setToolTip(
            f"{conversion_tip()}（可撤销）" if converts else _SKELETON_TIP if skeleton else _FIX_TIP
        )
        self.fix_button.setText("插入参考句式" if skeleton else "修正")
        if converts:
            self.fix_button.setEnabled(self.session.can_convert_to_2021)
        elif skeleton:
            self.fix_button.setEnabled(writable)
        else:
            self.fix_button.setEnabled(writable and finding is not None and can_fix(finding))
        self.fix_all_button.setEnabled(
            writable and any(is_total_fix(f) and f.severity == "error" for f in result.findings)
        )
