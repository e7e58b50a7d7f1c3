"""封面信息 (title, agency, year, addressee, preface, contacts) and 落款与签发 (signature, sign-off, history)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain.report import HistoryEntry
from gkdesk.ui.narrative_editor import NarrativeEditor, is_undo_shortcut
from gkdesk.ui.session import ReportSession

_NO_DATE = QDate(2000, 1, 1)
_SIDE_BY_SIDE_WIDTH = 820  # below this the cover's two groups are stacked
_HISTORY_WORDS = {
    "signed_off": "签发",
    "sign_off_revoked": "撤销签发",
    "imported": "导入",
    "rolled_over": "由上年报告生成",
    "merged": "汇总生成",
}


def chinese_date(date: dt.date) -> str:
    """2025年1月20日: Arabic numerals, no zero padding, as official documents write it."""
    return f"{date.year}年{date.month}月{date.day}日"


def page_title(text: str, parent: QWidget) -> QLabel:
    """The bold heading every page starts with (the table pages use the same size)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


class FieldEdit(QLineEdit):
    """A line edit whose Ctrl+Z/Ctrl+Y undo the report (one history for the whole window), not the widget."""

    def event(self, e: QEvent) -> bool:
        if is_undo_shortcut(e):
            e.ignore()
            return True
        return super().event(e)


class _FieldBinder:
    """Keeps line edits and the report in step: typing sets the field (undoable), undo shows it again."""

    def __init__(self, session: ReportSession) -> None:
        self.session = session
        self.edits: dict[str, QLineEdit] = {}

    def bind(self, path: str, edit: QLineEdit, label: str, none_if_empty: bool = False) -> QLineEdit:
        self.edits[path] = edit

        def edited(text: str) -> None:
            value: str | None = text.strip()
            if none_if_empty and not value:
                value = None
            self.session.set_field(path, value, f"修改{label}")

        edit.textEdited.connect(edited)
        return edit

    def value(self, path: str) -> str:
        owner: object = self.session.report
        for name in path.split("."):
            owner = getattr(owner, name)
        return "" if owner is None else str(owner)

    def refresh(self) -> None:
        for path, edit in self.edits.items():
            value = self.value(path)
            if edit.text().strip() != value:
                edit.setText(value)
                edit.setCursorPosition(0)  # a long title shows its beginning, not its end
            edit.setReadOnly(self.session.read_only)


