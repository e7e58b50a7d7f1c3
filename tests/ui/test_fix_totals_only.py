"""Fixes only set what they can know: 全部修正 fixes totals; a balance error (R1) sets the carry-over only when confirmed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gkdesk.ui.problems_panel import ProblemsPanel
from tests.ui._table_fixtures import count, make_session


def _panel(qtbot) -> ProblemsPanel:
    """A report with a wrong total (R2/R3) that, once the totals are right, leaves a balance error (R1)."""
    session = make_session()
    session.set_auto_total(False)
    # 5 new applications, 3 granted: the totals are left at 0, and 2 applications have no result entered.
    session.set_cells("applications", {"new.natural": 5, "granted.natural": 3})
    panel = ProblemsPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def _r1(panel: ProblemsPanel, column: str = "natural") -> int:
    for row, finding in enumerate(panel.model.findings):
        if finding.code == "R1" and finding.target == f"applications:carry_out.{column}":
            return row
    raise AssertionError(f"no fixable R1 on {column}: {[f.message for f in panel.model.findings]}")


def test_fix_all_fixes_the_totals_and_leaves_the_balance_error(qtbot, prompts) -> None:
    panel = _panel(qtbot)
    session = panel.session
    assert any(f.code in ("R2", "R3") for f in session.result.errors)
    assert panel.fix_all_button.isEnabled()
    panel.fix_all_button.click()
    assert count(session, "applications", "total.natural") == 3
    assert count(session, "applications", "new.total") == 5
    assert not any(f.code in ("R2", "R3", "R4") for f in session.result.errors)
    # The balance error stays: 5 = 3 + 0 is false, and nothing was written into the carry-over.
    assert [f.code for f in session.result.errors] == ["R1", "R1"]
    assert count(session, "applications", "carry_out.natural") == 0
    assert count(session, "applications", "carry_out.total") == 0
    assert not panel.fix_all_button.isEnabled()
    assert session.undo_stack.undoText() == "全部修正"
    assert prompts.calls == []  # 全部修正 asks nothing
    session.fix_all()  # nothing left that it may fix: no empty undo step either
    assert session.undo_stack.undoText() == "全部修正"
    assert session.undo_stack.index() == session.undo_stack.count()


def test_single_fix_of_r1_asks_naming_the_number_and_sets_only_when_confirmed(qtbot, prompts) -> None:
    panel = _panel(qtbot)
    session = panel.session
    session.fix_all()
    steps = session.undo_stack.count()
    panel.select_row(_r1(panel))
    assert panel.fix_button.isEnabled()
    tip = panel.model.index(_r1(panel), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "可一键修正" not in tip and "确认" in tip

    prompts.answers["confirm"] = False
    panel.fix_button.click()
    [text] = prompts.texts("confirm")
    assert "这表示有 2 件申请尚未办结、结转到下一年度，请确认办理结果已全部填写" in text
    assert "结转下年度" in text
    assert count(session, "applications", "carry_out.natural") == 0
    assert session.undo_stack.count() == steps

    prompts.answers["confirm"] = True
    with qtbot.waitSignal(session.findingsChanged):
        panel.fix_button.click()
    assert len(prompts.texts("confirm")) == 2
    assert count(session, "applications", "carry_out.natural") == 2
    assert session.undo_stack.undoText() == "修正 R1"
    assert not any(f.code == "R1" and "自然人" in f.message for f in session.result.errors)

    session.undo_stack.undo()
    assert count(session, "applications", "carry_out.natural") == 0
    assert any(f.code == "R1" for f in session.result.errors)
    session.undo_stack.undo()  # and 全部修正 comes undone in one step
    assert count(session, "applications", "total.natural") == 0
    assert count(session, "applications", "new.total") == 0


def test_the_window_action_fixes_totals_only(main_window, prompts) -> None:
    window = main_window
    fresh = make_session()
    fresh.set_auto_total(False)
    fresh.set_cells("applications", {"new.natural": 5, "granted.natural": 3})
    window.set_session(fresh)
    window.fix_all_action.trigger()
    assert count(fresh, "applications", "total.natural") == 3
    assert {f.code for f in fresh.result.errors} == {"R1"}
    assert count(fresh, "applications", "carry_out.natural") == 0


def test_the_grid_tooltip_of_a_balance_error_promises_no_one_click_fix(qtbot) -> None:
    from gkdesk.ui.table_model import TableModel

    panel = _panel(qtbot)
    panel.session.fix_all()
    model = TableModel(panel.session, "applications")
    tip = model.index_of("carry_out.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "R1" in tip
    assert "一键修正" not in tip and "请先填写办理结果" in tip
