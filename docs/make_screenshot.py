"""Regenerate docs/screenshot.png: the window at 1440x900 with the 交口县 2021 report, table 三 shown.

Run under a real X server so fonts and styles are the desktop's:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GKDESK_DATA_DIR", tempfile.mkdtemp(prefix="gkdesk-shot-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gkdesk.ui.app import setup_application  # noqa: E402
from gkdesk.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    setup_application(app)
    window = MainWindow()
    window.resize(*(int(v) for v in os.environ.get("SHOT_SIZE", "1440x900").split("x")))
    window.show()
    assert window.open_example()
    part = sys.argv[1] if len(sys.argv) > 1 else "三"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png"
    session, document = window.session, window.document
    assert session is not None and document is not None
    document.show_part(part)
    if part == "三":
        # What a clerk sees mid-work: 自动合计 off, one figure typed, the totals it breaks shown in red.
        window.auto_total_action.trigger()
        session.set_cell("applications", "granted.natural", 1)
        grid = document.pages["三"]
        grid.focus_cell("new.natural")  # type: ignore[attr-defined]
    if document.problems.model.rowCount():
        document.problems.select_row(0)

    def grab() -> None:
        window.grab().save(str(out))
        print(out)
        app.quit()

    QTimer.singleShot(500, grab)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
