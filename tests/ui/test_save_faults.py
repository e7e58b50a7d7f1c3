"""A save that fails in the window: the original file intact, one Chinese message, the edits still there, modified."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from gkdesk.io import atomic
from gkdesk.io.native import read_native
from gkdesk.ui import autosave
from gkdesk.ui.main_window import MainWindow
from tests.io.test_write_faults import assert_user_message
from tests.ui.conftest import Prompts

pytestmark = pytest.mark.gui


def _sharing_violation() -> OSError:
    exc = PermissionError(
        errno.EACCES, "The process cannot access the file because it is being used by another process"
    )
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def _fail_replace_of(target: Path, make: Callable[[], OSError], monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """os.replace refuses to put anything over ``target``; every other replace (autosave sidecars …) works."""
    calls: list[object] = []
    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)).resolve() == target.resolve():
            calls.append(dst)
            raise make()
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "_RETRY_DELAY_S", 0.001)  # the retries themselves are timed in tests/io
    return calls


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(_fd: int) -> None:
        raise _enospc()

    monkeypatch.setattr(os, "fsync", fsync)


FAULTS = {
    "disk full": lambda target, mp: _fail_fsync(mp),
    "permission denied": lambda target, mp: _fail_replace_of(
        target, lambda: PermissionError(errno.EACCES, "Permission denied"), mp
    ),
    "held open by Word": lambda target, mp: _fail_replace_of(target, _sharing_violation, mp),
}


def _edit(window: MainWindow) -> None:
    assert window.session is not None
    window.session.set_cell("applications", "new.biz", 2)
    window.session.set_cell("applications", "carry_out.biz", 9)
    assert window.isWindowModified()


def _assert_edits_kept(window: MainWindow, path: Path) -> None:
    assert window.session is not None
    assert window.session.path == path
    assert window.session.modified
    assert window.isWindowModified()
    assert window.session.report.applications.count("new.biz") == 2
    assert window.session.report.applications.count("carry_out.biz") == 9


def _assert_folder_clean(folder: Path, *allowed: str) -> None:
    names = sorted(p.name for p in folder.iterdir() if p.name not in allowed and not p.name.endswith(".lock"))
    assert names == [], f"left in the folder: {names}"


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_save_keeps_the_file_and_the_edits(
    qtbot, main_window: MainWindow, prompts: Prompts, jiaokou_file: Path, fault: str
) -> None:
    assert main_window.open_path(jiaokou_file)
    original = jiaokou_file.read_bytes()
    _edit(main_window)
    with pytest.MonkeyPatch.context() as mp:  # its own patcher: the prompts and the data folder stay patched after
        FAULTS[fault](jiaokou_file, mp)
        main_window.save_action.trigger()

    errors = prompts.texts("error")
    assert len(errors) == 1, prompts.calls
    assert_user_message(errors[0], jiaokou_file.name)
    assert jiaokou_file.read_bytes() == original
    backup = jiaokou_file.name + ".bak"
    if (jiaokou_file.parent / backup).exists():
        assert (jiaokou_file.parent / backup).read_bytes() == original
    _assert_folder_clean(jiaokou_file.parent, jiaokou_file.name, backup)
    _assert_edits_kept(main_window, jiaokou_file)
    assert autosave.read_lock(jiaokou_file) is not None  # still ours: the report is still open here
    assert "已保存" not in main_window.status_label.text()

    # The fault gone (the disk freed, Word closed), the same window saves the same edits.
    main_window.save_action.trigger()
    assert len(prompts.texts("error")) == 1
    assert not main_window.isWindowModified()
    saved = read_native(jiaokou_file)
    assert saved.applications.count("new.biz") == 2
    assert saved.applications.count("carry_out.biz") == 9


def test_a_failed_save_as_to_a_new_file_leaves_nothing(
    qtbot, main_window: MainWindow, prompts: Prompts, jiaokou_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main_window.open_path(jiaokou_file)
    _edit(main_window)
    target = jiaokou_file.parent / "新报告.gkreport"
    _fail_fsync(monkeypatch)
    prompts.answers["save_file"] = str(target)
    main_window.save_as_action.trigger()
    assert not target.exists()
    (message,) = prompts.texts("error")
    assert "磁盘空间不足" in message
    assert_user_message(message, target.name)
    _assert_folder_clean(jiaokou_file.parent, jiaokou_file.name)
    _assert_edits_kept(main_window, jiaokou_file)  # still the old file's window, edits unsaved
