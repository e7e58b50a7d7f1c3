"""The grid as a clerk uses it: keyboard, Excel paste/copy, clear, refusals, read-only, geometry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTableView

from gkdesk.domain.forms import FORM_IDS, FormId, form
from gkdesk.ui.table_editor import TableEditor
from gkdesk.ui.table_model import CELL_ID_ROLE
from gkdesk.ui.table_view import TableView, format_clipboard_block, parse_clipboard_block
from tests.ui._table_fixtures import count, make_session, shown

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot) -> TableEditor:
    widget = TableEditor(make_session(), "applications")
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(view: TableView, first: str, last: str) -> None:
    model = view.table_model()
    view.setCurrentIndex(model.index_of(first))
    top_left, bottom_right = model.index_of(first), model.index_of(last)
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view.selectionModel().select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_typing_a_figure_and_return_commits_updates_total_and_findings_and_moves_down(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    view.setFocus()
    editor.focus_cell("new.natural")
    findings_before = session.result.findings
    qtbot.keyClicks(view, "17")
    assert view.state() == view.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "new.total") == "17")
    assert count(session, "applications", "new.natural") == 17
    assert session.result.findings != findings_before
    assert any(f.code == "R1" and "自然人" in f.message for f in session.result.findings)
    assert view.currentIndex() == model.index_of("carry_in.natural")
    assert session.undo_stack.count() == 1


def _type_unicode(widget, text: str) -> None:
    """QTest only types ASCII; an input method delivers full-width digits as key events with text."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_typing_full_width_digits_on_the_keyboard(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("granted.biz")
    _type_unicode(view, "１２")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "granted.biz") == "12")
    assert shown(model, "total.total") == "12"


def test_refused_input_shows_a_message_and_reopens_the_editor_on_the_cell(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("new.biz")
    qtbot.keyClicks(view, "-5")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "负数" in editor.info_text)
    assert "商业企业" in editor.info_text
    assert count(session, "applications", "new.biz") == 0
    assert session.undo_stack.count() == 0
    # Still on the cell, editing what was typed, so the clerk corrects it instead of retyping from scratch.
    assert view.currentIndex() == model.index_of("new.biz")
    assert view.state() == view.State.EditingState
    reopened = view.indexWidget(model.index_of("new.biz"))
    assert reopened.text() == "-5"
    assert reopened.selectedText() == "-5"
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: count(session, "applications", "new.biz") == 5)
    assert view.currentIndex() == model.index_of("carry_in.biz")


def test_refused_input_on_tab_stays_too(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    qtbot.keyClicks(view, "abc")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "不是整数" in editor.info_text)
    assert view.currentIndex() == model.index_of("new.natural")
    assert view.indexWidget(model.index_of("new.natural")).text() == "abc"


def test_a_refused_paste_does_not_stop_the_next_enter_from_moving_down(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    assert not view.paste("x\r\n")
    qtbot.keyClicks(view, "4")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "new.natural") == "4")
    assert view.currentIndex() == model.index_of("carry_in.natural")


