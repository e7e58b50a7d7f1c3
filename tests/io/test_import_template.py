"""The official blank template (2021): every cell printed blank (some with ideographic spaces), no title, no
year, placeholders "（文字描述）": imported as an empty 2021 report with every assumption named."""

from __future__ import annotations

import datetime as dt

import pytest

from gkdesk.domain.forms import form
from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from tests.conftest import SAMPLES
from tests.io.import_expect import assert_cells, has_log


@pytest.fixture(scope="module")
def report() -> Report:
    return read_docx(SAMPLES / "official-template-2021-blank.docx")


def test_every_cell_blank(report: Report) -> None:
    for form_id in ("disclosure", "applications", "review_litigation"):
        table = report.tables[form_id]  # type: ignore[index]
        assert table.variant == "2021"
        assert_cells(table, dict.fromkeys(form(form_id, "2021").cell_ids()))  # type: ignore[arg-type]
    assert has_log(report, "warning", "第二项", "10 个单元格为空白")
    assert has_log(report, "warning", "第三项", "175 个单元格为空白")
    assert has_log(report, "warning", "第四项", "15 个单元格为空白")


def test_assumptions_are_named(report: Report) -> None:
    last_year = dt.date.today().year - 1
    assert report.year == last_year
    assert report.agency is None
    assert report.title == f"{last_year}年政府信息公开工作年度报告"
    assert has_log(report, "missing", "未找到报告标题")
    assert has_log(report, "assumed", "未找到报告年度", str(last_year))
    assert has_log(report, "assumed", "标题按机关和年度补为")
    assert has_log(report, "assumed", "格式模板")
    assert has_log(report, "assumed", "（文字描述）")
    assert has_log(report, "missing", "未找到落款日期")


def test_parts_present_and_placeholders_dropped(report: Report) -> None:
    assert all(p.present for p in report.parts.values())
    assert all(not p.blocks for p in report.parts.values())
    assert report.signature.agency is None and report.signature.date is None
