"""Required content (要素): the data files, recognition, conditions, the skeletons, and what each real report lacks."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.elements import (
    CODE_PREFIX,
    agency_kind,
    applicable_elements,
    catalogue,
    element_of_code,
    elements_rule,
    missing_elements,
    skeleton_blocks,
)
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.resources import resources_dir
from tests.content_fixture import with_complete_content
from tests.domain.seed_reports import SEED_NAMES, seed_report

ALL_2021 = [e.id for e in catalogue("2021").elements]
NEUTRAL = "本年度相关工作按计划推进。"  # recognises no element at all


def neutral_report(agency: str = "某县人民政府", year: int = 2024, variant: str = "2021") -> Report:
    """Every narrative section started with a sentence that names no element."""
    report = new_report(agency, year, variant)  # type: ignore[arg-type]
    report.preface = [Block(text=NEUTRAL)]
    for key in ("一", "五", "六"):
        report.parts[key].blocks = [Block(text=NEUTRAL)]
    return report


def missing_ids(report: Report) -> list[str]:
    return [e.id for e in missing_elements(report)]


def finding_ids(report: Report) -> list[str]:
    return [f.code[len(CODE_PREFIX) :] for f in check(report).findings if f.code.startswith(CODE_PREFIX)]


# --------------------------------------------------------------------------- the data files


@pytest.mark.parametrize("variant", ["2021", "2019-trial"])
def test_every_element_has_its_source_certainty_words_and_skeleton(variant: str) -> None:
    data = json.loads((resources_dir() / "elements" / f"{variant}.json").read_text("utf-8"))
    assert data["format"] == variant
    ids = [e["id"] for e in data["elements"]]
    assert len(ids) == len(set(ids))
    for raw in data["elements"]:
        assert raw["source"] in data["sources"], raw["id"]
        assert raw["certainty"] in ("notice", "template", "practice"), raw["id"]
        assert raw["recognise"] and all(re.compile(p) for p in raw["recognise"]), raw["id"]
        assert raw["skeleton"]["text"] and raw["part"] in ("封面", "一", "五", "六"), raw["id"]
        assert set(raw.get("when", [])) <= {"government", "has_previous"}, raw["id"]


def test_the_issue_s_elements_are_there_with_the_issue_s_certainty() -> None:
    elements = {e.id: e for e in catalogue("2021").elements}
    assert [e.label for e in catalogue("2021").elements if e.part == "一"] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
        "工作考核、社会评议和责任追究结果",
    ]
    assert elements["overview.assessment"].when == ("government",)
    assert elements["problems.previous"].when == ("has_previous",)
    assert [elements[i].certainty for i in ("other.work_points", "other.proposals", "other.innovation")] == [
        "practice"
    ] * 3
    assert elements["other.fee"].certainty == "notice" and "109号" in catalogue("2021").sources["fee_measures"]
    assert {e.label for e in catalogue("2021").elements if e.part == "封面"} == {
        "编制依据",
        "统计期限",
        "报告获取途径",
        "联系方式",
    }
    # the trial format's years (2019-2020) predate the 信息处理费 measures (in force 2021)
    assert "other.fee" not in {e.id for e in catalogue("2019-trial").elements}
    assert len(catalogue("2019-trial").elements) == len(catalogue("2021").elements) - 1


# --------------------------------------------------------------------------- recognition on our own texts


def test_a_complete_text_lacks_nothing() -> None:
    report = with_complete_content(new_report("某县人民政府", 2024))
    report.preface.insert(0, Block(text="本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"))
    assert missing_ids(report) == []
    assert finding_ids(report) == []


def test_a_neutral_text_lacks_every_element_each_a_warning_on_its_part() -> None:
    report = neutral_report()
    expected = [i for i in ALL_2021 if i != "problems.previous"]  # no last year's report inside
    assert missing_ids(report) == expected
    findings = [f for f in check(report).findings if f.code.startswith(CODE_PREFIX)]
    assert [f.code for f in findings] == [CODE_PREFIX + i for i in expected]
    assert all(f.severity == "warning" for f in findings)
    assert [f.part for f in findings] == [catalogue("2021").element(i).part for i in expected]
    active = findings[expected.index("overview.active")]
    assert active.message == "第一部分缺少要素“主动公开”（规定要求），可插入参考句式后按实际情况改写"
    innovation = findings[expected.index("other.innovation")]
    assert (
        innovation.message == "第六部分未写“年度工作创新情况”（各地常见要求，本地无此要求可不写），可插入参考句式后改写"
    )


@pytest.mark.parametrize("element_id", [i for i in ALL_2021 if i != "problems.previous"])
def test_each_skeleton_supplies_exactly_its_element(element_id: str) -> None:
    report = neutral_report()
    element = catalogue("2021").element(element_id)
    section = report.preface if element.part == "封面" else report.parts[element.part].blocks  # type: ignore[index]
    section[:] = skeleton_blocks(element, report, section)
    assert element_id not in missing_ids(report)
    # no other element appears by accident (the skeletons are specific), except the ones their words imply
    implied = {"overview.supervision": {"overview.assessment"}, "overview.assessment": {"overview.supervision"}}
    assert set(ALL_2021) - set(missing_ids(report)) - {"problems.previous"} <= {
        element_id,
        *implied.get(element_id, ()),
    }
    # inserted marked 待更新, the year filled in, a heading of its own only where the element has one
    new = section[1:]
    assert all(b.pending_update for b in new)
    assert "{year}" not in "".join(b.text for b in new)
    # the neutral sections are flat (no subheadings), so every skeleton goes in as one paragraph
    assert [b.kind for b in new] == ["paragraph"]
    assert new[-1].text == element.skeleton.text.replace("{year}", "2024")


def test_a_skeleton_goes_under_a_heading_only_in_a_part_written_in_subsections() -> None:
    report = neutral_report()
    element = catalogue("2021").element("overview.platform")
    flat = skeleton_blocks(element, report, report.parts["一"].blocks)
    assert [(b.kind, b.text) for b in flat] == [
        ("paragraph", NEUTRAL),
        ("paragraph", "加强政府网站和政务新媒体建设管理，××。"),
    ]
    headed = [Block(kind="heading", text="主动公开情况"), Block(text="主动公开了信息。")]
    blocks = skeleton_blocks(element, report, headed)
    assert [(b.kind, b.text, b.pending_update) for b in blocks[2:]] == [
        ("heading", "政府信息公开平台建设情况", False),
        ("paragraph", "加强政府网站和政务新媒体建设管理，××。", True),
    ]
    assert headed[1].pending_update is False  # the blocks given are not changed


def test_spaces_and_full_width_forms_do_not_hide_an_element() -> None:
    report = neutral_report()
    report.parts["一"].blocks = [Block(text="主 动\u3000公 开 政府信息。")]
    assert "overview.active" not in missing_ids(report)


def test_the_preface_elements_are_also_found_in_the_opening_of_part_one() -> None:
    report = neutral_report()
    report.preface = []
    report.parts["一"].blocks = [
        Block(text="根据《中华人民共和国政府信息公开条例》，现公布本报告。"),
        Block(kind="heading", text="主动公开"),
        Block(text="本报告可从网站下载。"),  # under a subheading: no longer the opening
    ]
    missing = missing_ids(report)
    assert "preface.legal_basis" not in missing
    assert "preface.download" in missing


def test_the_cover_s_contact_fields_count_as_the_contact_element() -> None:
    report = neutral_report()
    assert "preface.contact" in missing_ids(report)
    report.contacts.phone = "0358-5422520"
    assert "preface.contact" not in missing_ids(report)


def test_only_a_government_must_report_assessment_results() -> None:
    assert "overview.assessment" in missing_ids(neutral_report("某县人民政府"))
    assert "overview.assessment" not in missing_ids(neutral_report("某县人民政府办公室"))
    assert "overview.assessment" not in missing_ids(neutral_report("某省教育厅"))
    # the regulation's article 50(4) puts it with the problems: found there too
    report = neutral_report("某县人民政府")
    report.parts["五"].blocks = [Block(text="年度考核结果已公开。")]
    assert "overview.assessment" not in missing_ids(report)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", "government"),
        ("交口县", "government"),
        ("平潭综合实验区", "government"),
        ("西交口乡人民政府", "township_government"),
        ("某某街道办事处", "township_government"),
        ("河曲县人民政府办公室", "department"),
        ("河北省教育厅", "department"),
        ("某市公安局", "department"),
        ("某区发展和改革委员会", "department"),
    ],
)
def test_agency_kind(name: str, kind: str) -> None:
    assert agency_kind(new_report(name, 2024)) == kind


def test_the_agency_comes_from_the_signature_or_the_title_when_not_filled_in() -> None:
    report = new_report(None, 2024)
    report.title = "关于某市教育局2024年政府信息公开工作年度报告"
    assert agency_kind(report) == "department"
    report.signature.agency = "某县人民政府"
    assert agency_kind(report) == "government"


def test_last_year_s_problems_are_asked_for_only_with_last_year_s_report_inside() -> None:
    report = neutral_report()
    assert "problems.previous" not in [e.id for e in applicable_elements(report)]
    report.previous = neutral_report(year=2023)
    assert "problems.previous" in missing_ids(report)
    report.parts["五"].blocks = [Block(text="针对上年度报告指出的问题，已完成整改。")]
    assert "problems.previous" not in missing_ids(report)


def test_an_unwritten_part_is_r10_s_its_elements_are_counted_but_not_listed() -> None:
    report = neutral_report()
    report.parts["六"].blocks = []
    report.parts["五"].present = False
    codes = [f.code for f in check(report).findings]
    assert "R10" in codes
    assert not [c for c in codes if c.startswith((CODE_PREFIX + "other.", CODE_PREFIX + "problems."))]
    assert {"other.fee", "problems.problems", "problems.measures"} <= set(missing_ids(report))
    # a brand-new report lists none at all: nothing has been started
    assert list(elements_rule(new_report("某县人民政府", 2024))) == []


def test_text_marked_pending_counts_so_an_inserted_skeleton_clears_its_finding() -> None:
    report = neutral_report()
    report.parts["六"].blocks = [Block(text="本年度未收取信息处理费。", pending_update=True)]
    assert "other.fee" not in missing_ids(report)


def test_the_finding_code_names_the_element() -> None:
    report = neutral_report()
    assert element_of_code(report, "ELEMENT:other.fee") == catalogue("2021").element("other.fee")
    assert element_of_code(report, "ELEMENT:nope") is None
    assert element_of_code(report, "R7") is None
    trial = neutral_report(year=2020, variant="2019-trial")
    assert element_of_code(trial, "ELEMENT:other.fee") is None


# --------------------------------------------------------------------------- what the real reports lack

# What each report really lacks, read in its text (the reasons beside each). The three common-practice subjects of
# 六 (工作要点, 建议提案, 创新) are missing almost everywhere; only the exceptions are noted.
PRACTICE = ["other.work_points", "other.proposals", "other.innovation"]
SEED_MISSING: dict[str, list[str]] = {
    # 河曲 2020 (office, 2019 trial): the preface gives no period, download place nor contact; 一 has 基本情况,
    # 工作成效 (主动公开, 依申请公开, 舆情) but nothing on information management or supervision
    "hequ-county-2020.txt": [
        "preface.period",
        "preface.download",
        "preface.contact",
        "overview.management",
        "overview.supervision",
        *PRACTICE,
    ],
    # 交城 2024 (a county: 交城县): no download place or contact; its 监督保障 speaks of 监督检查, never of 考核,
    # 评议 or 责任追究 results; 六 states the 信息处理费
    "jiaocheng-county-2024.txt": [
        "preface.download",
        "preface.contact",
        "overview.assessment",
        *PRACTICE,
    ],
    # 交口 2021 (a county): 一 has only 标准化规范化建设 and 平台建设 (the words 主动公开 never appear, nor any
    # supervision or assessment); 五 lists problems with no measure; 六 is "无。"
    "jiaokou-county-2021.txt": [
        "overview.active",
        "overview.supervision",
        "overview.assessment",
        "problems.measures",
        "other.fee",
        *PRACTICE,
    ],
    # 西交口乡 2021 (a township government): no preface; 一 is about organisation and publication only; no part 六
    "xijiaokou-township-2021.txt": [
        "preface.period",
        "preface.download",
        "preface.contact",
        "overview.management",
        "overview.platform",
        "overview.assessment",
        "other.fee",
        *PRACTICE,
    ],
    # 泽州县人民政府办公室 2021 (an office): 一 opens with the legal basis and the website, but no counting period;
    # 六 is "无"
    "zezhou-county-office-2021.txt": ["preface.period", "other.fee", *PRACTICE],
}
REAL_MISSING: dict[str, list[str]] = {
    # 河北省教育厅 2019 (department, trial format): preface without download or contact; 六 missing
    "hebei-edu-dept-2019.txt": ["preface.download", "preface.contact", *PRACTICE],
    # 河北省教育厅 2023: 六 reports a prize (获评: innovation) but no 信息处理费
    "hebei-edu-dept-2023.txt": [
        "preface.download",
        "preface.contact",
        "other.fee",
        "other.work_points",
        "other.proposals",
    ],
    # 洪泽区人民政府 2023: contact given, no download place; 监督保障 without 考核/评议/追究 results
    "hongze-district-2023.pdf": ["preface.download", "overview.assessment", *PRACTICE],
    "hongze-district-2023.pdftotext.txt": ["preface.download", "overview.assessment", *PRACTICE],
    # 淮安市人民政府 2024: same shape (its 监督保障 is about checks and training)
    "huaian-city-2024.pdf": ["preface.download", "overview.assessment", *PRACTICE],
    # 平潭 2019 (trial): 一 is 基本情况 and 主要做法 with no word on applications or information management
    "pingtan-zone-2019.txt": ["overview.on_request", "overview.management", *PRACTICE],
    # 平潭 2021 and 2023: the preface has everything; 监督保障 mentions 考核
    "pingtan-zone-2021.txt": PRACTICE,
    "pingtan-zone-2023.txt": PRACTICE,
    # 平潭 2025: a short preface (no download, no contact); 监督保障 without 考核 (it says 绩效管理)
    "pingtan-zone-2025.txt": ["preface.download", "preface.contact", "overview.assessment", *PRACTICE],
}


@pytest.mark.shared
@pytest.mark.parametrize("name", SEED_NAMES)
def test_what_each_seed_lacks(name: str) -> None:
    assert missing_ids(seed_report(name)) == SEED_MISSING[name]
    # 西交口乡 has no part 六 at all: R10 says so, and its elements are counted (self-check) but not listed
    unwritten = {"other.fee", *PRACTICE} if name == "xijiaokou-township-2021.txt" else set()
    assert finding_ids(seed_report(name)) == [i for i in SEED_MISSING[name] if i not in unwritten]


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(REAL_MISSING))
def test_what_each_real_report_lacks(name: str, real_dir) -> None:
    from gkdesk.io.files import load_report

    report = load_report(real_dir / name)
    assert missing_ids(report) == REAL_MISSING[name]


@pytest.mark.shared
def test_a_rolled_over_seed_is_asked_how_last_year_s_problems_were_addressed() -> None:
    from gkdesk.domain.rollover import roll_over

    report = roll_over(seed_report("jiaokou-county-2021.txt"))
    assert report.previous is not None
    assert "problems.previous" in missing_ids(report)
    report.signature.date = dt.date(2023, 1, 20)
    report.parts["五"].blocks.append(Block(text="针对上年度报告中网站信息公开不够全面的问题，已逐项整改。"))
    assert "problems.previous" not in missing_ids(report)
