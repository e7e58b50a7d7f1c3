"""Fixtures shared by every test: where the reference material is, and a private data folder per test.

The reference material (real published reports, Word samples) lives beside the checkout in ``../shared``; a fresh
clone does not have it. Every test that reads it is marked ``shared``, and is skipped with one reason when the
folder is absent. Nobody has to remember the mark: at collection a test is marked when it, one of its fixtures or
one of the project helpers they call (followed through the test modules' own functions) refers to a path inside
``../shared`` (``SHARED``, ``SEEDS``, ``SAMPLES``, ``REAL`` or any path built from them), or when one of its
parameters is such a path or names such a fixture. ``@pytest.mark.shared`` may also be written by hand, and
``shared_optional`` declares a helper that copes with the folder being absent (it reads only what is there).

Two safety nets: without ``../shared`` a test module whose import reads it is reported as skipped (not as a
collection error); with it, a test that opens a file there without the mark is named (a warning, an error under
``GKDESK_REQUIRE_SHARED=1``) because a fresh clone would fail it. ``GKDESK_REQUIRE_SHARED=1`` (set by ``.ci/run``
when ``../shared`` exists) also fails the run if any test marked ``shared`` was skipped.
"""

from __future__ import annotations

import contextlib
import dis
import functools
import inspect
import os
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = SHARED / "samples"
REAL = SHARED / "real"
HAVE_SHARED = SHARED.is_dir()
SHARED_REASON = "../shared 参考资料不在（reference material ../shared is not beside the checkout）"
REQUIRE_SHARED = os.environ.get("GKDESK_REQUIRE_SHARED", "") not in ("", "0")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_F = TypeVar("_F", bound=Callable[..., Any])


