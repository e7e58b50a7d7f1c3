"""Export time per report against LibreOffice converting the same report, in the same run.

Run: ``.venv/bin/python benchmarks/export_bench.py [ROUNDS] [--quick]`` (``--quick``: 3 rounds, 4 reports). For every seed (imported with gkdesk's own .txt
reader) plus the hand-built 交口县 2021 report it measures gkdesk's ``.docx`` export (template, body, tables,
footers, embedded report, zip; written to disk atomically) and ``.txt`` export, best of ROUNDS, then lets
LibreOffice (a private profile, headless) convert the gkdesk ``.txt`` of the same report to ``.docx`` one file per
call, which is what a clerk without gkdesk would do. Then the PDF export (``gkdesk.render.pdf``: layout, painting,
fonts embedded) and the web page export, median of ROUNDS, against LibreOffice converting gkdesk's ``.docx`` of the
same report to PDF. Prints milliseconds per report and the ratios. Without ``../shared`` (a fresh clone) the seeds
are replaced by the sources of the project's own corpus (``tests/corpus.py``).
Targets: under 200 ms per .docx export, under 300 ms per PDF export.
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
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report
from gkdesk.io.html_writer import write_html
from gkdesk.io.txt_writer import write_txt
from gkdesk.render.pdf import save_pdf

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0
PDF_TARGET_MS = 300.0


def _reports(limit: int | None = None) -> dict[str, Report]:
    """The hand-built 交口县 report plus the seeds of ../shared, or without it the project's own corpus sources."""
    from tests.corpus import SOURCES, source_report
    from tests.io.export_support import jiaokou_2021, signed

    reports = {"jiaokou-2021-built": signed(jiaokou_2021())}
    seeds_dir = ROOT.parent / "shared" / "seeds"
    seeds = sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    if seeds:
        print(f"inputs: the built 交口县 report and the seeds in {seeds_dir}")
        more: dict[str, Callable[[], Report]] = {seed.stem: partial(load_report, seed) for seed in seeds}
    else:
        print(f"{seeds_dir} is not there: inputs are the built 交口县 report and tests/corpus.py's sources")
        more = {f"corpus {name}": partial(source_report, name) for name in SOURCES}
    for name, read in list(more.items())[: None if limit is None else limit - 1]:
        reports[name] = read()
    print("inputs: " + ", ".join(reports))
    return reports


