"""Bad input never becomes a silent count: every unusable row is named with its row number and the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gkdesk.domain.ledger import LedgerError, count_ledger
from gkdesk.domain.ledger_dates import NotADate, parse_ledger_date
from gkdesk.io.ledger_reader import load_mapping, read_ledger

from .builder import HEADER, write_ledger


def _row(number: str, received: object, result: object = "予以公开", answered: object = "2024-05-10") -> tuple:
    return (number, received, "张三", "自然人", "", result, answered, None)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024.3.5", dt.date(2024, 3, 5)),
        ("2024年3月5日", dt.date(2024, 3, 5)),
        ("2024 年 3 月 5 日", dt.date(2024, 3, 5)),
        ("２０２４．３．５", dt.date(2024, 3, 5)),  # full-width digits
        ("2024/03/05", dt.date(2024, 3, 5)),
        ("2024-3-5 14:30", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        (45356, dt.date(2024, 3, 5)),  # an Excel serial in a General cell
        (45356.5, dt.date(2024, 3, 5)),
        ("45356", dt.date(2024, 3, 5)),  # the serial as text (a CSV)
        (dt.datetime(2024, 3, 5, 9, 0), dt.date(2024, 3, 5)),
        (None, None),
        ("", None),
        ("—", None),
    ],
)
def test_dates_in_every_shape_clerks_type(value: object, day: dt.date | None) -> None:
    assert parse_ledger_date(value) == day


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("三月五日", "不是日期"),
        ("2024年3月", "没有具体日期"),
        ("2024", "没有具体日期"),
        ("2024-02-30", "不是有效的日期"),
        (12, "不是日期"),
        (True, "不是日期"),
    ],
)
def test_what_is_not_one_certain_day_is_refused_with_the_reason(value: object, reason: str) -> None:
    with pytest.raises(NotADate) as caught:
        parse_ledger_date(value)
    assert reason in str(caught.value)


def test_every_bad_row_is_listed_with_its_row_number_and_reason(tmp_path: Path) -> None:
    rows = [
        _row("1", "2024-03-01"),  # good: row 2
        _row("2", "三月初"),  # row 3: not a date
        _row("3", "2024-03-01", "不予公开"),  # row 4: which 不予公开?
        _row("1", "2024-03-02"),  # row 5: duplicate 编号
        _row("5", "2024-06-01", "予以公开", "2024-05-01"),  # row 6: answered before received
        _row("6", "2204-06-01", "予以公开", None),  # row 7: a typo far outside any relevant year
        _row("7", "1999-06-01"),  # row 8: before the 条例
        _row("8", None),  # row 9: no received date
        _row("9", "2024-03-01", "予以公开", None),  # row 10: a result but no answer date
        _row("10", "2024-03-01", None, "2024-03-09"),  # row 11: answered, no result
        _row("11", 45356, "部分公开", "2024年3月20日"),  # row 12: good (serial and Chinese text)
        ("12", "2024-03-01", "张三", "外星人", "", "予以公开", "2024-03-09", None),  # row 13: unmapped type
        _row("13", "2024-03-01", "办理中", None),  # row 14: good, still open
    ]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "bad.xlsx", rows)), load_mapping(), 2024)
    listed = [(p.row, p.kind, p.reason) for p in count.problems]
    assert listed == [
        (3, "not_a_date", "收到日期“三月初”不是日期"),
        (4, "unmapped", "办理结果“不予公开”无法对应到表格的行或列"),
        (5, "duplicate", "编号“1”与第 2 行重复"),
        (6, "answer_before_received", "答复日期2024年5月1日早于收到日期2024年6月1日"),
        (7, "outside_years", "收到日期2204年6月1日不在任何相关年度（应在 2008 年至 2025 年之间）"),
        (8, "outside_years", "收到日期1999年6月1日不在任何相关年度（应在 2008 年至 2025 年之间）"),
        (9, "missing_value", "收到日期为空"),
        (10, "inconsistent", "办理结果为“予以公开”，但答复日期为空（空白表示尚未办结）"),
        (11, "missing_value", "答复日期已填，但办理结果为空"),
        (13, "unmapped", "申请人类型“外星人”无法对应到表格的行或列"),
    ]
    assert all(p.sheet == "台账" for p in count.problems)
    assert count.problems[0].describe() == "“台账”第 3 行：收到日期“三月初”不是日期"
    # only the three good rows are counted; the bad ones are in no figure
    assert count.rows_counted == 3
    assert count.applications["new.total"] == 3
    assert count.applications["granted.natural"] == 1
    assert count.applications["partial.natural"] == 1
    assert count.applications["carry_out.natural"] == 1
    assert [(u.kind, u.value, u.rows) for u in count.unmapped] == [
        ("result", "不予公开", (4,)),
        ("applicant_type", "外星人", (13,)),
    ]


def test_missing_columns_make_the_ledger_unusable_with_one_sentence(tmp_path: Path) -> None:
    header = ("编号", "收到日期", "申请人", "申请内容")
    path = write_ledger(tmp_path / "缺列.xlsx", [("1", "2024-01-01", "张三", "x")], header, title="台账")
    with pytest.raises(LedgerError) as caught:
        count_ledger(read_ledger(path), load_mapping(), 2024)
    assert str(caught.value) == "“缺列.xlsx”的“台账”第 3 行表头缺少“办理结果”“答复日期”列，无法统计"


def test_a_sheet_without_any_ledger_header_is_refused(tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "x.xlsx", [("a", "b")], ("甲", "乙"))
    with pytest.raises(LedgerError) as caught:
        count_ledger(read_ledger(path), load_mapping(), 2024)
    assert "找不到登记台账的表头" in str(caught.value)


def test_a_bad_case_row_and_a_cases_sheet_missing_a_column(tmp_path: Path) -> None:
    cases = [
        ("F1", "复议", "2024-02-01", "维持", "2024-01-01", None),  # decided before received
        ("F2", "申诉", "2024-02-01", "维持", "2024-03-01", None),  # unmapped type
        ("F3", "复议", "2024-02-01", "尚未审结", "2024-03-01", None),  # closed, yet pending
        ("F4", "复议", "2024-02-01", "纠正", None, None),  # decided, no closing date
    ]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "c.xlsx", [], cases=cases)), load_mapping(), 2024)
    assert [(p.sheet, p.row, p.kind) for p in count.problems] == [
        ("复议诉讼", 2, "answer_before_received"),
        ("复议诉讼", 3, "unmapped"),
        ("复议诉讼", 4, "inconsistent"),
        ("复议诉讼", 5, "inconsistent"),
    ]
    assert count.review_litigation is not None
    assert count.review_litigation["review.total"] == 0
    path = write_ledger(
        tmp_path / "d.xlsx", [], cases=[("F1", "复议", "2024-02-01")], case_header=("编号", "类型", "收到日期")
    )
    count = count_ledger(read_ledger(path), load_mapping(), 2024)
    assert count.review_litigation is None
    assert [(p.row, p.reason) for p in count.problems] == [(1, "表头缺少“结果”列，第四项无法统计")]


def test_blank_and_pre_numbered_rows_are_no_rows(tmp_path: Path) -> None:
    rows = [
        _row("1", "2024-03-01"),
        (None,) * 8,
        ("2", None, None, None, None, None, None, None),
        _row("3", "2024-03-02"),
    ]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "e.xlsx", rows)), load_mapping(), 2024)
    assert count.problems == []
    assert count.rows_read == 2
    assert HEADER[0] == "编号"
