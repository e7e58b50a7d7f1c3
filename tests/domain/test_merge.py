"""Summing several reports of one year into a region-wide report."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.forms import FORM_IDS, form
from gkdesk.domain.merge import MergeError, merge_reports, source_name
from gkdesk.domain.report import Report, new_report
from gkdesk.domain.rollover import table_to_2021
from gkdesk.domain.totals import recompute_totals
from tests.domain.seed_reports import seed_report


def _named(name: str) -> Report:
    report = seed_report(name)
    report.source_file = f"/reports/{name}"
    return report


def test_merge_of_two_seeds_is_the_cell_wise_sum() -> None:
    jiaokou = _named("jiaokou-county-2021.txt")
    zezhou = _named("zezhou-county-office-2021.txt")  # table 三 in the 2019 trial format
    merged = merge_reports([jiaokou, zezhou], "吕梁市示例县人民政府")
    assert merged.year == 2021
    assert merged.agency == "吕梁市示例县人民政府"
    assert merged.title == "吕梁市示例县人民政府2021年政府信息公开工作年度报告"
    assert {t.variant for t in merged.tables.values()} == {"2021"}
    for form_id in FORM_IDS:
        left, _n = table_to_2021(jiaokou.tables[form_id])
        right, _n = table_to_2021(zezhou.tables[form_id])
        total = merged.tables[form_id]
        assert total.present
        for cell_id in form(form_id, "2021").cell_ids():
            assert total.get(cell_id) == left.get(cell_id) + right.get(cell_id), cell_id  # type: ignore[operator]
    # The printed figures, summed by hand.
    d, a, r = merged.disclosure, merged.applications, merged.review_litigation
    assert d.count("art20_1.normative_documents.issued") == 12
    assert d.count("art20_1.normative_documents.in_force") == 24
    assert d.count("art20_5.licensing.decisions") == 3388
    assert d.amounts["art20_8.fees.amount_wan"] == Decimal("53.6836")
    assert (a.count("new.natural"), a.count("partial.total"), a.count("unable.not_held.total")) == (7, 4, 3)
    assert (a.count("total.total"), a.count("carry_out.total")) == (7, 0)
    assert (r.count("review.corrected"), r.count("review.other"), r.count("review.total")) == (1, 2, 3)
    # Sums of consistent tables are consistent: no table error, no total to recompute.
    assert check(merged).errors == ()
    for table in merged.tables.values():
        assert recompute_totals(table.model_copy(deep=True)) == {}
    # The sources are recorded, and so is the conversion of the 2019 table.
    log = [(e.level, e.message) for e in merged.import_log]
    assert log[0] == (
        "recognised",
        "汇总自 2 个 2021 年度报告：交口县（jiaokou-county-2021.txt）、"
        "泽州县人民政府办公室（zezhou-county-office-2021.txt）",
    )
    assert log[1:] == [
        (
            "assumed",
            "来源“泽州县人民政府办公室（zezhou-county-office-2021.txt）”：2019 试行版第三项“（六）其他处理”只有一行，"
            "已计入 2021 版“（六）其他处理”的“3.其他”",
        )
    ]
    assert [h.action for h in merged.history] == ["merged"]
    assert all(not p.blocks for p in merged.parts.values())


def test_merge_refuses_mixed_years() -> None:
    with pytest.raises(MergeError) as caught:
        merge_reports([_named("jiaokou-county-2021.txt"), _named("jiaocheng-county-2024.txt")])
    assert str(caught.value) == (
        "不能汇总不同年度的报告（2021 年：交口县（jiaokou-county-2021.txt）；"
        "2024 年：交城县（jiaocheng-county-2024.txt））"
    )


def test_merge_refuses_sources_with_errors_unless_allowed() -> None:
    good = _named("jiaokou-county-2021.txt")
    bad = _named("zezhou-county-office-2021.txt")
    bad.applications.set("total.natural", 5)
    first = check(bad).errors[0]
    with pytest.raises(MergeError) as caught:
        merge_reports([good, bad])
    assert str(caught.value) == (
        "以下报告有错误，请先改正后再汇总：泽州县人民政府办公室（zezhou-county-office-2021.txt）："
        f"{len(check(bad).errors)} 个错误，如 {first.code} {first.message}"
    )
    merged = merge_reports([good, bad], allow_errors=True)
    assert merged.applications.count("total.natural") == 1 + 5
    warnings = [e.message for e in merged.import_log if e.level == "warning"]
    assert warnings[0].startswith("来源“泽州县人民政府办公室（zezhou-county-office-2021.txt）”有 ")
    assert merged.agency is None
    assert merged.title == "2021年政府信息公开工作年度报告"


def test_missing_table_adds_nothing_and_is_logged() -> None:
    truncated = _named("jiaocheng-county-2024.txt")
    assert not truncated.disclosure.present
    other = new_report("交城县天宁镇人民政府", 2024)
    other.disclosure.set("art20_6.penalty.decisions", 7)
    merged = merge_reports([truncated, other], "交城县人民政府")
    assert merged.disclosure.present
    assert merged.disclosure.count("art20_6.penalty.decisions") == 7
    assert merged.applications.count("new.total") == 10
    assert ("warning", "来源“交城县（jiaocheng-county-2024.txt）”缺少第二项表格，未计入") in [
        (e.level, e.message) for e in merged.import_log
    ]
    only_missing = merge_reports([truncated])
    assert not only_missing.disclosure.present


def test_2019_sources_are_converted_and_their_extra_cells_listed() -> None:
    hequ = _named("hequ-county-2020.txt")
    hequ.applications.set("other.total", 3)  # the seed leaves this total blank (R3)
    assert not check(hequ).errors
    township = new_report("河曲县文笔镇人民政府", 2020, "2019-trial")
    township.disclosure.set("art20_1.normative_documents.made", 3)
    township.disclosure.set("art20_5.other_services.decisions", 9)
    merged = merge_reports([hequ, township], "河曲县人民政府")
    assert merged.disclosure.variant == "2021"
    assert merged.disclosure.count("art20_1.normative_documents.issued") == 30
    assert merged.disclosure.count("art20_5.licensing.decisions") == 4323
    assert merged.applications.count("other.other.natural") == 3
    messages = [e.message for e in merged.import_log]
    assert (
        "来源“河曲县文笔镇人民政府”：2019 试行版第二项“其他对外管理服务事项”整行在 2021 版格式中没有对应栏目，未转入"
        "（上一年项目数量 0、本年增/减 0、处理决定数量 9），如需说明请写入正文"
    ) in messages
    assert any(
        m.startswith("来源“河曲县人民政府办公室（hequ-county-2020.txt）”：2019 试行版第二项“政府集中采购”")
        for m in messages
    )


def _random_consistent(rng: random.Random, agency: str) -> Report:
    report = new_report(agency, 2023)
    for form_id in FORM_IDS:
        table = report.tables[form_id]
        for cell in table.form.cells:
            if cell.kind == "count" and not cell.is_total:
                table.set(cell.cell_id, rng.randrange(0, 50))
        recompute_totals(table)
    apps = report.applications
    for col in apps.form.col_ids():  # R1: what came in is handled or carried out
        apps.set(f"carry_out.{col}", apps.count(f"new.{col}") + apps.count(f"carry_in.{col}"))
        apps.set(f"new.{col}", apps.count(f"new.{col}") + apps.count(f"total.{col}"))
    report.disclosure.set("art20_8.fees.amount_wan", Decimal(rng.randrange(0, 10**6)) / Decimal(10000))
    return report


def test_sum_of_consistent_reports_is_consistent() -> None:
    rng = random.Random(20240131)
    sources = [_random_consistent(rng, f"第{i}乡") for i in range(6)]
    for source in sources:
        assert check(source).errors == ()
    merged = merge_reports(sources, "示例县")
    assert check(merged).errors == ()
    for form_id in FORM_IDS:
        table = merged.tables[form_id]
        assert recompute_totals(table.model_copy(deep=True)) == {}
        for cell_id, value in table.counts.items():
            assert value == sum(s.tables[form_id].counts[cell_id] for s in sources)
    assert merged.disclosure.amounts["art20_8.fees.amount_wan"] == sum(
        (s.disclosure.amounts["art20_8.fees.amount_wan"] for s in sources), Decimal(0)
    )


def test_no_sources() -> None:
    with pytest.raises(MergeError, match="没有要汇总的报告"):
        merge_reports([])


def test_source_names() -> None:
    report = new_report(None, 2023)
    assert source_name(report, 2) == "第 3 个报告"
    report.source_file = "/报告/甲乡.docx"
    assert source_name(report, 0) == "甲乡.docx"
    report.agency = "甲乡人民政府"
    assert source_name(report, 0) == "甲乡人民政府（甲乡.docx）"
