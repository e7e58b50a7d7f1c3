"""``gkdesk --smoke-test``: prove a build works end to end, in seconds, without a person at the screen.

Every build runs it on the built program (Windows .exe and the Linux check build): a bundle that lacks a Qt plugin,
the Chinese Qt translation, a template, the example or an exporter's dependency fails here instead of on a clerk's
desk. It opens the bundled example, runs the checker, builds the main window (offscreen when there is no display),
exports .docx and .txt, reads both back and compares the figures. It prints exactly one line and returns 0 or 1.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gkdesk.domain.checker import check
from gkdesk.domain.refs import format_ref
from gkdesk.domain.report import Report
from gkdesk.io.files import load_report, save_report
from gkdesk.logging_setup import install_frozen_io, writes_to_log
from gkdesk.resources import example_report_path, resources_dir

OK_PREFIX = "smoke test ok: "
FAILED_PREFIX = "smoke test failed: "
EXPORT_STEM = "smoke"
QT_TRANSLATION = "qtbase_zh_CN"

logger = logging.getLogger("gkdesk.smoke")
logger.addHandler(logging.NullHandler())  # the traceback goes to the log file when there is one, never to the console


class SmokeFailure(Exception):
    """A step failed; the message names the step and says what was wrong."""


@dataclass
class _Progress:
    step: str = "start"
    facts: list[str] = field(default_factory=list)


def report_figures(report: Report) -> dict[str, int | Decimal | str]:
    """The figures a round trip must keep: agency, year and every number of every table present."""
    figures: dict[str, int | Decimal | str] = {"agency": report.agency or "", "year": str(report.year)}
    for form_id, table in report.tables.items():
        if not table.present:
            continue
        for cell_id, count in table.counts.items():
            figures[format_ref(form_id, cell_id)] = count
        for cell_id, amount in table.amounts.items():
            figures[format_ref(form_id, cell_id)] = amount
    return figures


def _compare(expected: dict[str, int | Decimal | str], got: Report, label: str) -> int:
    actual = report_figures(got)
    wrong = [f"{key} {expected[key]}→{actual.get(key, '缺失')}" for key in expected if actual.get(key) != expected[key]]
    if wrong:
        shown = "; ".join(wrong[:3]) + (f" (+{len(wrong) - 3} more)" if len(wrong) > 3 else "")
        raise SmokeFailure(f"{label} read back differs in {len(wrong)} of {len(expected)} figures: {shown}")
    return len(expected)


def _without_embedded_report(docx: Path, target: Path) -> Path:
    """A copy of an exported .docx without gkdesk's embedded data (customXml parts), as if retyped in Word."""
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in source.infolist():
            if member.filename.lower().startswith("customxml/"):
                continue
            data = source.read(member.filename)
            if member.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb"<Relationship [^>]*Target=\"[^\"]*customXml/[^\"]*\"[^>]*/>", b"", data)
            copy.writestr(member, data)
    return target


