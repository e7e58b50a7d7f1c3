"""PySide6 6.12 on Python 3.11 drops a reference to True on every ``Signal.emit()``: the guard keeps the app alive."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import gkdesk.ui.session  # noqa: F401 - importing the session installs the guard


class _Emitter(QObject):
    ping = Signal()


def test_thousands_of_emits_leave_true_alive() -> None:
    emitter = _Emitter()
    for _ in range(20000):  # ~2000 edits' worth; without the guard CPython aborts freeing True
        emitter.ping.emit()
    assert sys.getrefcount(True) > 1 << 30 or sys.version_info >= (3, 12)
