"""Fixtures shared by every test: where the reference material is, and a private data folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = SHARED / "samples"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Autosave, recent files and settings of every test go to a fresh folder, never the developer's own."""
    folder = tmp_path_factory.mktemp("gkdesk-data")
    monkeypatch.setenv("GKDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES
