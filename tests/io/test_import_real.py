"""Real published reports from other provinces (``../shared/real``), in the shapes offices hold them: every
verified figure of ``expected/NAME.json`` comes out exactly, or stays visibly unread with its reason in the log;
never a different figure. How many come out exactly is pinned per file, so a regression shows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from tests.conftest import REAL, shared_files

pytestmark = pytest.mark.shared

SOURCES = [p for p in shared_files(REAL, "*") if p.suffix in (".pdf", ".txt")]
# figures read exactly, out of those verified; the rest are unread (digits run together with several fitting
# splits and no rule to choose: table 二's three figures of a row, written as one number)
EXACT = {
    "hebei-edu-dept-2019.txt": 82,
    "hebei-edu-dept-2023.txt": 74,
    "hongze-district-2023.pdf": 72,
    "hongze-district-2023.pdftotext.txt": 72,
    "huaian-city-2024.pdf": 74,
    "pingtan-zone-2019.txt": 65,
    "pingtan-zone-2021.txt": 71,
    "pingtan-zone-2023.txt": 71,
    "pingtan-zone-2025.txt": 71,
}


def _expected_name(path: Path) -> str:
    return path.name.removesuffix(".pdftotext.txt").removesuffix(".txt").removesuffix(".pdf")


def _verified(path: Path) -> dict[str, Any]:
    return json.loads((REAL / "expected" / f"{_expected_name(path)}.json").read_text(encoding="utf-8"))


def _cells(tables: dict[str, Any]) -> dict[str, Any]:
    """``table:cell`` → value, from the contract's nesting."""
    out: dict[str, Any] = {}
    for cell_id, value in (tables.get("disclosure") or {}).items():
        out[f"disclosure:{cell_id}"] = value
    for form_id in ("applications", "review_litigation"):
        for row, columns in (tables.get(form_id) or {}).items():
            for column, value in columns.items():
                out[f"{form_id}:{row}.{column}"] = value
    return out


def _value(report: Report, ref: str) -> tuple[Any, bool]:
    """The cell's figure as the contract writes it, and whether it is unread."""
    form_id, _, cell_id = ref.partition(":")
    table = report.tables[form_id]  # type: ignore[index]
    value = table.get(cell_id)
    return (str(value) if isinstance(value, Decimal) else value), cell_id in table.unread_cells


@pytest.fixture(scope="module", params=SOURCES, ids=[p.name for p in SOURCES])
def imported(request: pytest.FixtureRequest) -> tuple[Path, Report]:
    return request.param, load_report(request.param)


def test_every_verified_figure_is_exact_or_unread(imported: tuple[Path, Report]) -> None:
    path, report = imported
    verified = _verified(path)
    assert report.year == verified["year"]
    assert report.format == verified["format"]
    logged = {ref for entry in report.import_log if entry.level in ("warning", "missing") for ref in entry.cells}
    exact, unread, wrong = 0, [], {}
    for ref, want in _cells(verified["tables"]).items():
        got, is_unread = _value(report, ref)
        if is_unread:
            unread.append(ref)
            assert ref in logged, f"{ref} is unread without a reason in the log"
        elif got == want or (want is None and got in (0, "")):
            exact += 1
        else:
            wrong[ref] = (want, got)
    assert not wrong, f"figures different from the source: {wrong}"
    assert exact >= EXACT[path.name], (exact, unread)


def test_unread_cells_block_the_report(imported: tuple[Path, Report]) -> None:
    """Whatever stayed unread is an error the clerk sees, never a silent 0."""
    _path, report = imported
    codes = {f.code for f in check(report).findings if f.severity == "error"}
    has_unread = any(t.unread_cells for t in report.tables.values())
    assert ("UNREAD" in codes) == has_unread


def test_published_errors_are_flagged() -> None:
    """洪泽区 prints table 四's group totals as 0 under non-zero cells: read as printed, flagged by R4."""
    report = load_report(REAL / "hongze-district-2023.pdf")
    r4 = [f for f in check(report).findings if f.code == "R4"]
    assert {c for f in r4 for c in f.cells} >= {"review_litigation:review.total"}


def test_known_facts_of_the_real_reports() -> None:
    pingtan = load_report(REAL / "pingtan-zone-2025.txt").applications
    # carry-over 6; 商业企业: 3 received = 1 answered + 2 carried over
    assert pingtan.counts["carry_out.total"] == 6
    assert (pingtan.counts["new.biz"], pingtan.counts["total.biz"], pingtan.counts["carry_out.biz"]) == (3, 1, 2)
    huaian = load_report(REAL / "huaian-city-2024.pdf").applications
    c = huaian.counts
    assert (c["new.total"], c["carry_in.total"], c["total.total"], c["carry_out.total"]) == (3119, 34, 3050, 103)


def test_run_together_figures_name_their_candidates() -> None:
    """平潭 2021 prints "行政规范性文件693665": ten splits fit, no rule chooses; the log says so and lists them."""
    report = load_report(REAL / "pingtan-zone-2021.txt")
    cells = [f"art20_1.normative_documents.{c}" for c in ("issued", "repealed", "in_force")]
    assert set(cells) <= set(report.disclosure.unread_cells)
    note = next(e for e in report.import_log if "693665" in e.message)
    assert note.level == "warning"
    assert "69/3/665" in note.message or "种符合勾稽关系的读法" in note.message


@pytest.mark.parametrize("name", ["pingtan-zone-2021.txt", "hebei-edu-dept-2023.txt"])
def test_narrative_parts_found_in_shapeless_text(name: str) -> None:
    """Crawler text with no line breaks and bare-CR text: the six parts are found wherever they stand."""
    report = load_report(REAL / name)
    assert all(report.parts[key].present for key in ("一", "二", "三", "四", "五", "六"))
    assert report.parts["五"].blocks
    assert report.parts["六"].blocks
