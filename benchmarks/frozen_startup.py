"""Frozen against unfrozen start: the PyInstaller bundle against ``python -m gkdesk``, in the same run.

Two measurements, each a fresh process per run, runs of the two kinds alternating, medians compared:

- ``--version``: process start → exit through the CLI's fastest path (interpreter start plus gkdesk's imports);
- ``--smoke-test``: the whole self-test (window built offscreen, example checked, .docx and .txt exported and read
  back), i.e. what a start with a report costs once Qt is loaded.

    .venv/bin/python benchmarks/frozen_startup.py [--dist dist/gkdesk] [--runs 7] [--quick]

Without ``--dist`` the bundle is built from packaging/gkdesk.spec into a temporary folder first (20-40 s).
The ratio is frozen ÷ unfrozen time: below 1 the installed program starts faster than a Python checkout.
Prints ``RESULT`` and a JSON list as its last line (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "gkdesk.spec"
EXE_NAME = "gkdesk.exe" if sys.platform == "win32" else "gkdesk"


def build_bundle(into: Path) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"]
    command += ["--distpath", str(into / "dist"), "--workpath", str(into / "build"), str(SPEC)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=900)
    return into / "dist" / "gkdesk"


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout[-500:]!r} {result.stderr[-500:]!r}")
    return elapsed


def compare(frozen: list[str], unfrozen: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall times (s) of the two commands, after one warm-up each, runs alternating."""
    _wall(frozen, env)
    _wall(unfrozen, env)
    frozen_times, unfrozen_times = [], []
    for _ in range(runs):
        frozen_times.append(_wall(frozen, env))
        unfrozen_times.append(_wall(unfrozen, env))
    return statistics.median(frozen_times), statistics.median(unfrozen_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="a built bundle folder (default: build one now)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    with tempfile.TemporaryDirectory(prefix="gkdesk-frozen-bench-") as scratch:
        bundle = args.dist or build_bundle(Path(scratch))
        exe = str(bundle / EXE_NAME)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GKDESK_DATA_DIR": str(Path(scratch) / "data")}
        python = [sys.executable, "-m", "gkdesk"]
        rows = []
        for what, note in (
            ("--version", "process start to exit via the CLI's fast path"),
            ("--smoke-test", "window offscreen + check + .docx/.txt export and re-read"),
        ):
            frozen, unfrozen = compare([exe, what], [*python, what], env, runs)
            ratio = frozen / unfrozen
            print(f"gkdesk {what:13} frozen {frozen * 1000:7.0f} ms   python -m gkdesk {unfrozen * 1000:7.0f} ms   "
                  f"ratio {ratio:.2f}")  # fmt: skip
            rows.append(
                {
                    "benchmark": f"frozen vs unfrozen: gkdesk {what}",
                    "gkdesk": f"{frozen * 1000:.0f} ms (frozen bundle)",
                    "baseline": f"{unfrozen * 1000:.0f} ms (python -m gkdesk)",
                    "ratio": round(ratio, 2),
                    "note": f"{note}; median of {runs}; lower is better",
                }
            )
    print("RESULT " + json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
