"""导出 PDF: the window's PDF export (the renderer's pages), in the File menu and on the toolbar, a draft until
signed off, the export log in the status bar."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from gkdesk.io.files import load_report


def test_export_pdf_action_writes_the_pages(qtbot, main_window, prompts, jiaokou_file, tmp_path) -> None:
    assert main_window.open_path(jiaokou_file)
    calls: list[tuple[str, str, str]] = []

    def choose(_parent: object, caption: str, suggested: str, filters: str) -> str:
        calls.append((caption, suggested, filters))
        return str(tmp_path / f"report{len(calls)}")  # no suffix typed: .pdf is added

    prompts.answers["save_file"] = choose
    assert main_window.export_pdf_action.isEnabled()
    main_window.export_pdf_action.trigger()
    draft = tmp_path / "report1.pdf"
    assert draft.read_bytes().startswith(b"%PDF-")
    caption, suggested, filters = calls[0]
    assert caption == "导出 PDF" and "*.pdf" in filters
    assert Path(suggested).name == "交口县 2021 年政府信息公开工作年度报告（草稿）.pdf"
    message = main_window.statusBar().currentMessage()
    assert "已导出草稿" in message and "PDF 使用的字体" in message
    text = subprocess.run(["pdftotext", str(draft), "-"], capture_output=True, check=True, text=True).stdout
    assert text.count("草稿") == text.count("\f")  # on every page
    back, source = load_report(draft), load_report(jiaokou_file)
    for form_id, table in source.tables.items():
        assert {c.cell_id: back.tables[form_id].get(c.cell_id) for c in table.form.cells} == {
            c.cell_id: table.get(c.cell_id) for c in table.form.cells
        }

    prompts.answers["ask_sign_off"] = ("张三", dt.date(2022, 1, 24))
    main_window.sign_off()
    final = main_window.export(".pdf")
    assert final == tmp_path / "report2.pdf"
    text = subprocess.run(["pdftotext", str(final), "-"], capture_output=True, check=True, text=True).stdout
    assert "草稿" not in text and "3388" in text
    assert "已导出正式版" in main_window.statusBar().currentMessage()
    assert not prompts.texts("error")


def test_export_pdf_sits_after_export_web_page_and_fits_the_toolbar_at_1024(qtbot, main_window) -> None:
    names = [action.text() for action in main_window.menuBar().actions()[0].menu().actions()]
    assert names.index("导出 PDF") == names.index("导出网页") + 1
    main_window.resize(1024, 700)
    qtbot.waitUntil(lambda: main_window.width() == 1024)
    bar = main_window.toolbar
    for action in bar.actions():
        if action.isSeparator():
            continue
        button = bar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert button.geometry().right() <= bar.width(), action.text()
    shots = os.environ.get("GKDESK_SCREENSHOTS")
    if shots:
        main_window.grab().save(str(Path(shots) / "toolbar-1024.png"))


def test_the_source_part_headings_are_kept_on_request_and_remembered(qtbot, main_window, prompts, tmp_path) -> None:
    from gkdesk.domain.report import new_report
    from gkdesk.io.files import save_report
    from gkdesk.ui.app_settings import KEEP_SOURCE_TITLES

    report = new_report("示例县人民政府", 2024)
    report.parts["六"].title = "六、其他需要报告事项"  # the source's wording, not the official one
    source = tmp_path / "r.gkreport"
    save_report(report, source)
    assert main_window.open_path(source)
    prompts.answers["save_file"] = lambda *_args: str(tmp_path / "official.txt")
    assert not main_window.keep_source_titles_action.isChecked()
    main_window.export(".txt")
    official = (tmp_path / "official.txt").read_text(encoding="utf-8")
    assert "六、其他需要报告的事项" in official and "其他需要报告事项\n" not in official
    main_window.keep_source_titles_action.trigger()
    assert KEEP_SOURCE_TITLES.get() is True  # remembered for the next session
    prompts.answers["save_file"] = lambda *_args: str(tmp_path / "source.txt")
    main_window.export(".txt")
    kept = (tmp_path / "source.txt").read_text(encoding="utf-8")
    assert "六、其他需要报告事项" in kept and "保留原文" in main_window.statusBar().currentMessage()
    main_window.keep_source_titles_action.trigger()
    assert KEEP_SOURCE_TITLES.get() is False
