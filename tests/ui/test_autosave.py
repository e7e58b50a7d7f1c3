"""Never lose work: autosave copies, recovery after the process is killed, lock files, recent files."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gkdesk.io.native import read_native
from gkdesk.paths import user_data_dir
from gkdesk.ui import autosave, recent
from gkdesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    """The id of a process that has certainly ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_autosave_copy_and_sidecar_round_trip(jiaokou_file) -> None:
    report = read_native(jiaokou_file)
    entry = autosave.write_autosave(report, "abc123", jiaokou_file)
    assert entry.report_file == user_data_dir() / "autosave" / "abc123.gkreport"
    assert (user_data_dir() / "autosave" / "abc123.json").exists()
    [listed] = autosave.list_autosaves()
    assert (listed.autosave_id, listed.original_path, listed.pid) == ("abc123", jiaokou_file, os.getpid())
    assert listed.display_name == jiaokou_file.name
    assert listed.load().model_dump() == report.model_dump()
    # This process is alive, so its own copy is not offered for recovery.
    assert autosave.orphaned_autosaves() == []
    autosave.remove_autosave("abc123")
    assert autosave.list_autosaves() == []
    assert list((user_data_dir() / "autosave").iterdir()) == []


def test_a_copy_whose_process_is_gone_is_orphaned(jiaokou_file) -> None:
    autosave.write_autosave(read_native(jiaokou_file), "deadbeef", None)
    sidecar = user_data_dir() / "autosave" / "deadbeef.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {_dead_pid()}'))
    [orphan] = autosave.orphaned_autosaves()
    assert orphan.autosave_id == "deadbeef"
    assert orphan.display_name == "未命名报告"


def test_a_sidecar_without_its_copy_or_broken_is_ignored() -> None:
    folder = autosave.autosave_dir()
    (folder / "lonely.json").write_text('{"id": "lonely", "saved_at": "2025-01-01T00:00:00", "pid": 1, "host": "x"}')
    (folder / "broken.json").write_text("{not json")
    (folder / "broken.gkreport").write_text("{}")
    assert autosave.list_autosaves() == []


def test_lock_files_next_to_the_report(jiaokou_file) -> None:
    lock = autosave.lock_path_for(jiaokou_file)
    assert lock == jiaokou_file.with_name(f"~${jiaokou_file.name}.lock")
    assert autosave.foreign_lock(jiaokou_file) is None
    autosave.take_lock(jiaokou_file)
    info = autosave.read_lock(jiaokou_file)
    assert info is not None and info.pid == os.getpid()
    assert autosave.foreign_lock(jiaokou_file) is None  # our own lock is not a warning
    # A lock left by a crashed gkdesk on this computer is stale.
    lock.write_text(lock.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {_dead_pid()}'))
    assert autosave.foreign_lock(jiaokou_file) is None
    # One from another computer on the shared folder counts.
    lock.write_text('{"pid": 4242, "host": "办公室-PC2", "user": "王五", "since": "2025-01-20T09:30:00"}')
    foreign = autosave.foreign_lock(jiaokou_file)
    assert foreign is not None and foreign.describe() == "王五（计算机 办公室-PC2）于 2025年1月20日 09:30"
    autosave.release_lock(jiaokou_file)  # not ours: stays
    assert lock.exists()


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("张三", "已由 张三（计算机 PC-07）于 2026年1月20日 09:41 打开。"),
        ("", "已由 计算机 PC-07 于 2026年1月20日 09:41 打开。"),
    ],
)
def test_lock_warning_names_the_user_and_the_computer(main_window, prompts, jiaokou_file, user, expected) -> None:
    """QA saw "已由 vm于 2026年…打开": the user name missing and the words run together."""
    lock = autosave.lock_path_for(jiaokou_file)
    lock.write_text(
        f'{{"pid": 4242, "host": "PC-07", "user": "{user}", "since": "2026-01-20T09:41:00"}}', encoding="utf-8"
    )
    prompts.answers["confirm"] = False
    assert main_window.open_path(jiaokou_file) is False
    assert prompts.names() == ["confirm"]
    (text,) = prompts.texts("confirm")
    assert text.startswith(f"“{jiaokou_file.name}”{expected}\n两处同时修改会互相覆盖。仍要打开吗？")


