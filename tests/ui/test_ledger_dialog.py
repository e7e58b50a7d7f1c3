"""报告 → 从登记台账统计… on the real window: counts beside the report's, unmapped values, confirmation, one undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gkdesk.domain.report import new_report
from gkdesk.io.native import write_native
from gkdesk.ui.ledger_dialog import APPLY_TEXT, DIFFERENT_MARK, LedgerDialog
from gkdesk.ui.main_window import MainWindow
from gkdesk.ui.table_editor import TableEditor
from tests.ledger.builder import write_ledger

pytestmark = pytest.mark.gui

ROWS = [
    ("1", dt.date(2023, 12, 28), "张三", "自然人", "", "予以公开", dt.date(2024, 1, 8), None),
    ("2", "2024.3.5", "某某有限公司", "商业企业", "", "部分公开", "2024年3月20日", None),
    ("3", dt.date(2024, 12, 30), "李四", "自然人", "", None, None, None),
    ("4", dt.date(2024, 5, 6), "王五", "自然人", "", "予以公开", dt.date(2024, 5, 9), None),
    ("5", dt.date(2024, 6, 1), "赵六", "自然人", "", "不予公开", dt.date(2024, 6, 9), None),  # which reason?
    ("5", dt.date(2024, 6, 2), "孙七", "自然人", "", "予以公开", dt.date(2024, 6, 9), None),  # duplicate 编号
]
CASES = [("F1", "复议", dt.date(2024, 2, 1), "维持", dt.date(2024, 4, 1), None)]


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    report = new_report("某县人民政府办公室", 2024)
    report.applications.set("new.natural", 3)
    report.applications.set("new.total", 3)
    report.applications.set("granted.natural", 3)
    report.applications.set("granted.total", 3)
    report.applications.set("total.natural", 3)
    report.applications.set("total.total", 3)
    path = tmp_path / "报告.gkreport"
    write_native(report, path)
    return path


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "台账.xlsx", ROWS, cases=CASES)


@pytest.fixture
def files(report_path: Path, ledger_path: Path) -> tuple[Path, Path]:
    """The report (opened in the window) and the ledger counted into it."""
    return report_path, ledger_path


def _grid_text(window: MainWindow, cell_id: str) -> str:
    assert window.document is not None
    window.document.show_part("三")
    page = window.document.pages["三"]
    assert isinstance(page, TableEditor)
    return str(page.model.index_of(cell_id).data(Qt.ItemDataRole.DisplayRole))


def test_counts_are_compared_chosen_confirmed_applied_and_undone_in_one_step(
    qtbot: Any, qtmodeltester: Any, main_window: MainWindow, prompts: Any, files: tuple[Path, Path]
) -> None:
    report_path, ledger_path = files
    assert main_window.open_path(report_path)
    session = main_window.session
    assert session is not None
    assert main_window.ledger_action.isEnabled()
    seen: dict[str, Any] = {}

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, LedgerDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for model in (*dialog.models.values(), dialog.problems_model, dialog.evidence_model):
            qtmodeltester.check(model)
        model = dialog.models["applications"]
        # new.natural: counted 2 (rows 3 and 4), the report says 3
        new_natural = model.index(model.row_ids.index("new"), model.col_ids.index("natural"))
        seen["new_natural"] = new_natural.data()
        seen["new_natural_tip"] = new_natural.data(Qt.ItemDataRole.ToolTipRole)
        seen["new_natural_background"] = new_natural.data(Qt.ItemDataRole.BackgroundRole)
        carry = model.index(model.row_ids.index("carry_in"), model.col_ids.index("biz"))
        seen["same"] = (carry.data(), carry.data(Qt.ItemDataRole.BackgroundRole))
        seen["problems"] = dialog.problems_model.rows()
        seen["unmapped_tab"] = dialog.tabs.tabText(dialog.tabs.indexOf(dialog.unmapped_table))
        seen["apply_before"] = dialog.apply_button.isEnabled()
        # a click on a counted figure lists the ledger rows behind it
        view = dialog.views["applications"]
        granted = model.index(model.row_ids.index("granted"), model.col_ids.index("natural"))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(granted).center())
        qtbot.waitUntil(lambda: dialog.evidence_model.rowCount() == 2)
        seen["evidence"] = dialog.evidence_model.rows()
        qtmodeltester.check(dialog.evidence_model)  # filled, too
        seen["evidence_label"] = dialog.evidence_label.text()
        # the unmapped value: pick its row from the drop-down (the official wording)
        combo = dialog.unmapped_combos[("result", "不予公开")]
        combo.setCurrentIndex(combo.findText("（三）不予公开—4.保护第三方合法权益"))
        qtbot.waitUntil(lambda: len(dialog.count.problems) == 1)
        seen["after_choice"] = dialog.count.applications["denied.third_party.natural"]
        assert not dialog.apply_button.isEnabled()  # the duplicate still waits for the clerk's confirmation
        dialog.confirm_skip.setChecked(True)
        assert dialog.apply_button.isEnabled()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    prompts.answers["open_file"] = str(ledger_path)
    prompts.answers["run_modal"] = drive
    menus = {a.text(): a.menu() for a in main_window.menuBar().actions()}
    assert main_window.ledger_action in menus["报告(&R)"].actions()
    assert main_window.ledger_action.text() == "从登记台账统计…"
    with qtbot.waitSignal(session.findingsChanged):
        main_window.ledger_action.trigger()

    assert seen["new_natural"] == f"2 {DIFFERENT_MARK} 原3"  # rows 3 and 4; row 5 waits for its result
    assert seen["new_natural_tip"] == "第一项（本年新收）·自然人：台账统计为 2，报告中现为 3（不同）"
    assert seen["new_natural_background"] is not None
    assert seen["same"] == ("0", None)
    assert seen["problems"] == [
        ("台账", "6", "无法对应", "办理结果“不予公开”无法对应到表格的行或列"),
        ("台账", "7", "编号重复", "编号“5”与第 6 行重复"),
    ]
    assert seen["unmapped_tab"] == "无法对应的值（1）"
    assert seen["apply_before"] is False
    assert seen["evidence"] == [
        ("2", "1", "2023年12月28日", "2024年1月8日", "张三"),
        ("5", "4", "2024年5月6日", "2024年5月9日", "王五"),
    ]
    assert seen["evidence_label"] == "第三项“（一）予以公开·自然人”：台账中 2 行"
    assert seen["after_choice"] == 1

    # applied: the counted figures are in the report and in the grid
    a = session.report.applications
    counted = {
        "new.natural": 3, "new.biz": 1, "carry_in.natural": 1, "granted.natural": 2, "partial.biz": 1,
        "denied.third_party.natural": 1, "carry_out.natural": 1, "total.total": 4, "new.total": 4,
    }  # fmt: skip
    assert {c: a.count(c) for c in counted} == counted
    assert _grid_text(main_window, "granted.natural") == "2"
    assert _grid_text(main_window, "denied.third_party.natural") == "1"
    assert session.report.review_litigation.count("review.upheld") == 1
    assert session.undo_stack.undoText() == APPLY_TEXT
    assert session.undo_stack.count() == 1
    log = [e.message for e in session.report.import_log]
    assert log[-2].startswith("第三项、第四项由登记台账“台账.xlsx”（文件修改于")
    assert log[-1] == "经核对，台账中 台账第7行无法使用，未计入统计"
    assert not {f.code for f in session.result.findings} & {"R1", "R2", "R3", "R4"}

    # one undo brings every old figure back, and the log as it was
    session.undo_stack.undo()
    old = session.report.applications
    assert (old.count("granted.natural"), old.count("new.natural"), old.count("carry_in.natural")) == (3, 3, 0)
    assert _grid_text(main_window, "granted.natural") == "3"
    assert _grid_text(main_window, "denied.third_party.natural") == "0"
    assert session.report.review_litigation.count("review.upheld") == 0
    assert not any("登记台账" in e.message for e in session.report.import_log)


def test_the_choice_is_remembered_for_the_ledger_file(
    main_window: MainWindow, prompts: Any, files: tuple[Path, Path], tmp_path: Path
) -> None:
    report_path, ledger_path = files
    assert main_window.open_path(report_path)
    dialogs_seen: list[LedgerDialog] = []

    def choose_then_cancel(dialog: QDialog) -> int:
        assert isinstance(dialog, LedgerDialog)
        dialogs_seen.append(dialog)
        if len(dialogs_seen) == 1:
            combo = dialog.unmapped_combos[("result", "不予公开")]
            combo.setCurrentIndex(combo.findData("denied.process_info"))
        return int(QDialog.DialogCode.Rejected)

    prompts.answers["open_file"] = str(ledger_path)
    prompts.answers["run_modal"] = choose_then_cancel
    main_window.count_from_ledger()
    main_window.count_from_ledger()
    second = dialogs_seen[1]
    assert second.choices == {("result", "不予公开"): "denied.process_info"}
    assert second.count.applications["denied.process_info.natural"] == 1
    assert second.unmapped_combos[("result", "不予公开")].currentData() == "denied.process_info"
    assert second.tabs.tabText(second.tabs.indexOf(second.unmapped_table)) == "无法对应的值（0）"
    # another ledger file does not inherit it
    other = write_ledger(tmp_path / "另一个台账.xlsx", ROWS)
    prompts.answers["open_file"] = str(other)
    main_window.count_from_ledger()
    assert dialogs_seen[2].choices == {}
    # cancelling changed nothing
    assert main_window.session is not None
    assert main_window.session.undo_stack.count() == 0


def test_a_signed_off_report_and_an_unreadable_ledger_are_refused_in_words(
    main_window: MainWindow, prompts: Any, report_path: Path, tmp_path: Path
) -> None:
    assert main_window.open_path(report_path)
    session = main_window.session
    assert session is not None
    xls = tmp_path / "旧.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    prompts.answers["open_file"] = str(xls)
    main_window.count_from_ledger()
    (message,) = prompts.texts("error")
    assert "旧版 Excel（.xls）" in message and ".xlsx" in message
    missing = write_ledger(tmp_path / "缺列.xlsx", [], ("编号", "收到日期", "申请人"))
    prompts.answers["open_file"] = str(missing)
    main_window.count_from_ledger()
    assert "缺少“办理结果”“答复日期”列" in prompts.texts("error")[1]
    session.sign_off("张三", dt.date(2025, 1, 20))
    assert not main_window.ledger_action.isEnabled()
    main_window.count_from_ledger()
    assert "已签发" in prompts.texts("info")[0]
    assert "run_modal" not in prompts.names()


def test_new_ledger_template_is_written_and_never_replaced_without_asking(
    main_window: MainWindow, prompts: Any, tmp_path: Path
) -> None:
    import openpyxl

    menus = {a.text(): a.menu() for a in main_window.menuBar().actions()}
    assert main_window.new_ledger_action in menus["文件(&F)"].actions()
    assert main_window.new_ledger_action.isEnabled()  # also with no report open (the 2021 format)
    prompts.answers["save_file"] = str(tmp_path / "我的台账.xlsx")
    main_window.new_ledger_action.trigger()
    written = openpyxl.load_workbook(tmp_path / "我的台账.xlsx")
    assert [s.title for s in written.worksheets] == ["依申请公开登记台账", "行政复议行政诉讼", "选项"]
    # a name typed without .xlsx: the dialog asked about that name, so replacing 我的台账.xlsx is asked here
    (tmp_path / "我的台账.xlsx").write_bytes(b"clerk's own")
    prompts.answers["save_file"] = str(tmp_path / "我的台账")
    prompts.answers["confirm"] = False
    main_window.new_ledger()
    assert (tmp_path / "我的台账.xlsx").read_bytes() == b"clerk's own"
    assert "“我的台账.xlsx”已存在，是否替换？" in prompts.texts("confirm")[0]
    prompts.answers["confirm"] = True
    main_window.new_ledger()
    assert openpyxl.load_workbook(tmp_path / "我的台账.xlsx").worksheets[0]["F1"].value == "办理结果"
    assert (tmp_path / "我的台账.xlsx.bak").read_bytes() == b"clerk's own"
    prompts.answers["save_file"] = None
    main_window.new_ledger()  # cancelled: nothing written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["我的台账.xlsx", "我的台账.xlsx.bak"]
