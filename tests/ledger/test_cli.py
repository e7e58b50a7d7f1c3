"""``gkdesk ledger``: the tables as counted, the show --json shape, --into, and exit 2 listing unusable rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import stat
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.domain.report import SignOff, new_report
from gkdesk.io.json_contract import report_json
from gkdesk.io.native import read_native, write_native

from .builder import random_ledger, write_ledger

GOOD_ROWS = [
    ("1", dt.date(2023, 12, 28), "张三", "自然人", "", "予以公开", dt.date(2024, 1, 8), None),
    ("2", "2024.3.5", "某某有限公司", "商业企业", "", "部分公开", "2024年3月20日", None),
    ("3", dt.date(2024, 12, 30), "李四", "自然人", "", None, None, None),
]
CASES = [("F1", "复议", dt.date(2024, 2, 1), "维持", dt.date(2024, 4, 1), None)]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "台账.xlsx", GOOD_ROWS, cases=CASES)


@pytest.fixture
def bad_ledger(tmp_path: Path) -> Path:
    rows = [*GOOD_ROWS, ("1", "2024-13-01", "王五", "自然人", "", "予以公开", "2024-05-01", None)]
    return write_ledger(tmp_path / "坏台账.xlsx", rows)


def test_text_output_prints_both_tables(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", str(ledger), "--year", "2024"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("登记台账“台账.xlsx”（文件修改于")
    assert out[2] == "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
    assert "第一项（本年新收）\t1\t1\t0\t0\t0\t0\t2" in out
    assert "第二项（上年结转）\t1\t0\t0\t0\t0\t0\t1" in out
    assert "（一）予以公开\t1\t0\t0\t0\t0\t0\t1" in out
    assert "（二）部分公开\t0\t1\t0\t0\t0\t0\t1" in out
    assert "（七）总计\t1\t1\t0\t0\t0\t0\t2" in out
    assert "第四项（结转下年度）\t1\t0\t0\t0\t0\t0\t1" in out
    assert "行政复议\t1\t0\t0\t0\t1" in out
    assert out[-1] == "共读入 3 行，计入 3 件申请；0 行属于其他年度，未计入"


def test_json_has_the_show_json_shape(ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", str(ledger), "--year", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2024
    assert data["format"] == "2021"
    assert data["ledger"]["file"] == "台账.xlsx"
    assert data["unusable_rows"] == []
    assert data["rows"] == {"read": 3, "counted": 3, "other_years": 0, "cases_counted": 1}
    # the same nesting (row -> column -> figure) as gkdesk show --json prints
    shape = report_json(new_report(None, 2024))["tables"]
    for form_id in ("applications", "review_litigation"):
        assert set(data["tables"][form_id]) == set(shape[form_id])
        for row, columns in shape[form_id].items():
            assert set(data["tables"][form_id][row]) == set(columns)
    assert data["tables"]["applications"]["granted"]["natural"] == 1
    assert data["tables"]["applications"]["carry_out"]["total"] == 1
    assert data["tables"]["review_litigation"]["review"]["upheld"] == 1


def test_unusable_rows_exit_2_with_every_row_listed_and_no_figure(
    bad_ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ledger", str(bad_ledger), "--year", "2024"]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "无法使用的行（1 行）：",
        "  “台账”第 5 行：编号“1”与第 2 行重复",
    ]
    assert captured.err.splitlines() == [
        "gkdesk: 台账中有 1 行无法使用，未统计；请改正台账，或核对后加 --skip-bad 不计这些行"
    ]
    assert main(["ledger", str(bad_ledger), "--year", "2024", "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["tables"] == {"applications": None, "review_litigation": None}
    assert data["unusable_rows"] == [{"sheet": "台账", "row": 5, "kind": "duplicate", "reason": "编号“1”与第 2 行重复"}]


def test_skip_bad_counts_the_rest_and_still_lists_them(bad_ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", str(bad_ledger), "--year", "2024", "--skip-bad"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "第一项（本年新收）\t1\t1\t0\t0\t0\t0\t2" in out
    assert out[-2:] == ["已按 --skip-bad 不计的行（1 行）：", "  “台账”第 5 行：编号“1”与第 2 行重复"]


def test_into_writes_the_report_keeps_a_backup_and_logs_the_ledger(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_path = tmp_path / "报告.gkreport"
    report = new_report("某县人民政府办公室", 2024)
    report.applications.set("new.natural", 9)
    write_native(report, report_path)
    old = report_path.read_bytes()
    # the one overwrite rule: replacing the report needs --force
    assert main(["ledger", str(ledger), "--into", str(report_path)]) == 2
    assert (
        capsys.readouterr().err == "gkdesk: --into 会改写“报告.gkreport”；如要改写请加 --force（原文件另存为 .bak）\n"
    )
    assert report_path.read_bytes() == old
    assert not report_path.with_name("报告.gkreport.bak").exists()
    assert main(["ledger", str(ledger), "--into", str(report_path), "--force"]) == 0  # the year is the report's
    assert f"已写入“{report_path}”" in capsys.readouterr().out
    written = read_native(report_path)
    a = written.applications
    assert (a.count("new.natural"), a.count("new.biz"), a.count("carry_in.natural"), a.count("total.total")) == (
        1,
        1,
        1,
        2,
    )
    assert written.review_litigation.count("review.upheld") == 1
    assert written.import_log[-1].message.startswith("第三项、第四项由登记台账“台账.xlsx”（文件修改于")
    assert written.import_log[-1].message.endswith("统计2024年度：计入 3 件申请、1 件复议诉讼案件")
    assert report_path.with_name("报告.gkreport.bak").read_bytes() == old
    assert main(["check", str(report_path)]) == 0


def test_into_refuses_a_signed_off_report_a_wrong_year_and_a_bad_ledger(
    ledger: Path, bad_ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_path = tmp_path / "已签发.gkreport"
    report = new_report("某县", 2024)
    report.sign_off = SignOff(approver="张三", date=dt.date(2025, 1, 20))
    write_native(report, report_path)
    before = report_path.read_bytes()
    assert main(["ledger", str(ledger), "--into", str(report_path)]) == 2
    assert (
        capsys.readouterr().err == "gkdesk: “已签发.gkreport”已签发，不能写入统计结果；如需修改请先在编辑器中撤销签发\n"
    )
    draft = tmp_path / "草稿.gkreport"
    write_native(new_report("某县", 2024), draft)
    draft_before = draft.read_bytes()
    assert main(["ledger", str(ledger), "--year", "2023", "--into", str(draft), "--force"]) == 2
    assert "统计年度 2023 与报告“草稿.gkreport”的年度 2024 不同" in capsys.readouterr().err
    assert main(["ledger", str(bad_ledger), "--into", str(draft), "--force"]) == 2
    capsys.readouterr()
    assert main(["ledger", str(ledger), "--into", str(tmp_path / "x.docx"), "--force"]) == 2
    assert "只能写入 .gkreport" in capsys.readouterr().err
    assert report_path.read_bytes() == before
    assert draft.read_bytes() == draft_before
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_into_a_read_only_report_is_refused_untouched(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_path = tmp_path / "只读.gkreport"
    write_native(new_report("某县", 2024), report_path)
    before = report_path.read_bytes()
    report_path.chmod(0o444)
    try:
        assert main(["ledger", str(ledger), "--into", str(report_path), "--force"]) == 2
        assert "只读" in capsys.readouterr().err
        assert report_path.read_bytes() == before
        assert stat.S_IMODE(report_path.stat().st_mode) == 0o444
    finally:
        report_path.chmod(0o644)


def test_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xls = tmp_path / "旧.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert main(["ledger", str(xls), "--year", "2024"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "另存为" in err[0] and ".xlsx" in err[0]
    assert main(["ledger", str(xls)]) == 2
    assert capsys.readouterr().err == "gkdesk: 请用 --year 指定统计年度\n"
    assert main(["ledger", str(xls), "--year", "二〇二四"]) == 2
    assert "不是年份" in capsys.readouterr().err
    header_only = write_ledger(tmp_path / "缺列.xlsx", [], ("编号", "收到日期", "申请人"))
    assert main(["ledger", str(header_only), "--year", "2024"]) == 2
    assert capsys.readouterr().err == "gkdesk: “缺列.xlsx”的“台账”第 1 行表头缺少“办理结果”“答复日期”列，无法统计\n"


def test_a_large_random_ledger_through_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generated = random_ledger(random.Random(5), 2024, 400)
    path = write_ledger(tmp_path / "大台账.xlsx", generated.rows)
    assert main(["ledger", str(path), "--year", "2024", "--json"]) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]["applications"]
    assert {f"{r}.{c}": v for r, cols in tables.items() for c, v in cols.items()} == generated.expected
