"""Start the window: QApplication with Chinese standard dialogs, the Windows UI font, high-DPI, then open files."""

from __future__ import annotations

import os
import sys

# The window needs no pydantic plugins; skipping their discovery (an entry-point scan) shortens start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from gkdesk import __version__

UI_FONT = "Microsoft YaHei UI"


def setup_application(app: QApplication) -> None:
    """Everything that makes the app feel native to a Chinese Windows desk (idempotent; tests call it too)."""
    app.setApplicationName("gkdesk")
    app.setOrganizationName("gkdesk")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not app.property("gkdesk_translated"):
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
        app.setProperty("gkdesk_translated", True)
    if UI_FONT in QFontDatabase.families():
        app.setFont(QFont(UI_FONT, 9))
    from gkdesk.ui.main_window import app_icon

    app.setWindowIcon(app_icon())


def run_gui(files: list[str], example: bool = False) -> int:
    """``gkdesk [FILE ...] [--example]``: the editor window; returns the exit code of the event loop."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional Windows scaling (125 %, 150 %) as is, not rounded: must be set before the application exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    from gkdesk.logging_setup import install_frozen_io

    install_frozen_io()  # the installed program: log file and crash message (does nothing in a source checkout)
    setup_application(app)
    from gkdesk.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.start(files, example=example)
    return app.exec()
