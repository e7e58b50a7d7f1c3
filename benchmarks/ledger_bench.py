"""A 10,000-row 登记台账 read and counted (table 三 and 四) against openpyxl merely loading the same file.

Run: ``.venv/bin/python benchmarks/ledger_bench.py [ROWS] [--quick]`` (``--quick``: 3 rounds instead of 7; the size
stays 10,000 rows, the issue's case). gkdesk's side is ``read_ledger`` (openpyxl in read-only mode, every cell) plus
``count_ledger`` (header, dates in mixed shapes, words, every check, the counts and the rows behind each figure).
The baseline is ``openpyxl.load_workbook`` of the file (the ordinary, fully loaded workbook), nothing else.
The target is under 1 s for the 10,000 rows.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from gkdesk.domain.ledger import count_ledger
from gkdesk.io.ledger_reader import load_mapping, read_ledger
from tests.ledger.builder import CASE_HEADER, HEADER, random_ledger

YEAR = 2024


def _write(path: Path, rows: int) -> None:
    """A write-only workbook (fast to build): the applications sheet and 200 review/litigation cases."""
    generated = random_ledger(random.Random(2024), YEAR, rows)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append(list(HEADER))
    for row in generated.rows:
        sheet.append(list(row))
    cases = workbook.create_sheet("复议诉讼")
    cases.append(list(CASE_HEADER))
    rng = random.Random(7)
    for i in range(200):
        cases.append(
            [
                f"F{i}",
                rng.choice(["复议", "直接起诉", "复议后起诉"]),
                f"{YEAR}-03-0{1 + i % 9}",
                "维持",
                f"{YEAR}-05-01",
            ]
        )
    workbook.save(path)


def _median_s(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--quick"]
    rows = int(args[0]) if args else 10_000
    rounds = 3 if "--quick" in sys.argv[1:] else 7
    mapping = load_mapping()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.xlsx"
        _write(path, rows)
        size_kb = path.stat().st_size / 1024
        count = count_ledger(read_ledger(path), mapping, YEAR)
        print(
            f"{rows} rows ({size_kb:.0f} KB): {count.rows_counted} counted, {count.rows_other_years} other years, "
            f"{len(count.problems)} unusable, {count.cases_counted} cases"
        )

        def ours() -> object:
            return count_ledger(read_ledger(path), mapping, YEAR)

        def baseline() -> object:
            return openpyxl.load_workbook(path)

        ours_s = _median_s(ours, rounds)
        base_s = _median_s(baseline, rounds)
    ratio = ours_s / base_s
    print(f"gkdesk read + count: {ours_s * 1000:8.0f} ms (median of {rounds})")
    print(f"openpyxl load only:  {base_s * 1000:8.0f} ms (median of {rounds})  -> ratio {ratio:.2f}x")
    print(f"target: under 1 s for 10,000 rows -> {'met' if ours_s < 1 else 'NOT met'}")
    row = {
        "benchmark": f"ledger: {rows:,} rows read and counted",
        "gkdesk": f"{ours_s * 1000:.0f} ms (read_ledger + count_ledger, median of {rounds})",
        "baseline": f"{base_s * 1000:.0f} ms (openpyxl.load_workbook of the same file, median of {rounds})",
        "ratio": round(ratio, 2),
        "note": "table 三 and 四 with every check and the rows behind each figure vs merely loading the file; "
        "lower is better; target < 1 s",
    }
    print("RESULT " + json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
