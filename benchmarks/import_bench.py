"""Import time of every reference report against LibreOffice converting the same file, in the same run.

Run: ``.venv/bin/python benchmarks/import_bench.py [repeats] [--quick]`` (``--quick``: 5 imports, 1 conversion).
Every seed, Word sample and real published report in ``../shared`` (or, in a fresh clone, the project's own
corpus from ``tests/corpus.py``) is imported ``repeats`` times in this process through the reader registry
(median reported; the target is under 50 ms a report); ``soffice --headless --convert-to txt`` converts a sample
and a seed with a private profile, and ``pdftotext -layout`` a PDF (LibreOffice cannot export a PDF's text), each
timed as a whole process, which is what a clerk waits for either way. A last row times the digit search on 100 KB of hostile text (digits that run on after a row label, in
several patterns) against importing a 100 KB ordinary text report: the target is under 1 s.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gkdesk.io.readers import load
from gkdesk.io.txt_reader import read_text_report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
Reader = Callable[[Path], object]
# the reference files: every seed, sample and real report; LibreOffice converts the first of each kind
REFERENCE_GLOBS = ("seeds/*.txt", "samples/*.docx", "real/*.pdf", "real/*.txt")
LIBREOFFICE_SAMPLES = ("samples/jiaokou-county-2021.docx", "seeds/jiaokou-county-2021.txt", "real/huaian-city-2024.pdf")
# Without ../shared (a fresh clone): the project's own corpus (tests/corpus.py), in the shapes the readers take.
CORPUS_FILES: tuple[tuple[str, str], ...] = (
    ("county-2022", "docx-visible"),
    ("example", "txt"),
    ("township-2019-trial", "txt-cell-per-line"),
    ("county-2022", "txt-one-line-run-together"),
    ("bureau-2021-mixed", "txt-bare-cr"),
)
TARGET_MS = 50.0
HOSTILE_TARGET_MS = 1000.0


def inputs(folder: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """(label, file) for every input, and the files LibreOffice converts too."""
    found = [(str(p.relative_to(SHARED)), p) for pattern in REFERENCE_GLOBS for p in sorted(SHARED.glob(pattern))]
    if found:
        return found, [SHARED / name for name in LIBREOFFICE_SAMPLES if (SHARED / name).is_file()]
    from tests.corpus import write_shape

    print(f"{SHARED} is not there: using the project's own corpus (tests/corpus.py)")
    files = [(f"{source} {shape}", write_shape(source, shape, folder)) for source, shape in CORPUS_FILES]
    return files, [path for _label, path in files[:3]]


def _time(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def gkdesk_ms(path: Path, reader: Callable[[Path], object], repeats: int) -> tuple[float, float]:
    cold = _time(lambda: reader(path))
    warm = [_time(lambda: reader(path)) for _ in range(repeats)]
    return cold, statistics.median(warm)


def soffice_ms(path: Path, soffice: str, repeats: int) -> float | None:
    times = []
    with tempfile.TemporaryDirectory(prefix="gk-bench-") as tmp:
        profile = Path(tmp) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(Path(tmp) / "out"),
            str(path),
        ]
        subprocess.run(command, capture_output=True, timeout=180, check=False)  # first start builds the profile
        for _ in range(repeats):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, timeout=180, check=False)
            times.append((time.perf_counter() - start) * 1000)
            out = Path(tmp) / "out"
            if done.returncode != 0 or not out.is_dir() or not any(out.iterdir()):
                return None
    return statistics.median(times)


def _hostile_texts() -> list[str]:
    size = 100_000
    label = "二、主动公开政府信息情况\n规章"
    apps = "\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量"
    return [
        label + "1" * size,
        apps + "10" * (size // 2),
        apps + "1234567890" * (size // 10),
        apps + " ".join("0" * 7 for _ in range(size // 8)),
        apps + ("1" * 40 + "\n（一）予以公开") * (size // 50),
    ]


def hostile_row(repeats: int) -> dict[str, object]:
    ordinary = "一、总体情况\n" + "本年度依法做好政府信息公开工作，主动公开各类信息。\n" * 4000
    baseline = statistics.median(_time(lambda: read_text_report(ordinary)) for _ in range(max(1, repeats // 2)))
    worst = 0.0
    for text in _hostile_texts():
        worst = max(worst, statistics.median(_time(lambda t=text: read_text_report(t)) for _ in range(2)))
    verdict = "OK" if worst < HOSTILE_TARGET_MS else "TOO SLOW"
    print(
        f"digit search on 100 KB of hostile text: worst {worst:.0f} ms (ordinary 100 KB text {baseline:.0f} ms): {verdict}"
    )
    return {
        "benchmark": "import: digit search, 100 KB hostile text",
        "gkdesk": f"{worst:.0f} ms (worst of 5 patterns, median of 2)",
        "baseline": f"{baseline:.0f} ms (100 KB ordinary text report)",
        "ratio": round(worst / baseline, 2),
        "note": f"run-on digits after row labels vs plain prose of the same size; target < {HOSTILE_TARGET_MS:.0f} ms",
    }


def pdftotext_ms(path: Path, repeats: int) -> float | None:
    """LibreOffice opens a PDF as a drawing and cannot export its text: poppler's pdftotext is the baseline."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, timeout=120, check=False)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            return None
    return statistics.median(times)


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--quick"]
    quick = "--quick" in sys.argv[1:]
    repeats = int(args[0]) if args else (5 if quick else 20)
    conversions = 1 if quick else 3
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="gk-bench-corpus-") as tmp:
        files, converted = inputs(Path(tmp))
        return _run(files, converted, soffice, repeats, conversions)


