"""The 自查 page and the one-click skeleton of a missing element, driven on the real MainWindow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gkdesk.domain.assessment import self_assess
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.io.native import write_native
from gkdesk.ui.assessment_page import AssessmentPage
from tests.content_fixture import with_complete_content

SIX_WITHOUT_FEE = (
    "落实上年度政务公开工作要点情况良好，人大代表建议和政协委员提案办理结果已公开，年度工作创新情况：推出智能问答。"
)
FEE_SKELETON = "2024年，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费××元（未收取的写明“未收取信息处理费”）。"


def _report() -> Report:
    report = with_complete_content(new_report("某县教育局", 2024))
    report.preface.insert(0, Block(text="本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"))
    report.parts["六"].blocks = [Block(text=SIX_WITHOUT_FEE)]
    report.signature.date = dt.date(2025, 1, 20)
    return report


@pytest.fixture
def opened(main_window: Any, tmp_path: Path, qtbot: Any) -> Any:
    path = tmp_path / "教育局2024.gkreport"
    write_native(_report(), path)
    assert main_window.open_path(path)
    return main_window


def _select_in_navigator(window: Any, label: str) -> None:
    navigator = window.document.navigator
    row = navigator.labels().index(label)
    navigator.setCurrentIndex(navigator.parts_model.index(row, 0))


def test_the_self_check_page_is_reached_from_the_navigator_and_shows_the_score(opened: Any, qtbot: Any) -> None:
    document = opened.document
    assert document.navigator.labels()[-1] == "自查评分"
    assert document.navigator.badge("自查") == ""
    assert "非官方" in document.navigator.tooltip("自查")
    _select_in_navigator(opened, "自查评分")
    page = document.stack.currentWidget()
    assert isinstance(page, AssessmentPage)
    qtbot.waitUntil(page.isVisible)
    expected = self_assess(_report())
    assert expected.score == 15 + 28 + 25 + 20 + 10  # a department: 30 x 11 / 12 = 27.5 → 28 (the fee is missing)
    assert page.score_label.text() == "98 / 100"
    assert "不是任何主管部门或评估机构的正式评分" in page.disclaimer.text()
    assert page.criterion_rows() == [
        ("公开时效", "15 / 15"),
        ("要素完整", "28 / 30"),
        ("数据一致", "25 / 25"),
        ("内容具体", "20 / 20"),
        ("格式规范", "10 / 10"),
    ]
    completeness = page.checklist("要素完整")
    assert "✗ 信息处理费收取情况（第六部分）" in completeness
    assert "✓ 主动公开（第一部分）" in completeness
    assert completeness[-2].startswith("计分：按适用要素加权计分")
    assert completeness[-1].startswith("依据：国办公开办函〔2021〕30号")
    assert page.checklist("公开时效")[0] == "✓ 在 2025年1月31日 前公布（落款日期 2025年1月20日）"


def test_inserting_the_skeleton_from_the_problems_panel_then_undo(opened: Any, qtbot: Any) -> None:
    document = opened.document
    session = opened.session
    panel = document.problems
    codes = [f.code for f in panel.model.findings]
    row = codes.index("ELEMENT:other.fee")
    panel.select_row(row)
    assert panel.fix_button.text() == "插入参考句式" and panel.fix_button.isEnabled()
    assert "插入参考句式" in panel.model.index(row, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )  # the tooltip says what the button does
    _select_in_navigator(opened, "自查评分")
    page = document.stack.currentWidget()
    assert page.score_label.text() == "98 / 100"
    panel.fix_button.click()
    # the window shows 六 with the sentence; nothing is left selected for a second click to insert
    assert document.stack.currentWidget() is document.pages["六"]
    assert panel.current_finding() is None and not panel.fix_button.isEnabled()
    # the sentence is in 六, marked 待更新; the element's warning gave way to PENDING's
    blocks = session.report.parts["六"].blocks
    assert [(b.text, b.pending_update) for b in blocks] == [(SIX_WITHOUT_FEE, False), (FEE_SKELETON, True)]
    codes = [f.code for f in session.result.findings]
    assert "ELEMENT:other.fee" not in codes and "PENDING" in codes
    assert opened.undo_action.text() == "撤销 插入参考句式：信息处理费收取情况"
    # the page follows when shown again: completeness whole, specificity pays for the 待更新 text
    _select_in_navigator(opened, "自查评分")
    qtbot.waitUntil(lambda: page.score_label.text() == "95 / 100")
    assert page.criterion_rows()[1] == ("要素完整", "30 / 30")
    assert page.criterion_rows()[3] == ("内容具体", "15 / 20")
    # 六's editor shows it amber (待更新)
    _select_in_navigator(opened, "六、其他事项")
    editor = document.pages["六"].editor
    assert editor.body.toPlainText().split("\n") == [SIX_WITHOUT_FEE, FEE_SKELETON]
    assert editor.pending_lines() == [1]
    # one undo step takes it all back
    opened.undo_action.trigger()
    assert [b.text for b in session.report.parts["六"].blocks] == [SIX_WITHOUT_FEE]
    assert "ELEMENT:other.fee" in [f.code for f in session.result.findings]
    qtbot.waitUntil(lambda: editor.body.toPlainText() == SIX_WITHOUT_FEE)
    opened.redo_action.trigger()
    assert session.report.parts["六"].blocks[-1].text == FEE_SKELETON


def test_the_skeleton_makes_a_missing_part_present_and_undo_removes_it_again(main_window: Any, qtbot: Any) -> None:
    from gkdesk.domain.checker import Finding
    from gkdesk.ui.session import ReportSession
    from gkdesk.ui.skeletons import insert_skeleton

    report = _report()
    report.parts["六"].present = False
    report.parts["六"].blocks = []
    main_window.set_session(ReportSession(report))
    session = main_window.session
    assert insert_skeleton(session, Finding("ELEMENT:other.fee", "warning", "", part="六"))
    assert session.report.parts["六"].present
    assert "缺少第六部分" not in " ".join(f.message for f in session.result.findings)
    session.undo_stack.undo()
    assert not session.report.parts["六"].present and session.report.parts["六"].blocks == []
    assert not insert_skeleton(session, Finding("R7", "warning", "x", part="一"))


def test_a_hidden_page_recomputes_when_shown_again(opened: Any, qtbot: Any) -> None:
    document = opened.document
    _select_in_navigator(opened, "自查评分")
    page = document.stack.currentWidget()
    _select_in_navigator(opened, "落款与签发")
    qtbot.waitUntil(lambda: not page.isVisible())
    opened.session.set_field("signature.date", dt.date(2025, 3, 1))
    assert page.score_label.text() == "98 / 100"  # not recomputed while hidden
    _select_in_navigator(opened, "自查评分")
    qtbot.waitUntil(lambda: page.score_label.text() == "83 / 100")
    assert page.criterion_rows()[0] == ("公开时效", "0 / 15")
    # shown, it follows each edit at once (the undo goes through the same signals)
    opened.undo_action.trigger()
    assert page.score_label.text() == "98 / 100"


def test_the_page_inserts_a_missing_element_even_into_a_part_not_written_yet(main_window: Any, qtbot: Any) -> None:
    from gkdesk.ui.session import ReportSession

    report = _report()
    report.parts["六"].present = False
    report.parts["六"].blocks = []
    main_window.set_session(ReportSession(report))
    document = main_window.document
    session = main_window.session
    # 六 is not written: R10 says so; the problems list names none of its elements, the checklist does
    assert not [f for f in session.result.findings if f.code.startswith("ELEMENT:other.")]
    _select_in_navigator(main_window, "自查评分")
    page = document.stack.currentWidget()
    assert isinstance(page, AssessmentPage)
    assert not page.insert_button.isEnabled()
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))  # a timeliness row: nothing to insert
    assert not page.insert_button.isEnabled()
    page.select_missing("信息处理费收取情况")
    assert page.insert_button.isEnabled()
    qtbot.waitUntil(page.insert_button.isVisible)
    qtbot.mouseClick(page.insert_button, Qt.MouseButton.LeftButton)
    six = session.report.parts["六"]
    assert six.present and [(b.text, b.pending_update) for b in six.blocks] == [(FEE_SKELETON, True)]
    assert "✓ 信息处理费收取情况（第六部分）" in page.checklist("要素完整")
    assert main_window.undo_action.text() == "撤销 插入参考句式：信息处理费收取情况"
    # 六 is started now: its other missing elements are listed in the problems panel
    assert "ELEMENT:other.work_points" in [f.code for f in document.problems.model.findings]
    main_window.undo_action.trigger()
    assert not session.report.parts["六"].present
    assert "✗ 信息处理费收取情况（第六部分）" in page.checklist("要素完整")
    # signed off: read-only, nothing to insert
    session.sign_off("张三", dt.date(2025, 1, 20))
    page.select_missing("信息处理费收取情况")
    assert not page.insert_button.isEnabled()
