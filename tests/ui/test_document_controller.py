"""The document controller: one error guard for every step that reads, converts or writes a report."""

from __future__ import annotations

from pathlib import Path

from gkdesk.errors import GkError
from gkdesk.ui.document_controller import DocumentController, attempt, window_for


def test_attempt_gives_the_result_when_nothing_goes_wrong(prompts) -> None:
    assert attempt(None, "导入文本", lambda: 42) == 42
    assert prompts.names() == []


def test_attempt_shows_a_gk_error_as_its_sentence(prompts) -> None:
    def broken() -> int:
        raise GkError("“报告.docx”已损坏，无法打开")

    assert attempt(None, "读取 .docx 文件", broken) is None
    assert prompts.texts("error") == ["“报告.docx”已损坏，无法打开"]


def test_attempt_names_what_this_build_cannot_do_when_a_part_is_missing(prompts) -> None:
    def missing() -> int:
        raise ImportError("no module named docx")

    assert attempt(None, "导出 .docx 文件", missing) is None
    assert prompts.texts("error") == ["本版本暂不能导出 .docx 文件"]


def test_other_errors_are_not_swallowed(prompts) -> None:
    """A bug stays a bug (the crash handler reports it); only the user's errors are shown as sentences."""

    def bug() -> int:
        raise ZeroDivisionError

    try:
        attempt(None, "保存", bug)
    except ZeroDivisionError:
        pass
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("attempt swallowed a ZeroDivisionError")
    assert prompts.names() == []


def test_the_window_delegates_its_document_to_its_controller(
    qtbot, main_window, prompts, jiaokou_file: Path, tmp_path: Path
) -> None:
    assert isinstance(main_window.controller, DocumentController)
    assert main_window.controller.parent() is main_window  # Qt owns it with the window; no widget of its own
    assert main_window.open_path(jiaokou_file)
    assert window_for(jiaokou_file) is main_window and main_window.holds(jiaokou_file)
    copy = tmp_path / "副本.gkreport"
    assert main_window.save_to(copy)
    # the window now holds the copy and has let go of the original, whose lock is released
    assert window_for(copy) is main_window and window_for(jiaokou_file) is None
    assert main_window.status_label.text().startswith("草稿 · 2021 版格式 · 0 个错误 · 9 个警告 · 已保存 ")


def test_a_failed_open_keeps_the_report_on_screen(qtbot, main_window, prompts, jiaokou_file, tmp_path) -> None:
    assert main_window.open_path(jiaokou_file)
    broken = tmp_path / "坏.gkreport"
    broken.write_text("{ not json", encoding="utf-8")
    assert not main_window.open_path(broken)
    assert prompts.texts("error") == ["“坏.gkreport”不是完整的 gkdesk 报告文件（文件可能被截断或手工改坏）"]
    assert main_window.session is not None and main_window.session.path == jiaokou_file
