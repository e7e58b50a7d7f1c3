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

from gkdesk.io.files import load_report  # noqa: E402
from gkdesk.resources import example_report_path  # noqa: E402
from gkdesk.ui.app import setup_application  # noqa: E402
from gkdesk.ui.main_window import MainWindow  # noqa: E402
from gkdesk.ui.session import ReportSession  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    setup_application(app)
    example = example_report_path()
    source = example if example.exists() else ROOT.parent / "shared" / "seeds" / "jiaokou-county-2021.txt"
    report = load_report(source)
    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    window.set_session(ReportSession(report, example if source == example else None), source.name)
    part = sys.argv[1] if len(sys.argv) > 1 else "三"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png"
    assert window.document is not None
    window.document.show_part(part)
    if window.document.problems.model.rowCount():
        window.document.problems.select_row(0)

    def grab() -> None:
        window.grab().save(str(out))
        print(out)
        app.quit()

    QTimer.singleShot(500, grab)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
