"""Unread cells in the window: empty and hatched (never 0), said in words, filled by typing, paste or Delete through
the undo stack (undo brings the mark back), left alone by 自动合计, and listed in the problems panel with a jump."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication

from gkdesk.domain.forms import FORM_IDS, FormId
from gkdesk.domain.report import ImportLogEntry, Report, new_report
from gkdesk.io.native import write_native
from gkdesk.ui.problems_panel import FINDING_ROLE, ProblemsPanel
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_editor import TableEditor
from gkdesk.ui.table_model import (
    UNREAD_BRUSH,
    UNREAD_COLOUR,
    UNREAD_ROLE,
    UNREAD_TIP,
    WARNING_COLOUR,
    TableModel,
)
from gkdesk.ui.table_view import TableView
from tests.ui._table_fixtures import count, shown

BG = Qt.ItemDataRole.BackgroundRole
TIP = Qt.ItemDataRole.ToolTipRole
STATUS = Qt.ItemDataRole.StatusTipRole
EDIT = Qt.ItemDataRole.EditRole

# As an importer leaves table 三 when it could not place two figures of the 予以公开 row (4 and 1 in the source):
# 0 under the marks, every other figure as printed
UNREAD = ["granted.natural", "granted.biz"]


def unread_report() -> Report:
    report = new_report("交口县人民政府", 2024)
    apps = report.applications
    for row in ("new", "granted", "total"):
        for col, value in (("natural", 4), ("biz", 1), ("research", 2), ("total", 7)):
            apps.set(f"{row}.{col}", value)
    apps.set("granted.natural", 0)
    apps.set("granted.biz", 0)
    apps.mark_unread(UNREAD)
    apps.blank_cells = ["new.legal"]  # blank in the source: taken as 0 and warned about (BLANK)
    return report


@pytest.fixture
def editor(qtbot) -> TableEditor:
    widget = TableEditor(ReportSession(unread_report()), "applications")
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _index(model: TableModel, cell_id: str) -> QModelIndex:
    return model.index_of(cell_id)


def _is_hatched(model: TableModel, cell_id: str) -> bool:
    brush = _index(model, cell_id).data(BG)
    return brush is not None and brush.style() == Qt.BrushStyle.BDiagPattern


def _select(view: TableView, first: str, last: str) -> None:
    model = view.table_model()
    view.setCurrentIndex(model.index_of(first))
    view.selectionModel().select(
        QItemSelection(model.index_of(first), model.index_of(last)), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def _unread_findings(session: ReportSession) -> list[tuple[str, ...]]:
    return [f.cells for f in session.result.findings if f.code == "UNREAD"]


# --------------------------------------------------------------------------- how an unread cell looks


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_table_models_with_unread_cells_pass_the_qt_model_tester(qtmodeltester, form_id: FormId) -> None:
    report = new_report("交口县人民政府", 2024)
    table = report.tables[form_id]
    cells = list(table.form.cell_ids())
    table.mark_unread([cells[0], cells[-1], *[c.cell_id for c in table.form.totals()][:1]])
    session = ReportSession(report)
    model = TableModel(session, form_id)
    assert model.unread_cells()
    qtmodeltester.check(model)
    # and again after typing into one of them (the marks change under the tester's eyes)
    model.setData(model.index_of(cells[0]), "3", EDIT)
    qtmodeltester.check(model)


def test_an_unread_cell_is_empty_hatched_and_says_why(editor) -> None:
    model = editor.model
    describe = model.form.describe
    for cell_id in UNREAD:
        index = _index(model, cell_id)
        assert index.data() == "" and index.data(EDIT) == ""  # not "0"
        assert index.data(UNREAD_ROLE) is True
        brush = index.data(BG)
        assert brush.style() == Qt.BrushStyle.BDiagPattern and brush.color() == UNREAD_COLOUR
        assert brush == UNREAD_BRUSH
        tooltip = index.data(TIP)
        assert tooltip.splitlines()[:2] == [describe(cell_id), UNREAD_TIP]
        assert index.data(STATUS) == tooltip
    # a 0 read from the source, and a cell blank in the source, look different
    zero = _index(model, "granted.research")
    assert zero.data() == "2" and zero.data(UNREAD_ROLE) is False and not _is_hatched(model, "granted.research")
    assert shown(model, "carry_in.natural") == "0" and not _is_hatched(model, "carry_in.natural")
    blank = _index(model, "new.legal")
    assert blank.data() == "0" and blank.data(BG).color() == WARNING_COLOUR
    assert blank.data(BG).style() == Qt.BrushStyle.SolidPattern and UNREAD_TIP not in blank.data(TIP)
    assert model.unread_cells() == UNREAD


def test_the_grid_paints_the_hatch_in_the_unread_cells_only(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    view.clearSelection()
    view.setCurrentIndex(QModelIndex())
    qtbot.waitUntil(lambda: not view.viewport().grab().isNull())
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def hatch_pixels(cell_id: str) -> int:
        rect = view.visualRect(_index(model, cell_id)).adjusted(4, 4, -4, -4)
        found = 0
        for x in range(rect.left(), rect.right()):
            for y in range(rect.top(), rect.bottom()):
                colour = QColor(image.pixel(int(x * ratio), int(y * ratio)))
                if max(abs(colour.red() - 0xB7), abs(colour.green() - 0x79), abs(colour.blue() - 0x1F)) < 40:
                    found += 1
        return found

    assert hatch_pixels("granted.natural") > 20
    assert hatch_pixels("granted.biz") > 20
    assert hatch_pixels("granted.research") == 0
    assert hatch_pixels("new.legal") == 0


def test_copy_of_an_unread_cell_is_empty(qtbot, editor) -> None:
    view = editor.view
    _select(view, "granted.natural", "granted.research")
    assert view.copy_selection() == "\t\t2\r\n"
    assert QGuiApplication.clipboard().text() == "\t\t2\r\n"


# --------------------------------------------------------------------------- filling it in


def test_typing_a_figure_clears_the_mark_and_undo_brings_it_back(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("granted.natural")
    qtbot.keyClicks(view, "5")
    with qtbot.waitSignal(session.findingsChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "granted.natural") == "5")
    assert session.report.applications.unread_cells == ["granted.biz"]
    assert not _is_hatched(model, "granted.natural") and _index(model, "granted.natural").data(UNREAD_ROLE) is False
    assert UNREAD_TIP not in _index(model, "granted.natural").data(TIP)
    assert _unread_findings(session) == [("applications:granted.biz",)]
    assert session.undo_stack.count() == 1
    with qtbot.waitSignal(model.dataChanged):
        session.undo_stack.undo()
    assert shown(model, "granted.natural") == "" and _is_hatched(model, "granted.natural")
    assert session.report.applications.unread_cells == ["granted.natural", "granted.biz"]
    assert _unread_findings(session) == [("applications:granted.natural", "applications:granted.biz")]
    session.undo_stack.redo()
    assert shown(model, "granted.natural") == "5" and session.report.applications.unread_cells == ["granted.biz"]


def test_typing_0_confirms_an_unread_cell_as_a_real_0(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("granted.biz")
    qtbot.keyClicks(view, "0")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "granted.biz") == "0")
    assert session.undo_stack.count() == 1  # the placeholder was 0 already: it is the mark that changed
    assert "granted.biz" not in session.report.applications.unread_cells
    assert not _is_hatched(model, "granted.biz")
    session.undo_stack.undo()
    assert shown(model, "granted.biz") == "" and _is_hatched(model, "granted.biz")


def test_committing_an_empty_editor_leaves_the_cell_unread(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("granted.biz")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert session.undo_stack.count() == 0
    assert session.report.applications.unread_cells == UNREAD
    assert shown(model, "granted.biz") == "" and _is_hatched(model, "granted.biz")
    assert not model.setData(_index(model, "granted.biz"), "x", EDIT)  # bad input is still refused
    assert model.setData(_index(model, "granted.biz"), "  ", EDIT) and session.undo_stack.count() == 0


def test_paste_fills_unread_cells_and_an_empty_pasted_cell_leaves_one_unread(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    editor.focus_cell("granted.natural")
    with qtbot.waitSignal(session.cellsChanged):
        assert view.paste("4\t\r\n")
    assert count(session, "applications", "granted.natural") == 4
    assert session.report.applications.unread_cells == ["granted.biz"]
    assert shown(model, "granted.natural") == "4" and shown(model, "granted.biz") == ""
    assert "已粘贴 1 个单元格" in editor.info_text and "1 个未能从原文读取的单元格粘贴内容为空" in editor.info_text
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "粘贴"
    session.undo_stack.undo()
    assert session.report.applications.unread_cells == UNREAD and shown(model, "granted.natural") == ""


def test_delete_over_unread_cells_confirms_them_as_0_in_one_step(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    _select(view, "granted.natural", "granted.research")
    with qtbot.waitSignal(session.cellsChanged):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert session.report.applications.unread_cells == []
    assert [shown(model, c) for c in ("granted.natural", "granted.biz", "granted.research")] == ["0", "0", "0"]
    assert not _is_hatched(model, "granted.natural") and not _is_hatched(model, "granted.biz")
    assert "其中 2 个未能从原文读取的单元格已填为 0" in editor.info_text
    assert _unread_findings(session) == []
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "清除"
    session.undo_stack.undo()
    assert session.report.applications.unread_cells == UNREAD
    assert shown(model, "granted.research") == "2" and _is_hatched(model, "granted.biz")


# --------------------------------------------------------------------------- 自动合计


def test_auto_total_leaves_totals_with_an_unread_part_as_they_are(qtbot, editor) -> None:
    view, session, model = editor.view, editor.session, editor.model
    assert session.auto_total
    assert [f.code for f in session.result.errors] == ["UNREAD"]  # the 0 placeholders make no sum error
    editor.focus_cell("partial.natural")
    qtbot.keyClicks(view, "1")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "partial.natural") == "1")
    assert shown(model, "partial.total") == "1"  # a row with nothing unread is added up as usual
    # the 自然人 column total would be summed from the unread 予以公开 figure: it is left as it was, and so is
    # 予以公开's own row total and the grand total summed from the column totals
    assert shown(model, "total.natural") == "4"
    assert shown(model, "granted.total") == "7"
    assert shown(model, "total.total") == "7"
    assert [f.code for f in session.result.errors] == ["UNREAD"]
    # once both figures are typed, the totals follow their parts again
    editor.focus_cell("granted.natural")
    assert view.paste("4\t1\r\n")
    assert shown(model, "granted.total") == "7"
    assert shown(model, "total.natural") == "5" and shown(model, "total.biz") == "1"
    assert shown(model, "total.total") == "8"
    assert _unread_findings(session) == []
    session.undo_stack.undo()
    assert shown(model, "total.natural") == "4" and shown(model, "granted.natural") == ""


def test_an_unread_total_is_typed_in_even_with_auto_total_and_then_locked_again(qtbot) -> None:
    report = new_report("交口县人民政府", 2024)
    report.applications.set("new.natural", 3)
    report.applications.mark_unread(["new.total"])
    session = ReportSession(report)
    editor = TableEditor(session, "applications")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    model, view = editor.model, editor.view
    index = _index(model, "new.total")
    assert session.auto_total and index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "未能读取的合计不自动计算" in index.data(TIP)
    session.set_cells("applications", {"new.biz": 1})  # another edit does not fill it in either
    assert shown(model, "new.total") == "" and _is_hatched(model, "new.total")
    editor.focus_cell("new.total")
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(model, "new.total") == "5")  # what the source printed stands
    assert report.applications.unread_cells == []
    assert not (_index(model, "new.total").flags() & Qt.ItemFlag.ItemIsEditable)
    [r3] = [f for f in session.result.errors if f.code == "R3"]  # and it disagrees with its parts (3 + 1)
    assert r3.target == "applications:new.total" and r3.expected == 4
    session.undo_stack.undo()
    assert report.applications.unread_cells == ["new.total"] and shown(model, "new.total") == ""
    assert _index(model, "new.total").flags() & Qt.ItemFlag.ItemIsEditable


# --------------------------------------------------------------------------- the problems panel


def test_the_problems_panel_lists_the_unread_error_and_jumps_to_its_first_cell(qtbot) -> None:
    session = ReportSession(unread_report())
    panel = ProblemsPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    [row] = [r for r, f in enumerate(panel.model.findings) if f.code == "UNREAD"]
    assert row == 0  # errors first
    index = panel.model.index(row, 0)
    message = "第三项表格未能完整读取：第三项（一）予以公开的自然人列等 2 个单元格无法从原文确定，请按原文填写"
    assert index.data() == message
    assert index.data(FINDING_ROLE).severity == "error"
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "错误" in panel.header.text() and panel.header.text().startswith("问题（1 个错误")
    panel.select_row(row)
    assert not panel.fix_button.isEnabled()  # nothing to compute: the clerk types the figures
    rect = panel.list.visualRect(index)
    with qtbot.waitSignal(panel.findingActivated) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].target == "applications:granted.natural"


def test_the_window_jumps_from_the_problem_to_the_first_unread_cell(qtbot, main_window, tmp_path: Path) -> None:
    path = tmp_path / "未读.gkreport"
    write_native(unread_report(), path)
    assert main_window.open_path(path)
    document = main_window.document
    assert document is not None
    document.show_part("二")
    [finding] = [f for f in main_window.session.result.findings if f.code == "UNREAD"]
    document.show_finding(finding)
    assert document.current_key() == "三"
    page = document.pages["三"]
    assert isinstance(page, TableEditor)
    qtbot.waitUntil(lambda: page.view.currentIndex() == page.model.index_of("granted.natural"))
    assert page.view.currentIndex().data() == ""


def test_an_unread_cells_tooltip_quotes_what_the_import_log_says_of_it(qtbot) -> None:
    """The clerk sees at the cell what the source printed and why it was not read, not only that it was not."""
    report = unread_report()
    note = "第三项“（一）予以公开”一行（原文“410027”）有 2 种符合勾稽关系的读法，自然人、商业企业 无法确定"
    report.import_log = [
        ImportLogEntry(
            level="warning", message=note, cells=["applications:granted.natural", "applications:granted.biz"]
        ),
        ImportLogEntry(
            level="warning",
            message="第三项表格未能完整读取（整表的摘要）",
            cells=[f"applications:{c}" for c in UNREAD] * 10,
        ),
    ]
    widget = TableEditor(ReportSession(report), "applications")
    qtbot.addWidget(widget)
    lines = _index(widget.model, "granted.natural").data(TIP).splitlines()
    assert f"导入说明：{note}" in lines
    assert not any("整表的摘要" in line for line in lines)
    assert not any(
        line.startswith("导入说明") for line in _index(widget.model, "granted.research").data(TIP).splitlines()
    )
