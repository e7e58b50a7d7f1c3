"""The pieces of packaging/ that need no build: which Qt files stay, the version resource, the icon."""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

from gkdesk import __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str) -> ModuleType:
    """packaging/ is not a package (its name would shadow PyPI's "packaging"): load its modules by path."""
    spec = importlib.util.spec_from_file_location(f"gkdesk_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_rules = _load("bundle_rules")
version_info = _load("version_info")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6\\plugins\\imageformats\\qico.dll", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_zh_TW.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qt_help_zh_CN.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        ("PySide6/Qt/lib/libicudata.so.73", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
        ("PySide6/Qt/lib/libQt6WlShellIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6\\Qt6Svg.dll", False),
        ("PySide6\\Qt6Gui.dll", True),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\d3dcompiler_47.dll", False),
        ("docx/templates/default.docx", True),
        ("resources/help/guide.html", True),
        ("templates/gkdesk-official.docx", True),
    ],
)
def test_which_qt_files_stay(dest: str, kept: bool) -> None:
    assert bundle_rules.keep_qt_file(dest) is kept


def test_filter_toc_keeps_entries_whole_and_in_order() -> None:
    toc = [
        ("PySide6/Qt/translations/qtbase_fr.qm", "/src/qtbase_fr.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/src/qtbase_zh_CN.qm", "DATA"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
    ]
    assert bundle_rules.filter_toc(toc) == [toc[1], toc[2]]


def test_unused_qt_bindings_are_excluded_and_used_ones_are_not() -> None:
    excluded = set(bundle_rules.EXCLUDED_MODULES)
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore"} <= excluded
    assert {"PySide6.QtWebEngineCore", "tkinter"} <= excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport"} & excluded
    assert "lxml.etree" not in excluded


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0.dev4", (2, 0, 0, 0)), ("3", (3, 0, 0, 0)),
     ("1.2.3.4.5", (1, 2, 3, 4)), ("v1.10", (1, 10, 0, 0))],
)  # fmt: skip
def test_version_tuple(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert version_info.version_tuple(version) == numbers


def test_version_tuple_refuses_a_non_version() -> None:
    with pytest.raises(ValueError, match="not a version"):
        version_info.version_tuple("dev")


def test_version_strings_follow_the_package_version() -> None:
    strings = version_info.version_strings(__version__)
    dotted = ".".join(str(n) for n in version_info.version_tuple(__version__))
    assert strings["FileVersion"] == dotted
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "gkdesk.exe"
    assert strings["FileDescription"] == "政府信息公开工作年度报告编辑器"
    assert version_info.string_table_id() == "080404B0"  # Chinese (PRC), Unicode


def test_version_resource_carries_the_package_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The resource PyInstaller writes into gkdesk.exe, serialised as Windows reads it.

    PyInstaller's resource classes import pefile and win32api, which exist only on Windows; the classes themselves
    are plain Python, so elsewhere those two imports are stubbed.
    """
    if importlib.util.find_spec("pefile") is None:
        import PyInstaller.compat

        monkeypatch.setitem(sys.modules, "pefile", ModuleType("pefile"))
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    raw = version_info.build_version_info(__version__).toRaw()
    # PyInstaller packs VS_FIXEDFILEINFO with native "L" (4 bytes on Windows, 8 on Linux): read it the same way.
    fixed = raw.index(struct.pack("L", 0xFEEF04BD))
    _, _, file_ms, file_ls, product_ms, product_ls = struct.unpack_from("6L", raw, fixed)
    major, minor, patch, build = version_info.version_tuple(__version__)
    assert (file_ms, file_ls) == (product_ms, product_ls) == ((major << 16) | minor, (patch << 16) | build)
    for key, value in version_info.version_strings(__version__).items():
        assert key.encode("utf-16-le") in raw
        assert value.encode("utf-16-le") in raw
    assert "080404B0".encode("utf-16-le") in raw
    assert "Translation".encode("utf-16-le") + b"\x00\x00" in raw


def _ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, height, colours, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert (width, colours, planes, bits) == (height, 0, 1, 32)
        entries.append((width or 256, data[offset : offset + size]))
    return entries


def test_the_committed_icon_is_a_multi_size_ico_the_spec_uses(qapp: object) -> None:
    icon = PACKAGING.parent / "resources" / "icons" / "gkdesk.ico"
    assert '"resources" / "icons" / "gkdesk.ico"' in (PACKAGING / "gkdesk.spec").read_text("utf-8")
    entries = _ico_entries(icon.read_bytes())
    assert {16, 32, 48, 256} <= {size for size, _ in entries}
    for size, image_data in entries:
        image = QImage.fromData(image_data, "PNG")
        assert (image.width(), image.height()) == (size, size)
