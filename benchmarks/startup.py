"""Start-up time: process start → window painted with a report open, against a bare PySide6 window in the same run.

Each run is a fresh process; the parent measures wall time from just before spawning it until the child prints
"painted" (written from an event filter when the first scroll-area viewport inside the window gets its Paint
event, i.e. the window's first frame). Runs of the two kinds alternate; medians are compared.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--quick]

The bare baseline is a QMainWindow with a 30 x 10 QTableWidget. gkdesk runs what ``python -m gkdesk --example``
runs, in its order (the entry module ``gkdesk.cli``, then ``run_gui``: QApplication with translations, the main
window, the bundled example report opened and checked). Target: ≤ 1.5x (not met: see benchmarks/README.md).
Uses the platform in QT_QPA_PLATFORM (offscreen when there is no display).
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PAINT_PROBE = textwrap.dedent(
    """
    import os
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QAbstractScrollArea

    class _Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj.parent(), QAbstractScrollArea):
                print("painted", flush=True)
                os._exit(0)
            return False
    """
)

BARE = _PAINT_PROBE + textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
    app = QApplication(sys.argv[:1])
    probe = _Probe()
    app.installEventFilter(probe)
    window = QMainWindow()
    table = QTableWidget(30, 10)
    for r in range(30):
        for c in range(10):
            table.setItem(r, c, QTableWidgetItem(str(r * c)))
    window.setCentralWidget(table)
    window.resize(1440, 900)
    window.show()
    app.exec()
    """
)

# The bare window after importing gkdesk's domain layer and reading the report: the floor any window over the
# domain model pays, shown so the gap can be split into "domain layer" and "gkdesk's own window".
BARE_WITH_DOMAIN = BARE.replace(
    "app = QApplication(sys.argv[:1])",
    "from gkdesk.io.native import read_native\n"
    "from gkdesk.domain.checker import check\n"
    "from gkdesk.resources import example_report_path\n"
    "check(read_native(example_report_path()))\n"
    "app = QApplication(sys.argv[:1])",
)


def through_the_entry(probe: str) -> str:
    """Child code running what ``python -m gkdesk --example`` runs, in its order: the entry module first
    (``gkdesk.cli``, which loads the domain and file layers before any Qt module), then ``run_gui``. ``probe`` is
    code defining a QObject class ``_Probe``; an instance joins the application as its event filter through
    ``setup_application``, the one step every gkdesk window start goes through (also used by
    ``tests/ui/test_startup_modules.py``)."""
    return (
        "from gkdesk.cli import main\n"
        + probe
        + textwrap.dedent(
            """
            from gkdesk.ui import app as gui_app
            _setup_application = gui_app.setup_application

            def _setup_with_probe(app):
                app.installEventFilter(probe)
                _setup_application(app)

            probe = _Probe()
            gui_app.setup_application = _setup_with_probe
            main(["--example"])
            """
        )
    )


GKDESK = through_the_entry(_PAINT_PROBE)


def time_run(code: str, args: list[str], env: dict[str, str], timeout_s: float = 60.0) -> float:
    """Seconds from just before spawning the child until it reports its first painted frame."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert child.stdout is not None
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            if not selector.select(timeout_s):
                raise RuntimeError("the child never painted")
            line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        if line.strip() != "painted":
            raise RuntimeError(f"unexpected output {line!r}")
        return elapsed
    finally:
        child.kill()
        child.wait()
        child.stdout.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 runs of each kind (for benchmarks/run_all.py)")
    args = parser.parse_args()
    if args.quick:
        args.runs = min(args.runs, 5)
    env = dict(os.environ, PYTHONPATH=str(ROOT), GKDESK_DATA_DIR=tempfile.mkdtemp(prefix="gkdesk-bench-data-"))
    # An installed gkdesk runs from bytecode (pip and PyInstaller compile it). Where PYTHONDONTWRITEBYTECODE is set
    # (CI, sandboxes) every run would compile gkdesk's sources again, a cost no user pays: the children may cache
    # bytecode in a folder of their own, filled by the warm-up runs below, for both kinds alike.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gkdesk-bench-pyc-")
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gkdesk.resources import example_report_path

    example = example_report_path()
    if not example.exists():
        raise SystemExit(f"missing {example}")
    time_run(BARE, [], env)  # warm the file and bytecode caches for all three
    time_run(BARE_WITH_DOMAIN, [], env)
    time_run(GKDESK, [], env)
    bare: list[float] = []
    floor: list[float] = []
    ours: list[float] = []
    for _ in range(args.runs):
        bare.append(time_run(BARE, [], env))
        floor.append(time_run(BARE_WITH_DOMAIN, [], env))
        ours.append(time_run(GKDESK, [], env))
    bare_median, floor_median, ours_median = (statistics.median(x) for x in (bare, floor, ours))
    print(f"platform: {env.get('QT_QPA_PLATFORM', 'default')} · runs: {args.runs} each · report: {example.name}")
    print(f"bare PySide6 window (QTableWidget 30x10): median {bare_median * 1000:.0f} ms")
    print(f"bare window after loading the domain:     median {floor_median * 1000:.0f} ms (pydantic model + checker)")
    print(f"gkdesk window with the report open:       median {ours_median * 1000:.0f} ms")
    print(
        f"ratio: {ours_median / bare_median:.2f}x (target ≤ 1.5x); domain layer alone: {floor_median / bare_median:.2f}x"
    )
    runs = f"median of {args.runs}"
    rows = [
        {
            "benchmark": "startup",
            "gkdesk": f"{ours_median * 1000:.0f} ms ({runs})",
            "baseline": f"{bare_median * 1000:.0f} ms (bare PySide6 window, {runs})",
            "ratio": round(ours_median / bare_median, 2),
            "note": "process start → window painted with the example open; target ≤ 1.5x; lower is better",
        },
        {
            "benchmark": "startup: domain layer alone",
            "gkdesk": f"{floor_median * 1000:.0f} ms ({runs})",
            "baseline": f"{bare_median * 1000:.0f} ms (bare PySide6 window, {runs})",
            "ratio": round(floor_median / bare_median, 2),
            "note": "the bare window after importing the report model and checker and reading the example",
        },
    ]
    print("RESULT " + json.dumps(rows, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
