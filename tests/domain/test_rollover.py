"""Rolling last year's report over into this year's draft."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.forms import APPLICATION_COLUMNS, FORM_IDS, form
from gkdesk.domain.report import Block, Part, Report, SignOff, new_report
from gkdesk.domain.rollover import advance_years, previous_values, roll_over, table_to_2021
from gkdesk.domain.totals import recompute_totals
from tests.domain.seed_reports import PRINTED, SEED_NAMES, printed_cells, seed_report


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seeds_read_as_printed(name: str) -> None:
    """The figures the rollover and merge tests rely on, as the seed prints them."""
    report = seed_report(name)
    printed = PRINTED[name]
    assert (report.year, report.agency, report.title) == (printed["year"], printed["agency"], printed["title"])
    assert (report.disclosure.variant, report.applications.variant) == printed["variants"]
    assert report.signature.date == printed["signed"]
    for form_id in FORM_IDS:
        table = report.tables[form_id]
        cells = printed_cells(name, form_id)
        assert table.present == (cells is not None)
        for cell in table.form.cells:
            default = "" if cell.kind == "text" else 0
            assert table.get(cell.cell_id) == (cells or {}).get(cell.cell_id, default), cell.cell_id


def _codes(report: Report) -> list[str]:
    return [f.code for f in check(report).findings]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_rollover_of_each_seed(name: str) -> None:
    last = seed_report(name)
    year = int(PRINTED[name]["year"])  # type: ignore[call-overload]
    assert last.year == year
    new = roll_over(last)

    assert new.year == year + 1
    assert new.agency == last.agency
    assert new.addressee == last.addressee
    assert new.contacts == last.contacts
    # Title: the report year advanced, nothing else changed.
    assert str(year + 1) in new.title
    assert str(year) not in new.title
    assert new.title.replace(str(year + 1), str(year)) == last.title
    # Every table in the 2021 format, every figure 0 except 第二项 上年结转 = last year's 结转下年度, per column.
    for form_id in FORM_IDS:
        table = new.tables[form_id]
        assert table.variant == "2021"
        assert table.present
        assert table.blank_cells == []
        for cell in form(form_id, "2021").cells:
            value = table.get(cell.cell_id)
            if form_id == "applications" and cell.row_id == "carry_in":
                assert value == last.applications.count(f"carry_out.{cell.col_id}"), cell.cell_id
            else:
                assert value in (0, Decimal(0)), cell.cell_id
    # The preface keeps its text with the report year advanced; narrative parts keep theirs, marked 待更新.
    assert len(new.preface) == len(last.preface)
    for before, after in zip(last.preface, new.preface, strict=True):
        assert after.text.replace(str(year + 1), str(year)) == before.text
        assert not after.pending_update
    for key, part in new.parts.items():
        assert part.present
        assert part.title == last.parts[key].title
        assert [(b.kind, b.text, b.level, b.inline_text) for b in part.blocks] == [
            (b.kind, b.text, b.level, b.inline_text) for b in last.parts[key].blocks
        ]
        for block in part.blocks:
            assert block.pending_update == (block.kind == "paragraph" or bool(block.inline_text)), block.text
    # Signature agency kept, date, sign-off and history cleared; last year's report kept, one level deep.
    assert new.signature.agency == (last.signature.agency or last.agency)
    assert new.signature.date is None
    assert not new.signed_off
    assert [h.action for h in new.history] == ["rolled_over"]
    assert new.history[0].note == f"由 {year} 年度报告生成"
    assert new.source_file is None
    assert new.previous is not None
    assert new.previous.previous is None
    assert new.previous.tables == last.tables
    assert new.previous.parts == last.parts
    # The checker: the draft warns while paragraphs are 待更新; carry-over and years agree.
    codes = _codes(new)
    assert "R6" not in codes
    assert "R8" not in codes
    pending_parts = {f.part for f in check(new).findings if f.code == "PENDING"}
    assert pending_parts == {k for k, p in new.parts.items() if any(b.pending_update for b in p.blocks)}
    assert pending_parts  # every seed has narrative


def _consistent_last_year(carry_out: dict[str, int]) -> Report:
    """A 2022 report whose 第四项 结转下年度 has a different value in every column."""
    last = new_report("示例县人民政府办公室", 2022)
    apps = last.applications
    for col, value in carry_out.items():
        apps.set(f"new.{col}", value + 2)
        apps.set(f"granted.{col}", 2)
        apps.set(f"carry_out.{col}", value)
    recompute_totals(apps)
    last.disclosure.set("art20_1.normative_documents.in_force", 40)
    last.signature.date = dt.date(2023, 1, 20)
    last.sign_off = SignOff(approver="张三", date=dt.date(2023, 1, 20))
    last.previous = new_report("示例县人民政府办公室", 2021)
    return last


def test_carry_over_per_column() -> None:
    carry_out = {"natural": 1, "biz": 2, "research": 3, "nonprofit": 4, "legal": 5, "other": 6}
    last = _consistent_last_year(carry_out)
    assert not check(last).errors
    new = roll_over(last)
    expected = {**carry_out, "total": 21}
    assert {col: new.applications.count(f"carry_in.{col}") for col, _l in APPLICATION_COLUMNS} == expected
    assert last.applications.count("carry_out.total") == 21
    codes = _codes(new)
    assert "R6" not in codes
    # R1 names the carried cases until the clerk records how they were handled.
    r1 = [f for f in check(new).findings if f.code == "R1"]
    assert len(r1) == 7
    # R6 compares with last year's report, kept inside the new one.
    new.applications.set("carry_in.biz", 9)
    r6 = [f for f in check(new).findings if f.code == "R6"]
    assert [(f.cells, f.expected) for f in r6] == [(("applications:carry_in.biz",), 2)]
    # R5 compares with last year's stock of documents in force.
    r5 = [f for f in check(new).findings if f.code == "R5"]
    assert [(f.cells, f.expected) for f in r5] == [(("disclosure:art20_1.normative_documents.in_force",), 40)]
    # Last year's own history and previous report are not carried.
    assert new.previous is not None
    assert new.previous.previous is None
    assert new.previous.sign_off.signed
    assert not new.signed_off


def test_years_advance_in_the_preface_but_not_in_document_numbers_or_titles() -> None:
    last = new_report("示例县人民政府办公室", 2021)
    last.title = "示例县人民政府办公室 2021 年政府信息公开工作年度报告"
    last.preface = [
        Block(
            text="根据《关于做好2021年政务公开工作的通知》（示政办发〔2021〕45号）和国家税务总局公告2021年第3号，"
            "现将本机关2021年度政府信息公开工作情况报告如下。"
        ),
        Block(text="本年报所列数据的统计期限自2021年1月1日起至2021年12月31日止。2020年的数据见上年报告。"),
        Block(kind="heading", text="统计期限", inline_text="自 2021 年 1 月 1 日起至 12 月 31 日止"),
    ]
    last.parts["一"] = Part(key="一", blocks=[Block(text="2021年，我县共发布信息100条。")])
    new = roll_over(last)
    assert new.title == "示例县人民政府办公室 2022 年政府信息公开工作年度报告"
    assert [(b.text, b.inline_text) for b in new.preface] == [
        (
            "根据《关于做好2021年政务公开工作的通知》（示政办发〔2021〕45号）和国家税务总局公告2021年第3号，"
            "现将本机关2022年度政府信息公开工作情况报告如下。",
            "",
        ),
        ("本年报所列数据的统计期限自2022年1月1日起至2022年12月31日止。2020年的数据见上年报告。", ""),
        ("统计期限", "自 2022 年 1 月 1 日起至 12 月 31 日止"),
    ]
    # The narrative keeps last year's text (its figures are last year's) and is marked 待更新.
    assert [(b.text, b.pending_update) for b in new.parts["一"].blocks] == [("2021年，我县共发布信息100条。", True)]
    assert not [f for f in check(new).findings if f.code == "R8"]


def test_advance_years_edges() -> None:
    assert advance_years("12021年与2021 年、2021年度", 2021) == "12021年与2022 年、2022年度"
    assert advance_years("〔2021〕5号、[2021]6号、（2021）7号、“2021”8号", 2021) == (
        "〔2021〕5号、[2021]6号、（2021）7号、“2021”8号"
    )
    assert advance_years("公告2021 年 第 3 号；2021年", 2021) == "公告2021 年 第 3 号；2022年"
    assert advance_years("《2021年工作要点》与2021年", 2021) == "《2021年工作要点》与2022年"


def test_empty_title_gets_the_default() -> None:
    last = new_report("示例乡人民政府", 2023)
    last.title = ""
    assert roll_over(last).title == "示例乡人民政府2024年政府信息公开工作年度报告"


def test_headings_are_structure_run_in_text_is_pending() -> None:
    last = new_report("示例县", 2023)
    last.parts["一"] = Part(
        key="一",
        blocks=[
            Block(kind="heading", text="主动公开情况", level=2),
            Block(kind="heading", text="依申请公开情况。", inline_text="2023 年共收到申请 3 件。"),
            Block(text="全年发布信息 100 条。"),
            Block(text="  "),
        ],
    )
    new = roll_over(last)
    assert [b.pending_update for b in new.parts["一"].blocks] == [False, True, True, False]
    assert [f.message for f in check(new).findings if f.code == "PENDING"] == [
        "第一部分有 2 段标记为“待更新”（沿用上年的文字或插入的参考句式），请改写"
    ]


def test_2019_format_rolls_over_into_2021() -> None:
    last = seed_report("hequ-county-2020.txt")
    assert last.disclosure.variant == "2019-trial"
    assert last.applications.variant == "2019-trial"
    new = roll_over(last)
    assert {t.variant for t in new.tables.values()} == {"2021"}
    assert new.previous is not None
    assert new.previous.disclosure.variant == "2019-trial"  # kept as printed
    # 2019 table 二 rows and columns without a 2021 counterpart are listed with last year's values.
    messages = [(e.level, e.message) for e in new.import_log]
    assert messages[0] == (
        "assumed",
        "上年报告的第二项、第三项表格为 2019 试行版格式，本年度报告已改用 2021 版格式（国办公开办函〔2021〕30号）",
    )
    listed = {e.message.split("”")[0].split("“")[1]: e for e in new.import_log[1:]}
    assert set(listed) == {"规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"} | {
        "行政事业性收费",
        "政府集中采购",
    }
    assert all(e.level == "warning" for e in listed.values())
    assert "整行" in listed["其他对外管理服务事项"].message
    assert "（上一年项目数量 3414、本年增/减 49、处理决定数量 3469）" in listed["其他对外管理服务事项"].message
    assert "（采购项目数量 111、采购总金额 62423198.43元）" in listed["政府集中采购"].message
    assert "（上一年项目数量 35、本年增/减 0）" in listed["行政事业性收费"].message
    assert "（本年新公开数量 32、对外公开总数量 32）" in listed["规范性文件"].message
    assert listed["政府集中采购"].cells == [
        "disclosure:art20_9.procurement.items",
        "disclosure:art20_9.procurement.amount",
    ]
    # R5 compares only 2021 tables: no stock warning against a 2019 table 二.
    assert "R5" not in _codes(new)
    # The grids show last year's value beside each 2021 cell, mapped row by row.
    disclosure = previous_values(new, "disclosure")
    assert disclosure["art20_1.normative_documents.issued"] == 27
    assert disclosure["art20_5.licensing.decisions"] == 4323
    assert disclosure["art20_6.penalty.decisions"] == 123
    assert disclosure["art20_1.normative_documents.in_force"] == 0
    assert disclosure["art20_8.fees.amount_wan"] == Decimal(0)
    apps = previous_values(new, "applications")
    assert apps["other.other.natural"] == 3
    assert apps["other.overdue_fee.natural"] == 0
    assert apps["new.total"] == 3
    assert previous_values(new, "review_litigation")["review.other"] == 1
    assert previous_values(new_report("甲", 2022), "applications") == {}
    # A 2019 report with a 2019 report of the year before: no conversion, every cell has last year's value.
    same = new_report("甲", 2020, "2019-trial")
    same.previous = last
    assert previous_values(same, "disclosure") == {c: last.disclosure.get(c) for c in last.disclosure.form.cell_ids()}


def test_table_three_maps_row_by_row() -> None:
    old = seed_report("zezhou-county-office-2021.txt").applications
    assert old.variant == "2019-trial"
    old.set("other.biz", 5)
    old.blank_cells.append("other.legal")
    table, notes = table_to_2021(old)
    assert table.variant == "2021"
    for cell in old.form.cells:
        target = f"other.other.{cell.col_id}" if cell.row_id == "other" else cell.cell_id
        assert table.count(target) == old.count(cell.cell_id), cell.cell_id
    for cell_id in table.form.cell_ids():
        if cell_id.startswith(("other.overdue_correction.", "other.overdue_fee.")):
            assert table.count(cell_id) == 0
    assert table.blank_cells == ["other.other.legal"]
    assert [(n.level, n.message) for n in notes] == [
        ("assumed", "2019 试行版第三项“（六）其他处理”只有一行，已计入 2021 版“（六）其他处理”的“3.其他”")
    ]
    same, none = table_to_2021(table)
    assert same == table
    assert same is not table
    assert none == []


def test_counting_period_advances_but_document_numbers_in_the_narrative_stay() -> None:
    last = seed_report("jiaokou-county-2021.txt")
    new = roll_over(last)
    preface = "\n".join(b.text for b in new.preface)
    assert "统计期限自 2022 年 1 月 1 日起至 12 月 31 日止" in preface
    assert "2021" not in preface
    narrative = "\n".join(f"{b.text}{b.inline_text}" for b in new.parts["一"].blocks)
    assert "《交口县人民政府办公室关于做好 2021 年政务公开工作的通知》（交政办发〔2021〕45 号）" in narrative
    assert narrative == "\n".join(f"{b.text}{b.inline_text}" for b in last.parts["一"].blocks)
