"""The 自查 page: the self-assessment's score and checklist by criterion, following the report as it is edited.

A thin view over ``gkdesk.domain.assessment.self_assess``; it says in words (and on the page, not only in a tooltip)
that the score is the project's own self-check, never an official one. Recomputed when findings change, but only
while shown (hidden, it just remembers to recompute when next shown).
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gkdesk.domain.assessment import Assessment, self_assess
from gkdesk.ui.cover_editor import page_title
from gkdesk.ui.session import ReportSession

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
        layout.addWidget(self.disclaimer)
        layout.addWidget(self.score_label)
        layout.addWidget(self.tree, 1)
        session.findingsChanged.connect(self._on_findings)
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
                top.addChild(child)
            for text in (f"计分：{criterion.how}", f"依据：{criterion.source}"):
                note = QTreeWidgetItem([text, ""])
                note.setForeground(0, QBrush(SOURCE_COLOUR))
                note.setToolTip(0, text)  # long lines are elided in a narrow window; the tooltip has it all
                top.addChild(note)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

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
