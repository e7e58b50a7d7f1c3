"""The window's action table (``gkdesk.ui.window_actions``): every command declared once and built from there."""

from __future__ import annotations

import datetime as dt

from gkdesk.ui.commands import conversion_label
from gkdesk.ui.main_window import MainWindow
from gkdesk.ui.window_actions import ACTIONS, MENUS, RECENT_MENU, SEPARATOR, TOOLBAR, TOOLBAR_TOGGLE

_MARKERS = {SEPARATOR, RECENT_MENU, TOOLBAR_TOGGLE}


def test_every_spec_names_a_window_method_and_every_entry_a_spec() -> None:
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    for spec in ACTIONS:
        assert callable(getattr(MainWindow, spec.slot)), spec.slot
        assert f"{spec.name}_action" in MainWindow.__annotations__, spec.name  # typed on the window
    entries = [e for _attr, _title, menu in MENUS for e in menu] + list(TOOLBAR)
    assert {e for e in entries if e not in _MARKERS} <= set(names)
    placed = {e for _attr, _title, menu in MENUS for e in menu}
    assert set(names) <= placed  # no command only reachable from the toolbar (or from nowhere)


def test_the_window_builds_each_spec_into_its_attribute_menus_and_toolbar(main_window) -> None:
    for spec in ACTIONS:
        action = getattr(main_window, f"{spec.name}_action")
        assert action is main_window.actions_by_name[spec.name]
        assert action.text() == spec.text and action.statusTip() == spec.tip
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == [title for _attr, title, _entries in MENUS]
    report_menu = [a.text() for a in main_window.report_menu.actions() if not a.isSeparator()]
    assert report_menu == ["自动合计", "检查", conversion_label(), "从登记台账统计…", "签发", "撤销签发", "导入说明"]
    assert main_window.file_menu.actions()[2].menu() is main_window.recent_menu
    assert main_window.view_menu.actions()[0] is main_window.toolbar.toggleViewAction()


def test_enabled_when_follows_the_document(main_window, prompts) -> None:
    """No report: only what needs none; a report: what it allows; signed off: only what a final report allows."""
    always = {spec.name for spec in ACTIONS if spec.enabled is None}
    enabled = {name for name, action in main_window.actions_by_name.items() if action.isEnabled()}
    assert enabled == always
    assert main_window.open_example()
    enabled = {name for name, action in main_window.actions_by_name.items() if action.isEnabled()}
    # the example: imported once (it keeps its import log), no previous year, nothing to undo, in the current
    # format, not signed off
    assert main_window.session is not None and main_window.session.report.import_log
    assert enabled == always | {
        "save", "save_as", "export_docx", "export_txt", "export_html", "export_pdf", "preview", "next_year",
        "export_graphic", "ledger", "fix_all", "auto_total", "check", "sign", "import_log",
    }  # fmt: skip
    assert main_window.session is not None
    main_window.session.sign_off("王主任", dt.date(2025, 1, 20))
    enabled = {name for name, action in main_window.actions_by_name.items() if action.isEnabled()}
    assert enabled - always == {
        "save", "save_as", "export_docx", "export_txt", "export_html", "export_pdf", "preview", "next_year",
        "export_graphic", "check", "revoke", "import_log",
    }  # fmt: skip
