"""转换为 2021 版格式: a 2019-trial or mixed report converted in the window, as one undo step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gkdesk.domain.forms import form
from gkdesk.domain.rollover import table_to_2021
from gkdesk.ui.main_window import MainWindow
from gkdesk.ui.table_editor import TableEditor

pytestmark = pytest.mark.gui


@pytest.fixture
def zezhou_seed(seeds_dir: Path) -> Path:
    """泽州县政府办 2021: table 二 in the 2021 format, table 三 still in the 2019 trial format (MIXED + FORMAT)."""
    return seeds_dir / "zezhou-county-office-2021.txt"


def _codes(window: MainWindow) -> set[str]:
    assert window.session is not None
    return {f.code for f in window.session.result.findings}


def _table_three(window: MainWindow) -> TableEditor:
    assert window.document is not None
    window.document.show_part("三")
    page = window.document.pages["三"]
    assert isinstance(page, TableEditor)
    return page


def test_mixed_report_is_converted_from_the_problems_panel_and_undo_restores_it(
    qtbot, main_window, prompts, zezhou_seed
) -> None:
    assert main_window.open_path(zezhou_seed)
    session = main_window.session
    assert session is not None
    assert {"MIXED", "FORMAT"} <= _codes(main_window)
    assert main_window.convert_action.isEnabled()
    grid = _table_three(main_window)
    assert grid.model.rowCount() == form("applications", "2019-trial").n_rows
    # A figure in the 2019 single row （六）其他处理, so the test sees it carried (the seed has 0 there).
    session.set_cell("applications", "other.natural", 3)
    old = session.report.tables["applications"].model_copy(deep=True)
    expected, notes = table_to_2021(old)
    assert notes

    panel = main_window.document.problems
    row = next(i for i, f in enumerate(panel.model.findings) if f.code == "MIXED")
    panel.select_row(row)
    assert panel.fix_button.isEnabled()
    prompts.answers["confirm"] = True
    with qtbot.waitSignal(session.findingsChanged):
        qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)

    (question,) = prompts.texts("confirm")
    assert "将第三项表格由 2019 试行版格式转换为 2021 版格式。" in question
    for note in notes:  # what cannot be carried as it was is named before anything changes
        assert note.message in question
    table = session.report.tables["applications"]
    assert table.variant == "2021"
    assert table.get("other.other.natural") == 3 == old.get("other.natural")
    assert {c: table.get(c) for c in table.form.cell_ids()} == {c: expected.get(c) for c in expected.form.cell_ids()}
    assert session.report.tables["disclosure"].variant == "2021"
    assert not {"MIXED", "FORMAT"} & _codes(main_window)
    assert [e.message for e in session.report.import_log[-len(notes) :]] == [n.message for n in notes]
    # The grid follows the new format: the 2021 rows, the carried figure in its new cell.
    assert grid.model.form.variant == "2021"
    assert grid.model.rowCount() == form("applications", "2021").n_rows
    assert grid.model.index_of("other.other.natural").data(Qt.ItemDataRole.DisplayRole) == "3"
    assert not main_window.convert_action.isEnabled()
    assert session.undo_stack.undoText() == "转换为 2021 版格式"

    session.undo_stack.undo()  # one step back to the 2019 table exactly as it was
    restored = session.report.tables["applications"]
    assert restored.variant == "2019-trial"
    assert restored == old
    assert {"MIXED", "FORMAT"} <= _codes(main_window)
    assert grid.model.rowCount() == form("applications", "2019-trial").n_rows
    assert grid.model.index_of("other.natural").data(Qt.ItemDataRole.DisplayRole) == "3"
    assert main_window.convert_action.isEnabled()
    assert session.undo_stack.undoText() != "转换为 2021 版格式"


def test_declining_the_conversion_changes_nothing(main_window, prompts, zezhou_seed) -> None:
    assert main_window.open_path(zezhou_seed)
    session = main_window.session
    assert session is not None
    before = session.report.model_copy(deep=True)
    prompts.calls.clear()  # opening a .txt showed its import notes
    prompts.answers["confirm"] = False
    main_window.convert_action.trigger()
    assert prompts.names() == ["confirm"]
    assert session.report == before
    assert session.undo_stack.count() == 0


def test_signed_report_offers_no_conversion(main_window, prompts, zezhou_seed) -> None:
    assert main_window.open_path(zezhou_seed)
    session = main_window.session
    assert session is not None
    session.sign_off("张三", dt.date(2022, 1, 20))
    assert not main_window.convert_action.isEnabled()
    panel = main_window.document.problems
    panel.select_row(next(i for i, f in enumerate(panel.model.findings) if f.code == "FORMAT"))
    assert not panel.fix_button.isEnabled()
