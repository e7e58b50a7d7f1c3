"""Start the window: QApplication with Chinese standard dialogs, the Windows UI font, high-DPI, then open files."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# The window needs no pydantic plugins; skipping their discovery (an entry-point scan) shortens start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from gkdesk import __version__
from gkdesk.errors import GkError

UI_FONT = "Microsoft YaHei UI"
# Qt platform plugins that draw without a desktop session (tests, CI, kiosks): no DISPLAY needed.
_HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "eglfs", "linuxfb", "vnc", "vkkhrdisplay"})
NO_DISPLAY_MESSAGE = (
    "无法打开窗口：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）；"
    "请在桌面环境中运行，或使用 gkdesk check、gkdesk show 等子命令"
)


def no_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True where Qt would abort for want of a display: X11/Wayland systems with neither, and no headless plugin.

    Windows and macOS always have their own platform plugin.
    """
    env = os.environ if environ is None else environ
    if (platform or sys.platform) in ("win32", "darwin"):
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return False
    requested = [name.split(":", 1)[0].strip() for name in env.get("QT_QPA_PLATFORM", "").split(";")]
    return not _HEADLESS_PLATFORMS.intersection(requested)


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
        if no_display():  # Qt would abort (exit 134) with English lines: one Chinese line and exit 2 instead
            raise GkError(NO_DISPLAY_MESSAGE)
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
