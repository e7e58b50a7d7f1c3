"""Saving over a read-only report in the window: a Chinese prompt, the file and its read-only mark untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")]


def test_saving_over_a_read_only_report_is_refused(qtbot, main_window, prompts, jiaokou_file: Path) -> None:
    assert main_window.open_path(jiaokou_file)
    before = jiaokou_file.read_bytes()
    jiaokou_file.chmod(0o444)
    try:
        with qtbot.captureExceptions() as raised:
            assert main_window.save() is False
        assert raised == []
        assert prompts.names()[-1] == "error"
        message = prompts.texts("error")[-1]
        assert "只读" in message and "原文件未改动" in message and jiaokou_file.name in message
        assert jiaokou_file.read_bytes() == before
        assert stat.S_IMODE(jiaokou_file.stat().st_mode) == 0o444
        assert not jiaokou_file.with_name(jiaokou_file.name + ".bak").exists()
    finally:
        jiaokou_file.chmod(0o644)
