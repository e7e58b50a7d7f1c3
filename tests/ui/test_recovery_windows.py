"""Crash recovery that cannot mislead: one window per report, the recovered edits in it, locks owned by it."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from gkdesk.domain.report import new_report
from gkdesk.io.native import read_native
from gkdesk.paths import user_data_dir
from gkdesk.ui import autosave
from gkdesk.ui import main_window as window_module
from gkdesk.ui.main_window import MainWindow, window_for
from gkdesk.ui.session import ReportSession
from tests.ui.conftest import Prompts

ROOT = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _crash_copy(report_file: Path, autosave_id: str, original: Path | None, natural: int = 41) -> None:
    """What a gkdesk killed after an autosave leaves: the edited copy and a sidecar naming a dead process."""
    report = read_native(report_file)
    report.applications.counts["new.natural"] = natural
    report.applications.counts["new.total"] = natural
    autosave.write_autosave(report, autosave_id, original)
    sidecar = user_data_dir() / "autosave" / f"{autosave_id}.json"
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["pid"] = _dead_pid()
    sidecar.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def windows(qtbot, prompts: Prompts) -> Iterator[list[MainWindow]]:
    """Windows a test makes (and any the window opens itself), all closed at the end discarding their edits."""
    made: list[MainWindow] = []
    before = list(window_module._open_windows)
    yield made
    prompts.answers["ask_unsaved"] = "discard"
    for window in [*made, *(w for w in window_module._open_windows if w not in before and w not in made)]:
        window.close()
        window.deleteLater()


def _window(windows: list[MainWindow], qtbot) -> MainWindow:
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    windows.append(window)
    return window


def _showing(path: Path) -> list[MainWindow]:
    return [
        w
        for w in window_module._open_windows
        if w.session is not None and w.session.path is not None and w.session.path.resolve() == path.resolve()
    ]


def test_recovered_then_opened_again_is_one_window_with_the_edits(qtbot, prompts, windows, jiaokou_file) -> None:
    """The double-click after a crash: gkdesk FILE, 恢复 → one window, the recovered edits in it, in front."""
    _crash_copy(jiaokou_file, "crash1", jiaokou_file)
    prompts.answers["ask_recover"] = "recover"
    window = _window(windows, qtbot)
    count = len(window_module._open_windows)
    window.start([str(jiaokou_file)])
    assert prompts.names() == ["ask_recover"]
    assert len(window_module._open_windows) == count  # no second window showing the file from disk
    assert _showing(jiaokou_file) == [window]
    assert window_for(jiaokou_file) is window
    session = window.session
    assert session is not None and session.report.applications.count("new.natural") == 41
    assert session.modified and window.isWindowModified()


def test_recovery_replaces_the_view_of_a_file_already_open(qtbot, prompts, windows, jiaokou_file) -> None:
    first = _window(windows, qtbot)
    assert first.open_path(jiaokou_file)
    assert first.session is not None and first.session.report.applications.count("new.natural") == 1
    _crash_copy(jiaokou_file, "crash2", jiaokou_file, natural=17)
    prompts.answers["ask_recover"] = "recover"
    second = _window(windows, qtbot)
    second.start([])
    assert second.session is None  # the recovered report went into the window that shows the file
    assert _showing(jiaokou_file) == [first]
    assert first.session is not None and first.session.report.applications.count("new.natural") == 17
    assert first.session.modified and first.isWindowModified()
    assert first.autosaver is not None and first.autosaver.autosave_id == "crash2"
    assert autosave.orphaned_autosaves() == []


def test_opening_a_report_already_open_brings_its_window_forward(qtbot, prompts, windows, jiaokou_file) -> None:
    first = _window(windows, qtbot)
    assert first.open_path(jiaokou_file)
    first.session.set_cell("applications", "new.research", 3)  # type: ignore[union-attr]
    second = _window(windows, qtbot)
    raised: list[MainWindow] = []
    first.bring_forward = lambda: raised.append(first)  # type: ignore[method-assign]
    assert second.open_path(jiaokou_file.parent / ".." / jiaokou_file.parent.name / jiaokou_file.name)
    assert second.session is None and raised == [first]
    count = len(window_module._open_windows)
    second.start([str(jiaokou_file)])  # gkdesk FILE again
    assert len(window_module._open_windows) == count and raised == [first, first]
    assert _showing(jiaokou_file) == [first]
    assert first.session is not None and first.session.report.applications.count("new.research") == 3
    assert prompts.calls == []  # no lock warning about our own window


def test_autosave_records_store_absolute_paths(qtbot, prompts, windows, jiaokou_file, monkeypatch) -> None:
    monkeypatch.chdir(jiaokou_file.parent.parent)
    relative = Path(jiaokou_file.parent.name) / jiaokou_file.name
    window = _window(windows, qtbot)
    assert window.open_path(relative)
    window.session.set_cell("applications", "new.research", 3)  # type: ignore[union-attr]
    assert window.autosaver is not None
    window.autosaver.save_now()
    sidecar = user_data_dir() / "autosave" / f"{window.autosaver.autosave_id}.json"
    stored = json.loads(sidecar.read_text(encoding="utf-8"))["original_path"]
    assert Path(stored).is_absolute() and Path(stored) == jiaokou_file.resolve()
    monkeypatch.chdir(user_data_dir())  # recovered from another working folder it still names the file
    [entry] = autosave.list_autosaves()
    assert entry.original_path == jiaokou_file.resolve()


def test_a_recovered_report_whose_folder_is_gone_offers_save_as(
    qtbot, prompts, windows, jiaokou_file, tmp_path
) -> None:
    gone = tmp_path / "移走的文件夹" / "报告.gkreport"
    _crash_copy(jiaokou_file, "crash3", gone)
    prompts.answers["ask_recover"] = "recover"
    window = _window(windows, qtbot)
    window.start([])
    assert window.session is not None and window.session.path == gone
    assert QKeySequence(QKeySequence.StandardKey.Save) in window.save_action.shortcuts()
    target = tmp_path / "另存的报告.gkreport"
    prompts.answers["save_file"] = str(target)
    window.save_action.trigger()  # Ctrl+S
    assert prompts.names() == ["ask_recover", "info", "save_file"]
    assert "已不存在" in prompts.texts("info")[0]
    assert not any(name == "error" for name in prompts.names())
    suggested_folder = Path(prompts.calls[-1][1][1]).parent
    assert suggested_folder.is_dir()  # the dialog does not start in the missing folder
    assert read_native(target).applications.count("new.natural") == 41
    assert window.session.path == target and not window.session.modified
    assert window_for(target) is window
    assert autosave.list_autosaves() == []


def test_the_lock_belongs_to_the_window_holding_the_report(qtbot, prompts, windows, jiaokou_file) -> None:
    _crash_copy(jiaokou_file, "crash4", jiaokou_file)
    prompts.answers["ask_recover"] = "recover"
    lock = autosave.lock_path_for(jiaokou_file)
    holder = _window(windows, qtbot)
    holder.start([str(jiaokou_file)])
    assert lock.exists()
    info = autosave.read_lock(jiaokou_file)
    assert info is not None and info.pid == os.getpid()
    assert holder.holds(jiaokou_file)

    # Another window asked for the same file did not take it, and closing it leaves the lock.
    other = _window(windows, qtbot)
    assert other.open_path(jiaokou_file) and other.session is None
    assert not other.holds(jiaokou_file)
    other.close()
    assert lock.exists()

    # Nor may a second window save over it.
    third = _window(windows, qtbot)
    third.set_session(ReportSession(new_report("某局", 2025, "2021")))
    assert third.save_to(jiaokou_file) is False
    assert "已在另一个窗口中打开" in prompts.texts("error")[-1]
    assert read_native(jiaokou_file).applications.count("new.natural") == 1
    assert holder.holds(jiaokou_file) and lock.exists()

    prompts.answers["ask_unsaved"] = "discard"
    holder.close()
    assert not lock.exists()
    assert window_for(jiaokou_file) is None


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from gkdesk.ui.app import setup_application
    from gkdesk.ui.main_window import MainWindow

    app = QApplication([])
    setup_application(app)
    window = MainWindow()
    window.show()
    assert window.open_path(Path(sys.argv[1]))
    window.autosaver.autosaved.connect(lambda entry: print("saved", entry.report_file, flush=True))
    window.session.set_cell("applications", "new.natural", 41)
    app.exec()
    """
)


