"""Merging in the window: a refusal of the domain (``MergeError``) is a Chinese prompt, never the crash handler."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkdesk.domain.merge import MergeError
from gkdesk.domain.report import new_report
from gkdesk.domain.values import ValueInputError
from gkdesk.errors import GkError
from gkdesk.io import errors as io_errors
from gkdesk.io.native import write_native

pytestmark = pytest.mark.gui


def test_domain_errors_share_the_root_the_window_and_cli_catch() -> None:
    assert io_errors.GkError is GkError  # the old import path still names the same class
    for error in (MergeError, ValueInputError, io_errors.ReportReadError, io_errors.ReportWriteError):
        assert issubclass(error, GkError)
    assert issubclass(MergeError, ValueError) and issubclass(ValueInputError, ValueError)  # as before


def _report_file(folder: Path, name: str, year: int) -> Path:
    path = folder / name
    write_native(new_report(f"{name}机关", year), path)
    return path


def test_merging_reports_of_different_years_is_a_chinese_prompt(qtbot, main_window, prompts, tmp_path) -> None:
    files = [str(_report_file(tmp_path, "甲.gkreport", 2024)), str(_report_file(tmp_path, "乙.gkreport", 2025))]
    prompts.answers["open_files"] = files
    prompts.answers["ask_text"] = "某县"
    with qtbot.captureExceptions() as raised:
        main_window.merge_action.trigger()
    assert raised == []
    assert prompts.names() == ["open_files", "ask_text", "error"]
    message = prompts.texts("error")[0]
    assert "不能汇总不同年度的报告" in message and "2024" in message and "2025" in message
    assert main_window.session is None or main_window.session.report.year != 2024


def test_merging_an_empty_selection_of_reports_does_nothing(qtbot, main_window, prompts) -> None:
    prompts.answers["open_files"] = []
    main_window.merge_action.trigger()
    assert prompts.names() == ["open_files"]
