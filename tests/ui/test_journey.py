"""The clerk's January, as one walk through the real window: last year's Word file to this year's final export."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report
from gkdesk.resources import example_report_path
from gkdesk.ui.main_window import MainWindow, NarrativePage
from gkdesk.ui.table_editor import TableEditor
from tests.io.export_support import printed
from tests.ui.conftest import Prompts

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
COLUMNS = ("natural", "biz", "research", "nonprofit", "legal", "other")
# What the clerk copies from the office's Excel sheet: rows 一、二、三（一）、三（二）, six applicant columns.
EXCEL = {
    "new": (10, 3, 1, 0, 2, 1),
    "carry_in": (0, 0, 0, 0, 0, 0),
    "granted": (6, 2, 1, 0, 1, 1),
    "partial": (2, 1, 0, 0, 0, 0),
}


def _grid(window: MainWindow) -> TableEditor:
    assert window.document is not None
    window.document.show_part("三")
    page = window.document.pages["三"]
    assert isinstance(page, TableEditor)
    return page


def _edit_first_pending_line(qtbot, window: MainWindow, part: str, words: str) -> str:
    """Type at the end of the part's first 待更新 line; returns that line's new text."""
    assert window.document is not None
    window.document.show_part(part)
    page = window.document.pages[part]
    assert isinstance(page, NarrativePage)
    editor = page.editor
    assert editor.focus_first_pending()
    [line, *_] = editor.pending_lines()
    cursor = QTextCursor(editor.body.document().findBlockByNumber(line))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.body.setTextCursor(cursor)
    editor.body.setFocus()
    # Chinese is typed through the input method (QTest's key clicks are ASCII only): its committed text.
    typing = QInputMethodEvent()
    typing.setCommitString(words)
    QApplication.sendEvent(editor.body, typing)
    text = editor.body.document().findBlockByNumber(line).text()
    assert text.endswith(words)
    assert line not in editor.pending_lines()  # the 待更新 mark went with the edit
    return text


def _figures(report: Report) -> dict[str, object]:
    return {
        "counts": {f: dict(t.counts) for f, t in report.tables.items()},
        "amounts": {f: dict(t.amounts) for f, t in report.tables.items()},
    }


def test_januarys_journey_from_last_years_word_file_to_the_final_export(
    qtbot, main_window: MainWindow, prompts: Prompts, tmp_path: Path
) -> None:
    window = main_window
    # Last year's report, as the office has it: a Word file.
    last_year = load_report(example_report_path())
    word = tmp_path / f"{last_year.agency}{last_year.year}年报告.docx"
    write_docx(last_year, word, draft=False)

    assert window.open_path(word)
    assert window.session is not None and window.session.report.year == last_year.year

    # 新建下一年度报告: last year's Word import was never saved, so closing it asks.
    prompts.answers["ask_unsaved"] = "discard"
    window.next_year_action.trigger()
    session = window.session
    assert session is not None and session.report.year == last_year.year + 1
    assert session.report.previous is not None
    assert any("年度报告草稿" in t for t in prompts.texts("info"))

    # Table 三 from a pasted Excel block; auto totals off, as a clerk who wants to see the sheet's own totals.
    window.auto_total_action.trigger()
    assert not session.auto_total
    grid = _grid(window)
    block = "".join("\t".join(str(v) for v in row) + "\r\n" for row in EXCEL.values())
    QGuiApplication.clipboard().setText(block)
    grid.focus_cell("new.natural")
    qtbot.keyClick(grid.view, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: session.report.applications.count("partial.biz") == 1)
    typed = {f"{row}.{col}": v for row, values in EXCEL.items() for col, v in zip(COLUMNS, values, strict=True)}
    assert {c: session.report.applications.count(c) for c in typed} == typed

    # The checker: the totals are wrong (全部修正), 2 natural persons' applications and 1 legal one have no result.
    codes = {f.code for f in session.result.errors}
    assert {"R2", "R3"} <= codes
    assert window.document is not None
    window.document.problems.fix_all_button.click()
    assert {f.code for f in session.result.errors} == {"R1"}  # 全部修正 left the balance to the clerk
    # The legal person's application was refused as not held: the clerk types the result in.
    grid = _grid(window)
    grid.focus_cell("unable.not_held.legal")
    qtbot.keyClicks(grid.view, "1")
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.report.applications.count("unable.not_held.legal") == 1)
    typed["unable.not_held.legal"] = 1
    window.document.problems.fix_all_button.click()  # the total and the row total of that figure
    # The 2 natural persons' applications really are still being handled: 修正 R1, confirmed.
    panel = window.document.problems
    [row] = [
        i for i, f in enumerate(panel.model.findings) if f.code == "R1" and f.target == "applications:carry_out.natural"
    ]
    panel.select_row(row)
    prompts.answers["confirm"] = True
    panel.fix_button.click()
    assert "这表示有 2 件申请尚未办结" in prompts.texts("confirm")[-1]
    typed["carry_out.natural"] = 2
    assert session.report.applications.count("carry_out.natural") == 2
    window.document.problems.fix_all_button.click()  # and its row total
    assert not session.result.errors, [f.message for f in session.result.errors]
    assert session.report.applications.count("total.total") == 15
    assert session.report.applications.count("carry_out.total") == 2

    # Two narrative paragraphs rewritten for this year.
    year = session.report.year
    first = _edit_first_pending_line(qtbot, window, "一", f"{year}年继续推进。")
    fifth = _edit_first_pending_line(qtbot, window, "五", "本年度已整改。")
    blocks = {b.text: b for key in ("一", "五") for b in session.report.parts[key].blocks}  # type: ignore[index]
    assert not blocks[first].pending_update and not blocks[fifth].pending_update
    assert any(b.pending_update for b in session.report.parts["六"].blocks)  # what was not edited keeps its mark
    assert not session.result.errors, [f.message for f in session.result.errors]

    # 签发, then the final .docx and .txt.
    prompts.answers["ask_sign_off"] = ("张三", dt.date(year + 1, 1, 20))
    window.sign_action.trigger()
    assert session.read_only

    def choose(_parent: object, _caption: str, suggested: str, _filters: str) -> str:
        return str(tmp_path / "out" / Path(suggested).name)

    (tmp_path / "out").mkdir()
    prompts.answers["save_file"] = choose
    docx = window.export(".docx")
    txt = window.export(".txt")
    assert docx is not None and txt is not None
    assert "（草稿）" not in docx.name and "（草稿）" not in txt.name
    assert not prompts.texts("error")
    expected = _figures(session.report)

    # Reopened: every figure as typed, the rewritten paragraphs as written and no 待更新 anywhere.
    window.open_path(docx)
    reopened = window.session
    assert reopened is not None and reopened is not session
    assert {c: reopened.report.applications.count(c) for c in typed} == typed
    assert _figures(reopened.report) == expected
    paragraphs = [b.text for key in ("一", "五") for b in reopened.report.parts[key].blocks]  # type: ignore[index]
    assert first in paragraphs and fifth in paragraphs
    with zipfile.ZipFile(docx) as archive:
        assert "待更新" not in archive.read("word/document.xml").decode("utf-8")
    text = txt.read_text(encoding="utf-8-sig")
    assert printed(first) in text and printed(fifth) in text and "待更新" not in text
    assert _figures(load_report(txt)) == expected
