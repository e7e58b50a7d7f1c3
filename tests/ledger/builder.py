"""Ledgers built in the tests with openpyxl: random rows around the year boundaries, with the counts they must give.

Every generated row knows what it is (new or carried in, answered in the year or open at its end, which result
row, which applicant column), so the expected table is added up here from the generator's own intentions, not
by a second copy of the counting code.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from gkdesk.domain.forms import APPLICANT_COLUMNS, APPLICATION_COLUMNS, form

HEADER = ("编号", "收到日期", "申请人", "申请人类型", "申请内容", "办理结果", "答复日期", "备注")
CASE_HEADER = ("编号", "类型", "收到日期", "结果", "结案日期", "备注")

# Free-text words clerks write, per result row (2021 ids); each must map by the mapping file's words.
RESULT_WORDS: dict[str, tuple[str, ...]] = {
    "granted": ("予以公开", "同意公开", "（一）予以公开", "全部公开", "已公开"),
    "partial": ("部分公开", "（二）部分公开", "部分予以公开"),
    "denied.state_secret": ("不予公开—国家秘密", "不予公开（属于国家秘密）", "（三）不予公开—1.属于国家秘密"),
    "denied.law_forbidden": ("法律行政法规禁止公开",),
    "denied.three_safety_one_stability": ("危及“三安全一稳定”",),
    "denied.third_party": ("不予公开-涉及第三方合法权益", "保护第三方合法权益"),
    "denied.internal_affairs": ("属于三类内部事务信息",),
    "denied.process_info": ("过程性信息",),
    "denied.enforcement_file": ("行政执法案卷",),
    "denied.admin_query": ("属于行政查询事项",),
    "unable.not_held": ("信息不存在", "本机关不掌握相关政府信息", "无法提供—本机关不掌握"),
    "unable.need_creation": ("需另行制作",),
    "unable.unclear_after_correction": ("补正后申请内容仍不明确",),
    "not_processed.petition_complaint": ("信访举报投诉类申请", "属于信访件"),
    "not_processed.repeat": ("重复申请",),
    "not_processed.publication": ("要求提供公开出版物",),
    "not_processed.mass_repeat": ("无正当理由大量反复申请",),
    "not_processed.confirm_reissue": ("要求行政机关确认或重新出具已获取信息",),
    "other.overdue_correction": ("逾期未补正",),
    "other.overdue_fee": ("逾期未缴纳费用",),
    "other.other": ("申请人撤回", "其他"),
}
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "natural": ("自然人", "个人", "公民"),
    "biz": ("商业企业", "企业"),
    "research": ("科研机构",),
    "nonprofit": ("社会公益组织",),
    "legal": ("法律服务机构", "律师事务所"),
    "other": ("其他",),
}
SCENARIOS = ("old", "carry_in_answered", "carry_in_open", "new_answered", "new_open", "future")


@dataclass
class Generated:
    rows: list[tuple[object, ...]] = field(default_factory=list)
    expected: dict[str, int] = field(default_factory=dict)
    counted: int = 0
    other_years: int = 0


def _near_boundary(rng: random.Random, year: int) -> dt.date:
    """A day of ``year``; half of them within ten days of 1 January or 31 December."""
    if rng.random() < 0.5:
        return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
    return rng.choice(
        [
            dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(10)),
            dt.date(year, 12, 31) - dt.timedelta(days=rng.randrange(10)),
        ]
    )


def date_cell(rng: random.Random, day: dt.date) -> object:
    """The same day in one of the shapes clerks' ledgers hold."""
    shape = rng.randrange(7)
    if shape == 0:
        return dt.datetime(day.year, day.month, day.day)
    if shape == 1:
        return f"{day.year}.{day.month}.{day.day}"
    if shape == 2:
        return f"{day.year}年{day.month}月{day.day}日"
    if shape == 3:
        return (day - dt.date(1899, 12, 30)).days  # an Excel serial typed into a General cell
    if shape == 4:
        return f"{day.year}/{day.month:02d}/{day.day:02d}"
    if shape == 5:
        return day.isoformat()
    return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), 30)


def random_ledger(rng: random.Random, year: int, n: int) -> Generated:
    out = Generated(expected=dict.fromkeys(form("applications").cell_ids(), 0))
    for number in range(1, n + 1):
        scenario = rng.choice(SCENARIOS)
        column = rng.choice([c for c, _l in APPLICANT_COLUMNS])
        result = rng.choice(list(RESULT_WORDS))
        if scenario == "old":
            received = _near_boundary(rng, year - rng.choice((1, 2)))
            answered: dt.date | None = min(
                received + dt.timedelta(days=rng.randrange(0, 20)), dt.date(year - 1, 12, 31)
            )
        elif scenario.startswith("carry_in"):
            received = dt.date(year - 1, 12, 31) - dt.timedelta(days=rng.randrange(0, 40))
            if scenario == "carry_in_answered":
                answered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 30))
            else:
                answered = rng.choice([None, dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randrange(20))])
        elif scenario == "new_answered":
            received = _near_boundary(rng, year)
            answered = min(received + dt.timedelta(days=rng.randrange(0, 20)), dt.date(year, 12, 31))
        elif scenario == "new_open":
            received = dt.date(year, 12, 31) - dt.timedelta(days=rng.randrange(0, 15))
            answered = rng.choice([None, dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randrange(20))])
        else:
            received = dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randrange(0, 20))
            answered = rng.choice([None, received + dt.timedelta(days=rng.randrange(0, 5))])
        result_word = rng.choice(RESULT_WORDS[result]) if answered is not None else None
        out.rows.append(
            (
                f"YSQ-{number:05d}",
                date_cell(rng, received),
                f"申请人{number}",
                rng.choice(TYPE_WORDS[column]),
                "某项政府信息",
                result_word,
                date_cell(rng, answered) if answered is not None else None,
                None,
            )
        )
        if scenario in ("old", "future"):
            out.other_years += 1
            continue
        out.counted += 1
        first = "new" if scenario.startswith("new") else "carry_in"
        last = result if scenario.endswith("answered") else "carry_out"
        for row_id in (first, last):
            out.expected[f"{row_id}.{column}"] += 1
    add_totals(out.expected)
    return out


def add_totals(expected: dict[str, int]) -> None:
    """The totals of a table 三 whose item cells are filled: plain sums, written out here."""
    items = [r for r in form("applications").row_ids() if r not in ("new", "carry_in", "total", "carry_out")]
    for col, _l in APPLICANT_COLUMNS:
        expected[f"total.{col}"] = sum(expected[f"{r}.{col}"] for r in items)
    for row_id in form("applications").row_ids():
        expected[f"{row_id}.total"] = sum(expected[f"{row_id}.{c}"] for c, _l in APPLICANT_COLUMNS)
    assert len(APPLICATION_COLUMNS) == 7


def write_ledger(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[str] = HEADER,
    *,
    cases: Sequence[Sequence[object]] | None = None,
    case_header: Sequence[str] = CASE_HEADER,
    title: str | None = None,
) -> Path:
    """An .xlsx ledger: an optional title row and a blank row above the header, the rows, a cases sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "台账"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if cases is not None:
        case_sheet = workbook.create_sheet("复议诉讼")
        case_sheet.append(list(case_header))
        for row in cases:
            case_sheet.append(list(row))
    workbook.save(path)
    return path
