"""The window's settings, declared once with a type and a default (``gkdesk.ui.app_settings``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from gkdesk.ui.app_settings import LAST_APPROVER, LAST_FOLDER, PANE_SIZES, WINDOW_GEOMETRY, settings


def test_a_missing_setting_gives_its_default() -> None:
    assert LAST_FOLDER.get() == ""
    assert LAST_APPROVER.get() == ""
    assert WINDOW_GEOMETRY.get() is None
    assert PANE_SIZES.get() is None


def test_a_setting_reads_back_what_was_set_with_its_type() -> None:
    LAST_FOLDER.set("D:/报告/2024")
    LAST_APPROVER.set("王主任")
    PANE_SIZES.set(QByteArray(b"\x00\xff panes"))
    assert LAST_FOLDER.get() == "D:/报告/2024"
    assert LAST_APPROVER.get() == "王主任"
    state = PANE_SIZES.get()
    assert isinstance(state, QByteArray) and bytes(state.data()) == b"\x00\xff panes"
    settings().sync()
    assert settings().value("files/last_folder") == "D:/报告/2024"  # the key the file has always used


def test_an_entry_of_another_type_gives_the_default() -> None:
    """A hand-edited or old settings file never hands the window a string where it restores a geometry."""
    settings().setValue("window/geometry", "not a geometry")
    settings().setValue("signoff/approver", "")
    assert WINDOW_GEOMETRY.get() is None
    assert LAST_APPROVER.get() == ""


def test_the_open_dialog_starts_in_the_last_folder(qtbot, main_window, prompts, tmp_path, jiaokou_file) -> None:
    LAST_FOLDER.set(str(tmp_path))
    assert main_window._folder() == str(tmp_path)
    assert main_window.open_path(jiaokou_file)
    assert LAST_FOLDER.get() == str(jiaokou_file.parent)
