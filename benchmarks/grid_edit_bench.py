"""Grid edit latency: one typed figure in table 三 until the grid and the problems list have repainted.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/grid_edit_bench.py [N] [--quick]`` (``--quick``: N = 100).
gkdesk's path per edit: parse, undo command, 自动合计 recompute, the full checker (R1-R10), dataChanged for the
changed cells and the cells whose finding state changed, the problems list diff, then Qt's repaint of what changed
(forced at once with an UpdateRequest instead of waiting for the next screen refresh). The baseline, measured in the
same run, is a bare QStandardItemModel of the same size in a plain QTableView doing setData and the same repaint:
the cost of Qt itself. Prints medians and minima (the machine may be shared, so the minimum is the steadier
figure), the ratio, and the share of a 60 Hz frame; then a full repaint of each grid (what scrolling costs).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTableView, QWidget

from gkdesk.domain.report import new_report
from gkdesk.ui.problems_panel import ProblemsPanel
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_editor import TableEditor

FRAME_MS = 1000 / 60


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.2f} ms, min {min(samples) * 1000:.2f} ms"


def _until_painted(app: QApplication, window: QWidget, edit: Callable[[], object]) -> float:
    start = time.perf_counter()
    edit()
    app.processEvents()
    QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))  # paint the dirty cells now
    return time.perf_counter() - start


def _full_repaints(widget: QWidget, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        widget.repaint()
        samples.append(time.perf_counter() - start)
    return samples


def bench_gkdesk(app: QApplication, n: int) -> tuple[list[float], list[float], list[float]]:
    session = ReportSession(new_report("交口县人民政府", 2024))
    window = QWidget()
    layout = QHBoxLayout(window)
    editor = TableEditor(session, "applications")
    panel = ProblemsPanel(session)
    layout.addWidget(editor, 3)
    layout.addWidget(panel, 1)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    model = editor.model
    cells = ["new.natural", "granted.natural", "carry_out.natural", "new.biz", "denied.state_secret.legal"]
    painted: list[float] = []
    logic: list[float] = []
    for i in range(n):
        session.set_auto_total(i % 10 != 0)  # every tenth edit leaves totals wrong: findings appear and go
        index = model.index_of(cells[i % len(cells)])
        text = str(i % 37)

        def edit(index: object = index, text: str = text) -> None:
            start = time.perf_counter()
            model.setData(index, text, Qt.ItemDataRole.EditRole)  # type: ignore[arg-type]
            logic.append(time.perf_counter() - start)

        painted.append(_until_painted(app, window, edit))
    full = _full_repaints(editor.view.viewport(), max(n // 10, 10))
    window.close()
    return logic, painted, full


def bench_bare_qt(app: QApplication, n: int) -> tuple[list[float], list[float]]:
    model = QStandardItemModel(31, 10)
    for r in range(31):
        for c in range(10):
            model.setItem(r, c, QStandardItem("0"))
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 900)
    view.show()
    app.processEvents()
    painted = [
        _until_painted(
            app,
            view,
            partial(model.setData, model.index(3 + i % 25, 3 + i % 7), str(i % 37), Qt.ItemDataRole.EditRole),
        )
        for i in range(n)
    ]
    full = _full_repaints(view.viewport(), max(n // 10, 10))
    view.close()
    return painted, full


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--quick"]
    n = int(args[0]) if args else (100 if "--quick" in sys.argv[1:] else 300)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    bench_bare_qt(app, 20)  # warm up fonts and styles
    bare_painted, bare_full = bench_bare_qt(app, n)
    logic, painted, full = bench_gkdesk(app, n)
    ours, bare = statistics.median(painted), statistics.median(bare_painted)
    print(f"edits: {n}")
    print(f"gkdesk edit, no painting (undo, totals, check, grid states, list diff): {_ms(logic)}")
    print(f"edit until repainted   bare Qt: {_ms(bare_painted)}")
    print(
        f"edit until repainted   gkdesk:  {_ms(painted)}, p95 {statistics.quantiles(painted, n=20)[-1] * 1000:.2f} ms"
    )
    print(
        f"ratio gkdesk / bare Qt: median {ours / bare:.1f}x, min {min(painted) / min(bare_painted):.1f}x; "
        f"gkdesk median is {ours * 1000 / FRAME_MS:.0%} of a 60 Hz frame"
    )
    print(f"full grid repaint      bare Qt: {_ms(bare_full)}")
    print(
        f"full grid repaint      gkdesk:  {_ms(full)} ({statistics.median(full) / statistics.median(bare_full):.1f}x)"
    )
    full_ours, full_bare = statistics.median(full), statistics.median(bare_full)
    rows = [
        {
            "benchmark": "grid edit until repainted",
            "gkdesk": f"{ours * 1000:.2f} ms (median of {n} edits in table 三 with the problems list)",
            "baseline": f"{bare * 1000:.2f} ms (bare QTableView + QStandardItemModel, median of {n})",
            "ratio": round(ours / bare, 2),
            "note": f"typed figure → totals, check, repaint; lower is better; {ours * 1000 / FRAME_MS:.0%} of a 60 Hz frame",
        },
        {
            "benchmark": "grid full repaint (scrolling)",
            "gkdesk": f"{full_ours * 1000:.2f} ms (median of {len(full)})",
            "baseline": f"{full_bare * 1000:.2f} ms (bare QTableView, median of {len(bare_full)})",
            "ratio": round(full_ours / full_bare, 2),
            "note": "one full repaint of table 三 with merged headers vs the bare table; lower is better",
        },
    ]
    print("RESULT " + json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
