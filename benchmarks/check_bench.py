"""Single-report check latency (the window re-checks on every edit), against baselines measured in the same run.

Run: ``.venv/bin/python benchmarks/check_bench.py [N] [--quick]`` (``--quick``: N = 500). Prints microseconds per ``check()`` of a filled-in report
with last year's report inside (all rules run, the copied-text check included), the same for serialising that
report to JSON (``model_dump_json``, what an autosave costs) and for an empty function call, and the ratios.
The target is well under 1 ms per check.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import sample_report

from gkdesk.domain.checker import check
from gkdesk.domain.content_rules import CONTENT_RULES
from gkdesk.domain.elements import comparable


def _per_call_us(fn: Callable[[], object], n: int) -> float:
    """The best of five rounds, in microseconds per call: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / n * 1e6


def _nothing() -> None:
    return None


def _content_checks(report: object) -> None:
    """What the content checks (required elements, SHORT, VAGUE, FEE, R7 on tables 二/四) add to every check()."""
    for rule in CONTENT_RULES:
        for _finding in rule(report):  # type: ignore[arg-type]
            pass


def _content_checks_cold(report: object) -> None:
    """The same with the text cache emptied first: every part's text edited since the last check (worst case)."""
    comparable.cache_clear()
    _content_checks(report)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--quick"]
    n = int(args[0]) if args else (500 if "--quick" in sys.argv[1:] else 2000)
    report = sample_report(random.Random(7), 1)
    result = check(report)
    print(f"report: {len(result.findings)} findings ({', '.join(sorted({f.code for f in result.findings}))})")
    checking = _per_call_us(lambda: check(report), n)
    dumping = _per_call_us(report.model_dump_json, n)
    empty = _per_call_us(_nothing, n * 100)
    print(f"check():            {checking:8.1f} us per report")
    print(f"model_dump_json():  {dumping:8.1f} us per report  (check / serialise = {checking / dumping:.2f}x)")
    print(f"empty call:         {empty:8.3f} us            (check / empty call = {checking / empty:,.0f}x)")
    print(f"target: well under 1000 us per check -> {'met' if checking < 500 else 'NOT met'} (< 500 us)")
    content = _per_call_us(lambda: _content_checks(report), n)
    content_cold = _per_call_us(lambda: _content_checks_cold(report), max(1, n // 4))
    print(
        f"content checks:     {content:8.1f} us per report  (cold text cache: {content_cold:.1f} us), part of check()"
    )
    print(f"target: content checks add under 1000 us -> {'met' if content_cold < 1000 else 'NOT met'}")
    content_row = {
        "benchmark": "check(): the content checks' share",
        "gkdesk": f"{content:.0f} µs ({content_cold:.0f} µs with the text cache emptied; best of 5 rounds)",
        "baseline": f"{checking:.0f} µs (the whole check() of the same report)",
        "ratio": round(content / checking, 2),
        "note": "required elements, SHORT, VAGUE, FEE, R7 on tables 二/四; target: under 1 ms added to check()",
    }
    row = {
        "benchmark": "check() of one report",
        "gkdesk": f"{checking:.0f} µs (best of 5 rounds of {n})",
        "baseline": f"{dumping:.0f} µs (model_dump_json of the same report, best of 5 rounds of {n})",
        "ratio": round(checking / dumping, 2),
        "note": "all rules on a filled report with last year's inside vs serialising it; lower is better; "
        "target well under 1 ms",
    }
    print("RESULT " + json.dumps([row, content_row], ensure_ascii=False))


if __name__ == "__main__":
    main()
