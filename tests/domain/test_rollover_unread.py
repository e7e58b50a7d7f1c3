"""Unread cells (``TableData.unread_cells``) through the 2019 → 2021 conversion and the new-year rollover: a cell
computed from a figure nobody read is unread too, never a placeholder 0 passed on as a figure."""

from __future__ import annotations

from decimal import Decimal

from gkdesk.domain.checker import check
from gkdesk.domain.forms import Variant
from gkdesk.domain.report import Report, new_report
from gkdesk.domain.rollover import previous_values, roll_over, table_to_2021
from gkdesk.io.json_contract import report_json

CARRY_NOTE = (
    "上年报告第三项第四项（结转下年度）的自然人列等 2 个单元格未能从原文读取，"
    "本年“上年结转”的对应单元格未结转、标为未读，请按上年报告原文填写"
)


def _codes(report: Report) -> list[str]:
    return [f.code for f in check(report).errors]


# --------------------------------------------------------------------------- 2019 → 2021


def test_unread_2019_table_three_cells_are_unread_in_their_2021_cells() -> None:
    old = new_report("甲乡人民政府", 2020, "2019-trial").applications
    old.set("granted.natural", 0)
    old.set("other.biz", 4)  # a placeholder that happens to be non-zero is no figure either
    old.mark_unread(["other.biz", "granted.natural", "carry_out.total"])
    old.blank_cells.append("new.legal")
    table, _notes = table_to_2021(old)
    assert table.variant == "2021"
    # （六）其他处理 of 2019 is （六）3.其他 of 2021: the mark follows the value
    assert table.unread_cells == ["granted.natural", "other.other.biz", "carry_out.total"]
    assert table.blank_cells == ["new.legal"]
    # the 2021 rows the 2019 format lacks were never read nor unread: plain zeros
    assert "other.overdue_fee.biz" not in table.unread_cells
    # the source table is untouched
    assert old.unread_cells == ["other.biz", "granted.natural", "carry_out.total"]


def test_unread_2019_table_two_cell_is_unread_in_2021_and_a_dropped_one_is_listed_as_unread() -> None:
    old = new_report("甲乡人民政府", 2020, "2019-trial").disclosure
    old.set("art20_1.regulations.made", 7)
    old.set("art20_5.licensing.prev_items", 3)
    old.mark_unread(["art20_1.regulations.made", "art20_5.licensing.prev_items", "art20_9.procurement.amount"])
    table, notes = table_to_2021(old)
    assert table.unread_cells == ["art20_1.regulations.issued"]
    messages = [n.message for n in notes]
    assert (
        "2019 试行版第二项“行政许可”的部分栏目在 2021 版格式中没有对应栏目，未转入（上一年项目数量 未读、本年增/减 0），"
        "如需说明请写入正文" in messages
    )
    assert (
        "2019 试行版第二项“政府集中采购”整行在 2021 版格式中没有对应栏目，未转入（采购项目数量 0、采购总金额 未读），"
        "如需说明请写入正文" in messages
    )
    assert not any("上一年项目数量 3" in m for m in messages)


def test_a_2021_table_keeps_its_unread_cells() -> None:
    table = new_report("甲", 2022).applications
    table.mark_unread(["new.biz"])
    same, notes = table_to_2021(table)
    assert same.unread_cells == ["new.biz"] and same is not table and notes == []


def test_a_converted_table_gives_unread_never_a_sum_error_over_a_placeholder() -> None:
    """After conversion the checker still sees the unread cell: UNREAD, not a sum error over a silent 0."""
    report = new_report("甲乡人民政府", 2020, "2019-trial")
    apps = report.applications
    for row in ("new", "other", "total"):
        apps.set(f"{row}.natural", 2)
        apps.set(f"{row}.total", 2)
    apps.set("other.natural", 0)
    apps.mark_unread(["other.natural"])
    converted = report.model_copy(deep=True)
    converted.tables["applications"], _notes = table_to_2021(apps)
    assert "R2" not in _codes(converted) and "R3" not in _codes(converted)
    assert report_json(converted)["unread"] == {"applications": ["other.other.natural"]}
    # had the mark been lost, the placeholder would have been summed: two spurious sum errors
    converted.applications.unread_cells.clear()
    assert {"R2", "R3"} <= set(_codes(converted))


# --------------------------------------------------------------------------- the new-year rollover


def _last_year(variant: Variant = "2021") -> Report:
    last = new_report("甲乡人民政府", 2023, variant)
    apps = last.applications
    for col, value in (("natural", 2), ("biz", 1), ("total", 3)):
        apps.set(f"new.{col}", value)
        apps.set(f"carry_out.{col}", value)
    apps.set("carry_out.natural", 0)
    apps.mark_unread(["carry_out.natural", "carry_out.total"])
    return last


def test_carry_in_is_unread_where_last_years_carry_out_was_unread() -> None:
    variants: tuple[Variant, ...] = ("2021", "2019-trial")
    for variant in variants:
        new = roll_over(_last_year(variant))
        apps = new.applications
        assert apps.unread_cells == ["carry_in.natural", "carry_in.total"], variant
        assert apps.count("carry_in.natural") == 0 and apps.count("carry_in.total") == 0  # placeholders only
        assert apps.count("carry_in.biz") == 1, variant  # read last year: carried as before
        [note] = [e for e in new.import_log if "上年结转" in e.message]
        assert (note.level, note.message) == ("warning", CARRY_NOTE)
        assert note.cells == ["applications:carry_in.natural", "applications:carry_in.total"]
        # the draft says so (UNREAD), and R1/R6 do not compute with the unknown carry-over (R1 still flags the
        # read carried case of the 商业企业 column until the clerk records how it was handled, as ever)
        result = check(new)
        unread = [f for f in result.errors if f.code == "UNREAD"]
        assert [f.cells for f in unread] == [("applications:carry_in.natural", "applications:carry_in.total")]
        assert [f.target for f in result.findings if f.code == "R1"] == ["applications:carry_out.biz"], variant
        assert not [f for f in result.findings if f.code == "R6"], variant
        assert report_json(new)["tables"]["applications"]["carry_in"]["natural"] is None
        # last year's report is kept as it was, marks included
        assert new.previous is not None
        assert new.previous.applications.unread_cells == ["carry_out.natural", "carry_out.total"]


def test_a_fully_read_carry_out_rolls_over_without_a_note() -> None:
    last = _last_year()
    last.applications.set("carry_out.natural", 2)
    last.applications.set("carry_out.total", 3)
    new = roll_over(last)
    assert new.applications.unread_cells == []
    assert (new.applications.count("carry_in.natural"), new.applications.count("carry_in.total")) == (2, 3)
    assert not [e for e in new.import_log if "上年结转" in e.message]


def test_previous_values_leave_out_last_years_unread_cells() -> None:
    last = _last_year()
    last.disclosure.set("art20_8.fees.amount_wan", Decimal(0))
    last.disclosure.mark_unread(["art20_8.fees.amount_wan"])
    new = roll_over(last)
    apps = previous_values(new, "applications")
    assert "carry_out.natural" not in apps and "carry_out.total" not in apps
    assert apps["carry_out.biz"] == 1
    assert "art20_8.fees.amount_wan" not in previous_values(new, "disclosure")
    # through the 2019 mapping as well
    old = _last_year("2019-trial")
    old.applications.mark_unread(["other.research"])
    mapped = previous_values(roll_over(old), "applications")
    assert "other.other.research" not in mapped and mapped["other.other.biz"] == 0
