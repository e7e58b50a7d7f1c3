"""Regression guard for the PySide6 pin.

PySide6 6.12.0 on Python 3.11 returns ``True`` from ``SignalInstance.emit()`` without taking a reference; after a few
hundred edits CPython frees ``True`` and aborts. 6.11.3 (our pin) does not; this test fails if an upgrade brings the
bug back. It runs in a child process so that the abort fails one test instead of killing the run.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
class Emitter(QObject):
    ping = Signal()
emitter = Emitter()
before = sys.getrefcount(True)
for _ in range(20000):
    emitter.ping.emit()
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_true_alive() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 100
