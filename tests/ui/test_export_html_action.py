"""导出网页: the window's web page export, next to 导出文本, a draft until signed off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gkdesk.io.files import load_report
from gkdesk.io.txt_writer import DRAFT_MARK


def test_export_html_action_writes_the_page(qtbot, main_window, prompts, jiaokou_file, tmp_path) -> None:
    assert main_window.open_path(jiaokou_file)
    calls: list[tuple[str, str, str]] = []

    def choose(_parent: object, caption: str, suggested: str, filters: str) -> str:
        calls.append((caption, suggested, filters))
        return str(tmp_path / f"page{len(calls)}")  # no suffix typed: .html is added

    prompts.answers["save_file"] = choose
    assert main_window.export_html_action.isEnabled()
    assert main_window.export_html_action.text() == "导出网页"
    main_window.export_html_action.trigger()
    draft = tmp_path / "page1.html"
    assert draft.exists()
    caption, suggested, filters = calls[0]
    assert caption == "导出网页" and "*.html" in filters
    assert Path(suggested).name == "交口县 2021 年政府信息公开工作年度报告（草稿）.html"
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and DRAFT_MARK in text
    assert "已导出草稿" in main_window.statusBar().currentMessage()
    back, source = load_report(draft), load_report(jiaokou_file)
    for form_id, table in source.tables.items():
        assert {c.cell_id: back.tables[form_id].get(c.cell_id) for c in table.form.cells} == {
            c.cell_id: table.get(c.cell_id) for c in table.form.cells
        }

    prompts.answers["ask_sign_off"] = ("张三", dt.date(2022, 1, 24))
    main_window.sign_off()
    final = main_window.export(".html")
    assert final == tmp_path / "page2.html"
    assert "草稿" not in final.read_text(encoding="utf-8")
    assert "已导出正式版" in main_window.statusBar().currentMessage()
    assert not prompts.texts("error")


def test_export_html_sits_next_to_export_text_in_the_file_menu(main_window) -> None:
    names = [action.text() for action in main_window.menuBar().actions()[0].menu().actions()]
    assert names.index("导出网页") == names.index("导出文本") + 1