def shared_files(folder: Path, pattern: str) -> list[Path]:
    """The files of a ``../shared`` folder matching ``pattern``, sorted; empty when the folder is absent."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def shared_optional(function: _F) -> _F:
    """Declare that ``function`` (a fixture or helper) reads ``../shared`` only where it is there.

    Tests using it are not marked ``shared`` for that reason alone (their parameters may still be), and what it
    opens in ``../shared`` while it runs does not count against the test that called it.
    """
    if inspect.isgeneratorfunction(function):

        @functools.wraps(function)
        def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with _optional_reads():
                yield from function(*args, **kwargs)

        wrapper: Callable[..., Any] = generator
    else:

        @functools.wraps(function)
        def plain(*args: Any, **kwargs: Any) -> Any:
            with _optional_reads():
                return function(*args, **kwargs)

        wrapper = plain
    wrapper.__gkdesk_shared_optional__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Autosave, recent files and settings of every test go to a fresh folder, never the developer's own."""
    folder = tmp_path_factory.mktemp("gkdesk-data")
    monkeypatch.setenv("GKDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def real_dir() -> Path:
    return REAL


# --------------------------------------------------------------------------- which tests need ../shared

_SHARED_TEXT = str(SHARED)
_SHARED_FIXTURES = frozenset({"seeds_dir", "samples_dir", "real_dir"})
_MISSING = object()
_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FROM_DICT_OR_GLOBALS"})
_ATTRS = frozenset({"LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"})


def is_shared_path(value: object, depth: int = 0) -> bool:
    """A path inside ``../shared`` (a Path or a string), or a small collection holding one."""
    if isinstance(value, PurePath | str):
        text = os.fspath(value)
        if "shared" not in text:
            return False
        text = os.path.abspath(text)  # "tests/../../shared/x" too
        return text == _SHARED_TEXT or text.startswith(_SHARED_TEXT + os.sep)
    if depth < 2 and isinstance(value, list | tuple | set | frozenset):
        return any(is_shared_path(v, depth + 1) for v in list(value)[:200])
    if depth < 2 and isinstance(value, dict):
        return any(is_shared_path(v, depth + 1) for v in list(value.values())[:200])
    return False


def _is_project_code(function: object) -> bool:
    module = getattr(function, "__module__", None) or ""
    return module == "tests" or module.startswith(("tests.", "conftest"))


class _Scanner:
    """Whether a function refers, directly or through the project's own test helpers, to ``../shared``."""

    def __init__(self) -> None:
        self._done: dict[types.CodeType, bool] = {}

    def function(self, obj: object) -> bool:
        inner = getattr(getattr(obj, "hypothesis", None), "inner_test", None)  # @given wraps the real test
        if inner is not None and self.function(inner):
            return True
        if getattr(obj, "__gkdesk_shared_optional__", False):
            return False
        try:
            function = inspect.unwrap(obj)  # type: ignore[arg-type]
        except ValueError:
            return False
        if getattr(function, "__gkdesk_shared_optional__", False) or not _is_project_code(function):
            return False
        code = getattr(function, "__code__", None)
        if not isinstance(code, types.CodeType):
            return False
        return self._code(code, getattr(function, "__globals__", {}))

    def _value(self, value: object) -> bool:
        if value is _MISSING or isinstance(value, types.ModuleType):
            return False
        if is_shared_path(value):
            return True
        return callable(value) and not isinstance(value, type) and self.function(value)

    def _code(self, code: types.CodeType, namespace: dict[str, Any]) -> bool:
        if code in self._done:
            return self._done[code]
        self._done[code] = False  # a cycle (recursion) adds nothing
        found = False
        previous: object = _MISSING
        for instruction in dis.get_instructions(code):
            name = instruction.argval if isinstance(instruction.argval, str) else None
            current: object = _MISSING
            if name is None:
                pass
            elif instruction.opname in _LOADS:
                current = namespace.get(name, _MISSING)
            elif instruction.opname in _ATTRS and isinstance(previous, types.ModuleType):
                current = getattr(previous, name, _MISSING)
            elif instruction.opname == "IMPORT_NAME":
                current = sys.modules.get(name, _MISSING)
            if self._value(current):
                found = True
                break
            if instruction.opname == "IMPORT_FROM" or (
                instruction.opname == "STORE_FAST" and isinstance(previous, types.ModuleType)
            ):
                continue  # ``from m import a, b``: the module stays on the stack for the next name
            previous = current
        if not found:
            found = any(self._code(const, namespace) for const in code.co_consts if isinstance(const, types.CodeType))
        self._done[code] = found
        return found


def _fixture_functions(item: pytest.Function, name: str) -> list[Callable[..., Any]]:
    definitions = item._fixtureinfo.name2fixturedefs.get(name)
    if definitions is None:
        definitions = item.session._fixturemanager.getfixturedefs(name, item) or ()
    return [d.func for d in definitions]


def _needs_shared(item: pytest.Item, scanner: _Scanner) -> bool:
    if not isinstance(item, pytest.Function):
        return False
    if _SHARED_FIXTURES & set(item.fixturenames):
        return True
    for name in item.fixturenames:
        if any(scanner.function(f) for f in _fixture_functions(item, name)):
            return True
    callspec = getattr(item, "callspec", None)
    for value in callspec.params.values() if callspec is not None else ():
        if is_shared_path(value):
            return True
        # a parameter naming a fixture the test gets with request.getfixturevalue()
        if (
            isinstance(value, str)
            and value.isidentifier()
            and any(scanner.function(f) for f in _fixture_functions(item, value))
        ):
            return True
    return scanner.function(item.obj)


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRE_SHARED and not HAVE_SHARED:
        raise pytest.UsageError(f"GKDESK_REQUIRE_SHARED=1 but {SHARED} is not there: {SHARED_REASON}")
    if HAVE_SHARED:
        sys.addaudithook(_audit)


def pytest_report_header(config: pytest.Config) -> str:
    if HAVE_SHARED:
        return f"shared: {SHARED} (tests marked shared run{'; required' if REQUIRE_SHARED else ''})"
    return f"shared: absent — tests marked shared are skipped: {SHARED_REASON}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    scanner = _Scanner()
    skip = pytest.mark.skip(reason=SHARED_REASON)
    for item in items:
        if item.get_closest_marker("shared") is None and _needs_shared(item, scanner):
            item.add_marker(pytest.mark.shared)
        if not HAVE_SHARED and item.get_closest_marker("shared") is not None:
            item.add_marker(skip, append=False)  # before any other skip (an empty parameter set's)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """Without ../shared, a test module that reads it at import is skipped with the reason, not an error."""
    report = yield
    if not HAVE_SHARED and report.failed and isinstance(collector, pytest.Module):
        text = str(report.longrepr)
        if _SHARED_TEXT in text:  # FileNotFoundError, or a reader's own error naming the missing file
            report.outcome = "skipped"
            report.longrepr = (str(collector.path), None, f"Skipped: {SHARED_REASON}")
    return report


# --------------------------------------------------------------------------- with ../shared: nothing slips through

_running: list[pytest.Item] = []
_optional_depth = [0]
_unmarked_reads: dict[str, str] = {}
_skipped_shared: dict[str, str] = {}


@contextlib.contextmanager
def _optional_reads() -> Iterator[None]:
    _optional_depth[0] += 1
    try:
        yield
    finally:
        _optional_depth[0] -= 1


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _running or _optional_depth[0] or event not in ("open", "os.scandir", "os.listdir", "subprocess.Popen"):
        return
    item = _running[-1]
    if item.nodeid in _unmarked_reads or item.get_closest_marker("shared") is not None:
        return
    candidates = args[1] if event == "subprocess.Popen" else args[:1]
    for candidate in candidates if isinstance(candidates, list | tuple) else (candidates,):
        if isinstance(candidate, PurePath | str) and is_shared_path(candidate):
            _unmarked_reads[item.nodeid] = os.fspath(candidate)
            return


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report: pytest.TestReport = yield
    if report.skipped and item.get_closest_marker("shared") is not None and HAVE_SHARED:
        longrepr = report.longrepr
        _skipped_shared[item.nodeid] = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
    if report.when == "call" and item.nodeid in _unmarked_reads:
        message = (
            f"{item.nodeid} reads {_unmarked_reads[item.nodeid]} but is not marked shared: a fresh clone "
            "(no ../shared) would fail it; mark it @pytest.mark.shared or read through tests.conftest's paths"
        )
        if REQUIRE_SHARED and report.passed:
            report.outcome = "failed"
            report.longrepr = message
        elif not REQUIRE_SHARED:
            warnings.warn(pytest.PytestWarning(message), stacklevel=1)
    return report


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not HAVE_SHARED:
        skipped = [r for r in terminalreporter.stats.get("skipped", []) if SHARED_REASON in str(r.longrepr)]
        terminalreporter.write_line(f"shared: {len(skipped)} skipped (tests and modules): {SHARED_REASON}")
    elif REQUIRE_SHARED and _skipped_shared:
        terminalreporter.write_line(
            f"shared: ../shared is there but {len(_skipped_shared)} tests marked shared were skipped "
            "(GKDESK_REQUIRE_SHARED=1):",
            red=True,
        )
        for nodeid, reason in sorted(_skipped_shared.items()):
            terminalreporter.write_line(f"  {nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_SHARED and _skipped_shared and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
