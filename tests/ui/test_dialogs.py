"""The small forms of the prompt seam, filled in as a clerk would (their modal loop replaced by a function)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLineEdit, QPlainTextEdit, QSpinBox

from gkdesk.ui import dialogs


def _fill(monkeypatch, fill, result=QDialog.DialogCode.Accepted) -> None:
    def run_modal(dialog: QDialog) -> int:
        fill(dialog)
        return int(result.value)

    monkeypatch.setattr(dialogs, "run_modal", run_modal)


def test_new_report_form(qtbot, monkeypatch) -> None:
    def fill(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "新建报告"
        dialog.findChild(QLineEdit).setText("  石口乡人民政府 ")
        assert dialog.findChild(QSpinBox).value() == 2024
        dialog.findChild(QSpinBox).setValue(2020)
        combo = dialog.findChild(QComboBox)
        assert [combo.itemText(i)[:4] for i in range(combo.count())] == ["2021", "2019"]
        combo.setCurrentIndex(1)

    _fill(monkeypatch, fill)
    assert dialogs.ask_new_report(None, 2024) == dialogs.NewReportSpec("石口乡人民政府", 2020, "2019-trial")
    _fill(monkeypatch, lambda _d: None, QDialog.DialogCode.Rejected)
    assert dialogs.ask_new_report(None, 2024) is None


def test_sign_off_form_needs_a_name(qtbot, monkeypatch) -> None:
    def fill(dialog: QDialog) -> None:
        dialog.findChild(QLineEdit).setText("李四")
        dialog.findChild(QDateEdit).setDate(QDate(2025, 1, 22))

    _fill(monkeypatch, fill)
    assert dialogs.ask_sign_off(None, "", dt.date(2025, 1, 20)) == ("李四", dt.date(2025, 1, 22))
    _fill(monkeypatch, lambda d: d.findChild(QLineEdit).setText("   "))
    assert dialogs.ask_sign_off(None, "", dt.date(2025, 1, 20)) is None


def test_pasted_text_and_text_forms(qtbot, monkeypatch) -> None:
    _fill(monkeypatch, lambda d: d.findChild(QPlainTextEdit).setPlainText("交口县 2021 年…\n一、总体情况"))
    assert dialogs.ask_pasted_text(None) == "交口县 2021 年…\n一、总体情况"
    _fill(monkeypatch, lambda d: d.findChild(QPlainTextEdit).setPlainText(" \n "))
    assert dialogs.ask_pasted_text(None) is None
    _fill(monkeypatch, lambda d: d.findChild(QLineEdit).setText(" 监督保障 "))
    assert dialogs.ask_text(None, "添加小标题", "小标题：") == "监督保障"
