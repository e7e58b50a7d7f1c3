"""``gkdesk check FILE --score``: the self-check printed after the findings, and in --json; without it, nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.domain.assessment import self_assess
from gkdesk.domain.report import Block, Report, new_report
from gkdesk.io.files import load_report
from gkdesk.io.native import write_native
from tests.content_fixture import with_complete_content


def _report() -> Report:
    """A department's report signed late, 六 without the fee: timeliness 0 and two elements short."""
    report = with_complete_content(new_report("某县教育局", 2024))
    report.preface.insert(0, Block(text="本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"))
    report.parts["六"].blocks = [Block(text="本年度没有其他需要报告的事项，年度工作创新情况见上文，相关建议已办理。")]
    report.signature.date = dt.date(2025, 2, 10)
    return report


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "教育局.gkreport"
    write_native(_report(), path)
    return path


def test_score_text_follows_the_findings(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(report_file), "--score"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("  自查评分："))
    assert out[0].startswith(f"{report_file}: 0 个错误 · ")
    expected = self_assess(_report())
    # completeness: a department has 15 elements weighing 9 x 1 + 6 x 0.5 = 12; 10.5 of them: 30 x 10.5 / 12 = 26.25
    assert expected.score == 0 + 26 + 25 + 20 + 10
    assert out[start] == (
        f"  自查评分：{expected.score} / 100（本评分是 gkdesk 按公开的规定自行设计的自查清单，仅供编制时参考，"
        "不是任何主管部门或评估机构的正式评分。）"
    )
    assert out[start + 1 :] == [
        "    公开时效：0 / 15",
        "      ✗ 在 2025年1月31日 前公布（落款日期 2025年2月10日 晚于期限）",
        "    要素完整：26 / 30",
        "      ✗ 信息处理费收取情况（第六部分）",
        "      ✗ 落实上年度政务公开工作要点情况（第六部分，各地常见要求）",
        "    数据一致：25 / 25",
        "    内容具体：20 / 20",
        "    格式规范：10 / 10",
        "      ✓ 六个部分齐全且有内容",
        "      ✓ 落款机关和日期齐全",
        "      ✓ 标题为“××年政府信息公开工作年度报告”",
        "      ✓ 使用该年度适用的格式（2021 年度起为 2021 版）",
    ]


def test_score_in_json(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(report_file), "--score", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assessment = data["self_assessment"]
    assert assessment["score"] == 81 and assessment["out_of"] == 100 and assessment["official"] is False
    assert [(c["id"], c["points"], c["weight"]) for c in assessment["criteria"]] == [
        ("timeliness", 0, 15),
        ("completeness", 26, 30),
        ("consistency", 25, 25),
        ("specificity", 20, 20),
        ("form", 10, 10),
    ]
    assert assessment["missing_elements"] == [
        {"id": "other.fee", "part": "六", "label": "信息处理费收取情况"},
        {"id": "other.work_points", "part": "六", "label": "落实上年度政务公开工作要点情况"},
    ]
    codes = [f["code"] for f in data["findings"]]
    assert "ELEMENT:other.fee" in codes and "R8" in codes


def test_without_score_nothing_is_added(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(report_file)]) == 0
    assert "自查评分" not in capsys.readouterr().out
    assert main(["check", str(report_file), "--json"]) == 0
    assert "self_assessment" not in json.loads(capsys.readouterr().out)


def test_a_folder_with_score_puts_the_score_in_the_summary(
    report_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "s.csv"
    assert main(["check", str(report_file.parent), "--score", "--summary", str(summary)]) == 0
    header, row = summary.read_bytes().decode("utf-8-sig").splitlines()[:2]
    assert header.endswith(",缺少要素,自查得分")
    assert row.rsplit(",", 1)[1] == str(self_assess(load_report(report_file)).score)
    capsys.readouterr()
    assert main(["check", str(report_file.parent), "--score"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "自查评分：" not in captured.out
    assert captured.out.splitlines()[0].startswith(f"{report_file}: 0 个错误 · ")
