"""The 图表 page of the real window, and 文件 → 导出图解…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from gkdesk.io.native import write_native
from gkdesk.render.charts import DrawnFigure
from tests.render.glance_reports import compared_report
from tests.render.test_glance import expected_bars
from tests.ui.conftest import Prompts

pytestmark = pytest.mark.gui


@pytest.fixture
def compared_file(tmp_path: Path) -> Path:
    path = tmp_path / "交口县2022.gkreport"
    write_native(compared_report(), path)
    return path


def test_chart_page_draws_the_tables_and_follows_edits(
    main_window: Any, qtbot: Any, compared_file: Path, tmp_path: Path
) -> None:
    assert main_window.open_path(compared_file)
    document = main_window.document
    document.navigator.select("图表")
    page = document.pages["图表"]
    assert document.stack.currentWidget() is page
    qtbot.waitUntil(lambda: bool(page.canvas.drawn))
    assert page.canvas.drawn == expected_bars(main_window.session.report)
    assert not page.hint.isVisibleTo(page)  # last year's report is inside
    shot = tmp_path / "chart-page.png"  # looked at during development
    assert main_window.grab().save(str(shot))
    assert QImage(str(shot)).width() > 0
    # Typing the unread cell replaces 未读 by the figure on the next paint.
    assert next(d for d in page.canvas.drawn if d.label == "法律服务机构").this_year == "未读"
    main_window.session.set_cell("applications", "new.legal", 4)
    expected = DrawnFigure("本年新收申请（按申请人）", "法律服务机构", "4", "0")
    qtbot.waitUntil(lambda: expected in page.canvas.drawn)
    assert page.canvas.drawn == expected_bars(main_window.session.report)


def test_chart_page_says_when_there_is_no_last_year(main_window: Any, qtbot: Any) -> None:
    assert main_window.open_example()
    main_window.document.navigator.select("图表")
    page = main_window.document.pages["图表"]
    qtbot.waitUntil(lambda: bool(page.canvas.drawn))
    assert page.hint.isVisibleTo(page)
    assert "没有上年报告" in page.hint.text()
    assert {d.last_year for d in page.canvas.drawn} == {"—"}


def test_export_graphic_action(main_window: Any, prompts: Prompts, compared_file: Path, tmp_path: Path) -> None:
    assert not main_window.export_graphic_action.isEnabled()  # nothing open yet
    assert main_window.open_path(compared_file)
    assert main_window.export_graphic_action.isEnabled()
    target = tmp_path / "out" / "图解"
    target.parent.mkdir()
    prompts.answers["save_file"] = str(target)
    main_window.export_graphic_action.trigger()
    written = target.with_name("图解.png")  # no suffix given: .png
    assert QImage(str(written)).size().toTuple() == (1200, 1697)
    caption, suggested, filters = prompts.calls[-1][1]
    assert caption == "导出图解"
    assert suggested.endswith("（图解）.png")
    assert "PDF" in filters
    pdf = tmp_path / "out" / "图解.pdf"
    prompts.answers["save_file"] = str(pdf)
    main_window.document.navigator.select("图表")
    main_window.document.pages["图表"].export_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main_window.statusBar().currentMessage() == f"已导出图解：{pdf}"
