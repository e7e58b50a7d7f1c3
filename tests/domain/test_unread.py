"""Cells an importer found but could not read (``TableData.unread_cells``): one UNREAD error per table, and no rule
computes with them, so an unread cell never shows up as a spurious sum error nor as a silent 0."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gkdesk.domain.checker import Finding, check, table_findings, unread_cells
from gkdesk.domain.forms import form
from gkdesk.domain.report import Block, Report, TableData
from gkdesk.io.json_contract import report_json
from tests.domain.test_checker import clean_report

SIX = (
    "granted.natural",
    "granted.biz",
    "granted.total",
    "partial.natural",
    "total.natural",
    "carry_out.other",
)
SIX_MESSAGE = "第三项表格未能完整读取：第三项（一）予以公开的自然人列等 6 个单元格无法从原文确定，请按原文填写"


def unread_placeholder(table: TableData, cell_id: str, value: int | Decimal = 0) -> None:
    """What an importer leaves: a placeholder value under the unread mark."""
    table.set(cell_id, value)
    table.mark_unread([cell_id])


def findings(report: Report, code: str) -> list[Finding]:
    return [f for f in check(report).findings if f.code == code]


def error_codes(report: Report) -> list[str]:
    return [f.code for f in check(report).errors]


# --------------------------------------------------------------------------- the UNREAD finding


def test_one_unread_error_per_table_naming_its_first_cell_and_listing_all() -> None:
    report = clean_report()
    # marked out of the table's order: the finding still names and jumps to the first one in the table
    report.applications.mark_unread([SIX[5], *SIX[:5]])
    [finding] = findings(report, "UNREAD")
    assert finding.severity == "error"
    assert finding.message == SIX_MESSAGE
    assert finding.cells == tuple(f"applications:{c}" for c in SIX)
    assert finding.target == "applications:granted.natural"
    assert finding.part == "三"
    assert not finding.fixable  # nothing to compute: the clerk types the figure from the source
    assert finding.as_json() == {
        "code": "UNREAD",
        "severity": "error",
        "message": SIX_MESSAGE,
        "cells": [f"applications:{c}" for c in SIX],
        "part": "三",
    }


def test_a_single_unread_cell_is_named_without_a_count() -> None:
    report = clean_report()
    report.review_litigation.mark_unread(["lit_direct.corrected"])
    [finding] = findings(report, "UNREAD")
    assert (
        finding.message
        == "第四项表格未能完整读取：第四项“行政诉讼·未经复议直接起诉”的“结果纠正”无法从原文确定，请按原文填写"
    )
    assert finding.cells == ("review_litigation:lit_direct.corrected",)
    assert finding.target == "review_litigation:lit_direct.corrected"


def test_each_table_with_unread_cells_has_its_own_finding_and_errors_come_first() -> None:
    report = clean_report()
    report.disclosure.mark_unread(["art20_8.fees.amount_wan", "art20_1.regulations.issued"])
    report.applications.mark_unread(["new.biz"])
    result = check(report)
    unread = [f for f in result.findings if f.code == "UNREAD"]
    assert [f.part for f in unread] == ["二", "三"]
    assert unread[0].message == (
        "第二项表格未能完整读取：第二项“规章”的“本年制发件数”等 2 个单元格无法从原文确定，请按原文填写"
    )
    assert unread[0].target == "disclosure:art20_1.regulations.issued"
    assert result.errors == tuple(unread)
    assert result.findings[: len(unread)] == tuple(unread)


def test_a_table_the_report_lacks_has_no_unread_finding() -> None:
    report = clean_report()
    report.review_litigation.mark_unread(["review.upheld"])
    report.review_litigation.present = False
    assert findings(report, "UNREAD") == []
    assert unread_cells(report) == {}


def test_typing_a_figure_clears_the_finding() -> None:
    report = clean_report()
    report.applications.mark_unread(["new.biz", "new.research"])
    report.applications.set("new.biz", 0)
    [finding] = findings(report, "UNREAD")
    assert finding.cells == ("applications:new.research",)
    report.applications.set("new.research", 0)
    assert findings(report, "UNREAD") == []
    assert check(report).findings == ()


def test_every_unread_cell_is_painted_with_the_finding() -> None:
    report = clean_report()
    report.applications.mark_unread(list(SIX))
    by_cell = table_findings(check(report), "applications")
    for cell_id in SIX:
        assert [f.code for f in by_cell[cell_id]] == ["UNREAD"]


# --------------------------------------------------------------------------- no rule computes with an unread cell


def test_r2_r3_skip_totals_summed_from_an_unread_part() -> None:
    report = clean_report()
    apps = report.applications
    # the report says 1 here; the importer could not read it and left 0 under the mark
    unread_placeholder(apps, "unable.not_held.natural")
    assert error_codes(report) == ["UNREAD"]
    # without the mark the same figures are two sum errors: the skip is what keeps them out
    apps.unread_cells.clear()
    assert sorted(error_codes(report)) == ["R2", "R3"]


def test_totals_not_involving_the_unread_cell_are_still_checked() -> None:
    report = clean_report()
    apps = report.applications
    unread_placeholder(apps, "unable.not_held.natural")
    apps.set("granted.biz", 2)  # a real sum error elsewhere in table 三
    r2 = findings(report, "R2")
    r3 = findings(report, "R3")
    assert [f.cells[0] for f in r2] == ["applications:total.biz"]
    assert [f.cells[0] for f in r3] == ["applications:granted.total"]


def test_an_unread_total_is_not_compared_with_its_parts() -> None:
    report = clean_report()
    unread_placeholder(report.applications, "total.total", 7)
    unread_placeholder(report.review_litigation, "review.total", 0)
    assert error_codes(report) == ["UNREAD", "UNREAD"]


def test_r1_skips_the_column_whose_balance_uses_an_unread_cell() -> None:
    report = clean_report()
    apps = report.applications
    unread_placeholder(apps, "carry_out.natural", 4)
    apps.set("carry_out.biz", 2)
    apps.set("carry_out.total", 2)  # the 商业企业 and 总计 columns are really out of balance
    r1 = findings(report, "R1")
    assert [f.target for f in r1] == ["applications:carry_out.biz", "applications:carry_out.total"]
    for row in ("new", "carry_in", "total"):
        report = clean_report()
        unread_placeholder(report.applications, f"{row}.natural", 9)
        assert findings(report, "R1") == [], row


def test_r4_skips_a_group_with_an_unread_cell() -> None:
    report = clean_report()
    unread_placeholder(report.review_litigation, "review.corrected")
    assert findings(report, "R4") == []
    report.review_litigation.set("lit_direct.pending", 2)
    [r4] = findings(report, "R4")
    assert r4.cells[0] == "review_litigation:lit_direct.total"


def test_r5_skips_a_stock_figure_read_from_neither_year() -> None:
    def with_last_year(unread_now: str | None, unread_before: str | None) -> Report:
        report = clean_report()
        report.disclosure.set("art20_1.normative_documents.issued", 3)
        report.disclosure.set("art20_1.normative_documents.in_force", 10)
        last = clean_report()
        last.year = 2020
        last.disclosure.set("art20_1.normative_documents.in_force", 8)
        if unread_now:
            report.disclosure.mark_unread([unread_now])
        if unread_before:
            last.disclosure.mark_unread([unread_before])
        report.previous = last
        return report

    assert len(findings(with_last_year(None, None), "R5")) == 1
    for cell in ("issued", "repealed", "in_force"):
        assert findings(with_last_year(f"art20_1.normative_documents.{cell}", None), "R5") == [], cell
    assert findings(with_last_year(None, "art20_1.normative_documents.in_force"), "R5") == []
    # the other row is still checked
    report = with_last_year("art20_1.normative_documents.in_force", None)
    report.disclosure.set("art20_1.regulations.in_force", 4)
    [r5] = findings(report, "R5")
    assert r5.cells == ("disclosure:art20_1.regulations.in_force",)


def test_r6_skips_a_carry_over_read_from_neither_year() -> None:
    report = clean_report()
    last = clean_report()
    last.applications.set("carry_out.research", 1)
    report.previous = last
    assert len(findings(report, "R6")) == 1
    report.applications.mark_unread(["carry_in.research"])
    assert findings(report, "R6") == []
    report.applications.unread_cells.clear()
    last.applications.mark_unread(["carry_out.research"])
    assert findings(report, "R6") == []


def test_r7_does_not_compare_the_narrative_with_an_unread_table_figure() -> None:
    report = clean_report()
    report.parts["一"].blocks.append(Block(text="全年共收到政府信息公开申请5件，行政复议2件，行政诉讼3件。"))
    assert len(findings(report, "R7")) == 3
    report.applications.mark_unread(["new.total"])
    report.review_litigation.mark_unread(["review.total", "lit_after_review.total"])
    assert findings(report, "R7") == []


def test_r7_offers_the_carry_over_reading_only_when_the_carry_over_was_read() -> None:
    report = clean_report()
    report.applications.set("carry_in.natural", 4)
    report.applications.set("carry_in.total", 4)
    report.applications.set("carry_out.natural", 4)
    report.applications.set("carry_out.total", 4)
    report.parts["一"].blocks.append(Block(text="全年共受理政府信息公开申请5件。"))
    [r7] = findings(report, "R7")
    assert "等于新收加上年结转" in r7.message
    unread_placeholder(report.applications, "carry_in.total", 4)
    [r7] = findings(report, "R7")
    assert "本年新收申请 1 件不一致" in r7.message


def test_r9_ignores_an_unread_fee_amount() -> None:
    report = clean_report()
    unread_placeholder(report.disclosure, "art20_8.fees.amount_wan", Decimal("5000000"))
    assert findings(report, "R9") == []


def test_blank_warning_never_lists_an_unread_cell() -> None:
    report = clean_report()
    apps = report.applications
    apps.blank_cells = ["new.biz", "new.legal"]
    apps.unread_cells = ["new.legal"]  # an importer that marks both: unread wins
    [blank] = findings(report, "BLANK")
    assert blank.cells == ("applications:new.biz",)
    assert "法律服务机构" not in blank.message
    apps.unread_cells = ["new.biz", "new.legal"]
    assert findings(report, "BLANK") == []


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_unread_cells_with_any_placeholders_give_only_unread_errors(data: st.DataObject) -> None:
    """Whatever an importer leaves under the marks, a consistent report has no error but UNREAD."""
    report = clean_report()
    expected_parts = []
    for form_id in ("applications", "review_litigation"):
        table = report.tables[form_id]
        cells = data.draw(st.lists(st.sampled_from(form(form_id).cell_ids()), max_size=12, unique=True), label=form_id)
        for cell_id in cells:
            unread_placeholder(table, cell_id, data.draw(st.integers(0, 50)))
        if cells:
            expected_parts.append("三" if form_id == "applications" else "四")
    errors = check(report).errors
    assert [f.code for f in errors] == ["UNREAD"] * len(expected_parts)
    assert [f.part for f in errors] == expected_parts


# --------------------------------------------------------------------------- the JSON contract


def test_json_shows_unread_cells_as_null_and_lists_them() -> None:
    report = clean_report()
    assert report_json(report)["unread"] == {}
    unread_placeholder(report.applications, "new.natural", 1)  # a placeholder that happens to be right
    report.disclosure.mark_unread(["art20_8.fees.amount_wan", "art20_1.regulations.issued"])
    data = json.loads(json.dumps(report_json(report), ensure_ascii=False))
    assert data["unread"] == {
        "disclosure": ["art20_1.regulations.issued", "art20_8.fees.amount_wan"],
        "applications": ["new.natural"],
    }
    assert data["tables"]["applications"]["new"]["natural"] is None
    assert data["tables"]["applications"]["new"]["total"] == 1
    assert data["tables"]["disclosure"]["art20_8.fees.amount_wan"] is None
    assert data["tables"]["disclosure"]["art20_1.regulations.issued"] is None
    assert data["tables"]["disclosure"]["art20_1.regulations.repealed"] == 0
    assert [f["code"] for f in data["findings"] if f["severity"] == "error"] == ["UNREAD", "UNREAD"]
