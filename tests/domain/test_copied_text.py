"""The copied-text check (内容雷同): each part's sentences against last year's."""

from __future__ import annotations

from gkdesk.domain.checker import RULES, check
from gkdesk.domain.copied_text import PartOverlap, copied_text_rule, part_overlaps
from gkdesk.domain.report import Block, Part, Report, new_report
from gkdesk.domain.rollover import roll_over
from tests.domain.seed_reports import seed_report

LAST_YEAR_ONE = [
    Block(
        kind="heading", text="主动公开情况。", inline_text="2022 年，我县严格按照上级要求，持续加强网站建设和管理工作。"
    ),
    Block(text="对政府网站栏目进一步优化整合、定期更新，使网站栏目设置更科学、更合理、更丰富。"),
    Block(text="县政府门户网站共发布信息 5224 条，其中政务动态类信息 1888 条；全年共编发政府公报 4 期。"),
    Block(kind="heading", text="依申请公开情况"),
    Block(text="全县各级各部门认真贯彻执行政府信息公开条例，进一步规范完善办理、答复流程！不断拓宽公开渠道。"),
]
LAST_YEAR_FIVE = [
    Block(text="一是信息公开意识有待提高。部分单位对政府信息公开的重要性认识不到位，重视程度不够。"),
    Block(text="二是缺乏队伍建设和专业人才，多数单位从事政府信息公开工作的人员为兼职人员。"),
]


def _report(year: int, one: list[Block], five: list[Block], six: str = "无。") -> Report:
    report = new_report("交城县", year)
    report.parts["一"] = Part(key="一", blocks=[b.model_copy() for b in one])
    report.parts["五"] = Part(key="五", blocks=[b.model_copy() for b in five])
    report.parts["六"] = Part(key="六", blocks=[Block(text=six)])
    return report


def _last_year() -> Report:
    return _report(2022, LAST_YEAR_ONE, LAST_YEAR_FIVE)


def test_rule_is_part_of_the_checker() -> None:
    assert copied_text_rule in RULES


def test_report_against_itself_is_fully_repeated() -> None:
    report = _last_year()
    report.previous = _last_year()
    # 一: 6 sentences (the run-in heading's text counts, ！ and ； end sentences, headings like "依申请公开情况" are
    # too short); 五: 3 (a comma does not end a sentence); 六 "无。" is too short.
    assert part_overlaps(report) == [PartOverlap("一", 6, 6), PartOverlap("五", 3, 3)]
    findings = [f for f in check(report).findings if f.code == "COPIED"]
    assert [(f.severity, f.part, f.message) for f in findings] == [
        (
            "warning",
            "一",
            "第一部分有 100% 的句子（6/6 句）与上年报告相同，可能被认为内容雷同，请结合本年度工作改写",
        ),
        (
            "warning",
            "五",
            "第五部分有 100% 的句子（3/3 句）与上年报告相同，可能被认为内容雷同，请结合本年度工作改写",
        ),
    ]


def test_rewritten_report_is_not_flagged() -> None:
    rewritten_one = [
        Block(kind="heading", text="主动公开情况。", inline_text="2023 年，我县围绕重点领域信息公开，新增专栏 3 个。"),
        Block(text="对政府网站栏目进一步优化整合、定期更新，使网站栏目设置更科学、更合理、更丰富。"),
        Block(text="县政府门户网站全年发布各类信息 6011 条，较上年增长 15%。"),
        Block(text="全年答复依申请公开 12 件，均在法定期限内办结，无一件被纠错。"),
        Block(text="新开设“优化营商环境”专题，集中公开涉企政策 86 件。"),
    ]
    rewritten_five = [
        Block(text="一是基层公开力量薄弱，乡镇专职人员不足。"),
        Block(text="二是政策解读形式单一，图解、视频解读较少。"),
    ]
    report = _report(2023, rewritten_one, rewritten_five)
    report.previous = _last_year()
    assert part_overlaps(report) == [PartOverlap("一", 1, 5), PartOverlap("五", 0, 2)]
    assert [f for f in check(report).findings if f.code == "COPIED"] == []


