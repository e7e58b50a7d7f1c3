"""交城县 2024: truncated. Table 二 and the head of table 三 are missing; what is there is read, the rest reported."""

from __future__ import annotations

import datetime as dt

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import SEEDS
from tests.io.import_expect import Z7, applications, assert_cells, has_log, headings, review

APPLICATIONS = applications(
    "2021",
    {
        "new": [8, 2, 0, 0, 0, 0, 10],
        "carry_in": Z7,
        "granted": [7, 2, 0, 0, 0, 0, 9],
        "partial": Z7,
        "denied.state_secret": Z7,
        "denied.law_forbidden": Z7,
        "denied.three_safety_one_stability": Z7,
        "denied.third_party": Z7,
        "denied.internal_affairs": Z7,
        "denied.process_info": Z7,
        "denied.enforcement_file": Z7,
        "denied.admin_query": Z7,
        "unable.not_held": [1, 0, 0, 0, 0, 0, 1],
        "unable.need_creation": Z7,
        "unable.unclear_after_correction": Z7,
        "not_processed.petition_complaint": Z7,
        "not_processed.repeat": Z7,
        "not_processed.publication": Z7,
        "not_processed.mass_repeat": Z7,  # its label is split over two rows: "4. 无正当理由大量反" / "复申请"
        "not_processed.confirm_reissue": Z7,
        "other.overdue_correction": Z7,
        "other.overdue_fee": Z7,
        "other.other": Z7,
        "total": [8, 2, 0, 0, 0, 0, 10],
        "carry_out": Z7,
    },
)
REVIEW = review([4, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])


@pytest.fixture(scope="module")
def report() -> Report:
    return read_txt_file(SEEDS / "jiaocheng-county-2024.txt")


def test_what_is_there_is_read(report: Report) -> None:
    assert report.disclosure.present is False
    assert report.applications.variant == "2021"
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)


def test_what_is_missing_is_reported(report: Report) -> None:
    assert report.parts["二"].present is False
    assert report.parts["三"].present is True  # its heading is lost but its table is there
    assert has_log(report, "missing", "未找到第二项表格")
    assert has_log(report, "missing", "第二部分")
    assert has_log(report, "assumed", "第三项表格的表头缺失")
    assert has_log(report, "assumed", "未找到第三部分标题")
    assert not has_log(report, "warning", "出现了两次")
    codes = {f.code for f in check(report).findings}
    assert "R10" in codes


def test_identity_and_date_as_printed(report: Report) -> None:
    assert report.title == "交城县 2024 年政府信息公开年度报告"
    assert report.agency == "交城县"
    assert report.year == 2024
    assert report.signature.agency == "交城县人民政府办公室"
    assert report.signature.date == dt.date(2024, 1, 17)  # wrong year as printed: the checker flags it
    assert any(f.code == "R8" and "落款日期" in f.message for f in check(report).findings)


def test_narrative(report: Report) -> None:
    assert [b.text[:8] for b in report.preface] == ["本年度报告根据《"]
    blocks = report.parts["一"].blocks
    assert headings(blocks) == [
        (2, "主动公开情况。"),
        (2, "依申请公开情况。"),
        (2, "政府信息管理情况。"),
        (2, "政府信息公开平台建设情况。"),
        (2, "监督保障情况。"),
    ]
    first = next(b for b in blocks if b.kind == "heading")
    assert first.inline_text.startswith("2024 年，我县严格按照上级要求")
    assert "1888 条，信息公开目录信息 3297 条" in first.inline_text  # rejoined over the page break
    assert blocks[-1].inline_text.endswith("依申请公开、")  # the document is cut here
    first_five = report.parts["五"].blocks[0].text
    assert "对政府信息公开的重要性、必要性认识不到位" in first_five  # "的重" / "要性" rejoined
    assert first_five.endswith("业务水平和能力有待提高。")
    assert has_log(report, "assumed", "2 处段落")
    assert [b.text for b in report.parts["六"].blocks] == ["2024年，全县各单位未向申请人收取信息处理费。"]
