"""The table item models: official geometry, parsing, undo, painting of findings, exact dataChanged ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gkdesk.domain.forms import FORM_IDS, VARIANTS, FormId, Variant, form
from gkdesk.domain.report import new_report, new_table
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_model import (
    CELL_ID_ROLE,
    ERROR_COLOUR,
    GRID_ROLE,
    TOTAL_COLOUR,
    WARNING_COLOUR,
    TableModel,
)
from tests.ui._table_fixtures import count, make_session, shown

BG = Qt.ItemDataRole.BackgroundRole
TIP = Qt.ItemDataRole.ToolTipRole
EDIT = Qt.ItemDataRole.EditRole


def _model(variant: Variant = "2021", form_id: FormId = "applications") -> tuple[ReportSession, TableModel]:
    session = make_session(variant)
    return session, TableModel(session, form_id)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_table_model_passes_the_qt_model_tester(qtmodeltester, form_id: FormId, variant: Variant) -> None:
    session, model = _model(variant, form_id)
    # Some figures and some findings, so every role has something to say.
    first = model.value_cell_ids()[0]
    model.setData(model.index_of(first), "7", EDIT)
    session.set_auto_total(False)
    qtmodeltester.check(model)
    assert model.rowCount() == form(form_id, variant).n_rows
    assert model.columnCount() == form(form_id, variant).n_cols


@pytest.mark.parametrize("variant", VARIANTS)
def test_applications_grid_has_the_official_geometry(variant: Variant) -> None:
    _session, model = _model(variant)
    note = model.index(0, 0)
    assert note.data() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert note.data(GRID_ROLE) == "note"
    assert model.index(0, 3).data() == "申请人情况"
    assert model.index(1, 3).data() == "自然人"
    assert model.index(1, 4).data() == "法人或其他组织"
    assert model.index(1, 9).data() == "总计"
    assert [model.index(2, c).data() for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert model.index(3, 0).data() == "一、本年新收政府信息公开申请数量"
    assert model.index(5, 0).data() == "三、本年度办理结果"
    # Slots covered by a merge show nothing.
    assert model.index(0, 1).data() is None
    assert model.index(0, 1).data(GRID_ROLE) == ""
    spans = set(model.spans())
    assert (0, 0, 3, 3) in spans
    assert (0, 3, 1, 7) in spans
    assert (1, 4, 1, 5) in spans
    results_rows = 22 if variant == "2021" else 20
    assert (5, 0, results_rows, 1) in spans
    assert model.index(3, 3).data(CELL_ID_ROLE) == "new.natural"
    assert model.index(model.rowCount() - 1, 9).data(CELL_ID_ROLE) == "carry_out.total"


def test_labels_and_headers_are_read_only_values_editable_totals_locked_while_auto_total() -> None:
    session, model = _model()
    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & editable  # note
    assert not model.flags(model.index(1, 3)) & editable  # header
    assert not model.flags(model.index(3, 0)) & editable  # label
    assert model.flags(model.index_of("new.natural")) & editable
    assert not model.flags(model.index_of("new.total")) & editable
    assert not model.flags(model.index_of("total.natural")) & editable
    assert model.index_of("total.natural").data(BG).color() == TOTAL_COLOUR
    session.set_auto_total(False)
    assert model.flags(model.index_of("new.total")) & editable
    assert model.flags(model.index_of("total.natural")) & editable


def test_valid_entry_goes_through_the_undo_stack_and_updates_totals() -> None:
    session, model = _model()
    assert model.setData(model.index_of("new.natural"), "12", EDIT)
    assert count(session, "applications", "new.natural") == 12
    assert shown(model, "new.natural") == "12"
    assert shown(model, "new.total") == "12"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert count(session, "applications", "new.natural") == 0
    assert shown(model, "new.total") == "0"
    session.undo_stack.redo()
    assert shown(model, "new.natural") == "12"
    assert shown(model, "new.total") == "12"


@pytest.mark.parametrize(
    ("typed", "value"),
    [("１２", 12), ("1,234", 1234), ("１，２３４", 1234), (" 7 件", 7), ("0", 0), ("", 0), ("/", 0)],
)
def test_counts_accept_full_width_digits_separators_and_blanks(typed: str, value: int) -> None:
    session, model = _model()
    model.setData(model.index_of("granted.biz"), "5", EDIT)
    assert model.setData(model.index_of("granted.biz"), typed, EDIT)
    assert count(session, "applications", "granted.biz") == value
    assert shown(model, "granted.biz") == str(value)
    assert shown(model, "total.biz") == str(value)


@pytest.mark.parametrize(
    ("typed", "words"),
    [("-3", "负数"), ("abc", "不是整数"), ("1.5", "不是整数"), ("12a", "不是整数")],
)
def test_bad_counts_are_refused_with_a_visible_message(qtbot, typed: str, words: str) -> None:
    session, model = _model()
    model.setData(model.index_of("new.natural"), "4", EDIT)
    with qtbot.waitSignal(model.inputRejected) as blocker:
        assert not model.setData(model.index_of("new.natural"), typed, EDIT)
    message = blocker.args[0]
    assert words in message
    assert "自然人" in message  # names the cell
    assert count(session, "applications", "new.natural") == 4
    assert session.undo_stack.count() == 1


def test_fee_keeps_exactly_the_decimal_typed(qtbot) -> None:
    session, model = _model(form_id="disclosure")
    fee = model.index_of("art20_8.fees.amount_wan")
    assert model.setData(fee, "53.6836", EDIT)
    assert session.report.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("53.6836")
    assert isinstance(session.report.disclosure.amounts["art20_8.fees.amount_wan"], Decimal)
    assert fee.data(EDIT) == "53.6836"
    assert fee.data() == "53.6836"
    assert model.setData(fee, "0.50", EDIT)
    assert fee.data(EDIT) == "0.50"
    assert model.setData(fee, "１，２３４.５", EDIT)
    assert session.report.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("1234.5")
    with qtbot.waitSignal(model.inputRejected) as blocker:
        assert not model.setData(fee, "-1.2", EDIT)
    assert "负数" in blocker.args[0]
    assert fee.data(EDIT) == "1234.5"


def test_2019_trial_signed_change_and_procurement_text() -> None:
    session, model = _model("2019-trial", "disclosure")
    assert model.setData(model.index_of("art20_5.licensing.change"), "-3", EDIT)
    assert count(session, "disclosure", "art20_5.licensing.change") == -3
    assert model.setData(model.index_of("art20_9.procurement.amount"), "62423198.43元", EDIT)
    assert session.report.disclosure.texts["art20_9.procurement.amount"] == "62423198.43元"
    assert shown(model, "art20_9.procurement.amount") == "62423198.43元"


def test_typing_into_a_total_while_auto_total_is_on_is_refused_with_the_reason(qtbot) -> None:
    session, model = _model()
    with qtbot.waitSignal(model.inputRejected) as blocker:
        assert not model.setData(model.index_of("total.natural"), "3", EDIT)
    assert "自动合计" in blocker.args[0]
    assert session.undo_stack.count() == 0


def test_unchanged_value_adds_no_undo_step() -> None:
    session, model = _model()
    model.setData(model.index_of("new.natural"), "3", EDIT)
    model.setData(model.index_of("new.natural"), "３", EDIT)
    assert session.undo_stack.count() == 1


def test_mismatching_total_turns_red_with_the_expected_value_and_back(qtbot) -> None:
    session, model = _model()
    session.set_auto_total(False)
    model.setData(model.index_of("granted.natural"), "5", EDIT)
    total = model.index_of("total.natural")
    assert total.data(BG).color() == ERROR_COLOUR
    tip = total.data(TIP)
    assert "应为 5" in tip
    assert "R2" in tip
    assert model.index_of("new.natural").data(BG) is None  # R1 still balances: 0 + 0 = 0 + 0
    assert model.setData(total, "5", EDIT)
    # Now R2 holds and R1 fails: the whole 自然人 column of the balance is red; 商业企业 stays clean.
    assert "R2" not in total.data(TIP)
    assert "R1" in total.data(TIP)
    assert total.data(BG).color() == ERROR_COLOUR
    assert model.index_of("new.natural").data(BG).color() == ERROR_COLOUR
    assert model.index_of("carry_out.natural").data(BG).color() == ERROR_COLOUR
    assert model.index_of("new.biz").data(BG) is None
    model.setData(model.index_of("new.natural"), "7", EDIT)
    assert "应为 2" in model.index_of("carry_out.natural").data(TIP)  # the fix R1 proposes: 7 + 0 = 5 + 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert total.data(BG).color() == TOTAL_COLOUR
    assert "应为" not in total.data(TIP)


def test_warning_cells_are_amber() -> None:
    report = new_report("交口县人民政府", 2024)
    report.applications.blank_cells = ["new.legal"]
    session = ReportSession(report)
    model = TableModel(session, "applications")
    cell = model.index_of("new.legal")
    assert cell.data(BG).color() == WARNING_COLOUR
    assert "空白" in cell.data(TIP)
    assert model.setData(cell, "0", EDIT)  # typing the 0 confirms the blank cell
    assert cell.data(BG) is None
    assert session.report.applications.blank_cells == []


def test_data_changed_covers_exactly_the_changed_cells(qtbot) -> None:
    _session, model = _model()
    model.setData(model.index_of("new.natural"), "2", EDIT)
    model.setData(model.index_of("carry_out.natural"), "2", EDIT)  # balanced again: no findings in the grid
    ranges: list[tuple[int, int, int, int, tuple[int, ...]]] = []
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(
        lambda tl, br, roles: ranges.append((tl.row(), tl.column(), br.row(), br.column(), tuple(roles)))
    )
    model.setData(model.index_of("granted.biz"), "4", EDIT)
    values = sorted((r[0], r[1], r[2], r[3]) for r in ranges if not r[4])
    pos = {
        c: form("applications").value_position(c) for c in ("granted.biz", "granted.total", "total.biz", "total.total")
    }
    # granted.biz and its two totals (row and column) and the grand total changed value; nothing else.
    assert values == sorted(
        [
            (*pos["granted.biz"], *pos["granted.biz"]),
            (*pos["granted.total"], *pos["granted.total"]),
            (*pos["total.biz"], *pos["total.biz"]),
            (*pos["total.total"], *pos["total.total"]),
        ]
    )
    painted = {(r[0], r[1]) for r in ranges if r[4]}
    assert all(r[0] == r[2] and r[1] == r[3] for r in ranges if r[4])
    # R1 now fails in the 商业企业 and 总计 columns: exactly those four balance rows were repainted.
    rows = [form("applications").value_position(f"{r}.biz")[0] for r in ("new", "carry_in", "total", "carry_out")]
    biz_col = pos["granted.biz"][1]
    total_col = pos["granted.total"][1]
    assert painted == {(r, biz_col) for r in rows} | {(r, total_col) for r in rows}
    assert not resets


def test_read_only_session_refuses_edits(qtbot) -> None:
    session, model = _model()
    model.setData(model.index_of("new.natural"), "3", EDIT)
    session.sign_off("张三", dt.date(2025, 1, 20))
    cell = model.index_of("new.natural")
    assert not model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.inputRejected) as blocker:
        assert not model.setData(cell, "5", EDIT)
    assert "只读" in blocker.args[0]
    assert count(session, "applications", "new.natural") == 3
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed


def test_a_converted_table_resets_the_model_to_its_new_geometry(qtbot) -> None:
    session, model = _model("2019-trial")
    rows_2019 = model.rowCount()
    session.report.tables["applications"] = new_table("applications", "2021")
    with qtbot.waitSignal(model.modelReset):
        session.notify_cells("applications", [])
    assert model.rowCount() == rows_2019 + 2
    assert model.index_of("other.overdue_fee.natural").isValid()


def test_retyping_a_cell_is_one_step_but_a_fix_or_clear_after_it_is_its_own() -> None:
    session, model = _model()
    session.set_auto_total(False)
    model.setData(model.index_of("granted.natural"), "3", EDIT)
    model.setData(model.index_of("total.natural"), "1", EDIT)
    model.setData(model.index_of("total.natural"), "2", EDIT)  # retyped: merged
    assert session.undo_stack.count() == 2
    fix = next(f for f in session.result.findings if f.code == "R2")
    session.apply_fix(fix)
    assert count(session, "applications", "total.natural") == 3
    assert session.undo_stack.count() == 3
    assert session.undo_stack.undoText() == "修正 R2"
    session.undo_stack.undo()
    assert count(session, "applications", "total.natural") == 2


def test_retyping_a_cell_back_to_its_old_value_repaints_its_totals(qtbot) -> None:
    session, model = _model(form_id="review_litigation")
    model.setData(model.index_of("review.upheld"), "5", EDIT)
    assert shown(model, "review.total") == "5"
    findings = session.result.findings
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, _br, _roles: changed.append((tl.row(), tl.column())))
    model.setData(model.index_of("review.upheld"), "0", EDIT)  # merged with the first edit: back to the start
    assert session.undo_stack.count() == 1
    assert session.result.findings == findings  # no finding changed, so only the value path can repaint it
    assert form("review_litigation").value_position("review.total") in changed
    assert shown(model, "review.total") == "0"


def test_typing_into_a_table_the_source_lacked_makes_it_part_of_the_report(qtbot) -> None:
    session, model = _model()
    session.report.applications.present = False
    session.recheck()
    session.set_auto_total(False)
    assert model.setData(model.index_of("granted.natural"), "4", EDIT)
    assert session.report.applications.present
    assert any(f.code == "R2" for f in session.result.findings)  # now checked like any other table
    session.undo_stack.undo()
    assert not session.report.applications.present
    session.undo_stack.redo()
    assert session.report.applications.present