def test_lock_goes_to_the_data_folder_when_the_report_folder_is_read_only(tmp_path, monkeypatch) -> None:
    report = tmp_path / "r.gkreport"
    monkeypatch.setattr(autosave.os, "access", lambda _path, _mode: False)
    lock = autosave.lock_path_for(report)
    assert lock.parent == user_data_dir() / "locks"


def test_window_autosaves_after_a_change_and_a_clean_save_removes_the_copy(
    qtbot, main_window, prompts, jiaokou_file, monkeypatch
) -> None:
    monkeypatch.setenv("GKDESK_AUTOSAVE_MS", "30")
    assert main_window.open_path(jiaokou_file)
    autosaver = main_window.autosaver
    assert autosaver is not None and not autosaver.pending
    with qtbot.waitSignal(autosaver.autosaved, timeout=5000) as blocker:
        main_window.session.set_cell("applications", "new.research", 3)
        assert autosaver.pending
    entry = blocker.args[0]
    assert read_native(entry.report_file).applications.count("new.research") == 3
    assert read_native(jiaokou_file).applications.count("new.research") == 0  # the report itself is untouched
    assert f"已自动保存 {entry.saved_at:%H:%M}" in main_window.status_label.text()
    main_window.save_action.trigger()
    assert not entry.report_file.exists()
    assert autosave.list_autosaves() == []
    assert read_native(jiaokou_file).applications.count("new.research") == 3


def test_discarding_a_crash_copy_deletes_it(qtbot, prompts, jiaokou_file) -> None:
    autosave.write_autosave(read_native(jiaokou_file), "gone", jiaokou_file)
    sidecar = user_data_dir() / "autosave" / "gone.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {_dead_pid()}'))
    prompts.answers["ask_recover"] = "discard"
    window = MainWindow()
    qtbot.addWidget(window)
    window.start([])
    assert prompts.names() == ["ask_recover"]
    assert window.session is None
    assert autosave.list_autosaves() == []


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
    """One line from the child's stdout, or "" if none came within the time limit (no sleeping)."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout_s):
            return ""
    return process.stdout.readline()


def test_recover_after_the_app_process_is_killed(qtbot, prompts, jiaokou_file) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GKDESK_AUTOSAVE_MS="50", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(jiaokou_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        line = _read_line(child, 60)
        assert line.startswith("saved "), (
            f"no autosave from the child: {line!r} {child.stderr.read() if child.poll() is not None else ''}"
        )
        assert Path(line.split(" ", 1)[1].strip()).exists()
    finally:
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    assert read_native(jiaokou_file).applications.count("new.natural") == 1  # the edit never reached the file

    prompts.answers["ask_recover"] = "recover"
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.start([])
    [(name, args)] = prompts.calls
    assert name == "ask_recover" and args[0] == jiaokou_file.name
    session = window.session
    assert session is not None
    assert session.report.applications.count("new.natural") == 41
    assert session.report.applications.count("new.total") == 41
    assert session.path == jiaokou_file
    assert session.modified and window.isWindowModified()
    # The copy now belongs to this process: a second gkdesk would not offer it again.
    assert autosave.orphaned_autosaves() == []
    window.save_action.trigger()
    assert read_native(jiaokou_file).applications.count("new.natural") == 41
    assert autosave.list_autosaves() == []
    window.close()


def test_recent_files_newest_first_without_duplicates_or_missing(tmp_path) -> None:
    files = [tmp_path / f"{name}.gkreport" for name in ("a", "b", "c")]
    for file in files:
        file.write_text("{}")
        recent.add_recent(file)
    recent.add_recent(files[0])
    assert recent.recent_files() == [files[0], files[2], files[1]]
    files[2].unlink()
    assert recent.recent_files() == [files[0], files[1]]
    for i in range(12):
        extra = tmp_path / f"x{i}.gkreport"
        extra.write_text("{}")
        recent.add_recent(extra)
    assert len(recent.recent_files()) == recent.MAX_RECENT
    recent.clear_recent()
    assert recent.recent_files() == []
