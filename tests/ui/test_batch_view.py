"""文件 → 批量检查… in the real window: a folder's reports in a sortable table, progress with 取消, double-click opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gkdesk.batch import top_findings
from gkdesk.domain.assessment import self_assess
from gkdesk.domain.checker import check
from gkdesk.io.native import write_native
from gkdesk.ui.batch_view import PATH_ROLE, BatchView
from tests.cli.test_batch_xlsx import BROKEN_REASON, _reports
from tests.ui.conftest import Prompts

pytestmark = pytest.mark.gui
ERRORS, WARNINGS, FILE = 3, 4, 7


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的报告"
    (folder / "乡镇").mkdir(parents=True)
    for name, report in _reports().items():
        write_native(report, folder / ("乡镇" if "试行" in name else "") / name)
    (folder / "broken.gkreport").write_text("{", encoding="utf-8")
    return folder


def _open_view(main_window: Any, prompts: Prompts, qtbot: Any, folder: Path) -> BatchView:
    prompts.answers["choose_folder"] = str(folder)
    main_window.batch_check_action.trigger()
    view = main_window.findChild(BatchView, "batchView")
    assert isinstance(view, BatchView)
    qtbot.waitUntil(lambda: not view.runner.running)
    return view


def _column(view: BatchView, column: int) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_batch_view_lists_sorts_and_opens(
    main_window: Any, prompts: Prompts, qtbot: Any, *, qtmodeltester: Any, folder: Path, tmp_path: Path
) -> None:
    view = _open_view(main_window, prompts, qtbot, folder)
    model = view.model
    qtmodeltester.check(model)
    qtmodeltester.check(view.proxy)
    assert prompts.calls[0][0] == "choose_folder"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "机关", "年度", "格式", "错误", "警告", "缺少要素", "自查得分", "文件", "主要问题",
    ]  # fmt: skip
    reports = _reports()
    shown = {model.index(r, FILE).data(): r for r in range(model.rowCount())}
    assert set(shown) == {"a-交口县.gkreport", "b-对比.gkreport", "broken.gkreport", "乡镇/c-试行版.gkreport"}
    for name, report in reports.items():
        r = shown[name if "试行" not in name else f"乡镇/{name}"]
        result = check(report)
        cells = [model.index(r, c).data() for c in range(model.columnCount())]
        top = "；".join(f"{f.code} {f.message}" for f in top_findings(result))
        fmt = "2021 版" if report.format == "2021" else "2019 试行版"
        assessment = self_assess(report, result)
        assert cells == [report.agency, str(report.year), fmt, str(len(result.errors)), str(len(result.warnings)),
                         "、".join(assessment.missing_labels), str(assessment.score), cells[FILE], top]  # fmt: skip
    broken = shown["broken.gkreport"]
    assert model.index(broken, 8).data() == f"无法读取：{BROKEN_REASON}"
    assert model.index(broken, FILE).data(Qt.ItemDataRole.ToolTipRole) == str(folder / "broken.gkreport")
    assert view.status.text() == "共检查 4 个文件：2 个有错误（其中 1 个无法读取）"
    assert _column(view, FILE) == sorted(shown)  # in path order until a column header is clicked
    # Sorting: errors as numbers, most first; the unreadable file (no count) last.
    view.table.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    assert _column(view, FILE)[0] == "b-对比.gkreport"
    assert _column(view, FILE)[-1] == "broken.gkreport"
    errors = [int(e) for e in _column(view, ERRORS)[:-1]]
    assert errors == sorted(errors, reverse=True) and errors[0] == len(check(reports["b-对比.gkreport"]).errors)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by agency
    assert _column(view, 0) == ["", "交口县", "交口县", "示例乡人民政府"]
    # 导出汇总表 writes what the table shows, as .xlsx
    out = tmp_path / "汇总.xlsx"
    prompts.answers["save_file"] = str(out)
    view.export_button.click()
    sheet = load_workbook(out)["汇总"]
    assert sheet.max_row == 5
    assert [c.value for c in sheet[1]][:3] == ["机关", "年度", "格式"]
    # Double-click a row: that report opens in the editor.
    view.table.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    index = view.proxy.index(0, 0)
    target = Path(index.data(PATH_ROLE))
    assert target.name == "b-对比.gkreport"
    view.table.scrollTo(index)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: main_window.session is not None and main_window.session.path == target)
    assert main_window.session.report.year == 2022
    view.close()


def test_batch_view_cancel_stops_between_files(
    main_window: Any, prompts: Prompts, qtbot: Any, folder: Path, tmp_path: Path
) -> None:
    many = tmp_path / "many"
    many.mkdir()
    report = _reports()["a-交口县.gkreport"]
    for i in range(30):
        write_native(report, many / f"{i:02d}.gkreport")
    view = _open_view(main_window, prompts, qtbot, folder)
    progress_seen: list[tuple[int, int]] = []
    view.runner.progressed.connect(lambda done, total: progress_seen.append((done, total)))

    def cancel_after_three(_row: object) -> None:
        if view.model.rowCount() == 3 and view.progress is not None:
            buttons = view.progress.findChildren(QPushButton)
            assert [b.text() for b in buttons] == ["取消"]
            buttons[0].click()

    view.runner.rowChecked.connect(cancel_after_three)
    with qtbot.waitSignal(view.runner.finished, timeout=10000) as finished:
        view.start(many)
        assert view.progress is not None and view.progress.maximum() == 30
    assert finished.args == [True]
    assert view.model.rowCount() == 3
    assert progress_seen == [(0, 30), (1, 30), (2, 30)]  # cancelled while the third row came in
    assert view.status.text() == "已取消：检查了 3/30 个文件：0 个有错误（其中 0 个无法读取）"
    assert view.progress is None
    view.close()
