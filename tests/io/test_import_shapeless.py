"""Property: whatever is left of a report's layout, no figure is ever read as a different figure.

Random valid reports (both formats, the rules holding) are exported as text by our own writer, then their layout
is destroyed the ways real copies destroy it: every line break removed; every separator (TAB, line end) replaced
by a bare carriage return, by a blank line, or by nothing at all. Imported again, every cell of every table is
either the figure the report holds or unread (with the reason in the import log), never another figure.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdesk.domain.forms import APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, Variant
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.domain.totals import recompute_totals
from gkdesk.io.recognise.digits import split_row
from gkdesk.io.recognise.tables import _spec
from gkdesk.io.recognise.tokens import tokenize
from gkdesk.io.txt_reader import read_text_report
from gkdesk.io.txt_writer import report_to_text

DESTROY: dict[str, Callable[[str], str]] = {
    "no line breaks": lambda text: text.replace("\n", ""),
    "bare CR": lambda text: text.replace("\t", "\r").replace("\n", "\r"),
    "blank lines": lambda text: text.replace("\t", "\n\n").replace("\n", "\n\n"),
    "nothing": lambda text: text.replace("\t", "").replace("\n", ""),
}

_small = st.integers(min_value=0, max_value=30)
_applicants = st.lists(st.lists(_small, min_size=6, max_size=6), min_size=25, max_size=25)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    variant: Variant = draw(st.sampled_from(["2021", "2019-trial"]))
    year = 2022 if variant == "2021" else 2020
    report = new_report("青山县", year, variant)
    report.preface = [Block(text=f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")]
    report.parts["一"].blocks = [Block(text="全县依法做好政府信息公开工作。")]
    report.parts["五"].blocks = [Block(text="一是公开内容不够丰富。下一步将加强培训。")]
    report.parts["六"].blocks = [Block(text="本年度未收取信息处理费。")]
    disclosure = report.disclosure
    for cell in disclosure.form.cells:
        if cell.kind == "count":
            disclosure.set(cell.cell_id, draw(st.integers(min_value=0, max_value=5000)))
        elif cell.kind == "signed":
            disclosure.set(cell.cell_id, draw(st.integers(min_value=-20, max_value=20)))
        elif cell.kind == "decimal":
            disclosure.set(cell.cell_id, Decimal(draw(st.sampled_from(["0", "12.5", "3.1416", "253.07"]))))
        else:
            disclosure.set(cell.cell_id, draw(st.sampled_from(["", "86.53万元", "12000元"])))
    apps = report.applications
    figures = draw(_applicants)
    items = [r for r in apps.form.row_ids() if r not in ("new", "carry_in", "total", "carry_out")]
    columns = [c for c, _l in APPLICANT_COLUMNS]
    for row_id, values in zip([*items, "carry_in"], figures, strict=False):
        for column, value in zip(columns, values, strict=True):
            apps.set(f"{row_id}.{column}", value)
    recompute_totals(apps)
    extra = draw(st.lists(st.integers(min_value=0, max_value=5), min_size=6, max_size=6))
    for column, more in zip(columns, extra, strict=True):
        c = apps.counts
        need = c[f"total.{column}"] + more - c[f"carry_in.{column}"]
        if need < 0:
            apps.set(f"carry_in.{column}", c[f"total.{column}"])
            need = more
        apps.set(f"new.{column}", need)
        apps.set(f"carry_out.{column}", more)
    recompute_totals(apps)
    review = report.review_litigation
    for group, _gl in REVIEW_GROUPS:
        for column, _cl in REVIEW_COLUMNS[:-1]:
            review.set(f"{group}.{column}", draw(st.integers(min_value=0, max_value=12)))
    recompute_totals(review)
    return report


def _compare(source: Report, read: Report) -> dict[str, tuple[object, object]]:
    wrong: dict[str, tuple[object, object]] = {}
    for form_id, table in source.tables.items():
        got = read.tables[form_id]
        assert got.present, f"{form_id} not found at all"
        assert got.variant == table.variant
        for cell_id in table.form.cell_ids():
            if cell_id in got.unread_cells:
                continue
            want, have = table.get(cell_id), got.get(cell_id)
            if want == "" and have == "0":
                continue  # an empty 采购总金额 is exported as "0": read as printed
            if want != have:
                wrong[f"{form_id}:{cell_id}"] = (want, have)
    return wrong


@pytest.mark.parametrize("how", list(DESTROY))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_a_figure_is_right_or_unread_never_different(how: str, report: Report) -> None:
    text = DESTROY[how](report_to_text(report))
    read = read_text_report(text)
    assert not _compare(report, read)
    logged = {ref for e in read.import_log if e.level in ("warning", "missing") for ref in e.cells}
    for form_id, table in read.tables.items():
        for cell_id in table.unread_cells:
            assert f"{form_id}:{cell_id}" in logged, f"{form_id}:{cell_id} unread without a reason"


@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_layout_kept_reads_every_figure(report: Report) -> None:
    """With its separators the same text reads completely: unread cells come only from lost layout."""
    read = read_text_report(report_to_text(report))
    assert not _compare(report, read)
    assert not any(t.unread_cells for t in read.tables.values())


def test_the_digit_search_is_bounded_on_hostile_input() -> None:
    """100 KB of digits after a row label: the search gives up within its budget, the row stays unread."""
    spec = _spec("applications", "new", "2021")
    for digits in ("1" * 100_000, "10" * 50_000, "1234567890" * 10_000, "1" * 60):
        tokens = [t for t in tokenize([f"一、本年新收政府信息公开申请数量{digits}"]) if t.kind == "num"]
        start = time.perf_counter()
        result = split_row(tokens, spec)
        assert time.perf_counter() - start < 1.0
        assert len(result.found) != 1 or digits == "1" * 60
    start = time.perf_counter()
    read = read_text_report("二、主动公开政府信息情况\n规章" + "1" * 100_000 + "\n三、收到和处理政府信息公开申请情况\n")
    assert time.perf_counter() - start < 2.0
    assert read.disclosure.unread_cells
