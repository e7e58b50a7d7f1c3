"""Fault test: a writer process SIGKILLed at random moments of a save never leaves a broken report behind.

Each run starts a small Python child (``CHILD``, importing only gkdesk) that saves a sizeable report carrying its own
marker over the previous run's version, and kills it after a random delay between 0 and the measured duration of a
save. After every kill the file on disk must be byte-for-byte the old or the new complete version (and parse, with
the right marker); a ``.bak``, when there is one, must be a complete earlier version too.

Half of the runs save through ``write_native`` (serialising included, as the window does), half write prepared bytes
through ``atomic_write_bytes`` so more kills land in the disk phase. ``GKDESK_FAULT_SEED`` repeats a run's delays.
"""

from __future__ import annotations

import errno
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and POSIX rename semantics; Windows has neither"
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "example.gkreport"
RUNS = 100
PARAGRAPHS = 2000  # about 2 MB of JSON: a save takes long enough for kills to land inside it
BUDGET_S = 55.0  # the whole test, on two cores


_PLACEHOLDER = "MARKER"
_template: list[bytes] = []


def template_bytes() -> bytes:
    """The sizeable report's file with ``MARKER`` where each version's marker goes; built once."""
    if not _template:
        from gkdesk.domain.report import Block
        from gkdesk.io.native import read_native, report_to_json_text

        report = read_native(EXAMPLE)
        report.title = f"{report.title}【{_PLACEHOLDER}】"
        blocks = report.parts["一"].blocks
        filler = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。" * 4
        blocks.extend(Block(text=f"{_PLACEHOLDER}·第{i}段：{filler}") for i in range(PARAGRAPHS))
        _template.append(report_to_json_text(report).encode("utf-8"))
    return _template[0]


def report_bytes(marker: str) -> bytes:
    """The exact file a save of version ``marker`` writes (deterministic, so the parent knows it byte for byte).

    A marker is plain ASCII, so putting it into the template gives the bytes ``report_to_json_text`` would (the
    calibration saves, which serialise in the child, check that).
    """
    assert marker.replace("-", "").isalnum() and marker.isascii() and _PLACEHOLDER not in marker
    return template_bytes().replace(_PLACEHOLDER.encode(), marker.encode())


def marker_of(path: Path) -> str:
    """The marker of the report in ``path``, read the way the window opens it (raises if it does not open)."""
    from gkdesk.io.native import read_native

    title = read_native(path).title
    return title[title.rindex("【") + 1 : title.rindex("】")]


# The writer child: only gkdesk imported (start-up is most of a run's time); the report comes from the template file.
CHILD = """
import sys, time
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.native import report_from_json_text, write_native

template, path, marker, mode, placeholder = sys.argv[1:6]
with open(template, "rb") as file:
    data = file.read().replace(placeholder.encode(), marker.encode())
report = report_from_json_text(data.decode("utf-8")) if mode == "native" else None
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.readline()
start = time.perf_counter()
if report is not None:
    write_native(report, path)
else:
    atomic_write_bytes(path, data)
sys.stdout.write(f"{time.perf_counter() - start:.6f}\\n")
sys.stdout.flush()
"""