def test_tab_moves_right_and_wraps_to_the_next_rows_first_value(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("new.biz")
    editor.focus_cell("new.other")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("new.total")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("carry_in.natural")  # labels skipped


def test_tab_while_editing_commits_and_moves_right(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    qtbot.keyClicks(view, "3")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: shown(model, "new.natural") == "3")
    assert view.currentIndex() == model.index_of("new.biz")


def test_return_without_editing_moves_down_and_skips_headers_in_table_two(qtbot) -> None:
    editor = TableEditor(make_session(), "disclosure")
    qtbot.addWidget(editor)
    editor.show()
    editor.focus_cell("art20_1.normative_documents.issued")
    qtbot.keyClick(editor.view, Qt.Key.Key_Return)
    assert editor.view.currentIndex() == editor.model.index_of("art20_5.licensing.decisions")


def test_typing_into_a_computed_total_says_why(qtbot, editor) -> None:
    editor.focus_cell("total.natural")
    qtbot.keyClicks(editor.view, "5")
    assert "自动合计" in editor.info_text
    assert editor.view.state() != editor.view.State.EditingState


def test_paste_excel_block_is_one_undo_step(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("new.natural")
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n5\t6\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    expected = {
        "new.natural": 1,
        "new.biz": 2,
        "carry_in.natural": 3,
        "carry_in.biz": 4,
        "granted.natural": 5,
        "granted.biz": 6,
    }
    assert {c: count(session, "applications", c) for c in expected} == expected
    assert shown(model, "granted.total") == "11"
    assert shown(model, "total.total") == "11"
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "粘贴"
    assert "已粘贴 6 个单元格" in editor.info_text
    session.undo_stack.undo()
    assert all(count(session, "applications", c) == 0 for c in expected)
    assert shown(model, "total.total") == "0"
    session.undo_stack.redo()
    assert {c: count(session, "applications", c) for c in expected} == expected


def test_paste_understands_quoted_thousands_and_full_width(editor) -> None:
    view, session = editor.view, editor.session
    editor.focus_cell("new.natural")
    assert view.paste('"1,234"\t１２\t"7"\r\n')
    assert count(session, "applications", "new.natural") == 1234
    assert count(session, "applications", "new.biz") == 12
    assert count(session, "applications", "new.research") == 7


def test_paste_with_bad_cells_changes_nothing_and_lists_them(editor) -> None:
    view, session = editor.view, editor.session
    editor.focus_cell("new.natural")
    assert not view.paste("1\tx\r\n-2\t3\r\n")
    assert session.undo_stack.count() == 0
    assert all(v == 0 for v in session.report.applications.counts.values())
    message = editor.info_text
    assert "粘贴未执行" in message
    describe = form("applications").describe
    assert f"{describe('new.biz')}：“x”不是整数" in message
    assert f"{describe('carry_in.natural')}：“-2”是负数" in message
    assert "负数" in message


def test_paste_beyond_the_table_is_refused(editor) -> None:
    view, session = editor.view, editor.session
    editor.focus_cell("carry_out.total")
    assert not view.paste("1\r\n2\r\n")
    assert "超出了表格范围" in editor.info_text
    assert session.undo_stack.count() == 0


def test_paste_over_locked_totals_skips_them_and_says_so(editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("new.other")
    assert view.paste("4\t99\r\n")
    assert count(session, "applications", "new.other") == 4
    assert shown(model, "new.total") == "4"
    assert "合计单元格由自动合计计算" in editor.info_text


def test_one_value_pasted_onto_a_selection_fills_it(editor) -> None:
    view, session = editor.view, editor.session
    _select(view, "granted.natural", "partial.biz")
    assert view.paste("3")
    for cell_id in ("granted.natural", "granted.biz", "partial.natural", "partial.biz"):
        assert count(session, "applications", cell_id) == 3
    assert session.undo_stack.count() == 1


def test_copy_selection_as_tab_text(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    assert view.paste("12\t3\r\n1\t0\r\n")
    _select(view, "new.natural", "carry_in.biz")
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "12\t3\r\n1\t0\r\n"
    # Labels copy as their text, so a block with its row names lands in Excel readable.
    view.setCurrentIndex(model.index(3, 0))
    view.selectionModel().select(model.index(3, 0), view.selectionModel().SelectionFlag.ClearAndSelect)
    view.selectionModel().select(model.index(3, 3), view.selectionModel().SelectionFlag.Select)
    text = view.copy_selection()
    assert text == "一、本年新收政府信息公开申请数量\t\t\t12\r\n"


def test_focus_cell_drops_the_previous_selection_so_copy_takes_only_that_cell(qtbot, editor) -> None:
    """QA: after a jump from the problems panel, Ctrl+C copied the block selected before the jump."""
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    assert view.paste("12\t3\r\n1\t0\r\n")
    _select(view, "new.natural", "carry_in.biz")
    assert len(view.selectedIndexes()) == 4
    editor.focus_cell("new.biz")
    target = model.index_of("new.biz")
    assert view.selectedIndexes() == [target]
    assert view.currentIndex() == target
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "3\r\n"  # the pasted figure of that one cell


def test_clipboard_text_round_trip() -> None:
    rows = [["1", 'a"b', "x\ty"], ["", "2", "line\nbreak"]]
    assert parse_clipboard_block(format_clipboard_block(rows)) == rows
    assert parse_clipboard_block("1\t2\n3\t4") == [["1", "2"], ["3", "4"]]


def test_delete_clears_the_selection_to_zero_as_one_step(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("new.natural")
    assert view.paste("1\t2\r\n3\t4\r\n")
    _select(view, "new.natural", "carry_in.biz")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert all(v == 0 for v in session.report.applications.counts.values())
    assert session.undo_stack.count() == 2
    assert session.undo_stack.undoText() == "清除"
    session.undo_stack.undo()
    assert count(session, "applications", "carry_in.biz") == 4
    assert shown(model, "new.total") == "3"


def test_undo_and_redo_of_a_typed_cell(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("partial.legal")
    qtbot.keyClicks(view, "9")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "total.legal") == "9")
    session.undo_stack.undo()
    assert shown(model, "partial.legal") == "0"
    assert shown(model, "total.legal") == "0"
    session.undo_stack.redo()
    assert shown(model, "partial.legal") == "9"
    assert shown(model, "total.total") == "9"


def test_read_only_session_refuses_typing_paste_and_delete(qtbot, editor) -> None:
    view, session = editor.view, editor.session
    editor.focus_cell("new.natural")
    assert view.paste("5\r\n")
    session.sign_off("张三", dt.date(2025, 1, 20))
    assert "只读" in editor.title.text()
    editor.focus_cell("new.natural")
    qtbot.keyClicks(view, "8")
    assert view.state() != view.State.EditingState
    assert "只读" in editor.info_text
    assert not view.paste("1\r\n")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert count(session, "applications", "new.natural") == 5


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_spans_applied_and_rows_tall_enough_for_wrapped_text(qtbot, form_id: FormId) -> None:
    editor = TableEditor(make_session(), form_id)
    qtbot.addWidget(editor)
    view = editor.view
    definition = form(form_id)
    bold = view.font()
    bold.setBold(True)
    for g in definition.grid:
        assert view.rowSpan(g.row, g.col) == g.rowspan
        assert view.columnSpan(g.row, g.col) == g.colspan
        if not g.text:
            continue
        width = sum(view.columnWidth(c) for c in range(g.col, g.col + g.colspan))
        height = sum(view.rowHeight(r) for r in range(g.row, g.row + g.rowspan))
        metrics = QFontMetrics(bold if g.role in ("header", "caption") else view.font())
        needed = metrics.boundingRect(QRect(0, 0, width - 8, 100000), Qt.TextFlag.TextWordWrap, g.text)
        assert needed.height() <= height, g.text
        # No single word (a CJK character or a number) is wider than its cell.
        assert metrics.horizontalAdvance("国国") < width, g.text
    assert view.horizontalHeader().isHidden()
    assert view.verticalHeader().isHidden()


def test_focus_cell_selects_and_scrolls(qtbot, editor) -> None:
    editor.resize(900, 300)
    editor.focus_cell("carry_out.other")
    view = editor.view
    assert view.currentIndex() == editor.model.index_of("carry_out.other")
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))


def test_header_rows_stay_on_top_while_scrolling_and_never_hide_the_current_cell(qtbot, editor) -> None:
    editor.resize(900, 420)
    view, model = editor.view, editor.model
    frozen = view.findChild(QTableView, "frozenHeader")
    assert frozen is not None
    assert frozen.isVisible()
    assert [frozen.isRowHidden(r) for r in range(model.rowCount())] == [r >= 3 for r in range(model.rowCount())]
    assert frozen.height() == view.frozen_height() == sum(view.rowHeight(r) for r in range(3))
    editor.focus_cell("carry_out.other")
    assert view.verticalScrollBar().value() > 0
    # Scrolling back up to a row just under the header: it must land below the frozen rows, not under them.
    editor.focus_cell("granted.natural")
    rect = view.visualRect(model.index_of("granted.natural"))
    assert rect.top() >= view.frozen_height()
    assert view.viewport().rect().contains(rect.center())


def test_table_two_has_no_frozen_header(qtbot) -> None:
    editor = TableEditor(make_session(), "disclosure")
    qtbot.addWidget(editor)
    assert editor.view.findChild(QTableView, "frozenHeader") is None
    assert editor.view.frozen_height() == 0


def test_paste_into_table_two_follows_value_rows_and_keeps_decimals(qtbot) -> None:
    editor = TableEditor(make_session(), "disclosure")
    qtbot.addWidget(editor)
    view, session = editor.view, editor.session
    editor.focus_cell("art20_1.regulations.issued")
    # Two rows of three: 规章 and 行政规范性文件; the caption and header rows in between are not value rows.
    assert view.paste("1\t2\t3\r\n4\t5\t6\r\n")
    counts = session.report.disclosure.counts
    assert [counts[f"art20_1.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [1, 2, 3]
    assert [counts[f"art20_1.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [4, 5, 6]
    # A column of three pasted from 行政许可 fills 行政许可, 行政处罚 and 行政强制 (the merged single-value rows).
    editor.focus_cell("art20_5.licensing.decisions")
    assert view.paste("7\r\n8\r\n9\r\n")
    assert counts["art20_5.licensing.decisions"] == 7
    assert counts["art20_6.penalty.decisions"] == 8
    assert counts["art20_6.coercion.decisions"] == 9
    editor.focus_cell("art20_8.fees.amount_wan")
    assert view.paste("53.6836\r\n")
    assert session.report.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("53.6836")
    assert shown(editor.model, "art20_8.fees.amount_wan") == "53.6836"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown(editor.model, "art20_8.fees.amount_wan") == "0"
    assert session.undo_stack.count() == 4


def _rolled_over_session():
    from gkdesk.domain.report import new_report
    from gkdesk.domain.rollover import roll_over
    from gkdesk.ui.session import ReportSession

    last = new_report("交口县人民政府", 2023)
    for cell_id, value in {"new.natural": 12, "granted.natural": 10, "carry_out.natural": 2}.items():
        last.applications.set(cell_id, value)
    last.applications.set("new.total", 12)
    last.applications.set("granted.total", 10)
    last.applications.set("total.natural", 10)
    last.applications.set("total.total", 10)
    last.applications.set("carry_out.total", 2)
    return ReportSession(roll_over(last))


def test_last_years_figures_in_tooltips_and_on_request_in_the_cells(qtbot) -> None:
    editor = TableEditor(_rolled_over_session(), "applications")
    qtbot.addWidget(editor)
    editor.show()
    model, view = editor.model, editor.view
    assert not editor.previous_box.isHidden()
    assert "上年：12" in model.index_of("new.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "上年：0" in model.index_of("new.biz").data(Qt.ItemDataRole.ToolTipRole)
    row = model.index_of("new.natural").row()
    label_row = model.index_of("granted.natural").row()
    heights = (view.rowHeight(row), view.rowHeight(label_row))
    editor.previous_box.setChecked(True)
    assert view.show_previous
    assert view.rowHeight(row) > heights[0]
    # Last year's 12 is drawn in the cell; the 0 of 商业企业 is left out to keep the grid quiet.
    natural, biz = view.visualRect(model.index_of("new.natural")), view.visualRect(model.index_of("new.biz"))
    tall = view.rowHeight(row)
    with_previous = (view.viewport().grab(natural).toImage(), view.viewport().grab(biz).toImage())
    editor.previous_box.setChecked(False)
    view.setRowHeight(row, tall)  # same geometry, only the drawing differs
    without = (view.viewport().grab(natural).toImage(), view.viewport().grab(biz).toImage())
    assert with_previous[0] != without[0]
    assert with_previous[1] == without[1]
    view.fit_rows()
    editor.previous_box.setChecked(False)
    assert (view.rowHeight(row), view.rowHeight(label_row)) == heights


def test_without_last_years_report_the_toggle_is_hidden(qtbot, editor) -> None:
    assert editor.previous_box.isHidden()
    assert "上年" not in editor.model.index_of("new.natural").data(Qt.ItemDataRole.ToolTipRole)


def test_an_accepted_edit_replaces_an_old_refusal_with_the_hint(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.focus_cell("new.natural")
    assert not view.paste("x\r\n")
    assert editor.info_text.startswith("⚠")
    assert model.setData(model.index_of("new.natural"), "3", Qt.ItemDataRole.EditRole)
    assert "回车下移" in editor.info_text


def test_focus_on_a_cell_this_table_does_not_have_is_ignored(qtbot, editor) -> None:
    editor.focus_cell("new.natural")
    editor.focus_cell("art20_1.regulations.issued")
    assert editor.view.currentIndex() == editor.model.index_of("new.natural")


def test_status_line_names_auto_total_format_and_this_parts_problems(qtbot) -> None:
    session = make_session("2019-trial")
    session.report.applications.present = False
    editor = TableEditor(session, "applications")
    qtbot.addWidget(editor)
    status = editor.status.text()
    assert "原文缺少此表" in status
    assert "2019 试行版格式" in status
    assert "自动合计：开" in status
    session.report.applications.present = True
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    status = editor.status.text()
    assert "自动合计：关" in status
    errors = sum(1 for f in session.result.errors if f.part == "三")
    warnings = sum(1 for f in session.result.warnings if f.part == "三")
    assert errors == 2
    assert f"本部分 {errors} 个错误 · {warnings} 个警告" in status


def test_a_block_pastes_at_the_top_left_of_the_selection(editor) -> None:
    view, session = editor.view, editor.session
    _select(view, "granted.natural", "partial.biz")
    view.setCurrentIndex(editor.model.index_of("partial.biz"))  # selection made from the bottom right
    view.selectionModel().select(editor.model.index_of("granted.natural"), view.selectionModel().SelectionFlag.Select)
    assert view.paste("1\t2\r\n3\t4\r\n")
    assert [count(session, "applications", c) for c in ("granted.natural", "granted.biz")] == [1, 2]
    assert [count(session, "applications", c) for c in ("partial.natural", "partial.biz")] == [3, 4]


def _commit_by_input_method(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_full_width_digits_from_a_chinese_input_method_start_editing(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    model.setData(model.index_of("granted.legal"), "1", Qt.ItemDataRole.EditRole)
    editor.focus_cell("granted.legal")
    _commit_by_input_method(view, "１２")  # replaces the old 1, as typing does
    assert view.state() == view.State.EditingState
    assert view.indexWidget(model.index_of("granted.legal")).text() == "１２"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "granted.legal") == "12")
    assert shown(model, "total.legal") == "12"


def test_input_method_text_on_a_computed_total_says_why(qtbot, editor) -> None:
    editor.focus_cell("total.total")
    _commit_by_input_method(editor.view, "５")
    assert "自动合计" in editor.info_text


def test_right_click_menu_copies_pastes_and_clears(qtbot, editor) -> None:
    view, session = editor.view, editor.session
    editor.focus_cell("new.natural")
    menu = view.context_menu()
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["复制", "粘贴（可从 Excel 复制后粘贴）", "清零"]
    assert actions["复制"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    QGuiApplication.clipboard().setText("6\t7\r\n")
    actions["粘贴（可从 Excel 复制后粘贴）"].trigger()
    assert count(session, "applications", "new.biz") == 7
    _select(view, "new.natural", "new.biz")
    actions["复制"].trigger()
    assert QGuiApplication.clipboard().text() == "6\t7\r\n"
    actions["清零"].trigger()
    assert count(session, "applications", "new.natural") == 0
    assert count(session, "applications", "new.biz") == 0
    session.sign_off("张三", dt.date(2025, 1, 20))
    read_only = {a.text(): a.isEnabled() for a in view.context_menu().actions()}
    assert read_only == {"复制": True, "粘贴（可从 Excel 复制后粘贴）": False, "清零": False}


def test_converted_table_gets_the_new_geometry_in_the_view(qtbot) -> None:
    from gkdesk.domain.report import new_table

    session = make_session("2019-trial")
    editor = TableEditor(session, "applications")
    qtbot.addWidget(editor)
    view = editor.view
    assert view.rowSpan(5, 0) == 20
    session.report.tables["applications"] = new_table("applications", "2021")
    session.notify_cells("applications", [])
    assert view.rowSpan(5, 0) == 22
    other_group = form("applications", "2021").value_position("other.overdue_fee.natural")
    assert view.rowHeight(other_group[0]) > view.rowHeight(3)  # the long 2021 label wraps
    editor.focus_cell("other.overdue_fee.natural")
    assert view.currentIndex() == editor.model.index_of("other.overdue_fee.natural")


def test_tab_through_table_two_visits_every_value_cell_in_reading_order(qtbot) -> None:
    editor = TableEditor(make_session(), "disclosure")
    qtbot.addWidget(editor)
    editor.show()
    model, view = editor.model, editor.view
    order = model.value_cell_ids()
    editor.focus_cell(order[0])
    visited = [order[0]]
    for _ in range(len(order) - 1):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        visited.append(view.currentIndex().data(CELL_ID_ROLE))
    assert visited == order
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # as a keyboard sends it
    assert view.currentIndex().data(CELL_ID_ROLE) == order[-2]


def test_a_larger_font_widens_columns_and_rows(qtbot, editor) -> None:
    view = editor.view
    before = (view.columnWidth(2), view.rowHeight(0) + view.rowHeight(1) + view.rowHeight(2))
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    assert view.columnWidth(2) > before[0]
    assert view.rowHeight(0) + view.rowHeight(1) + view.rowHeight(2) > before[1]
