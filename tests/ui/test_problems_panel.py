"""The problems panel: findings in words, jump signal, one-click fixes, incremental list updates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from gkdesk.domain.checker import Finding
from gkdesk.domain.forms import form
from gkdesk.ui.problems_panel import FINDING_ROLE, FindingsModel, ProblemsPanel
from gkdesk.ui.table_editor import TableEditor
from gkdesk.ui.table_model import ERROR_COLOUR, TOTAL_COLOUR
from tests.ui._table_fixtures import count, make_session, shown


def _panel_and_grid(qtbot) -> tuple[ProblemsPanel, TableEditor]:
    session = make_session()
    panel = ProblemsPanel(session)
    grid = TableEditor(session, "applications")
    qtbot.addWidget(panel)
    qtbot.addWidget(grid)
    panel.show()
    return panel, grid


def _row_of(panel: ProblemsPanel, code: str, words: str) -> int:
    for row, finding in enumerate(panel.model.findings):
        if finding.code == code and words in finding.message:
            return row
    raise AssertionError(f"no {code} finding with {words!r}: {[f.message for f in panel.model.findings]}")


def test_findings_model_passes_the_qt_model_tester(qapp, qtmodeltester) -> None:
    session = make_session()
    session.set_auto_total(False)
    session.set_cells("applications", {"new.natural": 3, "granted.biz": 2})
    model = FindingsModel(session)
    assert model.rowCount() == len(session.result.findings) > 3
    qtmodeltester.check(model)


def test_rows_show_code_message_icon_and_carry_the_finding(qapp) -> None:
    session = make_session()
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    model = FindingsModel(session)
    first = model.index(0, 0)
    finding = first.data(FINDING_ROLE)
    assert isinstance(finding, Finding)
    assert finding.severity == "error"
    assert first.data() == f"{finding.code} {finding.message}"
    assert not first.data(Qt.ItemDataRole.DecorationRole).isNull()
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    describe = form("applications").describe
    row_total = f"R3 {describe('granted.total')}应为 2（六类申请人之和），现为 0"
    assert f"R2 {describe('total.biz')}应为 2（各项之和），现为 0" in texts
    assert row_total in texts
    assert "R10 缺少落款日期" in texts
    tip = model.index(texts.index(row_total), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "可一键修正为 2" in tip


def test_header_counts_errors_and_warnings(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    warnings = len(session.result.warnings)
    assert panel.header.text() == f"问题（0 个错误 · {warnings} 个警告）"
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    errors = len(session.result.errors)
    assert errors == 2  # R2 on the column total, R3 on the row total (R1 holds: the column total stayed 0)
    assert panel.header.text() == f"问题（{errors} 个错误 · {warnings} 个警告）"


def test_auto_total_off_red_cell_listed_then_fixed_from_the_panel(qtbot) -> None:
    panel, grid = _panel_and_grid(qtbot)
    session, model = panel.session, grid.model
    session.set_auto_total(False)
    assert model.setData(model.index_of("granted.natural"), "5", Qt.ItemDataRole.EditRole)
    total = model.index_of("total.natural")
    assert total.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    assert "应为 5" in total.data(Qt.ItemDataRole.ToolTipRole)
    row = _row_of(panel, "R2", "（七）总计的自然人列应为 5")
    assert not panel.fix_button.isEnabled()
    panel.select_row(row)
    assert panel.fix_button.isEnabled()
    with qtbot.waitSignal(session.findingsChanged):
        panel.fix_button.click()
    assert count(session, "applications", "total.natural") == 5
    assert shown(model, "total.natural") == "5"
    assert session.undo_stack.undoText() == "修正 R2"
    assert not any(f.code == "R2" for f in session.result.findings)
    # R1 (5 ≠ 0 + 0) is next; its expected carry-over would be negative, so it offers no fix.
    assert any(f.code == "R1" and not f.fixable for f in session.result.findings)


def test_fix_all_fixes_every_total_in_one_undo_step(qtbot) -> None:
    panel, grid = _panel_and_grid(qtbot)
    session, model = panel.session, grid.model
    session.set_auto_total(False)
    session.set_cells("applications", {"new.natural": 4, "new.biz": 1, "granted.natural": 4, "granted.biz": 1})
    assert len(session.result.errors) > 3
    assert panel.fix_all_button.isEnabled()
    steps = session.undo_stack.count()
    panel.fix_all_button.click()
    assert session.result.errors == ()
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "全部修正"
    assert shown(model, "total.total") == "5"
    assert shown(model, "new.total") == "5"
    assert model.index_of("total.total").data(Qt.ItemDataRole.BackgroundRole).color() == TOTAL_COLOUR
    assert not panel.fix_all_button.isEnabled()
    assert panel.header.text().startswith("问题（0 个错误")
    session.undo_stack.undo()
    assert shown(model, "total.total") == "0"


def test_click_and_enter_emit_finding_activated(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    row = _row_of(panel, "R3", "总计列应为 2")
    index = panel.model.index(row, 0)
    rect = panel.list.visualRect(index)
    with qtbot.waitSignal(panel.findingActivated) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].code == "R3"
    assert blocker.args[0].target == "applications:granted.total"
    panel.select_row(_row_of(panel, "R10", "落款日期"))
    with qtbot.waitSignal(panel.findingActivated) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args[0].part == "落款"


def test_list_follows_edits_with_inserts_and_removes_not_resets(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    session.set_auto_total(False)
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    panel.select_row(_row_of(panel, "R10", "落款日期"))
    with qtbot.waitSignal(panel.model.rowsInserted):
        session.set_cells("applications", {"granted.biz": 2})
    assert panel.current_finding() is not None
    assert panel.current_finding().message == "缺少落款日期"  # the selection survived
    with qtbot.waitSignal(panel.model.rowsRemoved):
        session.set_cells("applications", {"granted.biz": 0})
    assert panel.model.findings == list(session.result.findings)
    assert not resets


def test_read_only_report_disables_fixing(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    panel.select_row(_row_of(panel, "R3", "总计列"))
    assert panel.fix_button.isEnabled()
    session.sign_off("张三", dt.date(2025, 1, 20))
    assert not panel.fix_button.isEnabled()
    assert not panel.fix_all_button.isEnabled()


def test_a_finding_whose_figures_change_is_updated_in_place(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    row = _row_of(panel, "R3", "总计列应为 2")
    panel.select_row(row)
    rows = panel.model.rowCount()
    with qtbot.waitSignal(panel.model.dataChanged) as blocker:
        session.set_cells("applications", {"granted.biz": 3})
    assert blocker.args[0].row() <= row <= blocker.args[1].row()
    assert panel.model.rowCount() == rows
    assert panel.model.findings == list(session.result.findings)
    assert "总计列应为 3" in panel.list.currentIndex().data()


def test_rows_grow_when_a_finding_gets_longer_words(qtbot) -> None:
    panel, _grid = _panel_and_grid(qtbot)
    session = panel.session
    panel.resize(240, 500)
    session.set_auto_total(False)
    session.set_cells("review_litigation", {"review.upheld": 2})
    row = _row_of(panel, "R4", "应为 2")
    index = panel.model.index(row, 0)
    qtbot.waitUntil(lambda: panel.list.visualRect(index).height() > 0)
    before = panel.list.visualRect(index).height()
    session.set_cells("review_litigation", {"review.upheld": 999999999999, "review.corrected": 888888888888})
    assert "1888888888887" in panel.model.index(row, 0).data()
    qtbot.waitUntil(lambda: panel.list.visualRect(panel.model.index(row, 0)).height() > before)


def test_a_clean_report_says_so(qtbot) -> None:
    import datetime as dt

    from gkdesk.domain.report import Block, new_report
    from gkdesk.ui.session import ReportSession
    from tests.content_fixture import with_complete_content

    report = new_report("交口县人民政府", 2024)
    for key in ("一", "五", "六"):
        report.parts[key].blocks = [Block(text="无。")]
    report.preface = [Block(text="本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。")]
    with_complete_content(report)  # every required element, or the content checks would list what is missing
    report.signature.date = dt.date(2025, 1, 20)
    session = ReportSession(report)
    panel = ProblemsPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    assert session.result.findings == ()
    assert panel.header.text() == "问题（无）"
    assert panel.empty.isVisible()
    assert "未发现问题" in panel.empty.text()
    session.set_auto_total(False)
    session.set_cells("applications", {"granted.biz": 2})
    assert not panel.empty.isVisible()
    assert panel.model.rowCount() == 2
