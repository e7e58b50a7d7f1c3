"""Import time of a .docx and a .txt report against LibreOffice converting the same file, in the same run.

Run: ``.venv/bin/python benchmarks/import_bench.py [repeats] [--quick]`` (``--quick``: 10 imports, 2 conversions). For each file, gkdesk's importer runs ``repeats``
times in this process (median reported, plus the first, cold call) and ``soffice --headless --convert-to txt``
converts the same file a few times with a private profile (median wall time, process start included, which is
what a clerk waits for either way). Prints both times and the ratio; the target is well under 100 ms a report.
Inputs: a Word sample and two seeds from ``../shared``; without it (a fresh clone) the same three shapes from the
project's own corpus (``tests/corpus.py``). The first lines say which files were used.
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

from gkdesk.io.docx_reader import read_docx
from gkdesk.io.txt_reader import read_txt_file

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
Reader = Callable[[Path], object]
FILES: tuple[tuple[str, Path, Reader], ...] = (
    (".docx (Word sample)", SHARED / "samples" / "jiaokou-county-2021.docx", read_docx),
    (".txt (TAB rows)", SHARED / "seeds" / "jiaokou-county-2021.txt", read_txt_file),
    (".txt (one cell per line)", SHARED / "seeds" / "hequ-county-2020.txt", read_txt_file),
)
# Without ../shared (a fresh clone): the same three shapes from the project's own corpus (tests/corpus.py).
CORPUS_FILES: tuple[tuple[str, str, str, Reader], ...] = (
    (".docx (own corpus, visible tables)", "county-2022", "docx-visible", read_docx),
    (".txt (own corpus, TAB rows)", "example", "txt", read_txt_file),
    (".txt (own corpus, one cell per line)", "township-2019-trial", "txt-cell-per-line", read_txt_file),
)
TARGET_MS = 100.0


def inputs(folder: Path) -> tuple[tuple[str, Path, Reader], ...]:
    """The reference files when ../shared is there, else the corpus files written into ``folder``."""
    if all(path.is_file() for _label, path, _reader in FILES):
        return FILES
    from tests.corpus import write_shape

    print(f"{SHARED} is not there: using the project's own corpus (tests/corpus.py)")
    return tuple((label, write_shape(source, shape, folder), reader) for label, source, shape, reader in CORPUS_FILES)


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
            if done.returncode != 0 or not any((Path(tmp) / "out").iterdir()):
                return None
    return statistics.median(times)


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--quick"]
    quick = "--quick" in sys.argv[1:]
    repeats = int(args[0]) if args else (10 if quick else 30)
    conversions = 2 if quick else 3
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="gk-bench-corpus-") as tmp:
        files = inputs(Path(tmp))
        for label, path, _reader in files:
            print(f"input {label}: {path}")
        return _run(files, soffice, repeats, conversions)


def _run(files: tuple[tuple[str, Path, Reader], ...], soffice: str | None, repeats: int, conversions: int) -> int:
    print(f"gkdesk import vs LibreOffice --convert-to txt (median of {repeats} imports, {conversions} conversions)")
    print(f"{'file':38} {'gkdesk cold':>12} {'gkdesk':>9} {'LibreOffice':>12} {'ratio':>8}")
    worst = 0.0
    rows = []
    for label, path, reader in files:
        cold, warm = gkdesk_ms(path, reader, repeats)
        worst = max(worst, warm)
        office = soffice_ms(path, soffice, conversions) if soffice else None
        office_text = f"{office:9.0f} ms" if office is not None else "   n/a"
        ratio = f"{office / warm:7.0f}x" if office is not None else "    n/a"
        print(f"{label:38} {cold:9.1f} ms {warm:6.1f} ms {office_text:>12} {ratio:>8}")
        rows.append(
            {
                "benchmark": f"import {label}",
                "gkdesk": f"{warm:.1f} ms (median of {repeats}; first call {cold:.1f} ms)",
                "baseline": "n/a (no LibreOffice)"
                if office is None
                else f"{office:.0f} ms (soffice --convert-to txt, median of {conversions})",
                "ratio": None if office is None else round(warm / office, 4),
                "note": (
                    "import vs soffice converting the same file"
                    + ("" if office is None else f" (LibreOffice takes {office / warm:,.0f}x as long)")
                    + f"; lower is better; target < {TARGET_MS:.0f} ms a report"
                ),
            }
        )
    verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
    print(f"slowest warm import {worst:.1f} ms, target < {TARGET_MS:.0f} ms a report: {verdict}")
    print("RESULT " + json.dumps(rows, ensure_ascii=False))
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