def _prefer_offscreen() -> None:
    """Use the offscreen platform when nobody set one and there is no display (CI, a server, a build container)."""
    if "QT_QPA_PLATFORM" not in os.environ and sys.platform not in ("win32", "darwin"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"


@contextlib.contextmanager
def _private_data_dir(folder: Path) -> Iterator[None]:
    """Settings, autosave and recent files of the smoke run stay out of the clerk's own data folder."""
    old = os.environ.get("GKDESK_DATA_DIR")
    os.environ["GKDESK_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("GKDESK_DATA_DIR", None)
        else:
            os.environ["GKDESK_DATA_DIR"] = old


@contextlib.contextmanager
def _dialogs_recorded(said: list[str]) -> Iterator[None]:
    """Nobody answers a dialog during a smoke test: record what the window would have asked, and go on."""
    from gkdesk.ui import dialogs

    def record(default: object) -> Callable[..., object]:
        def prompt(*args: object, **_kwargs: object) -> object:
            said.append(next((str(a) for a in args[1:] if isinstance(a, str)), "?"))
            return default

        return prompt

    replacements: dict[str, object] = {
        "info": None,
        "warn": None,
        "error": None,
        "show_text": None,
        "confirm": False,
        "run_modal": 0,
        "ask_unsaved": "discard",
        "ask_recover": "discard",
    }
    saved = {name: getattr(dialogs, name) for name in replacements if hasattr(dialogs, name)}
    for name in saved:
        setattr(dialogs, name, record(replacements[name]))
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(dialogs, name, original)


def _build_window(example: Path) -> str:
    """Start the application as ``gkdesk`` does, open the example in the real main window and render it once.

    ``grab()`` paints the window without showing it, so this also works on a build machine's hidden desktop.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from gkdesk.ui.app import setup_application
    from gkdesk.ui.main_window import MainWindow

    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1] or ["gkdesk"])
    install_frozen_io()  # in the frozen program: Qt's own warnings now go to the log (no-op in a checkout)
    setup_application(application)
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise SmokeFailure(f"Qt's Chinese translation ({QT_TRANSLATION}.qm) is not loaded: 'Cancel' stays '{cancel}'")
    said: list[str] = []
    with _dialogs_recorded(said):
        window = MainWindow()
        try:
            opened = window.open_path(example)
            if not opened or window.session is None or said:
                raise SmokeFailure(f"the window did not open the example: {'; '.join(said) or 'no reason given'}")
            if any((resources_dir() / "icons").glob("*.png")) and window.windowIcon().isNull():
                raise SmokeFailure("the window has no icon (resources/icons missing from the bundle?)")
            pixmap = window.grab()
            if pixmap.isNull() or pixmap.width() < 200 or pixmap.height() < 200:
                raise SmokeFailure(f"main window rendered as {pixmap.width()}x{pixmap.height()}")
        finally:
            window.close()
            window.deleteLater()
            application.processEvents()
    return f"window {pixmap.width()}x{pixmap.height()} on {application.platformName()}, {QT_TRANSLATION} loaded"


def _steps(progress: _Progress, out_dir: Path) -> None:
    progress.step = "load example"
    example = example_report_path()
    report = load_report(example)
    figures = report_figures(report)
    progress.facts.append(f"example {report.year} {report.agency or '（未填机关）'}")

    progress.step = "check"
    result = check(report)
    progress.facts.append(f"{len(result.errors)} errors {len(result.warnings)} warnings")

    progress.step = "main window"
    progress.facts.append(_build_window(example))

    sizes: list[str] = []
    compared = 0
    for suffix in (".docx", ".txt"):
        target = out_dir / f"{EXPORT_STEM}{suffix}"
        progress.step = f"export {suffix}"
        save_report(report, target)
        if not target.is_file() or target.stat().st_size == 0:
            raise SmokeFailure(f"{target.name} was not written")
        progress.step = f"read back {suffix}"
        compared = _compare(figures, load_report(target), suffix)
        sizes.append(f"{suffix[1:]} {target.stat().st_size / 1024:.0f} KB")
    # Our .docx carries the report as embedded data, which the reader prefers; without it the reader must parse
    # the visible tables and text, as for last year's report typed in Word. That path must survive packaging too.
    progress.step = "read back .docx text"
    plain = _without_embedded_report(out_dir / f"{EXPORT_STEM}.docx", out_dir / f"{EXPORT_STEM}-text-only.docx")
    _compare(figures, load_report(plain), ".docx (visible text only)")
    progress.facts.append(
        f"exported {' + '.join(sizes)}, {compared} figures match after re-reading each (.docx also from its text)"
    )


def run_smoke_test(out_dir: Path | None = None) -> int:
    """Run every step; print one line; 0 when all passed, 1 otherwise. ``out_dir`` keeps the exports (tests)."""
    started = time.perf_counter()
    progress = _Progress()
    _prefer_offscreen()
    try:
        with tempfile.TemporaryDirectory(prefix="gkdesk-smoke-", ignore_cleanup_errors=True) as scratch:
            target = out_dir if out_dir is not None else Path(scratch) / "exports"
            target.mkdir(parents=True, exist_ok=True)
            with _private_data_dir(Path(scratch) / "data"):
                _steps(progress, target)
    except Exception as exc:  # the one place that turns any failure into a line and exit code 1
        logger.exception("smoke test failed at %s", progress.step)
        _say(f"{FAILED_PREFIX}{progress.step}: {type(exc).__name__}: {exc}")
        return 1
    elapsed = time.perf_counter() - started
    _say(f"{OK_PREFIX}{'; '.join(progress.facts)}; {elapsed:.1f} s")
    return 0


def _say(line: str) -> None:
    """The one line: to stdout for the build script, and to the log (once, even when stdout is the log)."""
    logger.info("%s", line)
    if sys.stdout is not None and not writes_to_log(sys.stdout):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
