"""Keep True, False and None alive despite a reference-count bug in PySide6 6.12 on Python 3.11.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a reference, and some QUndoStack paths
(undo, merging commands) drop a reference to ``None``. Every edit emits about ten signals, and ``True`` starts with
about 3000 references, so after a few hundred edits CPython frees ``True`` and aborts ("bool_dealloc: deallocating
True or False"). Python 3.12+ makes these objects immortal, which hides the bug; on 3.11 we give them the same
protection by adding a huge margin to their reference counts once at start-up.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # more emits than a clerk's session can ever make, far below Py_ssize_t's limit
_done = False


def protect_singletons() -> None:
    """Idempotent; a no-op where the interpreter already treats the singletons as immortal."""
    global _done  # noqa: PLW0603 - a process-wide one-time switch
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (True, False, None):
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
    _done = True