def _best_ms(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _libreoffice_ms(source: Path, outdir: Path, profile: Path, target: str = "docx:MS Word 2007 XML") -> float:
    """One headless LibreOffice conversion (.txt -> .docx, or .docx -> .pdf with ``target="pdf"``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: no baseline")
    infilter = ["--infilter=Text (encoded):UTF8,,,"] if source.suffix == ".txt" else []
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *infilter,
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(source),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    elapsed = (time.perf_counter() - start) * 1000
    if not (outdir / (source.stem + "." + target.split(":", maxsplit=1)[0])).exists():
        raise SystemExit(f"LibreOffice did not convert {source.name}")
    return elapsed


def main(argv: list[str]) -> int:
    quick = "--quick" in argv[1:]
    args = [a for a in argv[1:] if a != "--quick"]
    rounds = int(args[0]) if args else (3 if quick else 10)
    reports = _reports(4 if quick else None)
    with tempfile.TemporaryDirectory(prefix="gkdesk-export-bench-") as tmp:
        folder = Path(tmp)
        profile = folder / "lo-profile"
        # one warm-up conversion so LibreOffice's first-start profile creation is not counted against it
        warm = folder / "warm.txt"
        write_txt(next(iter(reports.values())), warm)
        _libreoffice_ms(warm, folder / "lo", profile)
        write_docx(next(iter(reports.values())), folder / "warm.docx", draft=True)  # template cache, imports

        print(f"{'report':<28}{'gkdesk .docx':>14}{'gkdesk .txt':>13}{'LibreOffice':>13}{'ratio':>8}")
        totals = [0.0, 0.0, 0.0]
        for i, (name, report) in enumerate(reports.items()):
            docx_path, txt_path = folder / f"r{i}.docx", folder / f"r{i}.txt"
            docx_ms = _best_ms(partial(write_docx, report, docx_path, draft=True), rounds)
            txt_ms = _best_ms(partial(write_txt, report, txt_path), rounds)
            lo_ms = _libreoffice_ms(txt_path, folder / "lo", profile)
            totals = [totals[0] + docx_ms, totals[1] + txt_ms, totals[2] + lo_ms]
            print(f"{name:<28}{docx_ms:>11.1f} ms{txt_ms:>10.1f} ms{lo_ms:>10.0f} ms{lo_ms / docx_ms:>7.1f}x")
        n = len(reports)
        docx_avg, txt_avg, lo_avg = (t / n for t in totals)
        print(f"{'mean':<28}{docx_avg:>11.1f} ms{txt_avg:>10.1f} ms{lo_avg:>10.0f} ms{lo_avg / docx_avg:>7.1f}x")
        verdict = "meets" if docx_avg < TARGET_MS else "MISSES"
        print(f"gkdesk .docx export: {docx_avg:.1f} ms a report, {verdict} the {TARGET_MS:.0f} ms target;")
        print(f"LibreOffice .txt -> .docx takes {lo_avg / docx_avg:.1f} times as long.")
        pdf_avg, html_avg, lo_pdf_avg = _pdf_and_html(reports, folder, profile, rounds)
    sizes = f"mean of {n} reports, best of {rounds} each"
    medians = f"mean of {n} reports' medians of {rounds}"
    rows = [
        {
            "benchmark": "export .docx",
            "gkdesk": f"{docx_avg:.1f} ms ({sizes})",
            "baseline": f"{lo_avg:.0f} ms (soffice .txt -> .docx, mean of {n})",
            "ratio": round(docx_avg / lo_avg, 4),
            "note": (
                f"LibreOffice takes {lo_avg / docx_avg:,.0f}x as long; lower is better; "
                f"target < {TARGET_MS:.0f} ms a report"
            ),
        },
        {
            "benchmark": "export .txt",
            "gkdesk": f"{txt_avg:.1f} ms ({sizes})",
            "baseline": f"{lo_avg:.0f} ms (soffice .txt -> .docx, mean of {n})",
            "ratio": round(txt_avg / lo_avg, 4),
            "note": f"same baseline as .docx (LibreOffice takes {lo_avg / txt_avg:,.0f}x as long); lower is better",
        },
        {
            "benchmark": "export PDF",
            "gkdesk": f"{pdf_avg:.1f} ms ({medians})",
            "baseline": f"{lo_pdf_avg:.0f} ms (soffice gkdesk's .docx -> .pdf, mean of {n})",
            "ratio": round(pdf_avg / lo_pdf_avg, 4),
            "note": (
                f"LibreOffice takes {lo_pdf_avg / pdf_avg:,.0f}x as long; lower is better; "
                f"target < {PDF_TARGET_MS:.0f} ms a report"
            ),
        },
        {
            "benchmark": "export web page",
            "gkdesk": f"{html_avg:.1f} ms ({medians})",
            "baseline": f"{lo_pdf_avg:.0f} ms (soffice gkdesk's .docx -> .pdf, mean of {n})",
            "ratio": round(html_avg / lo_pdf_avg, 4),
            "note": "same baseline as the PDF; lower is better",
        },
    ]
    print("RESULT " + json.dumps(rows, ensure_ascii=False))
    return 0


def _pdf_and_html(reports: dict[str, Report], folder: Path, profile: Path, rounds: int) -> tuple[float, float, float]:
    """Median PDF and web page export per report, and LibreOffice converting the same report's .docx to PDF."""
    save_pdf(next(iter(reports.values())), folder / "warm.pdf")  # the QGuiApplication, font database, imports
    print(f"{'report':<28}{'gkdesk PDF':>14}{'gkdesk .html':>14}{'LO .docx→PDF':>14}{'ratio':>8}")
    totals = [0.0, 0.0, 0.0]
    for i, (name, report) in enumerate(reports.items()):
        pdf_path, html_path, docx_path = folder / f"p{i}.pdf", folder / f"p{i}.html", folder / f"p{i}.docx"
        pdf_ms = _median_ms(partial(save_pdf, report, pdf_path), rounds)
        html_ms = _median_ms(partial(write_html, report, html_path, draft=True), rounds)
        write_docx(report, docx_path, draft=True)
        lo_ms = _libreoffice_ms(docx_path, folder / "lo", profile, "pdf")
        totals = [totals[0] + pdf_ms, totals[1] + html_ms, totals[2] + lo_ms]
        print(f"{name:<28}{pdf_ms:>11.1f} ms{html_ms:>11.1f} ms{lo_ms:>11.0f} ms{lo_ms / pdf_ms:>7.1f}x")
    n = len(reports)
    pdf_avg, html_avg, lo_avg = (t / n for t in totals)
    print(f"{'mean':<28}{pdf_avg:>11.1f} ms{html_avg:>11.1f} ms{lo_avg:>11.0f} ms{lo_avg / pdf_avg:>7.1f}x")
    verdict = "meets" if pdf_avg < PDF_TARGET_MS else "MISSES"
    print(f"gkdesk PDF export: {pdf_avg:.1f} ms a report, {verdict} the {PDF_TARGET_MS:.0f} ms target;")
    print(f"LibreOffice .docx -> .pdf takes {lo_avg / pdf_avg:.1f} times as long.")
    return pdf_avg, html_avg, lo_avg


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
