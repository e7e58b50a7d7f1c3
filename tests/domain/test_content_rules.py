"""Vague and contradictory text: SHORT, VAGUE, FEE and R7's figures about tables 二 and 四, on our own reports."""

from __future__ import annotations

import json
import statistics
from decimal import Decimal

import pytest

from gkdesk.domain.checker import Finding, check
from gkdesk.domain.part_length import length_norms, part_length
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.domain.vague_problems import concrete_problem_clauses
from gkdesk.resources import resources_dir
from tests.content_fixture import with_complete_content


def complete(agency: str = "某县人民政府", year: int = 2024) -> Report:
    report = with_complete_content(new_report(agency, year))
    report.preface.insert(0, Block(text=f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    return report


def of(report: Report, code: str) -> list[Finding]:
    return [f for f in check(report).findings if f.code == code]


def test_the_complete_fixture_raises_none_of_these() -> None:
    codes = {f.code for f in check(complete()).findings}
    assert not codes & {"SHORT", "VAGUE", "FEE", "R7"}


# --------------------------------------------------------------------------- SHORT


def test_the_length_norms_are_the_data_file_s() -> None:
    norms = length_norms()
    assert norms.ratio == pytest.approx(1 / 3, abs=1e-3)
    assert norms.median_chars == {"一": 1265, "五": 291}
    assert (norms.minimum("一"), norms.minimum("五")) == (421, 96)


def test_a_part_under_a_third_of_the_median_warns_at_or_over_it_does_not() -> None:
    report = complete()
    report.parts["五"].blocks = [
        Block(text="存在的问题：一是" + "网站栏目更新不及时" * 9 + "。")
    ]  # 8 + 9 x 9 + 1 characters
    assert part_length(report, "五") == 90
    [short] = of(report, "SHORT")
    assert short.part == "五"
    assert short.message == "第五部分只有 90 字，不到同类报告中位数（291 字）的三分之一，内容可能过于简略"
    report.parts["五"].blocks.append(Block(text="下一步将完善整改。"))  # 90 + 9 = 99 ≥ 96
    assert part_length(report, "五") == 99
    assert of(report, "SHORT") == []


def test_length_counts_headings_and_paragraphs_without_whitespace() -> None:
    report = new_report("某县人民政府", 2024)
    report.parts["一"].blocks = [Block(kind="heading", text="主动 公开"), Block(text=" 情况\u3000良好 ")]
    assert part_length(report, "一") == 8
    [short] = of(report, "SHORT")
    assert short.part == "一" and "只有 8 字" in short.message


def test_an_empty_part_and_part_six_are_not_measured() -> None:
    report = complete()
    report.parts["五"].blocks = []
    report.parts["六"].blocks = [Block(text="无。")]
    assert of(report, "SHORT") == []
    assert "R10" in {f.code for f in check(report).findings}


@pytest.mark.shared
def test_the_medians_are_measured_on_the_seeds_and_real_reports(seeds_dir, real_dir) -> None:
    """Re-measure what resources/elements/part_lengths.json says (13 reports: the hongze PDF, not its text copy)."""
    from gkdesk.io.files import load_report

    files = sorted(seeds_dir.glob("*.txt")) + [
        p
        for p in sorted(real_dir.iterdir())
        if p.suffix in (".txt", ".pdf") and not p.name.endswith(".pdftotext.txt") and p.name != "README.md"
    ]
    reports = [load_report(p) for p in files]
    data = json.loads((resources_dir() / "elements" / "part_lengths.json").read_text("utf-8"))
    assert len(reports) == data["measured_on"] == 13
    for key in ("一", "五"):
        lengths = sorted(part_length(r, key) for r in reports)
        assert lengths == data["lengths_measured"][key]
        assert statistics.median(lengths) == data["median_chars"][key]


# --------------------------------------------------------------------------- VAGUE


@pytest.mark.parametrize(
    "text",
    [
        "我县政府信息公开工作虽然取得了一定进展，但还存在一些不足。",
        "与上级要求相比，仍存在一定的差距，存在一些问题。",
    ],
)
def test_problems_named_only_in_general_are_vague(text: str) -> None:
    report = complete()
    report.parts["五"].blocks = [Block(text=text), Block(text="下一步将持续改进，" + "认真抓好落实" * 20 + "。")]
    [vague] = of(report, "VAGUE")
    assert vague.part == "五"
    assert "没有写明具体是什么问题" in vague.message
    assert concrete_problem_clauses(text) == []


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("还存在一些不足：一是信息公开意识有待提高。", "一是信息公开意识有待提高"),
        ("主要是政策解读形式单一。", "主要是政策解读形式单一"),
        ("部分单位对政务公开重视程度不够。", "部分单位对政务公开重视程度不够"),
        ("缺乏主动公开的意识。", "缺乏主动公开的意识"),
    ],
)
def test_a_named_deficiency_is_concrete(text: str, clause: str) -> None:
    assert concrete_problem_clauses(text) == [clause]
    report = complete()
    report.parts["五"].blocks = [Block(text=text), *report.parts["五"].blocks]
    assert of(report, "VAGUE") == []


