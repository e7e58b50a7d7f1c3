"""Entry script of the frozen program (PyInstaller runs this file, not ``gkdesk/__main__.py``).

Order matters: ``freeze_support`` first (batch checks use worker processes, which re-run this executable), then the
log file, because a windowed program has no stdout/stderr and the first print would otherwise fail.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from gkdesk.logging_setup import install_frozen_io

    install_frozen_io()

    from gkdesk.cli import main

    sys.exit(main())
