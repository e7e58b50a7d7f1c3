"""Regenerate the bundled example report: the 交口县 2021 seed imported by the .txt reader, saved natively.

Run from the repository: ``.venv/bin/python resources/examples/make_example.py``. The seed lives next to the
repository in ``../shared/seeds``; the result is ``resources/examples/example.gkreport``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "jiaokou-county-2021.txt"
TARGET = Path(__file__).resolve().parent / "example.gkreport"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from gkdesk.io.native import write_native
    from gkdesk.io.txt_reader import read_txt_file

    report = read_txt_file(SEED)
    report.source_file = SEED.name  # no path of the machine that built it
    write_native(report, TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} from {SEED.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
