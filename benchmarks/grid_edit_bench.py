"""Grid edit latency: one typed figure in table 三 until the grid and the problems list have repainted.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/grid_edit_bench.py [N]``.
gkdesk's path per edit: parse, undo command, 自动合计 recompute, the full checker (R1-R10), dataChanged for the
changed cells and the cells whose finding state changed, the problems list diff, and a synchronous repaint of the
grid and the list. The baseline, measured in the same run, is a bare QStandardItemModel of the same size in a plain
QTableView doing setData + repaint: the cost of Qt itself. Both repaint their whole view after each edit (an upper
bound: Qt normally repaints only the changed cells). Prints medians and minima (the machine may be shared, so the
minimum is the steadier figure), the ratio, and the share of a 60 Hz frame.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTableView, QWidget

from gkdesk.domain.report import new_report
from gkdesk.ui.problems_panel import ProblemsPanel
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_editor import TableEditor

FRAME_MS = 1000 / 60


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_gkdesk(app: QApplication, n: int) -> tuple[list[float], list[float]]:
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
    samples: list[float] = []
    logic: list[float] = []
    for i in range(n):
        session.set_auto_total(i % 10 != 0)  # every tenth edit leaves totals wrong: findings appear and go
        index = model.index_of(cells[i % len(cells)])
        start = time.perf_counter()
        model.setData(index, str(i % 37), Qt.ItemDataRole.EditRole)
        logic.append(time.perf_counter() - start)  # report, totals, findings, grid states and list are up to date
        app.processEvents()
        # Upper bound: repaint the whole grid and list now (Qt itself would repaint only the changed cells).
        editor.view.viewport().repaint()
        panel.list.viewport().repaint()
        samples.append(time.perf_counter() - start)
    full = []
    for _ in range(max(n // 10, 5)):
        start = time.perf_counter()
        editor.view.viewport().repaint()
        full.append(time.perf_counter() - start)
    window.close()
    print(
        f"gkdesk edit without painting (undo, totals, check, grid states, list diff): "
        f"median {_median_ms(logic):.2f} ms, min {min(logic) * 1000:.2f} ms"
    )
    return samples, full


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
    samples: list[float] = []
    for i in range(n):
        index = model.index(3 + i % 25, 3 + i % 7)
        start = time.perf_counter()
        model.setData(index, str(i % 37), Qt.ItemDataRole.EditRole)
        app.processEvents()
        view.viewport().repaint()
        samples.append(time.perf_counter() - start)
    full = []
    for _ in range(max(n // 10, 5)):
        start = time.perf_counter()
        view.viewport().repaint()
        full.append(time.perf_counter() - start)
    view.close()
    return samples, full


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    bench_bare_qt(app, 20)  # warm up fonts and styles
    bare_samples, bare_full = bench_bare_qt(app, n)
    ours_samples, ours_full = bench_gkdesk(app, n)
    bare, ours = _median_ms(bare_samples), _median_ms(ours_samples)
    bare_min, ours_min = min(bare_samples) * 1000, min(ours_samples) * 1000
    p95 = statistics.quantiles(ours_samples, n=20)[-1] * 1000
    print(f"edits: {n}")
    print(f"edit + full repaint  bare Qt: median {bare:.2f} ms, min {bare_min:.2f} ms")
    print(
        f"edit + full repaint  gkdesk (undo, totals, check, findings, grid and list): median {ours:.2f} ms, "
        f"min {ours_min:.2f} ms, p95 {p95:.2f} ms"
    )
    print(
        f"ratio gkdesk / bare Qt: median {ours / bare:.1f}x, min {ours_min / bare_min:.1f}x; "
        f"gkdesk median is {ours / FRAME_MS:.0%} of a 60 Hz frame"
    )
    full_bare, full_ours = min(bare_full) * 1000, min(ours_full) * 1000
    print(
        f"full grid repaint (min): bare Qt {full_bare:.2f} ms, gkdesk {full_ours:.2f} ms ({full_ours / full_bare:.1f}x)"
    )


if __name__ == "__main__":
    main()
