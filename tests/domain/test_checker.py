"""Every rule of the checker: a report that passes, one that fails, and what the finding says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkdesk.domain.checker import Finding, check, split_ref, table_findings
from gkdesk.domain.forms import APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_GROUPS
from gkdesk.domain.report import Block, Report, new_report, new_table
from gkdesk.domain.totals import recompute_totals
from tests.content_fixture import with_complete_content


def clean_report() -> Report:
    """A complete, consistent 2021 report: the checker must find nothing."""
    report = new_report("交口县人民政府办公室", 2021)
    report.preface = [Block(text="本年报所列数据的统计期限自2021年1月1日起至2021年12月31日止。")]
    report.parts["一"].blocks = [Block(kind="heading", text="主动公开"), Block(text="全年共收到申请1件。")]
    report.parts["五"].blocks = [Block(text="一是网站信息公开不够全面。")]
    report.parts["六"].blocks = [Block(text="无。")]
    apps = report.applications
    apps.set("new.natural", 1)
    apps.set("unable.not_held.natural", 1)
    recompute_totals(apps)
    review = report.review_litigation
    review.set("review.corrected", 1)
    recompute_totals(review)
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("53.6836"))
    report.signature.date = dt.date(2022, 1, 24)
    return with_complete_content(report)  # every required element too: the content checks find nothing


def codes(report: Report) -> list[str]:
    return [f.code for f in check(report).findings]


def only(report: Report, code: str) -> list[Finding]:
    return [f for f in check(report).findings if f.code == code]


def test_clean_report_has_no_findings():
    result = check(clean_report())
    assert result.findings == ()
    assert result.summary() == "0 个错误 · 0 个警告"


def test_r1_balance_per_column():
    report = clean_report()
    report.applications.set("carry_out.natural", 2)
    report.applications.set("carry_out.total", 2)
    findings = only(report, "R1")
    assert [f.severity for f in findings] == ["error", "error"]
    natural = findings[0]
    assert natural.cells == (
        "applications:new.natural",
        "applications:carry_in.natural",
        "applications:total.natural",
        "applications:carry_out.natural",
    )
    assert natural.expected == 0 and natural.target == "applications:carry_out.natural"
    assert "自然人列" in natural.message and "第一项加第二项为 1" in natural.message
    assert "第三项总计加第四项为 3" in natural.message


def test_r2_column_total_message_names_the_cell_and_values():
    report = clean_report()
    report.applications.set("granted.natural", 1)
    report.applications.set("granted.total", 1)
    [r2] = only(report, "R2")
    assert r2.severity == "error"
    assert r2.message == "第三项（七）总计的自然人列应为 2（各项之和），现为 1"
    assert r2.cells[0] == "applications:total.natural"
    assert r2.expected == 2 and r2.target == "applications:total.natural"
    assert "applications:granted.natural" in r2.cells


def test_r3_row_total():
    report = clean_report()
    report.applications.set("new.biz", 2)
    r3 = only(report, "R3")
    assert [f.cells[0] for f in r3] == ["applications:new.total"]
    assert r3[0].expected == 3 and r3[0].severity == "error"
    assert "第一项（本年新收）的总计列应为 3（六类申请人之和），现为 1" in r3[0].message


def test_r4_review_group_total():
    report = clean_report()
    report.review_litigation.set("lit_direct.pending", 2)
    [r4] = only(report, "R4")
    assert r4.cells[0] == "review_litigation:lit_direct.total"
    assert r4.expected == 2 and r4.severity == "error"
    assert "尚未审结之和" in r4.message


def test_r5_stock_needs_last_year():
    report = clean_report()
    report.disclosure.set("art20_1.normative_documents.issued", 3)
    report.disclosure.set("art20_1.normative_documents.in_force", 10)
    assert only(report, "R5") == []
    last = clean_report()
    last.year = 2020
    last.disclosure.set("art20_1.normative_documents.in_force", 8)
    report.previous = last
    [r5] = only(report, "R5")
    assert r5.severity == "warning" and r5.expected == 11
    assert r5.cells == ("disclosure:art20_1.normative_documents.in_force",)
    report.disclosure.set("art20_1.normative_documents.in_force", 11)
    assert only(report, "R5") == []


def test_r6_carry_over_per_column():
    report = clean_report()
    last = clean_report()
    last.applications.set("carry_out.research", 1)
    report.previous = last
    [r6] = only(report, "R6")
    assert r6.severity == "warning" and r6.expected == 1
    assert r6.cells == ("applications:carry_in.research",) and r6.target == "applications:carry_in.research"


def test_r7_narrative_figures():
    report = clean_report()
    assert only(report, "R7") == []
    report.parts["一"].blocks.append(Block(text="全年共收到政府信息公开申请5件，行政复议2件。"))
    messages = [f.message for f in only(report, "R7")]
    assert len(messages) == 2
    assert "本年新收申请 1 件不一致" in messages[0]
    assert "行政复议总计 1 件不一致" in messages[1]


def test_r7_ignores_text_carried_from_last_year():
    report = clean_report()
    report.parts["一"].blocks.append(Block(text="全年共收到政府信息公开申请5件。", pending_update=True))
    assert only(report, "R7") == []
    report.parts["一"].blocks[-1].pending_update = False
    assert len(only(report, "R7")) == 1


def test_r7_recognises_count_including_carry_over():
    report = clean_report()
    report.applications.set("carry_in.natural", 1)
    report.applications.set("carry_out.natural", 1)
    recompute_totals(report.applications)
    report.parts["一"].blocks = [Block(text="共收到政府信息公开申请2件。")]
    [r7] = only(report, "R7")
    assert "等于新收加上年结转" in r7.message


@pytest.mark.parametrize(
    ("date", "fragment"),
    [(dt.date(2021, 1, 17), "年份可能写错"), (dt.date(2022, 3, 1), "晚于法定公布期限")],
)
def test_r8_signature_date(date, fragment):
    report = clean_report()
    report.signature.date = date
    [r8] = only(report, "R8")
    assert r8.severity == "warning" and fragment in r8.message and r8.part == "落款"


@pytest.mark.parametrize(
    ("agency", "date", "late_after"),
    [
        ("交口县人民政府", dt.date(2022, 3, 20), None),  # a county government's own report: by 31 March
        ("交口县人民政府", dt.date(2022, 4, 1), "2022年3月31日"),
        ("交口县教育局", dt.date(2022, 2, 1), "2022年1月31日"),  # a department: by 31 January
        ("西交口乡人民政府", dt.date(2022, 2, 1), "2022年1月31日"),  # a township too (article 49)
    ],
)
def test_r8_deadline_depends_on_who_publishes(agency, date, late_after):
    report = clean_report()
    report.agency = report.signature.agency = agency
    report.title = f"{agency}2021年政府信息公开工作年度报告"
    report.signature.date = date
    found = [f.message for f in only(report, "R8")]
    if late_after is None:
        assert found == []
    else:
        assert found == [f"落款日期 {date.year}年{date.month}月{date.day}日 晚于法定公布期限 {late_after}"]


def test_r8_title_and_counting_period_years():
    report = clean_report()
    report.title = "交口县2020年政府信息公开工作年度报告"
    report.preface = [Block(text="统计期限自2020年1月1日起至2020年12月31日止。")]
    messages = [f.message for f in only(report, "R8")]
    assert any("标题中的年份 2020" in m for m in messages)
    assert any("统计期限" in m for m in messages)


def test_r9_fee_that_looks_like_yuan():
    report = clean_report()
    report.agency = "西交口乡人民政府"
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("62423.5"))
    [r9] = only(report, "R9")
    assert r9.severity == "warning" and r9.cells == ("disclosure:art20_8.fees.amount_wan",)
    report.agency = "某市人民政府"
    assert only(report, "R9") == []


def test_r10_structure():
    report = clean_report()
    report.parts["六"].present = False
    report.parts["五"].blocks = []
    report.signature.date = None
    report.tables["disclosure"].present = False
    messages = [f.message for f in only(report, "R10")]
    assert "缺少第六部分“六、其他需要报告的事项”" in messages
    assert "第五部分“五、存在的主要问题及改进情况”没有内容" in messages
    assert "第二部分缺少统计表" in messages
    assert "缺少落款日期" in messages


def test_blank_cells_warning_names_cells():
    report = clean_report()
    report.applications.blank_cells = ["new.biz", "new.research"]
    [blank] = only(report, "BLANK")
    assert blank.cells == ("applications:new.biz", "applications:new.research")
    assert "第三项第一项（本年新收）的商业企业列" in blank.message


def test_mixed_and_old_format():
    report = clean_report()
    report.tables["applications"] = new_table("applications", "2019-trial")
    assert "MIXED" in codes(report) and "FORMAT" in codes(report)


def test_pending_paragraphs_warned():
    report = clean_report()
    report.parts["五"].blocks[0].pending_update = True
    [pending] = only(report, "PENDING")
    assert pending.part == "五" and "1 段" in pending.message


def test_table_findings_maps_cells():
    report = clean_report()
    report.applications.set("new.biz", 2)
    by_cell = table_findings(check(report), "applications")
    assert "new.total" in by_cell


def test_split_ref_refuses_garbage():
    assert split_ref("review_litigation:review.total") == ("review_litigation", "review.total")
    with pytest.raises(ValueError, match="not a cell"):
        split_ref("nonsense")


# --------------------------------------------------------------------------- properties

counts = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(counts, min_size=200, max_size=200), variant=st.sampled_from(["2021", "2019-trial"]))
def test_tables_with_computed_totals_satisfy_r2_to_r4(values, variant):
    report = new_report("某县", 2021, variant)
    feed = iter(values)
    for form_id in ("applications", "review_litigation"):
        table = report.tables[form_id]
        for cell in table.form.cells:
            if not cell.is_total:
                table.set(cell.cell_id, next(feed))
        recompute_totals(table)
    found = set(codes(report))
    assert not found & {"R2", "R3", "R4"}


@settings(max_examples=80, deadline=None)
@given(new=counts, carry_in=counts, results=st.lists(counts, min_size=3, max_size=3), carry_out=counts)
def test_r1_holds_exactly_when_the_balance_holds(new, carry_in, results, carry_out):
    report = new_report("某县", 2021)
    apps = report.applications
    apps.set("new.natural", new)
    apps.set("carry_in.natural", carry_in)
    for row, value in zip(("granted", "partial", "unable.not_held"), results, strict=True):
        apps.set(f"{row}.natural", value)
    apps.set("carry_out.natural", carry_out)
    recompute_totals(apps)
    r1_cols = {f.cells[0] for f in check(report).findings if f.code == "R1"}
    balanced = new + carry_in == sum(results) + carry_out
    assert ("applications:new.natural" in r1_cols) == (not balanced)


def test_every_row_and_group_is_known():
    assert len(APPLICATION_ROWS["2021"]) == 25 and len(APPLICATION_ROWS["2019-trial"]) == 23
    assert len(APPLICANT_COLUMNS) == 6 and len(REVIEW_GROUPS) == 3