def test_a_five_without_any_problem_word_is_the_element_s_not_vague() -> None:
    report = complete()
    report.parts["五"].blocks = [Block(text="下一步将继续做好政府信息公开工作。" * 8)]
    assert of(report, "VAGUE") == []
    assert "ELEMENT:problems.problems" in {f.code for f in check(report).findings}


# --------------------------------------------------------------------------- FEE


def with_fee(amount: str, six: str) -> Report:
    report = complete()
    report.disclosure.set("art20_8.fees.amount_wan", Decimal(amount))
    report.parts["六"].blocks = [Block(text=six), *report.parts["六"].blocks[1:]]
    return report


def test_no_fee_of_any_kind_against_fees_in_table_two_warns() -> None:
    [fee] = of(with_fee("53.6836", "本年度未收取任何费用。"), "FEE")
    assert fee.part == "六"
    assert fee.cells == ("disclosure:art20_8.fees.amount_wan",)
    assert (
        fee.message
        == "第六部分称“本年度未收取任何费用”，但第二项行政事业性收费金额为 53.6836 万元，请核实或写明所指的费用"
    )


def test_no_information_fee_never_contradicts_the_administrative_fees() -> None:
    # 平潭 2021: 无收取信息处理费情况, and 24252.311082 万元 of 行政事业性收费 in table 二
    assert of(with_fee("24252.311082", "2021年，无收取信息处理费情况。"), "FEE") == []
    assert of(with_fee("0", "本年度未收取任何费用。"), "FEE") == []


def test_an_information_fee_collected_against_zero_in_table_two_warns() -> None:
    [fee] = of(with_fee("0", "全年收取政府信息公开信息处理费3940元。"), "FEE")
    assert fee.message == (
        "第六部分称收取信息处理费 3940 元，但第二项行政事业性收费金额为 0（信息处理费属于行政事业性收费），请核实"
    )
    assert of(with_fee("96171.6", "全年收取政府信息公开信息处理费3940元。"), "FEE") == []
    assert of(with_fee("0", "全年收取政府信息公开信息处理费0元。"), "FEE") == []


def test_the_fee_check_skips_an_unread_cell_the_trial_format_and_pending_text() -> None:
    report = with_fee("53.6836", "本年度未收取任何费用。")
    report.disclosure.mark_unread(["art20_8.fees.amount_wan"])
    assert of(report, "FEE") == []
    pending = with_fee("53.6836", "本年度未收取任何费用。")
    pending.parts["六"].blocks[0].pending_update = True
    assert of(pending, "FEE") == []
    trial = new_report("某县人民政府", 2020, "2019-trial")
    trial.parts["六"].blocks = [Block(text="本年度未收取任何费用。")]
    assert of(trial, "FEE") == []


# --------------------------------------------------------------------------- R7: tables 二 and 四


def r7(report: Report) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.part or "", f.message, f.cells) for f in of(report, "R7")]