def _run(
    files: list[tuple[str, Path]], converted: list[Path], soffice: str | None, repeats: int, conversions: int
) -> int:
    print(f"gkdesk import, median of {repeats} (LibreOffice --convert-to txt: median of {conversions})")
    print(f"{'file':48} {'gkdesk cold':>12} {'gkdesk':>9} {'LibreOffice':>12}")
    warm_of: dict[Path, float] = {}
    for label, path in files:
        cold, warm = gkdesk_ms(path, load, repeats)
        warm_of[path] = warm
        office = None
        if path in converted:
            office = pdftotext_ms(path, conversions) if path.suffix == ".pdf" else None
            if office is None and soffice:
                office = soffice_ms(path, soffice, conversions)
        office_text = f"{office:9.0f} ms" if office is not None else ""
        print(f"{label:48} {cold:9.1f} ms {warm:6.1f} ms {office_text:>12}")
        if office is not None:
            warm_of[path] = warm
            converted_times.append((label, warm, office))
    worst_label, worst = max(((label, warm_of[path]) for label, path in files), key=lambda x: x[1])
    rows: list[dict[str, object]] = [
        {
            "benchmark": f"import: every reference report ({len(files)} files)",
            "gkdesk": f"{statistics.median(warm_of.values()):.1f} ms median, slowest {worst:.1f} ms ({worst_label})",
            "baseline": "n/a"
            if not converted_times
            else f"{statistics.median(o for _l, _w, o in converted_times):.0f} ms (soffice --convert-to txt)",
            "ratio": None
            if not converted_times
            else round(
                statistics.median(w for _l, w, _o in converted_times)
                / statistics.median(o for _l, _w, o in converted_times),
                4,
            ),
            "note": f"median import of each seed, sample and real report; target < {TARGET_MS:.0f} ms each; lower is better",
        }
    ]
    for label, warm, office in converted_times:
        rows.append(
            {
                "benchmark": f"import {label}",
                "gkdesk": f"{warm:.1f} ms (median of {repeats})",
                "baseline": f"{office:.0f} ms ({_tool(label)}, median of {conversions})",
                "ratio": round(warm / office, 4),
                "note": f"gkdesk import vs {_tool(label)} on the same file; lower is better",
            }
        )
    rows.append(hostile_row(repeats))
    verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
    print(f"slowest warm import {worst:.1f} ms ({worst_label}), target < {TARGET_MS:.0f} ms a report: {verdict}")
    print("RESULT " + json.dumps(rows, ensure_ascii=False))
    return 0


converted_times: list[tuple[str, float, float]] = []


def _tool(label: str) -> str:
    return "pdftotext -layout" if label.endswith(".pdf") else "soffice --convert-to txt"


if __name__ == "__main__":
    raise SystemExit(main())
