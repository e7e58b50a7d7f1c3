"""The domain and file code never import Qt: the window is a thin layer over them (house rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gkdesk"
QT_FREE = sorted(
    [*PACKAGE.glob("domain/**/*.py"), *PACKAGE.glob("io/**/*.py"), PACKAGE / "cli.py", PACKAGE / "batch.py"]
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", [p for p in QT_FREE if p.exists()], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_outside_the_ui(path):
    qt = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")}
    assert not qt, f"{path} imports {qt}"
    ui = {m for m in imported_modules(path) if m.startswith("gkdesk.ui")}
    assert not ui or path.name == "cli.py", f"{path} imports the UI: {ui}"


def test_domain_does_not_import_io():
    for path in PACKAGE.glob("domain/**/*.py"):
        assert not {m for m in imported_modules(path) if m.startswith("gkdesk.io")}, path