@pytest.mark.parametrize(
    ("sentence", "cell", "label"),
    [
        ("本年制发行政规范性文件5件。", "art20_1.normative_documents.issued", "行政规范性文件本年制发件数"),
        ("印发规范性文件 5 件。", "art20_1.normative_documents.issued", "行政规范性文件本年制发件数"),
        ("废止规范性文件5件。", "art20_1.normative_documents.repealed", "行政规范性文件本年废止件数"),
        ("现行有效行政规范性文件5件。", "art20_1.normative_documents.in_force", "行政规范性文件现行有效件数"),
        ("作出行政许可决定5件。", "art20_5.licensing.decisions", "行政许可本年处理决定数量"),
        ("全年行政处罚5件。", "art20_6.penalty.decisions", "行政处罚本年处理决定数量"),
    ],
)
def test_a_table_two_figure_in_the_text_is_compared_with_the_table(sentence: str, cell: str, label: str) -> None:
    report = complete()
    report.parts["一"].blocks.append(Block(text=sentence))
    [(part, message, cells)] = r7(report)
    assert part == "二" and cells == (f"disclosure:{cell}",)
    assert message.endswith(f"与第二项{label} 0 不一致")
    report.disclosure.set(cell, 5)
    assert r7(report) == []


def test_figures_of_published_items_and_unread_cells_are_not_compared() -> None:
    report = complete()
    report.parts["一"].blocks.append(Block(text="公开行政许可类信息69条，规范性文件类信息68条。"))
    assert r7(report) == []
    report.parts["一"].blocks.append(Block(text="现行有效行政规范性文件393件。"))
    report.disclosure.mark_unread(["art20_1.normative_documents.in_force"])
    assert r7(report) == []


def test_pending_text_is_left_to_pending() -> None:
    report = complete()
    report.parts["一"].blocks.append(Block(text="全年行政处罚5件。", pending_update=True))
    assert r7(report) == []


def test_the_trial_format_s_table_two_is_not_compared() -> None:
    report = new_report("某县人民政府", 2020, "2019-trial")
    report.parts["一"].blocks = [Block(text="全年行政处罚5件。")]
    assert r7(report) == []


def test_short_forms_of_review_and_litigation_are_compared_with_table_four() -> None:
    report = complete()
    report.parts["一"].blocks.append(Block(text="被申请复议2起，被提起诉讼3件。"))
    assert r7(report) == [
        ("四", "正文“复议2起”与第四项行政复议总计 0 件不一致", ("review_litigation:review.total",)),
        (
            "四",
            "正文“诉讼3件”与第四项行政诉讼总计 0 件不一致",
            ("review_litigation:lit_direct.total", "review_litigation:lit_after_review.total"),
        ),
    ]
    table = report.review_litigation
    table.set("review.upheld", 2)
    table.set("review.total", 2)
    table.set("lit_direct.pending", 3)
    table.set("lit_direct.total", 3)
    assert r7(report) == []
    # the long forms stay the checker's own R7 (not reported twice)
    report.parts["一"].blocks.append(Block(text="行政复议5件。"))
    assert [m for _p, m, _c in r7(report)] == ["正文“行政复议5件”与第四项行政复议总计 2 件不一致"]


@pytest.mark.shared
def test_the_real_reports_figures_agree_with_their_tables_where_they_were_read(real_dir) -> None:
    """平潭 2023's text says 现行有效行政规范性文件393件, but its run-together table 二 figures are unread:
    never compared. 平潭 2025's 行政复议36起 agrees with its table."""
    from gkdesk.io.files import load_report

    for name in ("pingtan-zone-2023.txt", "pingtan-zone-2025.txt", "huaian-city-2024.pdf", "hongze-district-2023.pdf"):
        report = load_report(real_dir / name)
        assert [f for f in check(report).findings if f.code in ("R7", "FEE", "VAGUE")] == [], name
    pingtan = load_report(real_dir / "pingtan-zone-2023.txt")
    assert "art20_1.normative_documents.in_force" in pingtan.disclosure.unread_cells


@pytest.mark.shared
def test_on_the_seeds_and_real_reports_only_jiaokou_s_short_five_is_flagged(seeds_dir, real_dir) -> None:
    """Every reference report names concrete problems and states no figure or fee the tables contradict; only
    交口县 2021's 五 (95 characters, problems with no measures) is under a third of the median."""
    from gkdesk.io.files import load_report

    files = sorted(seeds_dir.glob("*.txt")) + [p for p in sorted(real_dir.iterdir()) if p.suffix in (".txt", ".pdf")]
    flagged = {}
    for path in files:
        if path.name == "README.md":
            continue
        found = [
            (f.code, f.part) for f in check(load_report(path)).findings if f.code in ("SHORT", "VAGUE", "FEE", "R7")
        ]
        if found:
            flagged[path.name] = found
    assert flagged == {"jiaokou-county-2021.txt": [("SHORT", "五")]}
