"""Run every benchmark in benchmarks/ and write the table to benchmarks/RESULTS.md (and README.md's copy).

    .venv/bin/python benchmarks/run_all.py [--full] [--only NAME ...] [--timeout SECONDS]

Each ``benchmarks/*.py`` script runs as its own process (``--quick`` is passed to scripts that accept it, unless
``--full``), with a time limit. A script reports by printing, as its LAST stdout line, ``RESULT`` followed by a JSON
object or list of objects with the keys benchmark, gkdesk, baseline, ratio, note (see benchmarks/README.md). Scripts
that do not print it yet still get a row: their last output line. Ratios, not absolute times, are what we compare:
both sides of every ratio are measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
README = ROOT / "README.md"
README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
# The order: start-up, import/export, check latency, batch, frozen start, the ledger; others after, by name.
ORDER = ("startup", "import_bench", "export_bench", "check_bench", "batch_bench", "frozen_startup", "ledger_bench")
RESULT_PREFIX = "RESULT "
KEYS = ("benchmark", "gkdesk", "baseline", "ratio", "note")


def ratio_text(ratio: float) -> str:
    """Two decimals, but two significant digits for small ratios (0.0047, not 0.00: gkdesk vs LibreOffice)."""
    return f"{ratio:.2f}" if abs(ratio) >= 0.1 else f"{ratio:.2g}"


@dataclass
class Row:
    benchmark: str
    gkdesk: str = ""
    baseline: str = ""
    ratio: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else ratio_text(self.ratio)
        return [_cell(self.benchmark), _cell(self.gkdesk), _cell(self.baseline), ratio, _cell(self.note)]


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def discover(only: list[str]) -> list[Path]:
    scripts = [p for p in BENCH_DIR.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_")]
    scripts.sort(key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))
    return [p for p in scripts if not only or p.stem in only]


def accepts_quick(script: Path) -> bool:
    return "--quick" in script.read_text(encoding="utf-8")


def parse_result(script: Path, line: str) -> list[Row]:
    """Rows from a ``RESULT {json}`` line; a malformed one becomes a row that says so."""
    try:
        payload = json.loads(line[len(RESULT_PREFIX) :])
        items = payload if isinstance(payload, list) else [payload]
        rows = []
        for item in items:
            ratio = item.get("ratio")
            rows.append(
                Row(
                    benchmark=str(item.get("benchmark") or script.stem),
                    gkdesk=str(item.get("gkdesk", "")),
                    baseline=str(item.get("baseline", "")),
                    ratio=None if ratio is None else float(ratio),
                    note=str(item.get("note", "")),
                )
            )
        return rows
    except (ValueError, TypeError, AttributeError) as exc:
        return [Row(script.stem, note=f"unreadable RESULT line ({exc}): {line[:200]}")]


def run_script(script: Path, quick: bool, timeout: float) -> tuple[list[Row], float]:
    command = [sys.executable, str(script)]
    if quick and accepts_quick(script):
        command.append("--quick")
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [Row(script.stem, note=f"timed out after {timeout:.0f} s")], time.perf_counter() - started
    elapsed = time.perf_counter() - started
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    if done.returncode != 0:
        errors = [ln for ln in done.stderr.splitlines() if ln.strip()]
        return [Row(script.stem, note=f"failed (exit {done.returncode}): {(errors or lines or ['?'])[-1]}")], elapsed
    if lines and lines[-1].startswith(RESULT_PREFIX):
        return parse_result(script, lines[-1]), elapsed
    return [legacy_row(script, lines)], elapsed


_RATIO_IN_TEXT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:x\b|times\b)", re.IGNORECASE)


def legacy_row(script: Path, lines: list[str]) -> Row:
    """A script without a RESULT line: its last line that states a ratio ("1.99x", "60.1 times"), else its last."""
    for line in reversed(lines):
        match = _RATIO_IN_TEXT.search(line)
        if match:
            ratio = float(match.group(1).replace(",", "") + (match.group(2) or ""))
            return Row(script.stem, ratio=ratio, note=f"(no RESULT line) {line.strip()}")
    return Row(script.stem, note=f"(no RESULT line) {lines[-1].strip() if lines else 'no output'}")


def _cpu_model() -> str:
    if sys.platform.startswith("linux"):
        try:
            text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        if match:
            return match.group(1).strip()
    if sys.platform == "darwin":
        done = subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    return platform.processor() or platform.machine() or "unknown CPU"


def _ram_gb() -> float | None:
    if sys.platform.startswith("linux"):
        match = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(encoding="utf-8"), re.MULTILINE)
        return int(match.group(1)) / 1024**2 if match else None
    if sys.platform == "win32":
        import ctypes

        class MemoryStatus(ctypes.Structure):
            _fields_ = [("length", ctypes.c_ulong), ("load", ctypes.c_ulong)] + [
                (name, ctypes.c_ulonglong)
                for name in ("total", "avail", "page_total", "page_avail", "virt_total", "virt_avail", "ext")
            ]

        status = MemoryStatus()
        status.length = ctypes.sizeof(MemoryStatus)
        ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status))  # type: ignore[attr-defined]
        return status.total / 1024**3
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return None


def machine() -> dict[str, str]:
    try:
        from PySide6 import __version__ as qt_version
    except ImportError:
        qt_version = "not installed"
    ram = _ram_gb()
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count() or "?"),
        "RAM": f"{ram:.1f} GB" if ram else "unknown",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "PySide6": qt_version,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | gkdesk | baseline | ratio | note |", "|---|---|---|---:|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def render(rows: list[Row], info: dict[str, str], command: str, seconds: float) -> str:
    facts = "\n".join(f"- {key}: {value}" for key, value in info.items())
    return (
        "# Benchmark results\n\n"
        f"Written by `{command}` in {seconds:.0f} s. Do not edit by hand; run it again.\n"
        "Each ratio compares gkdesk with a baseline measured in the same run on this machine (the note says which\n"
        "way is better); absolute times vary between machines, ratios are what we compare.\n\n"
        f"{facts}\n\n{table(rows)}\n"
    )


def update_readme(rows: list[Row], info: dict[str, str]) -> bool:
    """Replace the table between the benchmark markers in README.md, if the markers are there."""
    if not README.exists():
        return False
    text = README.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    summary = f"Measured {info['date']} on {info['CPU']} ({info['cores']} cores, {info['RAM']}), {info['OS']}."
    block = f"{README_START}\n{summary}\n\n{table(rows)}\n{README_END}"
    README.write_text(text[:start] + block + text[end + len(README_END) :], encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description="Run every benchmark and write benchmarks/RESULTS.md.")
    parser.add_argument("--full", action="store_true", help="do not pass --quick to the scripts")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME", help="script names without .py")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per script (default 900)")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    args = parser.parse_args()

    started = time.perf_counter()
    rows: list[Row] = []
    for script in discover(args.only):
        print(f"running {script.name} ...", flush=True)
        script_rows, elapsed = run_script(script, quick=not args.full, timeout=args.timeout)
        for row in script_rows:
            ratio = "" if row.ratio is None else f" ratio {ratio_text(row.ratio)}"
            print(f"  {row.benchmark}:{ratio} {row.note}  [{elapsed:.0f} s]", flush=True)
        rows.extend(script_rows)
    info = machine()
    command = "python benchmarks/run_all.py" + (" --full" if args.full else "")
    RESULTS.write_text(render(rows, info, command, time.perf_counter() - started), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if not args.no_readme and not args.only and update_readme(rows, info):
        print(f"updated the table in {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
