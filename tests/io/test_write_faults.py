"""Fault test: a writer process SIGKILLed at random moments of a save never leaves a broken report behind.

Each run starts a small Python child (this file run as a script) that saves a sizeable report carrying its own
marker over the previous run's version, and kills it after a random delay between 0 and the measured duration of a
save. After every kill the file on disk must be byte-for-byte the old or the new complete version (and parse, with
the right marker); a ``.bak``, when there is one, must be a complete earlier version too.

Half of the runs save through ``write_native`` (serialising included, as the window does), half write prepared bytes
through ``atomic_write_bytes`` so more kills land in the disk phase. ``GKDESK_FAULT_SEED`` repeats a run's delays.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __name__ != "__main__":
    import pytest

    pytestmark = pytest.mark.skipif(
        sys.platform == "win32", reason="SIGKILL and POSIX rename semantics; Windows has neither"
    )

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "example.gkreport"
RUNS = 100
PARAGRAPHS = 2500  # about 2.5 MB of JSON: a save takes long enough for kills to land inside it
BUDGET_S = 55.0  # the whole test, on two cores


def report_bytes(marker: str) -> bytes:
    """The exact file a save of version ``marker`` writes (deterministic, so the parent knows it byte for byte)."""
    from gkdesk.domain.report import Block
    from gkdesk.io.native import read_native, report_to_json_text

    report = read_native(EXAMPLE)
    report.title = f"{report.title}【{marker}】"
    blocks = report.parts["一"].blocks
    filler = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。" * 4
    blocks.extend(Block(text=f"{marker}·第{i}段：{filler}") for i in range(PARAGRAPHS))
    return report_to_json_text(report).encode("utf-8")


def marker_of(path: Path) -> str:
    """The marker of the report in ``path``, read the way the window opens it (raises if it does not open)."""
    from gkdesk.io.native import read_native

    title = read_native(path).title
    return title[title.rindex("【") + 1 : title.rindex("】")]


def _child(path: str, marker: str, mode: str) -> None:
    """Prepare, say ready, wait for the go, save once, report the seconds the save took."""
    from gkdesk.io.atomic import atomic_write_bytes
    from gkdesk.io.native import write_native

    data = report_bytes(marker)
    if mode == "native":
        from gkdesk.io.native import report_from_json_text

        report = report_from_json_text(data.decode("utf-8"))
        del data
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    start = time.perf_counter()
    if mode == "native":
        write_native(report, path)
    else:
        atomic_write_bytes(path, data)
    sys.stdout.write(f"{time.perf_counter() - start:.6f}\n")
    sys.stdout.flush()


def _spawn(path: Path, marker: str, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-u", __file__, str(path), marker, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line == "ready\n", f"writer child did not start: {line!r}"
    return child


def _go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


def _measure(path: Path, mode: str, marker: str) -> float:
    child = _spawn(path, marker, mode)
    _go(child)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 0
    return float(out.strip())


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_complete_file(tmp_path: Path) -> None:
    started = time.monotonic()
    seed = int(os.environ.get("GKDESK_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"\nfault seed {seed} (GKDESK_FAULT_SEED={seed} repeats these delays)")
    target = tmp_path / "报告.gkreport"
    backup = target.with_name(target.name + ".bak")

    # Calibration: unkilled saves give the duration the delays are drawn from, and the first complete versions.
    durations = {"native": [], "bytes": []}  # type: dict[str, list[float]]
    versions: dict[str, bytes] = {}
    for i, mode in enumerate(["bytes", "native", "bytes", "native"]):
        marker = f"calibration-{i}"
        durations[mode].append(_measure(target, mode, marker))
        versions[marker] = report_bytes(marker)
        assert target.read_bytes() == versions[marker]
    duration = {mode: statistics.median(values) for mode, values in durations.items()}
    print(f"save duration: write_native {duration['native'] * 1000:.1f} ms, bytes {duration['bytes'] * 1000:.1f} ms")

    current = "calibration-3"
    kills = completed = old_kept = bytes_lost = backups_opened = 0
    stale_temps: set[str] = set()
    next_marker = "run-0"
    next_mode = "native"
    pending = child = _spawn(target, next_marker, next_mode)
    try:
        for run in range(RUNS):
            child, marker, mode = pending, next_marker, next_mode
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
            # The next child starts (Python start-up, building its report) while this run is checked.
            if run + 1 < RUNS:
                next_marker, next_mode = f"run-{run + 1}", ("bytes" if run % 2 == 0 else "native")
                pending = _spawn(target, next_marker, next_mode)

            on_disk = target.read_bytes()
            found = marker_of(target)
            assert found in (current, marker), f"run {run}: {found} on disk, expected {current} or {marker}"
            expected = versions[found]
            if on_disk != expected:  # counted before the assert so a failure reports how much
                bytes_lost += abs(len(expected) - len(on_disk)) + sum(
                    a != b for a, b in zip(expected, on_disk, strict=False)
                )
            assert on_disk == expected, f"run {run}: the file on disk is not a complete version"
            if found == marker:
                completed += 1
            else:
                old_kept += 1
            keep = {found}
            if backup.exists():
                backup_marker = marker_of(backup)  # it opens
                assert backup_marker in versions, f"run {run}: the .bak holds {backup_marker}, no recent version"
                assert backup.read_bytes() == versions[backup_marker], f"run {run}: the .bak is not a complete version"
                backups_opened += 1
                keep.add(backup_marker)
            stale_temps |= {p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")}
            current = found
            versions = {m: versions[m] for m in keep}  # memory stays flat: only versions that can still be on disk
            assert time.monotonic() - started < BUDGET_S, (
                f"fault test over its {BUDGET_S:.0f} s budget after {run} runs"
            )
    finally:
        for leftover in (pending, child):
            if leftover.poll() is None:
                leftover.kill()
                leftover.wait()
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


if __name__ == "__main__":
    _child(*sys.argv[1:4])
