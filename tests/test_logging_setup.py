"""The frozen program's log file and crash hook (exercised in-process with ``force=True``)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkdesk import __version__, logging_setup


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hooks installed by a test are removed after it, whatever happens."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    logging_setup.uninstall_for_tests()


def _raise_and_hook(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def test_does_nothing_when_not_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    stdout, stderr, hook = sys.stdout, sys.stderr, sys.excepthook
    assert logging_setup.install_frozen_io() is None
    assert (sys.stdout, sys.stderr, sys.excepthook) == (stdout, stderr, hook)
    assert not (logging_setup.user_data_dir() / "logs" / "gkdesk.log").exists()


@pytest.mark.usefixtures("installed")
def test_windowed_program_prints_and_crashes_into_the_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    path = logging_setup.install_frozen_io(force=True)
    assert path == Path(os.environ["GKDESK_DATA_DIR"]) / "logs" / "gkdesk.log"
    assert logging_setup.install_frozen_io(force=True) == path  # a second call (the window's) changes nothing
    print("第一行\n第二行")
    print("no newline yet", end="")
    sys.stdout.flush()
    sys.stderr.write("a warning\n")
    _raise_and_hook("boom in the window")
    worker = threading.Thread(target=lambda: 1 / 0, name="autosave-worker")
    worker.start()
    worker.join()
    log = path.read_text(encoding="utf-8")
    assert f"INFO gkdesk: gkdesk {__version__} started (frozen=False" in log
    assert "INFO gkdesk: 第一行\n" in log
    assert "INFO gkdesk: 第二行\n" in log
    assert "INFO gkdesk: no newline yet\n" in log
    assert "WARNING gkdesk: a warning\n" in log
    assert "CRITICAL gkdesk: uncaught exception\nTraceback (most recent call last):" in log
    assert "ValueError: boom in the window" in log
    assert "CRITICAL gkdesk: uncaught exception in thread autosave-worker" in log
    assert "ZeroDivisionError: division by zero" in log
    # The clerk-facing sentence is not written into the log stream as if it were program output.
    assert "程序遇到意外错误" not in log


@pytest.mark.usefixtures("installed")
def test_a_console_sees_one_chinese_sentence_not_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """Started from a console, streams are kept; a crash prints one sentence naming the log, the log has the rest."""
    stdout = sys.stdout
    path = logging_setup.install_frozen_io(force=True)
    assert sys.stdout is stdout
    _raise_and_hook("boom from a console")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "gkdesk: " + logging_setup.CRASH_MESSAGE.format(path=path) + "\n"
    assert "Traceback" not in err
    assert path is not None
    assert "ValueError: boom from a console" in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("installed")
def test_the_log_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging_setup, "MAX_LOG_BYTES", 2_000)
    monkeypatch.setattr(sys, "stdout", None)
    path = logging_setup.install_frozen_io(force=True)
    assert path is not None
    for number in range(200):
        print(f"line {number:03d} " + "x" * 40)
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["gkdesk.log", "gkdesk.log.1", "gkdesk.log.2", "gkdesk.log.3"]
    assert all((path.parent / name).stat().st_size <= 2_000 for name in kept)
    assert "line 199 " in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("installed")
def test_the_window_shows_one_sentence_in_one_box_at_a_time(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the window up, a crash shows a message box with the sentence; an error while it is open only logs."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    monkeypatch.setattr(sys, "stderr", None)
    path = logging_setup.install_frozen_io(force=True)
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "windows"))
    shown: list[str] = []

    def critical(_parent: object, title: str, text: str) -> None:
        shown.append(f"{title}: {text}")
        _raise_and_hook("again, while the box is open")

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    _raise_and_hook("first")
    assert shown == ["gkdesk: " + logging_setup.CRASH_MESSAGE.format(path=path)]
    assert "Traceback" not in shown[0]
    assert path is not None
    log = path.read_text(encoding="utf-8")
    assert "ValueError: first" in log
    assert "ValueError: again, while the box is open" in log
    _raise_and_hook("later")
    assert len(shown) == 2


@pytest.mark.usefixtures("installed")
def test_a_log_file_that_cannot_rotate_does_not_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another gkdesk holding the file on Windows makes rotation fail; logging's report of that must not recurse."""
    import logging.handlers

    def locked(_handler: object) -> None:
        raise PermissionError(32, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(logging_setup, "MAX_LOG_BYTES", 200)
    monkeypatch.setattr(logging.handlers.RotatingFileHandler, "doRollover", locked)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    path = logging_setup.install_frozen_io(force=True)
    assert path is not None
    for number in range(20):
        print(f"line {number} " + "x" * 50)
    assert "line 0 " in path.read_text(encoding="utf-8")
