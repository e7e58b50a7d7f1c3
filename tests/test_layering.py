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
        PACKAGE / "batch_rows.py",
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


READERS = ("txt_reader", "pdf_reader", "docx_reader", "doc_reader", "odt_reader", "mhtml_reader", "native")


def _all_imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file, function-level imports included (they hide cycles too)."""
    return imported_modules(path)


def test_the_recogniser_depends_on_no_reader():
    """The shared recognition pieces serve every reader; none of them may reach back into one."""
    for path in PACKAGE.glob("io/recognise/*.py"):
        readers = {m for m in _all_imports(path) if m.rsplit(".", 1)[-1] in READERS or m == "gkdesk.io.readers"}
        assert not readers, f"{path.name} imports {readers}"


def test_every_registered_reader_is_held_to_these_rules():
    """A reader added to the registry is checked from the day it is added."""
    from gkdesk.io.readers import READERS as REGISTRY

    assert {r.function.partition(":")[0].rsplit(".", 1)[-1] for r in REGISTRY} == set(READERS)


def test_readers_do_not_import_each_other_or_their_private_helpers():
    """One module per format; routing between them is the registry's (gkdesk.io.readers), not theirs."""
    for name in READERS:
        path = PACKAGE / "io" / f"{name}.py"
        others = {m for m in _all_imports(path) if m.rsplit(".", 1)[-1] in READERS and not m.endswith(name)}
        # the PDF and single-file-page readers hand their text or HTML to the text reader's paragraph-and-table
        # reading, by its public function
        allowed = {"gkdesk.io.txt_reader"} if name in ("pdf_reader", "mhtml_reader") else set()
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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """gkdesk's modules and the gkdesk modules each imports, from every import statement in it: top-level,
    function-level, under ``if TYPE_CHECKING`` and relative ones alike (any of them can hide a cycle)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                    package = package[: len(package) - node.level + 1]
                    base = ".".join([*package, base] if base else package)
                if base in modules:
                    deps.add(base)
                deps.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules)
        deps.discard(name)
        graph[name] = deps
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_sees_function_level_and_type_checking_imports():
    graph = import_graph()
    assert "gkdesk.io.docx_writer" in graph["gkdesk.io.files"]  # imported inside save_report
    assert "gkdesk.domain.refs" in graph["gkdesk.domain.forms"]


def test_no_import_cycles_anywhere_in_gkdesk():
    """Modules form layers: no two import each other, directly or through others, at any level of the file."""
    assert import_cycles(import_graph()) == []


def test_revision_ids_are_written_only_in_the_registry():
    """Every decision that depends on the format revision asks gkdesk.domain.revisions; nobody compares ids."""
    from gkdesk.domain import revisions

    ids = set(revisions.revision_ids())
    registry = PACKAGE / "domain" / "revisions.py"
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path == registry:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ids:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert not found, found
