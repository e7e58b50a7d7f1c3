"""The one seam through which every user prompt goes: message boxes, confirmations, file dialogs, small forms.

Widgets call ``dialogs.<function>(...)`` through the module (never ``from ... import``), so a test replaces one
function with ``monkeypatch.setattr(dialogs, "ask", ...)`` and drives the window without a modal loop.
The dialog classes are reached through ``QtWidgets`` when a prompt is shown: PySide builds a class (and its enums)
on first use, and no prompt is on the way to the first window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from PySide6 import QtWidgets
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain import revisions
from gkdesk.domain.forms import Variant

APP_TITLE = "gkdesk"
RecoverChoice = Literal["recover", "discard"]
UnsavedChoice = Literal["save", "discard", "cancel"]


def info(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    QtWidgets.QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    QtWidgets.QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, text: str, title: str = "出错了") -> None:
    """A GkError message (one Chinese sentence); the current report stays as it was."""
    QtWidgets.QMessageBox.critical(parent, title, text)


def confirm(parent: QWidget | None, text: str, title: str = APP_TITLE, yes: str = "确定", no: str = "取消") -> bool:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Question, title, text, QtWidgets.QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_unsaved(parent: QWidget | None, name: str) -> UnsavedChoice:
    """保存/不保存/取消 before closing or replacing a modified report."""
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Warning,
        APP_TITLE,
        f"“{name}”有尚未保存的修改，是否保存？",
        QtWidgets.QMessageBox.StandardButton.Save
        | QtWidgets.QMessageBox.StandardButton.Discard
        | QtWidgets.QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QtWidgets.QMessageBox.StandardButton.Save:
        return "save"
    if answer == QtWidgets.QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_recover(parent: QWidget | None, name: str, saved_at: dt.datetime) -> RecoverChoice:
    """After a crash: 恢复 the autosaved copy or 放弃 it."""
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Question,
        "恢复未保存的工作",
        f"gkdesk 上次没有正常退出。\n找到“{name}”的自动保存副本（{saved_at:%Y年%m月%d日 %H:%M}）。\n是否恢复？",
        QtWidgets.QMessageBox.StandardButton.NoButton,
        parent,
    )
    recover = box.addButton("恢复", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.addButton("放弃", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(recover)
    box.exec()
    return "recover" if box.clickedButton() is recover else "discard"


def open_file(parent: QWidget | None, caption: str, folder: str, filters: str) -> str | None:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, caption, folder, filters)
    return path or None


def open_files(parent: QWidget | None, caption: str, folder: str, filters: str) -> list[str]:
    paths, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, caption, folder, filters)
    return list(paths)


def choose_folder(parent: QWidget | None, caption: str, folder: str) -> str | None:
    path = QtWidgets.QFileDialog.getExistingDirectory(parent, caption, folder)
    return path or None


def save_file(parent: QWidget | None, caption: str, suggested: str, filters: str) -> str | None:
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return path or None


def run_modal(dialog: QtWidgets.QDialog) -> int:
    """Any custom dialog (print preview, guide, import log) is shown through here so tests can skip the loop."""
    return dialog.exec()


def _ok_cancel(dialog: QtWidgets.QDialog) -> QtWidgets.QDialogButtonBox:
    """确定/取消 (Chinese through qtbase_zh_CN), wired to accept and reject."""
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def show_text(parent: QWidget | None, title: str, html: str) -> None:
    """A read-only page of rich text with a 关闭 button (import log, about box)."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(640, 440)
    layout = QVBoxLayout(dialog)
    browser = QtWidgets.QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    browser.setHtml(html)
    layout.addWidget(browser)
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    run_modal(dialog)


# --------------------------------------------------------------------------- small forms


@dataclass(frozen=True)
class NewReportSpec:
    agency: str
    year: int
    variant: Variant


def ask_new_report(parent: QWidget | None, default_year: int) -> NewReportSpec | None:
    """新建: agency, year and format."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("新建报告")
    dialog.setMinimumWidth(480)
    form = QFormLayout(dialog)
    agency = QLineEdit(dialog)
    agency.setPlaceholderText("例如：交口县人民政府办公室")
    year = QSpinBox(dialog)
    year.setRange(2008, 2200)
    year.setValue(default_year)
    variant = QtWidgets.QComboBox(dialog)
    for revision in revisions.revisions():
        variant.addItem(revision.choice_label, revision.id)
    form.addRow("机关名称：", agency)
    form.addRow("报告年度：", year)
    form.addRow("表格格式：", variant)
    form.addRow(_ok_cancel(dialog))
    if run_modal(dialog) != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    chosen: Variant = str(variant.currentData())
    return NewReportSpec(agency.text().strip(), year.value(), chosen)


def ask_sign_off(parent: QWidget | None, approver: str, date: dt.date) -> tuple[str, dt.date] | None:
    """签发: who approves and on which day."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("签发报告")
    dialog.setMinimumWidth(420)
    form = QFormLayout(dialog)
    form.addRow(QLabel("签发后报告变为只读，可导出正式版。如需再修改，可“撤销签发”。", dialog))
    name = QLineEdit(approver, dialog)
    name.setPlaceholderText("签发人姓名")
    when = QtWidgets.QDateEdit(QDate(date.year, date.month, date.day), dialog)
    when.setCalendarPopup(True)
    when.setDisplayFormat("yyyy年M月d日")
    form.addRow("签发人：", name)
    form.addRow("签发日期：", when)
    form.addRow(_ok_cancel(dialog))
    if run_modal(dialog) != QtWidgets.QDialog.DialogCode.Accepted or not name.text().strip():
        return None
    picked = when.date()
    return name.text().strip(), dt.date(picked.year(), picked.month(), picked.day())


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    edit = QLineEdit(text, dialog)
    edit.setMinimumWidth(320)
    form.addRow(label, edit)
    form.addRow(_ok_cancel(dialog))
    if run_modal(dialog) != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    return edit.text().strip()


def ask_pasted_text(parent: QWidget | None) -> str | None:
    """从粘贴文本导入: the clerk pastes a report copied from a web page or a Word file."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("从粘贴文本导入")
    dialog.resize(720, 520)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("请把整篇年度报告（可从网页或 Word 复制）粘贴到下面，然后点“确定”。", dialog))
    edit = QtWidgets.QPlainTextEdit(dialog)
    edit.setPlaceholderText("在此粘贴报告全文……")
    layout.addWidget(edit)
    layout.addWidget(_ok_cancel(dialog))
    edit.setFocus(Qt.FocusReason.OtherFocusReason)
    if run_modal(dialog) != QtWidgets.QDialog.DialogCode.Accepted or not edit.toPlainText().strip():
        return None
    return edit.toPlainText()
