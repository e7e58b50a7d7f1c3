"""Which Qt parts the gkdesk bundle keeps: the rules ``gkdesk.spec`` applies after PyInstaller's analysis.

PyInstaller's Qt hooks collect every plugin type and every translation that QtGui/QtWidgets/QtPrintSupport *might*
use. gkdesk needs far less: a platform plugin, the styles, the print backend, the .ico reader and Qt's own Chinese
strings. Everything else is dead weight (tens of MB) and extra surface for a clerk's antivirus to scan at every start.
Kept separate from the spec so the rules are unit-tested without a build.
"""

from __future__ import annotations

import os
import re

# Python-level modules the program never imports; excluding them keeps hooks from pulling their Qt libraries in.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "IPython",
    # python-docx needs lxml.etree only.
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.cssselect",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtQmlFeatures",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtCharts",
    "PySide6.QtGraphs",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtSerialPort",
)

# Plugins kept, by folder; a folder absent here is dropped whole. Names are matched without "lib" prefix and suffix.
KEPT_PLUGINS: dict[str, frozenset[str]] = {
    # windows: the real one; offscreen: lets the build machine run the smoke test without a desktop session.
    # xcb: a Linux desktop; offscreen/minimal: CI and headless runs of the Linux check build.
    "platforms": frozenset({"qwindows", "qoffscreen", "qxcb", "qminimal"}),
    # Windows 11 / Vista-style look (qmodernwindowsstyle, qwindowsvistastyle); Fusion is built in.
    "styles": frozenset({"*"}),
    # The print dialog's backend on each platform.
    "printsupport": frozenset({"windowsprintersupport", "cupsprintersupport"}),
    # No image format plugins: the window icons are PNG, which QtGui reads without a plugin.
    # Chinese input methods on Linux (ibus, and compose keys); on Windows the IME goes through qwindows.
    "platforminputcontexts": frozenset({"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"}),
}

KEPT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})

# Qt shared libraries nothing kept links to; a hook may still list them because a dropped plugin did.
_UNWANTED_LIBRARY = re.compile(
    r"Qt6(Network|Qml\w*|Quick\w*|Pdf\w*|Svg\w*|Wayland\w*|WlShell\w*|EglFS\w*|WebEngine\w*|Multimedia\w*|Sql"
    r"|Test|Designer\w*|UiTools|Help|Charts|Graphs\w*|LabsStyleKit\w*|VirtualKeyboard\w*|Lottie|ShaderTools|3D\w*)"
    # Windows: OpenGL through ANGLE or the 20 MB software renderer; a QtWidgets program paints without OpenGL.
    r"|^(opengl32sw|libEGL|libGLESv2|d3dcompiler_\d+)\.dll$",
    re.IGNORECASE,
)


def _plugin_name(filename: str) -> str:
    stem = filename.split(".", maxsplit=1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle) stays in the gkdesk bundle."""
    parts = re.split(r"[/\\]", dest)
    if "plugins" in parts and parts[0] == "PySide6":
        at = parts.index("plugins")
        if len(parts) < at + 3:
            return True
        kept = KEPT_PLUGINS.get(parts[at + 1])
        return kept is not None and ("*" in kept or _plugin_name(parts[-1]) in kept)
    if "translations" in parts and parts[0] == "PySide6" and parts[-1].endswith(".qm"):
        return parts[-1] in KEPT_TRANSLATIONS
    return not _UNWANTED_LIBRARY.search(parts[-1])


def filter_toc(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop the Qt files gkdesk does not use from a PyInstaller TOC (list of (dest, source, kind))."""
    return [entry for entry in entries if keep_qt_file(entry[0])]


def trimmed_qt_dependencies(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's own Qt hook result, without dropped plugins, translations and modules.

    Used by packaging/hooks/: trimming here, before PyInstaller resolves shared-library dependencies, also keeps out
    what only a dropped plugin needed (the GTK theme plugin alone drags in GTK, cairo and pango on Linux).
    """
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)

    def kept(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(src, dest) for src, dest in entries if keep_qt_file(os.path.join(dest, os.path.basename(src)))]

    return [m for m in hiddenimports if m not in EXCLUDED_MODULES], kept(binaries), kept(datas)
