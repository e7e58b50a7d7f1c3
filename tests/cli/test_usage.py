"""Usage errors of the command line: a mistyped subcommand and a missing display are one Chinese line and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gkdesk import smoke
from gkdesk.cli import main
from gkdesk.ui import app

CJK = "\u4e00"


def _scrubbed_env(**extra: str) -> dict[str, str]:
    """This process's environment without any display (and without a forced Qt platform)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def _gkdesk(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gkdesk", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _one_chinese_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert any(c >= CJK for c in lines[0]), text
    return lines[0]


@pytest.fixture
def gui_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[list[str], bool]]:
    """Stands in for the editor window: records what it would have opened; run in an empty folder."""
    monkeypatch.chdir(tmp_path)
    calls: list[tuple[list[str], bool]] = []

    def run_gui(files: list[str], example: bool = False) -> int:
        calls.append((list(files), example))
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    return calls


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("chek", "check"), ("shwo", "show"), ("conver", "convert"), ("newyear", "new-year"), ("merg", "merge")],
)
def test_a_mistyped_subcommand_suggests_the_closest_and_opens_no_window(
    typed: str, meant: str, gui_calls: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([typed, "x"]) == 2
    line = _one_chinese_line(capsys.readouterr().err)
    assert line.startswith("gkdesk: ") and f"“{typed}”" in line and f"“gkdesk {meant}”" in line
    assert gui_calls == []


def test_a_word_like_no_subcommand_lists_them_all(gui_calls: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["xyzzy"]) == 2
    line = _one_chinese_line(capsys.readouterr().err)
    assert "xyzzy" in line and "check、show、new、convert、new-year、merge" in line
    assert gui_calls == []


@pytest.mark.parametrize(
    "arg",
    [
        "报告.docx",
        "last.gkreport",
        "copied.txt",
        "scan.pdf",
        "old.doc",
        "x.wps",
        "x.odt",
        "folder/chek",
        "folder\\chek",
        "C:报告",
        "./check",
    ],
)
def test_anything_that_looks_like_a_path_still_opens_the_editor(arg: str, gui_calls: list[Any]) -> None:
    # none of them exists (the folder is empty): the window says so, as before
    assert main([arg]) == 0
    assert gui_calls == [([arg], False)]


def test_an_existing_file_without_a_suffix_opens_the_editor(gui_calls: list[Any]) -> None:
    Path("chek").write_text("报告", encoding="utf-8")
    assert main(["chek"]) == 0
    assert gui_calls == [(["chek"], False)]


def test_options_and_no_arguments_still_open_the_editor(gui_calls: list[Any]) -> None:
    assert main([]) == 0
    assert main(["--example"]) == 0
    assert gui_calls == [([], False), ([], True)]


def test_a_mistyped_subcommand_in_a_real_process(tmp_path: Path) -> None:
    # offscreen: were the editor opened, the process would wait for it and time out
    result = _gkdesk("chek", "x", env=_scrubbed_env(QT_QPA_PLATFORM="offscreen"), timeout=60)
    assert result.returncode == 2
    assert "“gkdesk check”" in _one_chinese_line(result.stderr)
    assert result.stdout == ""


# ---- no display ----


@pytest.mark.parametrize(
    ("env", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb;offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland"}, "freebsd14", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_which_environments_have_no_display(env: dict[str, str], platform: str, missing: bool) -> None:
    assert app.no_display(env, platform) is missing


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a display")
@pytest.mark.parametrize("args", [["--example"], []], ids=["example", "bare"])
def test_no_display_is_one_chinese_line_and_exit_2_not_a_qt_abort(args: list[str], tmp_path: Path) -> None:
    result = _gkdesk(*args, env=_scrubbed_env(HOME=str(tmp_path)), timeout=60)
    assert result.returncode == 2, result.stderr
    line = _one_chinese_line(result.stderr)
    assert line == f"gkdesk: {app.NO_DISPLAY_MESSAGE}"
    assert result.stdout == ""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a display")
def test_the_smoke_test_needs_no_display(tmp_path: Path) -> None:
    result = _gkdesk("--smoke-test", env=_scrubbed_env(HOME=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(smoke.OK_PREFIX)
