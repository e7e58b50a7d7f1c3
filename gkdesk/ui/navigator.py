"""The list of report parts on the left, each marked with its findings so a clerk sees where work is left."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gkdesk.domain.findings import CheckResult
from gkdesk.ui.list_model import RowsModel

# (key, label): the keys are the ``Finding.part`` values.
PARTS: tuple[tuple[str, str], ...] = (
    ("封面", "封面信息"),
    ("一", "一、总体情况"),
    ("二", "二、主动公开"),
    ("三", "三、依申请公开"),
    ("四", "四、复议诉讼"),
    ("五", "五、问题改进"),
    ("六", "六、其他事项"),
    ("落款", "落款与签发"),
    ("图表", "图表：年度对比"),
    ("自查", "自查评分"),  # gkdesk.ui.assessment_page: the self-check, no findings of its own
)
KEY_ROLE = Qt.ItemDataRole.UserRole
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (errors, warnings)
ERROR_COLOUR = QColor("#c62828")
WARNING_COLOUR = QColor("#b26a00")


def part_counts(result: CheckResult) -> dict[str, tuple[int, int]]:
    """(errors, warnings) per part key."""
    counts: dict[str, tuple[int, int]] = {}
    for finding in result.findings:
        key = finding.part or "封面"
        errors, warnings = counts.get(key, (0, 0))
        counts[key] = (errors + 1, warnings) if finding.severity == "error" else (errors, warnings + 1)
    return counts


def badge_text(errors: int, warnings: int) -> str:
    if errors:
        return f"✖ {errors}"
    if warnings:
        return f"⚠ {warnings}"
    return ""


class _BadgeDelegate(QStyledItemDelegate):
    """Paints the label and a right-aligned ✖ n / ⚠ n badge (the tooltip says the same in words)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        badge = index.data(BADGE_ROLE)
        if not badge:
            return
        errors, warnings = badge
        text = badge_text(errors, warnings)
        if not text:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.highlightedText().color() if selected else (ERROR_COLOUR if errors else WARNING_COLOUR)
        )
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        rect: QRect = option.rect.adjusted(0, 0, -10, 0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 48, max(size.height(), 30))


class Navigator(QListView):
    """封面信息, 一 … 六, 落款; emits ``partSelected(key)``."""

    partSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.parts_model = RowsModel(self)
        self.parts_model.set_rows(
            [{Qt.ItemDataRole.DisplayRole: label, KEY_ROLE: key, BADGE_ROLE: (0, 0)} for key, label in PARTS]
        )
        self.setModel(self.parts_model)
        self.setItemDelegate(_BadgeDelegate(self))
        self.setUniformItemSizes(True)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selectionModel().currentChanged.connect(self._on_current)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.partSelected.emit(current.data(KEY_ROLE))

    def row_of(self, key: str) -> int:
        for row, (part_key, _label) in enumerate(PARTS):
            if part_key == key:
                return row
        raise KeyError(key)

    def labels(self) -> list[str]:
        return [label for _key, label in PARTS]

    def current_key(self) -> str | None:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select(self, key: str) -> None:
        self.setCurrentIndex(self.parts_model.index(self.row_of(key), 0))

    def badge(self, key: str) -> str:
        errors, warnings = self.parts_model.row(self.row_of(key))[BADGE_ROLE]
        return badge_text(errors, warnings)

    def tooltip(self, key: str) -> str:
        return str(self.parts_model.row(self.row_of(key)).get(Qt.ItemDataRole.ToolTipRole, ""))

    def show_findings(self, result: CheckResult) -> None:
        counts = part_counts(result)
        for row, (key, label) in enumerate(PARTS):
            errors, warnings = counts.get(key, (0, 0))
            parts = [f"{n} 个{word}" for n, word in ((errors, "错误"), (warnings, "警告")) if n]
            tip = f"{label}：{'，'.join(parts)}" if parts else f"{label}：没有发现问题"
            if key == "自查":
                tip = "自查评分：本软件的自查清单和得分（非官方评分）"
            self.parts_model.update_row(row, {BADGE_ROLE: (errors, warnings), Qt.ItemDataRole.ToolTipRole: tip})