class _Writer:
    """A writer child started ahead of its run (so its start-up overlaps the previous run), ready on demand."""

    def __init__(self, template: Path, path: Path, marker: str, mode: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        self.marker, self.mode = marker, mode
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-c", CHILD, str(template), str(path), marker, mode, _PLACEHOLDER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def ready(self) -> subprocess.Popen[str]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "ready\n", f"writer child did not start: {line!r}"
        return self.process

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


def _measure(template: Path, path: Path, mode: str, marker: str) -> float:
    child = _Writer(template, path, marker, mode).ready()
    _go(child)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 0
    return float(out.strip())


@posix_only
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_complete_file(tmp_path: Path) -> None:
    started = time.monotonic()
    seed = int(os.environ.get("GKDESK_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"\nfault seed {seed} (GKDESK_FAULT_SEED={seed} repeats these delays)")
    target = tmp_path / "报告.gkreport"
    backup = target.with_name(target.name + ".bak")

    template = tmp_path / "template.json"
    template.write_bytes(template_bytes())
    # Calibration: unkilled saves give the duration the delays are drawn from, and the first complete versions.
    durations = {"native": [], "bytes": []}  # type: dict[str, list[float]]
    versions: dict[str, bytes] = {}
    for i, mode in enumerate(["bytes", "native", "bytes", "native"]):
        marker = f"calibration-{i}"
        durations[mode].append(_measure(template, target, mode, marker))
        versions[marker] = report_bytes(marker)
        assert target.read_bytes() == versions[marker]
    duration = {mode: statistics.median(values) for mode, values in durations.items()}
    print(f"save duration: write_native {duration['native'] * 1000:.1f} ms, bytes {duration['bytes'] * 1000:.1f} ms")

    current = "calibration-3"
    kills = completed = old_kept = bytes_lost = backups_opened = 0
    stale_temps: set[str] = set()
    opened = {current}  # markers whose complete bytes read_native has opened
    ahead = 1  # a writer child starting while a run is checked
    queue = [
        _Writer(template, target, f"run-{i}", "native" if i % 2 == 0 else "bytes") for i in range(min(ahead, RUNS))
    ]
    child = queue[0].process
    try:
        for run in range(RUNS):
            writer = queue.pop(0)
            child, marker, mode = writer.ready(), writer.marker, writer.mode
            versions[marker] = report_bytes(marker)
            delay = rng.uniform(0.0, duration[mode])
            _go(child)
            time.sleep(delay)
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait(timeout=30)
            if child.returncode != 0:
                assert child.returncode == -signal.SIGKILL
            # The next writer starts only now (no start-up competing with this save), overlapping the checks below.
            if run + ahead < RUNS:
                i = run + ahead
                queue.append(_Writer(template, target, f"run-{i}", "native" if i % 2 == 0 else "bytes"))

            on_disk = target.read_bytes()
            found = marker_of(target)
            assert found in (current, marker), f"run {run}: {found} on disk, expected {current} or {marker}"
            expected = versions[found]
            if on_disk != expected:  # counted before the assert so a failure reports how much
                bytes_lost += abs(len(expected) - len(on_disk)) + sum(
                    a != b for a, b in zip(expected, on_disk, strict=False)
                )
            assert on_disk == expected, f"run {run}: the file on disk is not a complete version"
            opened.add(found)
            if found == marker:
                completed += 1
            else:
                old_kept += 1
            keep = {found}
            if backup.exists():
                backup_data = backup.read_bytes()
                # Byte-identical to a version read_native already opened counts as opening; anything else is opened now.
                known = [m for m in opened if versions.get(m) == backup_data]
                backup_marker = known[0] if known else marker_of(backup)
                assert backup_marker in versions, f"run {run}: the .bak holds {backup_marker}, no recent version"
                assert backup_data == versions[backup_marker], f"run {run}: the .bak is not a complete version"
                backups_opened += 1
                keep.add(backup_marker)
            stale_temps |= {p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")}
            current = found
            versions = {m: versions[m] for m in keep}  # memory stays flat: only versions that can still be on disk
            assert time.monotonic() - started < BUDGET_S, (
                f"fault test over its {BUDGET_S:.0f} s budget after {run} runs"
            )
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for leftover in queue:
            leftover.stop()
    elapsed = time.monotonic() - started
    print(
        f"runs {RUNS}, killed {kills} (mid-write, old version kept: {old_kept}; after the save completed: "
        f"{kills - old_kept}), saves completed {completed}, bytes lost {bytes_lost}, .bak opened {backups_opened}, "
        f"temp files left by kills {len(stale_temps)}, {elapsed:.1f} s"
    )
    assert completed + old_kept == RUNS
    assert bytes_lost == 0
    assert kills >= RUNS // 2, "too few kills landed to prove anything: the delays were longer than the saves"
    assert old_kept >= RUNS // 10, "too few kills landed mid-write: the report is too small for this machine"
    assert backups_opened == RUNS


# --------------------------------------------------------------------------- a write that fails


def assert_user_message(message: str, *names: str) -> None:
    """One line of Chinese saying the original is intact; no English system text (names in the message aside)."""
    for name in names:
        message = message.replace(name, "")
    assert "\n" not in message
    assert "原文件未改动" in message
    assert message.endswith("。")
    assert not re.search(r"[A-Za-z]{2,}|Errno|\[\d+\]", message.replace("Word/WPS", "")), message


def _fault_original(tmp_path: Path) -> tuple[Path, bytes]:
    folder = tmp_path / "共享文件夹"
    folder.mkdir()
    target = folder / "报告.gkreport"
    target.write_bytes(report_bytes("original"))
    target.chmod(0o640)
    return target, target.read_bytes()


def _assert_untouched(target: Path, original: bytes) -> None:
    assert target.read_bytes() == original
    assert marker_of(target) == "original"
    leftovers = sorted(p.name for p in target.parent.iterdir() if p.name not in (target.name, target.name + ".bak"))
    assert leftovers == [], f"temp files left behind: {leftovers}"
    backup = target.with_name(target.name + ".bak")
    if backup.exists():
        assert backup.read_bytes() == original


def _enospc(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


class _FullDisk:
    """A file object whose writes fail the way a full disk makes them fail."""

    def __init__(self, handle: object) -> None:
        self._handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    from gkdesk.io import atomic
    from gkdesk.io.errors import ReportWriteError
    from gkdesk.io.native import read_native, write_native

    target, original = _fault_original(tmp_path)
    report = read_native(target)
    report.title = "新标题【new】"
    if where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", _enospc)
    else:
        real_fdopen = os.fdopen
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    with pytest.raises(ReportWriteError) as caught:
        write_native(report, target)
    message = str(caught.value)
    assert "磁盘空间不足" in message
    assert "space" not in message
    assert_user_message(message, target.name)
    _assert_untouched(target, original)


def _refuse_replace(target: Path, exc: OSError) -> tuple[list[float], object]:
    calls: list[float] = []
    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == target:
            calls.append(time.monotonic())
            raise exc
        real_replace(src, dst)  # type: ignore[arg-type]

    return calls, replace


@posix_only
def test_a_read_only_folder_keeps_the_original(tmp_path: Path) -> None:
    from gkdesk.io.errors import ReportWriteError
    from gkdesk.io.native import read_native, write_native

    if os.geteuid() == 0:
        pytest.skip("root ignores folder modes; test_permission_denied_on_replace simulates the refusal")
    target, original = _fault_original(tmp_path)
    report = read_native(target)
    target.parent.chmod(0o555)
    try:
        with pytest.raises(ReportWriteError) as caught:
            write_native(report, target)
    finally:
        target.parent.chmod(0o755)
    assert "权限" in str(caught.value)
    assert "denied" not in str(caught.value)
    _assert_untouched(target, original)


def test_permission_denied_on_replace_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a folder without write permission does to a non-root user (root ignores modes, so it is simulated)."""
    from gkdesk.io import atomic
    from gkdesk.io.errors import ReportWriteError
    from gkdesk.io.native import read_native, write_native

    target, original = _fault_original(tmp_path)
    report = read_native(target)
    report.title = "新标题【new】"
    calls, replace = _refuse_replace(target, PermissionError(errno.EACCES, "Permission denied"))
    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic, "_RETRY_DELAY_S", 0.001)
    with pytest.raises(ReportWriteError) as caught:
        write_native(report, target)
    assert calls  # the refusal was the replace of the target, after the new version was written
    message = str(caught.value)
    assert_user_message(message, target.name)
    assert "denied" not in message
    _assert_untouched(target, original)


def _sharing_violation() -> PermissionError:
    """What Windows raises when Word holds the target open (ERROR_SHARING_VIOLATION), built on any system."""
    exc = PermissionError(
        errno.EACCES, "The process cannot access the file because it is being used by another process"
    )
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def test_a_file_held_open_is_retried_briefly_then_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gkdesk.io import atomic
    from gkdesk.io.errors import ReportWriteError
    from gkdesk.io.native import read_native, write_native

    target, original = _fault_original(tmp_path)
    report = read_native(target)
    report.title = "新标题【new】"
    calls, replace = _refuse_replace(target, _sharing_violation())
    monkeypatch.setattr(atomic.os, "replace", replace)
    started = time.monotonic()
    with pytest.raises(ReportWriteError) as caught:
        write_native(report, target)
    elapsed = time.monotonic() - started
    assert len(calls) == atomic._RETRIES > 1  # retried, not given up at the first refusal
    assert calls[-1] - calls[0] >= atomic._RETRY_DELAY_S  # with pauses between the tries
    assert elapsed < 3.0  # briefly: the clerk is not kept waiting
    message = str(caught.value)
    assert "Word" in message
    assert "another process" not in message
    assert_user_message(message, target.name)
    _assert_untouched(target, original)


def test_a_file_released_while_retrying_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A virus scanner holding the file for a moment: the retry gets through and the save completes."""
    from gkdesk.io import atomic
    from gkdesk.io.native import read_native, write_native

    target, _original = _fault_original(tmp_path)
    report = read_native(target)
    report.title = "新标题【new】"
    real_replace = os.replace
    refusals = [_sharing_violation(), _sharing_violation()]

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == target and refusals:
            raise refusals.pop()
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", replace)
    write_native(report, target)
    assert not refusals
    assert marker_of(target) == "new"
    assert marker_of(target.with_name(target.name + ".bak")) == "original"
    assert stat_mode(target) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name, target.name + ".bak"]


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
