"""自查: the score is deterministic, weights come from one data file, and each criterion fails on a report made to."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gkdesk.domain.assessment import Assessment, assessment_text, deadline, self_assess
from gkdesk.domain.checker import check
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.domain.totals import recompute_totals
from gkdesk.resources import resources_dir
from tests.content_fixture import with_complete_content
from tests.domain.seed_reports import seed_report


def perfect(agency: str = "某县人民政府", year: int = 2024) -> Report:
    """Every element, consistent tables, signed on time, the official title: 100 points."""
    report = with_complete_content(new_report(agency, year))
    report.preface.insert(0, Block(text=f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    report.signature.date = dt.date(year + 1, 1, 20)
    return report


def points(assessment: Assessment) -> dict[str, int]:
    return {c.id: c.points for c in assessment.criteria}


def test_the_data_file_s_weights_make_100_and_every_criterion_names_its_source() -> None:
    data = json.loads((resources_dir() / "self_assessment.json").read_text("utf-8"))
    assert sum(c["weight"] for c in data["criteria"]) == 100
    assert [c["id"] for c in data["criteria"]] == ["timeliness", "completeness", "consistency", "specificity", "form"]
    assert all(c["source"] and c["how"] for c in data["criteria"])
    assert "不是任何主管部门或评估机构的正式评分" in data["disclaimer"]
    assert sum(data["criteria"][4]["items"].values()) == data["criteria"][4]["weight"]


def test_a_perfect_report_scores_100() -> None:
    assessment = self_assess(perfect())
    assert check(perfect()).findings == ()
    assert assessment.score == 100
    assert points(assessment) == {
        "timeliness": 15,
        "completeness": 30,
        "consistency": 25,
        "specificity": 20,
        "form": 10,
    }
    assert assessment.missing == ()
    assert assessment.as_json()["official"] is False


def test_the_score_is_deterministic_and_the_same_with_or_without_a_given_result() -> None:
    report = perfect()
    report.parts["五"].blocks = [Block(text="还存在一些不足。")]
    first = self_assess(report)
    assert self_assess(report) == first
    assert self_assess(report, check(report)) == first
    assert json.dumps(first.as_json(), ensure_ascii=False) == json.dumps(
        self_assess(report).as_json(), ensure_ascii=False
    )


# --------------------------------------------------------------------------- timeliness


def test_deadline_is_31_january_except_for_a_county_or_above_government_s_own_report() -> None:
    assert deadline(new_report("某县人民政府", 2024)) == dt.date(2025, 3, 31)
    assert deadline(new_report("某县人民政府办公室", 2024)) == dt.date(2025, 1, 31)
    assert deadline(new_report("西交口乡人民政府", 2024)) == dt.date(2025, 1, 31)
    assert deadline(new_report("河北省教育厅", 2024)) == dt.date(2025, 1, 31)


@pytest.mark.parametrize(
    ("date", "passed", "detail"),
    [
        (dt.date(2025, 1, 31), True, "落款日期 2025年1月31日"),
        (dt.date(2025, 2, 1), False, "落款日期 2025年2月1日 晚于期限"),
        (dt.date(2024, 12, 30), False, "落款日期 2024年12月30日 早于报告年度结束，年份可能写错"),
        (None, False, "没有落款日期，无法判断是否按时公布"),
    ],
)
def test_timeliness_for_a_department(date: dt.date | None, passed: bool, detail: str) -> None:
    report = perfect("某县教育局")
    report.signature.date = date
    criterion = self_assess(report).criterion("timeliness")
    assert criterion.points == (15 if passed else 0)
    [item] = criterion.items
    assert (item.text, item.passed, item.detail) == ("在 2025年1月31日 前公布", passed, detail)


def test_timeliness_reads_the_sign_off_date_when_the_signature_has_none() -> None:
    report = perfect("某县教育局")
    report.signature.date = None
    report.sign_off.approver, report.sign_off.date = "张三", dt.date(2025, 1, 10)
    assert self_assess(report).criterion("timeliness").points == 15


def test_a_late_signature_is_scored_once_under_timeliness_not_again_under_consistency() -> None:
    report = perfect("某县教育局")
    report.signature.date = dt.date(2025, 2, 5)
    assert "R8" in {f.code for f in check(report).findings}
    assert points(self_assess(report)) == {
        "timeliness": 0,
        "completeness": 30,
        "consistency": 25,
        "specificity": 20,
        "form": 10,
    }


# --------------------------------------------------------------------------- completeness


def test_completeness_weighs_practice_elements_half() -> None:
    report = perfect()
    # the 16 applicable elements weigh 10 x 1 + 6 x 0.5 = 13 (practice: legal basis, download, contact and the three of
    # 六); 六 without the fee (1) and its practice three (1.5) keeps 10.5 of 13
    report.parts["六"].blocks = [Block(text="本年度无其他需要报告的事项。")]
    assessment = self_assess(report)
    assert [e.id for e in assessment.missing] == [
        "other.fee",
        "other.work_points",
        "other.proposals",
        "other.innovation",
    ]
    assert assessment.missing_labels == [
        "信息处理费收取情况",
        "落实上年度政务公开工作要点情况",
        "人大代表建议和政协委员提案办理结果公开情况",
        "年度工作创新情况",
    ]
    assert assessment.criterion("completeness").points == 24  # 30 x 10.5 / 13 = 24.2
    failed = [i.text for i in assessment.criterion("completeness").items if not i.passed]
    assert failed == [
        "信息处理费收取情况（第六部分）",
        "落实上年度政务公开工作要点情况（第六部分，各地常见要求）",
        "人大代表建议和政协委员提案办理结果公开情况（第六部分，各地常见要求）",
        "年度工作创新情况（第六部分，各地常见要求）",
    ]


# --------------------------------------------------------------------------- consistency


def test_consistency_costs_8_an_error_and_3_a_warning() -> None:
    report = perfect()
    apps = report.applications
    apps.set("new.natural", 3)  # R1 (new ≠ total + carry-out), R2 and R3 on the totals left at 0
    assert sorted(f.code for f in check(report).errors) == ["R1", "R3"]
    assert self_assess(report).criterion("consistency").points == 25 - 2 * 8
    recompute_totals(apps)
    apps.set("granted.natural", 3)
    recompute_totals(apps)
    report.parts["一"].blocks.append(Block(text="全年共收到政府信息公开申请4件。"))  # R7: the table says 3
    assessment = self_assess(report)
    assert [f.code for f in check(report).findings] == ["R7"]
    assert assessment.criterion("consistency").points == 22
    [item] = assessment.criterion("consistency").items
    assert item.text.startswith("R7 正文“") and not item.passed


def test_consistency_never_goes_below_zero() -> None:
    report = perfect()
    for column in ("natural", "biz", "research", "nonprofit"):
        report.applications.set(f"new.{column}", 1)
    assert self_assess(report).criterion("consistency").points == 0


# --------------------------------------------------------------------------- specificity


def test_specificity_costs_5_a_vague_short_copied_or_pending_warning() -> None:
    report = perfect()
    report.parts["五"].blocks = [Block(text="还存在一些不足，下一步将持续改进。")]  # SHORT and VAGUE
    assessment = self_assess(report)
    assert {f.code for f in check(report).findings} >= {"SHORT", "VAGUE"}
    assert assessment.criterion("specificity").points == 10
    report.parts["六"].blocks[0].pending_update = True  # PENDING too
    assert self_assess(report).criterion("specificity").points == 5


# --------------------------------------------------------------------------- form


def test_form_checks_parts_signature_title_and_format() -> None:
    report = perfect()
    report.parts["四"].present = False
    report.signature.agency = None
    report.title = "某县政务公开工作总结"
    criterion = self_assess(report).criterion("form")
    assert criterion.points == 2  # only the format item holds
    assert [(i.passed, i.detail) for i in criterion.items] == [
        (False, "缺少或为空：第四部分"),
        (False, "缺少落款机关"),
        (False, "标题：某县政务公开工作总结"),
        (True, ""),
    ]
    trial = perfect(year=2022)
    trial.tables["disclosure"] = new_report("x", 2022, "2019-trial").disclosure
    assert "FORMAT" in {f.code for f in check(trial).findings}
    assert self_assess(trial).criterion("form").points == 8


# --------------------------------------------------------------------------- text and a seed


def test_the_text_says_it_is_a_self_check_and_lists_what_failed() -> None:
    report = perfect("某县教育局")
    report.signature.date = None
    lines = assessment_text(self_assess(report))
    assert lines[0].startswith("  自查评分：")
    assert "不是任何主管部门或评估机构的正式评分" in lines[0]
    assert "    公开时效：0 / 15" in lines
    assert "      ✗ 在 2025年1月31日 前公布（没有落款日期，无法判断是否按时公布）" in lines
    assert "      ✗ 落款机关和日期齐全（缺少落款日期）" in lines


@pytest.mark.shared
def test_the_jiaokou_seed_scores_80() -> None:
    assessment = self_assess(seed_report("jiaokou-county-2021.txt"))
    assert points(assessment) == {
        "timeliness": 15,
        "completeness": 15,
        "consistency": 25,
        "specificity": 15,
        "form": 10,
    }
    assert assessment.score == 80
    # applicable weight 13 (see above); missing 主动公开, 监督保障, 考核, 改进措施, 信息处理费 (5) and 六's three
    # practice elements (1.5): 30 x 6.5 / 13 = 15
    assert assessment.missing_labels[:5] == [
        "主动公开",
        "监督保障",
        "工作考核、社会评议和责任追究结果",
        "改进措施",
        "信息处理费收取情况",
    ]
