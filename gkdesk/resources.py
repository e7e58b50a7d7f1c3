"""Where bundled files live, in a source checkout and in a PyInstaller bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def templates_dir() -> Path:
    return project_root() / "templates"


def example_report_path() -> Path:
    return resources_dir() / "examples" / "example.gkreport"
