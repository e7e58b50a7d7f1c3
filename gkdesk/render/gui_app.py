"""A QGuiApplication for painting outside the window: the CLI's PDF and PNG exports need one, and none may exist."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication


def ensure_gui_app() -> QGuiApplication:
    """The running application, or a new one; offscreen where there is no display (CI, a terminal over SSH)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        if not os.environ.get("QT_QPA_PLATFORM"):  # unset or empty: Qt would abort looking for a display
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])
