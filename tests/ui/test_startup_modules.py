"""What the window loads before its first frame: the start path keeps the readers, writers and other pages for later.

Run in a fresh process through the real entry, as ``benchmarks/startup.py`` starts gkdesk (``gkdesk --example``): the modules in
``sys.modules`` are listed when the first scroll area inside the window is painted, with the example report open.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _startup_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gkdesk_startup_bench", ROOT / "benchmarks" / "startup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_PROBE = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    class _Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj.parent(), QAbstractScrollArea):
                from gkdesk.ui.main_window import MainWindow

                window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
                session = window.session
                print(json.dumps({
                    "modules": sorted(sys.modules),
                    "title": window.windowTitle(),
                    "pages": sorted(window.document.pages) if window.document is not None else [],
                    "agency": session.report.agency if session is not None else None,
                    "status": window.status_label.text(),
                }, ensure_ascii=False), flush=True)
                os._exit(0)
            return False
    """
)
# the benchmark's child, with this probe: what the first frame has loaded, started as ``python -m gkdesk`` starts
_CHILD = _startup_script().through_the_entry(_PROBE)

# Loaded only when the clerk imports, exports, prints or opens another page; never on the way to the first frame.
HEAVY = (
    "docx",
    "lxml",
    "pypdf",
    "openpyxl",
    "difflib",
    "html",  # html.entities: a large table, for the import log and the HTML reader and writer
    "gkdesk.render",
    "gkdesk.io.export_layout",
    "gkdesk.io.json_contract",
    "gkdesk.io.docx_reader",
    "gkdesk.io.docx_writer",
    "gkdesk.io.html_writer",
    "gkdesk.io.txt_reader",
    "gkdesk.io.txt_writer",
    "gkdesk.io.pdf_reader",
    "gkdesk.io.doc_reader",
    "gkdesk.io.odt_reader",
    "gkdesk.domain.merge",
    "gkdesk.domain.glance",
    "gkdesk.domain.assessment",
    "gkdesk.domain.ledger",
    "gkdesk.ui.table_editor",
    "gkdesk.ui.table_view",
    "gkdesk.ui.glance_page",
    "gkdesk.ui.assessment_page",
    "gkdesk.ui.print_preview",
    "gkdesk.ui.batch_view",
    "gkdesk.ui.ledger_dialog",
    "gkdesk.ui.help",
)


def _first_frame(tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), GKDESK_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_frame_shows_the_example_without_the_heavy_modules(tmp_path: Path) -> None:
    frame = _first_frame(tmp_path)
    # the report is really open and shown: its agency, its title bar, its status with the check's counts
    assert frame["agency"] == "交口县"
    assert frame["title"] == "示例报告（未保存）[*] — gkdesk"
    assert frame["status"] == "草稿 · 2021 版格式 · 0 个错误 · 9 个警告"
    # only the visible page (封面) is built; the others are built when first chosen
    assert frame["pages"] == ["封面"]
    modules = frame["modules"]
    assert isinstance(modules, list)
    loaded = sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))
    assert loaded == []
