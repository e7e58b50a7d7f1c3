"""Build ``templates/ledger-template.xlsx``, the 依申请公开登记台账 template gkdesk ships (2021 format).

Run ``python templates/build_ledger_template.py`` after changing ``gkdesk/io/ledger_template.py`` or the official
wording in ``gkdesk/domain/forms.py``; never edit the .xlsx by hand. ``tests/ledger/test_template.py`` rebuilds it
and compares every sheet, cell, drop-down and column width with the committed file.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the gkdesk package importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gkdesk.io.ledger_template import write_template

OUTPUT = Path(__file__).resolve().parent / "ledger-template.xlsx"


def main() -> None:
    write_template(OUTPUT, "2021")
    backup = OUTPUT.with_name(OUTPUT.name + ".bak")
    backup.unlink(missing_ok=True)  # the atomic writer keeps the previous build; the repository does not want it
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
