"""The 自查 page: the self-assessment's score and checklist by criterion, following the report as it is edited.

A thin view over ``gkdesk.domain.assessment.self_assess``; it says in words (and on the page, not only in a tooltip)
that the score is the project's own self-check, never an official one. Recomputed when findings change, but only
while shown (hidden, it just remembers to recompute when next shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain.assessment import Assessment, self_assess
from gkdesk.domain.checker import Finding
from gkdesk.ui.cover_editor import page_title
from gkdesk.ui.session import ReportSession
from gkdesk.ui.skeletons import insert_skeleton

ELEMENT_ROLE = Qt.ItemDataRole.UserRole  # on a missing element's row: (finding code, part)

PASSED_COLOUR = QColor("#1d5f2f")
FAILED_COLOUR = QColor("#b3261e")
SOURCE_COLOUR = QColor("#5f6b7a")


class AssessmentPage(QWidget):
    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.assessment: Assessment | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(page_title("自查评分", self))
        self.disclaimer = QLabel(self)
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setStyleSheet("color: #8a5a00; background: #fff8e1; border: 1px solid #f0d58c; padding: 6px;")
        self.score_label = QLabel(self)
        self.score_label.setObjectName("score")
        font = QFont(self.score_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.score_label.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("checklist")
        self.tree.setAccessibleName("自查清单")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["检查项", "得分"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.insert_button = QPushButton("插入参考句式", self)
        self.insert_button.setToolTip("在该部分末尾插入所选缺少要素的参考句式（标记为“待更新”，可撤销）")
        self.insert_button.clicked.connect(self.insert_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addStretch(1)
        layout.addWidget(self.disclaimer)
        layout.addWidget(self.score_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_button())
        session.findingsChanged.connect(self._on_findings)
        session.readOnlyChanged.connect(lambda *_args: self._update_button())
        self.refresh()

    def _on_findings(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        assessment = self.assessment = self_assess(self.session.report, self.session.result)
        self._stale = False
        self.disclaimer.setText(assessment.disclaimer)
        self.score_label.setText(f"{assessment.score} / 100")
        self.tree.clear()
        for criterion in assessment.criteria:
            top = QTreeWidgetItem([criterion.label, f"{criterion.points} / {criterion.weight}"])
            bold = QFont(self.tree.font())
            bold.setBold(True)
            top.setFont(0, bold)
            top.setFont(1, bold)
            top.setToolTip(0, f"{criterion.how}\n依据：{criterion.source}")
            full = criterion.points == criterion.weight
            top.setForeground(1, QBrush(PASSED_COLOUR if full else FAILED_COLOUR))
            for item in criterion.items:
                detail = f"（{item.detail}）" if item.detail else ""
                child = QTreeWidgetItem([f"{'✓' if item.passed else '✗'} {item.text}{detail}", ""])
                child.setForeground(0, QBrush(PASSED_COLOUR if item.passed else FAILED_COLOUR))
                child.setToolTip(0, item.text + detail)
                if item.element is not None and not item.passed:
                    child.setData(0, ELEMENT_ROLE, (item.element.code, item.element.part))
                    child.setToolTip(0, f"{item.text}：选中后点“插入参考句式”，在该部分末尾插入参考句式")
                top.addChild(child)
            for text in (f"计分：{criterion.how}", f"依据：{criterion.source}"):
                note = QTreeWidgetItem([text, ""])
                note.setForeground(0, QBrush(SOURCE_COLOUR))
                note.setToolTip(0, text)  # long lines are elided in a narrow window; the tooltip has it all
                top.addChild(note)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self._update_button()

    def _selected_element(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        data = item.data(0, ELEMENT_ROLE) if item is not None else None
        return (str(data[0]), str(data[1])) if data else None

    def _update_button(self) -> None:
        self.insert_button.setEnabled(not self.session.read_only and self._selected_element() is not None)

    def select_missing(self, label: str) -> None:
        """Select the checklist row of a missing element by its label (as the clerk clicks it)."""
        for top in self._tops():
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, ELEMENT_ROLE) and child.text(0).startswith(f"✗ {label}（"):
                    self.tree.setCurrentItem(child)
                    return
        raise KeyError(label)

    def insert_selected(self) -> bool:
        """插入参考句式 for the selected missing element, even in a part not written yet (one undo step)."""
        selected = self._selected_element()
        if selected is None:
            return False
        code, part = selected
        return insert_skeleton(self.session, Finding(code, "warning", "", part=part))

    def _tops(self) -> list[QTreeWidgetItem]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for item in items if item is not None]

    def criterion_rows(self) -> list[tuple[str, str]]:
        """(label, "points / weight") of every criterion as shown, for tests and screen readers alike."""
        return [(top.text(0), top.text(1)) for top in self._tops()]

    def checklist(self, criterion_label: str) -> list[str]:
        """The lines shown under one criterion (its checklist, then how it is scored and its source)."""
        for top in self._tops():
            if top.text(0) == criterion_label:
                children = [top.child(j) for j in range(top.childCount())]
                return [child.text(0) for child in children if child is not None]
        raise KeyError(criterion_label)
