"""Fault test: a real gkdesk window process with unsaved edits, SIGKILLed after its autosave fired.

The child is ``python -m gkdesk <copy of the example>`` (run through ``runpy`` so the test can make two edits in the
window once it is open: offscreen, nothing else can type into it), with ``GKDESK_AUTOSAVE_MS`` shortening the
autosave to a fraction of a second and ``GKDESK_DATA_DIR`` pointing at this test's data folder. After the kill the
autosave record must be there, complete, pointing at the file by its absolute path, with the edits; the file itself
untouched. (What the next start does with the record is the recovery tests' business.)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gkdesk.io.native import read_native
from gkdesk.ui import autosave

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "example.gkreport"

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL; Windows has no signal that kills without cleanup"),
]

# Runs gkdesk's own entry point; once the window has opened the report, two figures are typed into its session.
CHILD = textwrap.dedent(
    """
    import runpy, sys
    from PySide6.QtCore import QTimer
    from gkdesk.ui.main_window import MainWindow

    real_start = MainWindow.start

    def start(self, files, example=False):
        real_start(self, files, example=example)
        QTimer.singleShot(50, lambda: edit(self))

    def edit(window):
        window.session.set_cell("applications", "new.biz", 17)
        window.session.set_cell("applications", "carry_out.biz", 4)
        print("edited", window.isWindowModified(), flush=True)

    MainWindow.start = start
    sys.argv = ["gkdesk", sys.argv[1]]
    runpy.run_module("gkdesk", run_name="__main__")
    """
)


def _wait_for(condition, timeout: float, what: str, child: subprocess.Popen[str]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if child.poll() is not None:
            raise AssertionError(f"gkdesk exited ({child.returncode}) before {what}: {child.stderr.read()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout:.0f} s")
        time.sleep(0.02)


def test_a_killed_window_leaves_its_autosave_record_with_the_edits(tmp_path: Path) -> None:
    data_dir = Path(os.environ["GKDESK_DATA_DIR"])  # this test's own data folder (tests/conftest.py)
    folder = tmp_path / "报告"
    folder.mkdir()
    report_path = folder / "示例报告.gkreport"
    report_path.write_bytes(EXAMPLE.read_bytes())
    on_disk = report_path.read_bytes()
    original = read_native(report_path)
    assert original.applications.count("new.biz") != 17

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GKDESK_DATA_DIR": str(data_dir),
        "GKDESK_AUTOSAVE_MS": "300",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, "示例报告.gkreport"],  # a relative path, as a double-click in the folder gives
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "edited True\n", f"the window did not take the edits: {line!r} {child.stderr.read()}"  # type: ignore[union-attr]
        sidecars = lambda: list((data_dir / "autosave").glob("*.json"))  # noqa: E731
        # the copy is written (atomically) before its sidecar: once the sidecar is there, both are complete
        _wait_for(lambda: bool(sidecars()), 20, "autosave record", child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    (sidecar,) = sidecars()
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    assert record["pid"] == child.pid
    assert record["host"] == autosave.host_name()
    assert Path(record["original_path"]).is_absolute()
    assert Path(record["original_path"]) == report_path

    entries = autosave.list_autosaves()
    assert [e.autosave_id for e in entries] == [record["id"]]
    (entry,) = entries
    assert entry.orphaned()  # its process is gone: the next start offers it
    assert entry.original_path == report_path
    recovered = entry.load()  # complete: it opens
    assert recovered.applications.count("new.biz") == 17
    assert recovered.applications.count("carry_out.biz") == 4
    before, after = original.applications.counts, recovered.applications.counts
    changed = {cell for cell in before.keys() | after.keys() if before.get(cell) != after.get(cell)}
    assert {"new.biz", "carry_out.biz"} <= changed
    assert all(c in ("new.biz", "carry_out.biz") or "total" in c or c.endswith(".sum") for c in changed), changed
    expected = original.model_copy(deep=True)
    expected.tables["applications"] = recovered.applications
    assert recovered.model_dump() == expected.model_dump()  # the edits (and their totals), nothing else changed

    assert report_path.read_bytes() == on_disk  # the report itself was never written
    leftovers = sorted(p.name for p in folder.iterdir() if p.name != report_path.name and not p.name.endswith(".lock"))
    assert leftovers == []
    assert autosave.foreign_lock(report_path) is None  # the dead window's lock does not hold the file