def test_share_is_per_part_and_figures_do_not_hide_copying() -> None:
    # Only the year and the figures changed: still the same sentences.
    one = [
        Block(
            kind="heading",
            text="主动公开情况。",
            inline_text="2023 年，我县严格按照上级要求，持续加强网站建设和管理工作。",
        ),
        Block(text="县政府门户网站共发布信息 6100 条，其中政务动态类信息 2001 条；全年共编发政府公报 6 期。"),
        Block(text="新开设“优化营商环境”专题，集中公开涉企政策 86 件。"),
        Block(text="全年答复依申请公开 12 件，均在法定期限内办结，无一件被纠错。"),
        Block(text="组织全县政务公开业务培训 2 次，参训人员 150 人次。"),
    ]
    report = _report(2023, one, [Block(text="一是基层公开力量薄弱，乡镇专职人员不足。")])
    report.previous = _last_year()
    assert part_overlaps(report) == [PartOverlap("一", 3, 6), PartOverlap("五", 0, 1)]
    findings = [f for f in check(report).findings if f.code == "COPIED"]
    assert [(f.part, f.message) for f in findings] == [
        ("一", "第一部分有 50% 的句子（3/6 句）与上年报告相同，可能被认为内容雷同，请结合本年度工作改写")
    ]


def test_pending_paragraphs_are_left_to_the_pending_warning() -> None:
    last = _last_year()
    draft = roll_over(last)
    assert [f for f in check(draft).findings if f.code == "COPIED"] == []
    assert {f.part for f in check(draft).findings if f.code == "PENDING"} == {"一", "五", "六"}
    # "Editing" a paragraph without rewriting it clears 待更新 but not the copy.
    for block in draft.parts["五"].blocks:
        block.pending_update = False
    findings = [f for f in check(draft).findings if f.code == "COPIED"]
    assert [(f.part, f.message) for f in findings] == [
        ("五", "第五部分有 100% 的句子（3/3 句）与上年报告相同，可能被认为内容雷同，请结合本年度工作改写")
    ]


def test_no_previous_report_no_comparison() -> None:
    report = _last_year()
    assert report.previous is None
    assert part_overlaps(report) == []
    assert list(copied_text_rule(report)) == []


def test_missing_part_is_not_compared() -> None:
    report = _last_year()
    report.previous = _last_year()
    report.parts["五"].present = False
    assert [o.part for o in part_overlaps(report)] == ["一"]


def test_seed_against_itself_and_against_another_county() -> None:
    report = seed_report("zezhou-county-office-2021.txt")
    report.previous = seed_report("zezhou-county-office-2021.txt")
    overlaps = part_overlaps(report)
    assert [o.part for o in overlaps] == ["一", "五"]  # 六 "无" is too short to compare
    assert all(o.repeated == o.total and o.total >= 2 for o in overlaps)
    assert [f.message.split(" 的句子")[0] for f in check(report).findings if f.code == "COPIED"] == [
        "第一部分有 100%",
        "第五部分有 100%",
    ]
    # Another county's report of the same year shares the same boilerplate at most.
    report.previous = seed_report("jiaokou-county-2021.txt")
    assert all(o.repeated == 0 for o in part_overlaps(report))
    assert [f for f in check(report).findings if f.code == "COPIED"] == []


def test_fresh_draft_is_not_flagged_for_its_standard_subsection_headings() -> None:
    """A new-year draft keeps the headings (政务公开标准化规范化建设方面 …) and marks the prose 待更新: no COPIED."""
    draft = roll_over(seed_report("jiaokou-county-2021.txt"))
    assert any(b.kind == "heading" and len(b.text) >= 8 for b in draft.parts["一"].blocks)
    assert [f for f in check(draft).findings if f.code == "COPIED"] == []
    assert part_overlaps(draft) == []
