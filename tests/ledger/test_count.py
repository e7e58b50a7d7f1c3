"""Counting table 三 and 四 from ledgers built here: known counts, year boundaries, carry-over, R1–R3 always."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdesk.domain.checker import check
from gkdesk.domain.forms import APPLICATION_COLUMNS, form
from gkdesk.domain.ledger import RawLedger, RawSheet, count_ledger, counted_tables, differences
from gkdesk.domain.report import new_report
from gkdesk.io.ledger_reader import load_mapping, read_ledger

from .builder import HEADER, RESULT_WORDS, TYPE_WORDS, add_totals, random_ledger, write_ledger

YEAR = 2024


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hundreds_of_random_rows_give_the_known_table(tmp_path: Path, seed: int) -> None:
    generated = random_ledger(random.Random(seed), YEAR, 600)
    path = write_ledger(tmp_path / "台账.xlsx", generated.rows, title="某县2024年依申请公开登记台账")
    count = count_ledger(read_ledger(path), load_mapping(), YEAR)
    assert count.problems == []
    assert count.unmapped == []
    assert count.applications == generated.expected  # every one of the 175 cells
    assert count.rows_read == 600
    assert count.rows_counted == generated.counted
    assert count.rows_other_years == generated.other_years
    assert generated.expected["carry_in.total"] > 0
    assert generated.expected["carry_out.total"] > 0
    assert count.review_litigation is None


def test_the_counted_table_is_consistent_for_the_checker(tmp_path: Path) -> None:
    generated = random_ledger(random.Random(9), YEAR, 300)
    count = count_ledger(read_ledger(write_ledger(tmp_path / "a.xlsx", generated.rows)), load_mapping(), YEAR)
    report = new_report("某县人民政府办公室", YEAR)
    report.tables.update(counted_tables(report.tables, count))
    codes = {f.code for f in check(report).findings}
    assert not codes & {"R1", "R2", "R3", "R4"}
    assert report.applications.counts == generated.expected


_day = st.dates(min_value=dt.date(YEAR - 2, 1, 1), max_value=dt.date(YEAR + 1, 12, 31))


@st.composite
def _ledger_rows(draw: st.DrawFn) -> list[tuple[object, ...]]:
    rows = []
    for number in range(draw(st.integers(0, 40))):
        received = draw(_day)
        answered = draw(st.one_of(st.none(), st.integers(0, 400).map(lambda d, r=received: r + dt.timedelta(days=d))))
        word = draw(st.sampled_from([w for words in RESULT_WORDS.values() for w in words]))
        kind = draw(st.sampled_from([w for words in TYPE_WORDS.values() for w in words]))
        rows.append((str(number), received, "某人", kind, "", word if answered else None, answered, None))
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=_ledger_rows(), year=st.integers(YEAR - 1, YEAR + 1))
def test_any_ledger_counts_satisfy_r1_to_r3(rows: list[tuple[object, ...]], year: int) -> None:
    ledger = RawLedger("h.xlsx", None, (RawSheet("台账", (HEADER, *rows)),))
    count = count_ledger(ledger, load_mapping(), year)
    c = count.applications
    items = [r for r in form("applications").row_ids() if r not in ("new", "carry_in", "total", "carry_out")]
    for col, _label in APPLICATION_COLUMNS:
        assert c[f"new.{col}"] + c[f"carry_in.{col}"] == c[f"total.{col}"] + c[f"carry_out.{col}"]  # R1
        assert c[f"total.{col}"] == sum(c[f"{r}.{col}"] for r in items)  # R2
    for row_id in form("applications").row_ids():
        assert c[f"{row_id}.total"] == sum(c[f"{row_id}.{col}"] for col, _l in APPLICATION_COLUMNS[:-1])  # R3
    assert c["new.total"] + c["carry_in.total"] == count.rows_counted
    report = new_report(None, year)
    report.tables.update(counted_tables(report.tables, count))
    assert not {f.code for f in check(report).findings} & {"R1", "R2", "R3"}


def test_last_years_open_cases_are_this_years_carry_in(tmp_path: Path) -> None:
    """The same ledger counted for last year and this year: last year's 结转下年度 is this year's 上年结转."""
    rows = [
        ("1", dt.date(2023, 12, 28), "张三", "自然人", "", "予以公开", dt.date(2024, 1, 8), None),
        ("2", dt.date(2023, 12, 30), "某某有限公司", "商业企业", "", None, None, None),
        ("3", dt.date(2023, 11, 2), "李四", "自然人", "", "部分公开", dt.date(2023, 11, 20), None),
        ("4", dt.date(2023, 12, 31), "某律师事务所", "法律服务机构", "", "信息不存在", dt.date(2024, 1, 2), None),
        ("5", dt.date(2024, 1, 1), "王五", "自然人", "", "同意公开", dt.date(2024, 1, 15), None),
        ("6", dt.date(2024, 12, 31), "赵六", "自然人", "", "重复申请", dt.date(2025, 1, 3), None),
    ]
    ledger = read_ledger(write_ledger(tmp_path / "台账.xlsx", rows))
    last = count_ledger(ledger, load_mapping(), 2023)
    this = count_ledger(ledger, load_mapping(), 2024)
    for col, _l in APPLICATION_COLUMNS:
        assert this.applications[f"carry_in.{col}"] == last.applications[f"carry_out.{col}"]
    assert last.applications["carry_out.natural"] == 1
    assert last.applications["carry_out.biz"] == 1
    assert last.applications["carry_out.legal"] == 1
    assert last.applications["partial.natural"] == 1
    assert this.applications["carry_in.total"] == 3
    assert this.applications["granted.natural"] == 2  # row 1 (carried in) and row 5 (new)
    assert this.applications["unable.not_held.legal"] == 1
    assert this.applications["carry_out.biz"] == 1  # still open at the end of 2024
    assert this.applications["new.natural"] == 2
    assert this.applications["carry_out.natural"] == 1  # row 6, answered in 2025
    assert this.applications["not_processed.repeat.natural"] == 0
    assert this.rows_other_years == 1  # row 3, all in 2023
    # the rows behind a figure: 编号, dates, applicant
    behind = this.rows_behind("applications", "granted.natural")
    assert [(e.row, e.number, e.received, e.answered, e.applicant) for e in behind] == [
        (2, "1", dt.date(2023, 12, 28), dt.date(2024, 1, 8), "张三"),
        (6, "5", dt.date(2024, 1, 1), dt.date(2024, 1, 15), "王五"),
    ]
    assert [e.number for e in this.rows_behind("applications", "carry_in.total")] == ["1", "2", "4"]
    assert [e.number for e in this.rows_behind("applications", "total.total")] == ["1", "4", "5"]


def test_a_company_like_name_is_a_business_when_there_is_no_type_column(tmp_path: Path) -> None:
    header = ("序号", "申请日期", "申请人姓名或名称", "答复结果", "答复时间")
    rows = [
        (1, "2024-02-01", "山西某某煤业有限公司", "予以公开", "2024-02-10"),
        (2, "2024-02-02", "张三", "予以公开", "2024-02-10"),
        (3, "2024-02-03", "某某律师事务所", "部分公开", "2024-02-10"),
        (4, "2024-02-04", "中国科学院某研究所", "予以公开", "2024-02-10"),
        (5, "2024-02-05", "某市环保志愿者协会", "予以公开", "2024-02-10"),
        (6, "2024-02-06", "欧阳·买买提", "予以公开", "2024-02-10"),
        (7, "2024-02-07", "某某村民委员会", "予以公开", "2024-02-10"),
    ]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "b.xlsx", rows, header)), load_mapping(), 2024)
    a = count.applications
    assert (a["granted.biz"], a["granted.natural"], a["partial.legal"]) == (1, 2, 1)
    assert (a["granted.research"], a["granted.nonprofit"]) == (1, 1)
    assert [(u.kind, u.value, u.rows) for u in count.unmapped] == [("applicant_name", "某某村民委员会", (8,))]
    assert [p.row for p in count.problems] == [8]
    # the clerk's answer counts it
    chosen = count_ledger(
        read_ledger(tmp_path / "b.xlsx"), load_mapping(), 2024, {("applicant_name", "某某村民委员会"): "other"}
    )
    assert chosen.problems == []
    assert chosen.applications["granted.other"] == 1
    assert chosen.applications["new.total"] == 7


def test_free_text_result_words_map_and_ambiguous_ones_are_asked(tmp_path: Path) -> None:
    words = [w for ws in RESULT_WORDS.values() for w in ws]
    rows = [(str(i), "2024-03-01", "张三", "自然人", "", w, "2024-03-05", None) for i, w in enumerate(words)]
    rows.append(("x", "2024-03-01", "张三", "自然人", "", "不予公开", "2024-03-05", None))  # which reason?
    count = count_ledger(read_ledger(write_ledger(tmp_path / "c.xlsx", rows)), load_mapping(), 2024)
    for row_id, ws in RESULT_WORDS.items():
        assert count.applications[f"{row_id}.natural"] == len(ws), row_id
    assert [(u.kind, u.value) for u in count.unmapped] == [("result", "不予公开")]
    chosen = count_ledger(
        read_ledger(tmp_path / "c.xlsx"), load_mapping(), 2024, {("result", "不予公开"): "denied.third_party"}
    )
    assert chosen.applications["denied.third_party.natural"] == len(RESULT_WORDS["denied.third_party"]) + 1


def test_the_2019_trial_format_counts_every_other_word_in_its_single_row(tmp_path: Path) -> None:
    rows = [
        ("1", "2020-03-01", "张三", "自然人", "", "逾期未补正", "2020-03-05", None),
        ("2", "2020-03-01", "张三", "自然人", "", "（六）其他处理", "2020-03-05", None),
    ]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "d.xlsx", rows)), load_mapping("2019-trial"), 2020)
    assert count.variant == "2019-trial"
    assert count.applications["other.natural"] == 2
    assert count.applications["total.total"] == 2


def test_table_four_from_the_cases_sheet(tmp_path: Path) -> None:
    cases = [
        ("F1", "复议", dt.date(2024, 2, 1), "维持", dt.date(2024, 4, 1), None),
        ("F2", "复议", dt.date(2024, 3, 1), "纠正", dt.date(2024, 5, 1), None),
        ("F3", "复议", dt.date(2024, 11, 1), "维持", dt.date(2025, 1, 20), None),  # decided after the year: pending
        ("S1", "直接起诉", dt.date(2023, 10, 1), None, None, None),  # still pending, carried
        ("S2", "未经复议直接起诉", dt.date(2024, 6, 1), "驳回诉讼请求", dt.date(2024, 9, 1), None),
        ("S3", "复议后起诉", dt.date(2024, 7, 1), "撤诉", dt.date(2024, 8, 1), None),
        ("S4", "复议后起诉", dt.date(2022, 7, 1), "维持", dt.date(2023, 8, 1), None),  # 2023: other year
    ]
    path = write_ledger(tmp_path / "e.xlsx", [], cases=cases)
    count = count_ledger(read_ledger(path), load_mapping(), 2024)
    assert count.problems == []
    r = count.review_litigation
    assert r is not None
    assert {k: v for k, v in r.items() if v} == {
        "review.upheld": 1,
        "review.corrected": 1,
        "review.pending": 1,
        "review.total": 3,
        "lit_direct.upheld": 1,
        "lit_direct.pending": 1,
        "lit_direct.total": 2,
        "lit_after_review.other": 1,
        "lit_after_review.total": 1,
    }
    assert count.cases_counted == 6
    assert [e.number for e in count.rows_behind("review_litigation", "review.total")] == ["F1", "F2", "F3"]
    report = new_report(None, 2024)
    report.tables.update(counted_tables(report.tables, count))
    assert "R4" not in {f.code for f in check(report).findings}


def test_known_totals_helper_matches_a_hand_count() -> None:
    expected = dict.fromkeys(form("applications").cell_ids(), 0)
    expected["new.natural"] = 2
    expected["granted.natural"] = 1
    expected["carry_out.natural"] = 1
    add_totals(expected)
    assert (expected["total.natural"], expected["total.total"], expected["new.total"]) == (1, 1, 2)


_case_day = st.dates(min_value=dt.date(YEAR - 1, 6, 1), max_value=dt.date(YEAR + 1, 6, 30))


@settings(max_examples=40, deadline=None)
@given(
    cases=st.lists(
        st.tuples(
            st.sampled_from(["复议", "直接起诉", "复议后起诉", "行政复议", "未经复议直接起诉"]),
            _case_day,
            st.sampled_from(["维持", "纠正", "其他", "尚未审结", "驳回", "撤销", "撤诉", None]),
            st.one_of(st.none(), st.integers(0, 300)),
        ),
        max_size=30,
    )
)
def test_any_cases_sheet_satisfies_r4(cases: list[tuple[str, dt.date, str | None, int | None]]) -> None:
    rows = [
        (f"F{i}", kind, received, result, received + dt.timedelta(days=d) if d is not None else None, None)
        for i, (kind, received, result, d) in enumerate(cases)
    ]
    ledger = RawLedger(
        "c.xlsx",
        None,
        (
            RawSheet("台账", (HEADER,)),
            RawSheet("复议诉讼", (("编号", "类型", "收到日期", "结果", "结案日期", "备注"), *rows)),
        ),
    )
    count = count_ledger(ledger, load_mapping(), YEAR)
    review = count.review_litigation
    assert review is not None
    for group in ("review", "lit_direct", "lit_after_review"):
        parts = sum(review[f"{group}.{c}"] for c in ("upheld", "corrected", "other", "pending"))
        assert review[f"{group}.total"] == parts  # R4
    assert sum(review[f"{g}.total"] for g in ("review", "lit_direct", "lit_after_review")) == count.cases_counted
    assert count.cases_counted + len(count.problems) <= len(rows)


def test_differences_name_every_cell_the_report_holds_otherwise(tmp_path: Path) -> None:
    rows = [("1", "2024-03-01", "张三", "自然人", "", "予以公开", "2024-03-05", None)]
    count = count_ledger(read_ledger(write_ledger(tmp_path / "f.xlsx", rows)), load_mapping(), YEAR)
    report = new_report(None, YEAR)
    report.tables.update(counted_tables(report.tables, count))
    assert differences(report.tables, count) == {"applications": []}
    report.applications.set("granted.natural", 4)
    report.applications.mark_unread(["new.total"])
    assert differences(report.tables, count) == {"applications": ["new.total", "granted.natural"]}
