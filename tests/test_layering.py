"""The domain and file code never import Qt: the window is a thin layer over them (house rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gkdesk"
QT_FREE = sorted(
    [
        *PACKAGE.glob("domain/**/*.py"),
        *PACKAGE.glob("io/**/*.py"),
        PACKAGE / "cli.py",
        PACKAGE / "batch.py",
        PACKAGE / "summary_xlsx.py",
    ]
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


READERS = ("txt_reader", "pdf_reader", "docx_reader", "doc_reader", "odt_reader", "native")


def _all_imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file, function-level imports included (they hide cycles too)."""
    return imported_modules(path)


def test_the_recogniser_depends_on_no_reader():
    """The shared recognition pieces serve every reader; none of them may reach back into one."""
    for path in PACKAGE.glob("io/recognise/*.py"):
        readers = {m for m in _all_imports(path) if m.rsplit(".", 1)[-1] in READERS or m == "gkdesk.io.readers"}
        assert not readers, f"{path.name} imports {readers}"


def test_readers_do_not_import_each_other_or_their_private_helpers():
    """One module per format; routing between them is the registry's (gkdesk.io.readers), not theirs."""
    for name in READERS:
        path = PACKAGE / "io" / f"{name}.py"
        others = {m for m in _all_imports(path) if m.rsplit(".", 1)[-1] in READERS and not m.endswith(name)}
        # the PDF reader hands its text to the text reader's paragraph-and-table reading, by its public function
        allowed = {"gkdesk.io.txt_reader"} if name == "pdf_reader" else set()
        assert others <= allowed, f"{name} imports {others - allowed}"
        tree = ast.parse(path.read_text("utf-8"))
        private = [
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gkdesk")
            for alias in node.names
            if alias.name.startswith("_")
        ]
        assert not private, f"{name} imports private helpers {private}"


def test_the_render_layer_paints_without_widgets_and_io_never_reaches_it():
    """gkdesk.render uses QtGui only; the Qt-free layers below never import it."""
    for path in PACKAGE.glob("render/**/*.py"):
        widgets = {m for m in imported_modules(path) if m.startswith(("PySide6.QtWidgets", "gkdesk.ui"))}
        assert not widgets, f"{path} imports {widgets}"
    for path in [*PACKAGE.glob("domain/**/*.py"), *PACKAGE.glob("io/**/*.py")]:
        assert not {m for m in imported_modules(path) if m.startswith("gkdesk.render")}, path
