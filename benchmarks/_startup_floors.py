"""Where gkdesk's start-up time goes: the bare window of ``startup.py`` with one more layer of gkdesk's start each.

    .venv/bin/python benchmarks/_startup_floors.py [--runs 11]

Each row adds one step to the bare PySide6 window (same probe, same process-start-to-first-paint timing as
``startup.py``, runs alternating): pydantic with one model, reading the bundled example into the report model, the
check, the Qt classes gkdesk's window uses (PySide builds a Python class and its enums on first use), and last
gkdesk itself. A row is the floor for every row below it: no window over this domain model can start faster.
Not run by ``run_all.py`` (the name starts with ``_``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup  # the sibling script: its probe, its children, its timing

_AFTER_APP = "app = QApplication(sys.argv[:1])"
_PYDANTIC = """
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as gkdesk.ui.app does
from pydantic import BaseModel
class _Model(BaseModel):
    x: int = 0
"""
_READ = """
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from gkdesk.io.native import read_native
from gkdesk.resources import example_report_path
report = read_native(example_report_path())
"""
_CHECK = _READ + "from gkdesk.domain.checker import check\ncheck(report)\n"
_WIDGETS = (
    "QLabel QLineEdit QSpinBox QFormLayout QGroupBox QScrollArea QFrame QBoxLayout QListView QStyledItemDelegate "
    "QStyleOptionViewItem QStyle QSplitter QStackedWidget QPushButton QTextEdit QToolBar QMenu QMenuBar QStatusBar "
    "QListWidget QListWidgetItem QAbstractItemView QSizePolicy"
)
_GUI = "QTextBlockFormat QTextCursor QTextFormat QKeySequence QAction QPainter QFont QIcon QColor QUndoStack QKeyEvent"
_QT_CLASSES = f"""
from PySide6 import QtCore, QtGui, QtWidgets
QtCore.Qt.AlignmentFlag
for name in "{_WIDGETS}".split():
    getattr(QtWidgets, name)
for name in "{_GUI}".split():
    getattr(QtGui, name)
"""


def _first(code: str) -> str:
    """The bare window with ``code`` run before any Qt module, the order of ``python -m gkdesk`` (whose entry,
    ``gkdesk.cli``, loads the domain and file layers first; modules imported after PySide6 also pay its
    ``__feature__`` import hook, which reads every new module's source)."""
    return code + startup.BARE


KINDS = {
    "bare PySide6 window": startup.BARE,
    "+ pydantic and one model": _first(_PYDANTIC),
    "+ the example read into the report model": _first(_READ),
    "+ its check": _first(_CHECK),
    "+ the rest of gkdesk.cli (the entry module)": _first(_CHECK + "import gkdesk.cli\n"),
    "+ the Qt classes the window uses": _first(_CHECK + "import gkdesk.cli\n").replace(
        _AFTER_APP, _AFTER_APP + _QT_CLASSES
    ),
    "gkdesk window with the example open": startup.GKDESK,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(startup.ROOT), GKDESK_DATA_DIR=tempfile.mkdtemp(prefix="gkdesk-bench-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as startup.py: bytecode cached, as an installed gkdesk has it
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gkdesk-bench-pyc-")
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for code in KINDS.values():
        startup.time_run(code, [], env)  # warm the file and bytecode caches
    for _ in range(args.runs):
        for kind, code in KINDS.items():
            times[kind].append(startup.time_run(code, [], env))
    bare = statistics.median(times["bare PySide6 window"])
    print(f"platform: {env.get('QT_QPA_PLATFORM', 'default')} · runs: {args.runs} each (medians)")
    for kind, runs in times.items():
        median = statistics.median(runs)
        print(f"{kind:46s} {median * 1000:5.0f} ms  {median / bare:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