def _read_line(process: subprocess.Popen[str], timeout_s: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout_s):
            return ""
    return process.stdout.readline()


def test_a_killed_window_process_then_the_same_file_opened_gives_one_window_with_the_edits(
    qtbot, prompts, windows, jiaokou_file
) -> None:
    """A real gkdesk with unsaved edits is SIGKILLed; ``gkdesk FILE`` again (a double-click), 恢复: one window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GKDESK_AUTOSAVE_MS="50", PYTHONPATH=str(ROOT))
    # Opened through a relative spelling, from the file's folder, as a double-click would start it.
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, jiaokou_file.name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=jiaokou_file.parent,
    )
    try:
        line = _read_line(child, 60)
        assert line.startswith("saved "), (
            f"no autosave from the child: {line!r} {child.stderr.read() if child.poll() is not None else ''}"
        )
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    [entry] = autosave.list_autosaves()
    assert entry.original_path == jiaokou_file.resolve()  # stored absolute although opened as a bare name

    prompts.answers["ask_recover"] = "recover"
    window = _window(windows, qtbot)
    count = len(window_module._open_windows)
    window.start([str(jiaokou_file)])
    assert prompts.names() == ["ask_recover"]
    assert len(window_module._open_windows) == count
    assert _showing(jiaokou_file) == [window]
    assert window.session is not None and window.session.report.applications.count("new.natural") == 41
    assert window.session.modified
    info = autosave.read_lock(jiaokou_file)
    assert info is not None and info.pid == os.getpid() and window.holds(jiaokou_file)
    prompts.answers["ask_unsaved"] = "discard"
    window.close()
    assert not autosave.lock_path_for(jiaokou_file).exists()