class CoverEditor(QWidget):
    """封面信息: what goes above part 一 (title, agency, year, addressee, preface) and the contact details."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields = _FieldBinder(session)
        bind = self.fields.bind

        self.title_edit = bind("title", FieldEdit(self), "标题")
        self.agency_edit = bind("agency", FieldEdit(self), "机关名称", none_if_empty=True)
        self.addressee_edit = bind("addressee", FieldEdit(self), "主送机关", none_if_empty=True)
        self.addressee_edit.setPlaceholderText("可不填，例如：市政府信息中心：")
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2008, 2200)
        self.year_spin.setSuffix(" 年度")
        self.year_spin.valueChanged.connect(self._year_changed)
        self.default_title_button = QPushButton("生成标题", self)
        self.default_title_button.setToolTip("按机关名称和报告年度生成标准标题：××××年政府信息公开工作年度报告")
        self.default_title_button.clicked.connect(self._default_title)

        basic = QGroupBox("基本信息", self)
        basic_form = QFormLayout(basic)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.default_title_button)
        basic_form.addRow("标题：", title_row)
        basic_form.addRow("机关名称：", self.agency_edit)
        basic_form.addRow("报告年度：", self.year_spin)
        basic_form.addRow("主送机关：", self.addressee_edit)

        contacts = QGroupBox("联系方式", self)
        contacts_form = QFormLayout(contacts)
        for path, label in (
            ("contacts.address", "地址"),
            ("contacts.phone", "电话"),
            ("contacts.fax", "传真"),
            ("contacts.postcode", "邮编"),
            ("contacts.email", "电子邮箱"),
            ("contacts.website", "网站"),
        ):
            contacts_form.addRow(f"{label}：", bind(path, FieldEdit(self), label))

        self.title_edit.setMinimumWidth(240)
        # Side by side when the pane is wide, one above the other when it is not (a 1024 px screen), so the title
        # and the contact fields are never cut to a few characters.
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._top.addWidget(basic, 3)
        self._top.addWidget(contacts, 2)

        self.preface = NarrativeEditor(session, "preface", self)
        self.preface.setMinimumHeight(160)
        preface_box = QGroupBox("前言（报告开头不编号的段落）", self)
        preface_layout = QVBoxLayout(preface_box)
        preface_layout.addWidget(self.preface)

        # In a scroll area: on a low screen the page scrolls as a whole instead of squeezing its fields.
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(12, 10, 12, 10)
        inner.addWidget(page_title("封面信息", content))
        inner.addLayout(self._top)
        inner.addWidget(preface_box, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        session.fieldsChanged.connect(self.refresh)
        session.readOnlyChanged.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= _SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._top.direction() != direction:
            self._top.setDirection(direction)

    def _year_changed(self, year: int) -> None:
        if year != self.session.report.year:
            self.session.set_field("year", year, "修改报告年度")

    def _default_title(self) -> None:
        self.session.set_field("title", self.session.report.default_title(), "生成标题")

    def refresh(self, *_args: object) -> None:
        self.fields.refresh()
        if self.year_spin.value() != self.session.report.year:
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self.session.report.year)
            self.year_spin.blockSignals(False)
        writable = not self.session.read_only
        self.year_spin.setReadOnly(not writable)
        self.default_title_button.setEnabled(writable)


class SignaturePage(QWidget):
    """落款 (agency and date at the end of the report) and 签发 (approver, date, read-only, history)."""

    signOffRequested = Signal()
    revokeRequested = Signal()

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields = _FieldBinder(session)
        self.agency_edit = self.fields.bind("signature.agency", FieldEdit(self), "落款机关", none_if_empty=True)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumDate(_NO_DATE)
        self.date_edit.setSpecialValueText("（未填写）")
        self.date_edit.dateChanged.connect(self._date_changed)
        self.today_button = QPushButton("今天", self)
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate.currentDate()))

        signature = QGroupBox("落款", self)
        form = QFormLayout(signature)
        form.addRow("落款机关：", self.agency_edit)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.today_button)
        form.addRow("落款日期：", date_row)
        form.addRow(QLabel("落款日期应在报告年度之后，一般不晚于次年 1 月 31 日。", self))

        self.sign_status = QLabel(self)
        self.sign_status.setWordWrap(True)
        self.sign_button = QPushButton("签发…", self)
        self.sign_button.clicked.connect(self.signOffRequested)
        self.revoke_button = QPushButton("撤销签发…", self)
        self.revoke_button.clicked.connect(self.revokeRequested)
        sign_box = QGroupBox("签发", self)
        sign_layout = QVBoxLayout(sign_box)
        sign_layout.addWidget(self.sign_status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        sign_layout.addLayout(buttons)

        self.history = QListWidget(self)
        history_box = QGroupBox("文件历史", self)
        QVBoxLayout(history_box).addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(page_title("落款与签发", self))
        layout.addWidget(signature)
        layout.addWidget(sign_box)
        layout.addWidget(history_box)
        layout.addStretch(1)
        self.history.setMaximumHeight(180)

        session.fieldsChanged.connect(self.refresh)
        session.readOnlyChanged.connect(self.refresh)
        self.refresh()

    def _date_changed(self, date: QDate) -> None:
        value = None if date == _NO_DATE else dt.date(date.year(), date.month(), date.day())
        if value != self.session.report.signature.date:
            self.session.set_field("signature.date", value, "修改落款日期")

    @staticmethod
    def history_line(entry: HistoryEntry) -> str:
        words = _HISTORY_WORDS.get(entry.action, entry.action)
        who = f" · {entry.who}" if entry.who else ""
        note = f" · {entry.note}" if entry.note else ""
        return f"{entry.when:%Y-%m-%d %H:%M}  {words}{who}{note}"

    def refresh(self, *_args: object) -> None:
        report = self.session.report
        self.fields.refresh()
        date = report.signature.date
        wanted = _NO_DATE if date is None else QDate(date.year, date.month, date.day)
        if self.date_edit.date() != wanted:
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(wanted)
            self.date_edit.blockSignals(False)
        read_only = self.session.read_only
        self.date_edit.setReadOnly(read_only)
        self.today_button.setEnabled(not read_only)
        sign = report.sign_off
        if sign.signed and sign.date is not None:
            self.sign_status.setText(f"已签发：{sign.approver} {chinese_date(sign.date)}。报告只读，可导出正式版。")
        else:
            errors = len(self.session.result.errors)
            self.sign_status.setText(
                "尚未签发。" + (f"还有 {errors} 个错误，改正后才能签发。" if errors else "检查无错误，可以签发。")
            )
        self.sign_button.setEnabled(not read_only)
        self.revoke_button.setEnabled(read_only)
        self.history.clear()
        for entry in reversed(report.history):
            self.history.addItem(self.history_line(entry))
        if not report.history:
            self.history.addItem("（暂无记录）")
