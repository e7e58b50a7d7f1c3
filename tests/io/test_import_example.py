"""The bundled example report is the 交口县 2021 seed as the importer reads it today (regenerate with
``resources/examples/make_example.py`` when the importer changes)."""

from __future__ import annotations

from gkdesk.io.native import read_native
from gkdesk.io.txt_reader import read_txt_file
from gkdesk.resources import example_report_path
from tests.conftest import SEEDS


def test_example_is_the_imported_seed() -> None:
    example = read_native(example_report_path())
    fresh = read_txt_file(SEEDS / "jiaokou-county-2021.txt")
    fresh.source_file = "jiaokou-county-2021.txt"
    assert example == fresh
    assert example.disclosure.counts["art20_5.licensing.decisions"] == 3388
