"""Merging reports with cells a source's importer could not read: the merged cell is unread (never a sum that counted
the placeholder), and the import log says which source left it unread."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.forms import Variant
from gkdesk.domain.merge import MergeError, merge_reports
from gkdesk.domain.report import Report, new_report
from gkdesk.io.json_contract import report_json


def _township(agency: str, natural: int, biz: int, variant: Variant = "2021") -> Report:
    """A consistent report: applications received and granted, the fee, a review case."""
    report = new_report(agency, 2024, variant)
    report.source_file = f"/reports/{agency}.gkreport"
    apps = report.applications
    for row in ("new", "granted", "total"):
        apps.set(f"{row}.natural", natural)
        apps.set(f"{row}.biz", biz)
        apps.set(f"{row}.total", natural + biz)
    if variant == "2021":  # the 2019 trial format has no fee amount
        report.disclosure.set("art20_8.fees.amount_wan", Decimal("1.25"))
    report.review_litigation.set("review.upheld", 1)
    report.review_litigation.set("review.total", 1)
    return report


def _unread_source() -> Report:
    """As an importer leaves it: the 商业企业 figures of 本年新收 and 予以公开 not read (placeholders 5 and 0), nor the fee."""
    report = _township("乙镇人民政府", 2, 3)
    report.applications.set("new.biz", 5)
    report.applications.set("granted.biz", 0)
    report.applications.mark_unread(["granted.biz", "new.biz"])
    report.disclosure.set("art20_8.fees.amount_wan", Decimal(0))
    report.disclosure.mark_unread(["art20_8.fees.amount_wan"])
    return report


NOTE_APPS = (
    "来源“乙镇人民政府（乙镇人民政府.gkreport）”的第三项第一项（本年新收）的商业企业列等 2 个单元格未能从原文读取，"
    "未计入汇总；汇总表中对应单元格标为未读，请按该来源原文填写合计"
)
NOTE_FEE = (
    "来源“乙镇人民政府（乙镇人民政府.gkreport）”的第二项“行政事业性收费”的“本年收费金额（单位：万元）”"
    "未能从原文读取，未计入汇总；汇总表中对应单元格标为未读，请按该来源原文填写合计"
)


def test_a_source_with_unread_cells_is_refused_unless_errors_are_allowed() -> None:
    with pytest.raises(MergeError) as caught:
        merge_reports([_township("甲乡人民政府", 1, 1), _unread_source()])
    assert "乙镇人民政府（乙镇人民政府.gkreport）：2 个错误，如 UNREAD 第二项表格未能完整读取" in str(caught.value)


def test_merged_cell_is_unread_where_any_source_cell_is_and_the_log_names_the_source() -> None:
    read, unread = _township("甲乡人民政府", 1, 1), _unread_source()
    merged = merge_reports([read, unread], "示例县人民政府", allow_errors=True)
    apps = merged.applications
    assert apps.unread_cells == ["new.biz", "granted.biz"]
    assert merged.disclosure.unread_cells == ["art20_8.fees.amount_wan"]
    assert merged.review_litigation.unread_cells == []
    # placeholders only: neither the source's 5 nor the other source's 1 passes for the merged figure
    assert (apps.count("new.biz"), apps.count("granted.biz")) == (0, 0)
    assert merged.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal(0)
    # cells every source read are summed as before, totals included
    assert (apps.count("new.natural"), apps.count("new.total"), apps.count("total.biz")) == (3, 7, 4)
    assert merged.review_litigation.count("review.total") == 2
    # the log says which source left which cells unread
    messages = [(e.level, e.message, e.cells) for e in merged.import_log]
    assert ("warning", NOTE_APPS, ["applications:new.biz", "applications:granted.biz"]) in messages
    assert ("warning", NOTE_FEE, ["disclosure:art20_8.fees.amount_wan"]) in messages
    assert not any("甲乡人民政府（" in m and "未能从原文读取" in m for _l, m, _c in messages)
    # the merged report is unread where it must be, and no rule computes a sum error with a placeholder
    errors = check(merged).errors
    assert [f.code for f in errors] == ["UNREAD", "UNREAD"]
    data = report_json(merged)
    assert data["tables"]["applications"]["new"]["biz"] is None
    assert data["tables"]["disclosure"]["art20_8.fees.amount_wan"] is None
    assert data["unread"] == {"disclosure": ["art20_8.fees.amount_wan"], "applications": ["new.biz", "granted.biz"]}


def test_every_source_that_left_a_cell_unread_is_named() -> None:
    first = _unread_source()
    second = _township("丙村民委员会", 4, 0)
    second.source_file = None
    second.applications.mark_unread(["new.biz"])
    merged = merge_reports([first, second, _township("甲乡人民政府", 1, 1)], allow_errors=True)
    assert merged.applications.unread_cells == ["new.biz", "granted.biz"]
    unread_notes = [e for e in merged.import_log if "未能从原文读取" in e.message]
    assert [e.message.split("”", 1)[0] for e in unread_notes] == [
        "来源“乙镇人民政府（乙镇人民政府.gkreport）",
        "来源“乙镇人民政府（乙镇人民政府.gkreport）",
        "来源“丙村民委员会",
    ]
    assert unread_notes[-1].cells == ["applications:new.biz"]
    assert "第三项第一项（本年新收）的商业企业列未能从原文读取" in unread_notes[-1].message


def test_an_unread_2019_cell_makes_its_2021_merged_cell_unread() -> None:
    old = _township("丁乡人民政府", 1, 0, "2019-trial")
    old.applications.set("other.natural", 0)
    old.applications.mark_unread(["other.natural"])
    merged = merge_reports([old, _township("甲乡人民政府", 1, 1)], allow_errors=True)
    assert merged.applications.unread_cells == ["other.other.natural"]
    [note] = [e for e in merged.import_log if "未能从原文读取" in e.message]
    assert note.cells == ["applications:other.other.natural"]
    assert note.message.startswith("来源“丁乡人民政府（丁乡人民政府.gkreport）”的第三项")


def test_sources_without_unread_cells_merge_exactly_as_before() -> None:
    merged = merge_reports([_township("甲乡人民政府", 1, 1), _township("乙镇人民政府", 2, 3)])
    assert all(not t.unread_cells for t in merged.tables.values())
    assert merged.applications.count("new.biz") == 4
    assert merged.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("2.50")
    assert not [e for e in merged.import_log if "未能从原文读取" in e.message]
    assert check(merged).errors == ()
