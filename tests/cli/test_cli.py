"""The gkdesk command on native files: exit codes, JSON contract, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from gkdesk import __version__
from gkdesk.cli import main
from gkdesk.domain.report import Block, new_report
from gkdesk.domain.totals import recompute_totals
from gkdesk.io.native import read_native, write_native


@pytest.fixture
def report_file(tmp_path):
    report = new_report("交口县人民政府办公室", 2021)
    report.applications.set("new.natural", 1)
    report.applications.set("granted.natural", 1)
    recompute_totals(report.applications)
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("53.6836"))
    path = tmp_path / "交口.gkreport"
    write_native(report, path)
    return path


def test_new_makes_an_empty_2021_report(tmp_path, capsys):
    out = tmp_path / "新报告.gkreport"
    assert main(["new", str(out), "--agency", "某乡人民政府", "--year", "2025"]) == 0
    report = read_native(out)
    assert (report.agency, report.year, report.format) == ("某乡人民政府", 2025, "2021")
    assert report.title == "某乡人民政府2025年政府信息公开工作年度报告"
    assert main(["new", str(out), "--agency", "x", "--year", "2025"]) == 2
    assert "已存在" in capsys.readouterr().err


def test_check_exit_codes_and_text(report_file, tmp_path, capsys):
    assert main(["check", str(report_file)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "0 个错误" in out and "缺少落款日期" in out
    report = read_native(report_file)
    report.applications.set("total.natural", 5)
    broken = tmp_path / "broken.gkreport"
    write_native(report, broken)
    assert main(["check", str(broken)]) == 1
    assert "第三项（七）总计的自然人列应为 1（各项之和），现为 5" in capsys.readouterr().out
    missing = tmp_path / "nope.gkreport"
    assert main(["check", str(report_file), str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.gkreport" in err[0] and "找不到文件" in err[0]


def test_check_json(report_file, capsys):
    assert main(["check", str(report_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 0 and data["warnings"] == len(data["findings"])
    assert {"code", "severity", "message", "cells"} <= set(data["findings"][0])


def test_show_json_contract(report_file, capsys):
    assert main(["show", str(report_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "2021" and data["year"] == 2021 and data["agency"] == "交口县人民政府办公室"
    disclosure = data["tables"]["disclosure"]
    assert disclosure["art20_8.fees.amount_wan"] == "53.6836"
    assert disclosure["art20_1.regulations.issued"] == 0
    apps = data["tables"]["applications"]
    assert apps["new"] == {"natural": 1, "biz": 0, "research": 0, "nonprofit": 0, "legal": 0, "other": 0, "total": 1}
    assert apps["denied.state_secret"]["total"] == 0
    assert data["tables"]["review_litigation"]["review"]["total"] == 0
    assert set(data["parts"]) == {"一", "五", "六"}
    assert data["signature"] == {"agency": "交口县人民政府办公室", "date": None}
    assert all({"code", "severity", "message", "cells"} <= set(f) for f in data["findings"])


def test_convert_native_to_native(report_file, tmp_path):
    out = tmp_path / "copy.gkreport"
    assert main(["convert", str(report_file), str(out)]) == 0
    assert read_native(out) == read_native(report_file)


def test_errors_are_one_line_never_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.gkreport"
    bad.write_text("{not json", "utf-8")
    assert main(["show", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["check"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["convert", str(bad), str(tmp_path / "x.pdf")]) == 2


def test_version_via_subprocess():
    done = subprocess.run([sys.executable, "-m", "gkdesk", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == f"gkdesk {__version__}"


@pytest.mark.parametrize(("year", "fragment"), [("0", "不在 1990–2200 之间"), ("abc", "不是年份"), ("99999", "不在")])
def test_new_refuses_impossible_years_in_one_chinese_line(tmp_path, capsys, year, fragment):
    assert main(["new", str(tmp_path / "y.gkreport"), "--agency", "某县", "--year", year]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert fragment in err
    assert not (tmp_path / "y.gkreport").exists()


def test_help_is_chinese_and_names_the_window_options(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：gkdesk")
    for text in ("--example", "--smoke-test", "子命令", "显示本帮助并退出"):
        assert text in out
    for english in ("usage:", "positional arguments", "show this help message"):
        assert english not in out


def test_missing_argument_message_is_chinese(capsys):
    assert main(["check"]) == 2
    assert "缺少参数" in capsys.readouterr().err


def test_output_into_a_closed_pipe_ends_quietly(report_file, tmp_path):
    """``gkdesk show … | head -1``: no BrokenPipeError traceback (the output is far larger than a pipe buffer)."""
    report = read_native(report_file)
    report.parts["一"].blocks = [Block(text="政务公开工作稳步推进。" * 20) for _ in range(3000)]
    big = tmp_path / "big.gkreport"
    write_native(report, big)
    command = [sys.executable, "-m", "gkdesk", "show", str(big), "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8") if proc.stderr else ""
        proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode == 0


def test_final_export_refused_while_a_table_is_missing(report_file, tmp_path, capsys):
    report = read_native(report_file)
    report.tables["disclosure"].present = False
    report.sign_off.approver, report.sign_off.date = "张三", dt.date(2022, 1, 20)
    report.signature.date = dt.date(2022, 1, 20)
    path = tmp_path / "missing.gkreport"
    write_native(report, path)
    assert main(["convert", str(path), str(tmp_path / "out.txt"), "--final"]) == 1
    assert "第二部分缺少统计表" in capsys.readouterr().err
    assert main(["convert", str(path), str(tmp_path / "draft.txt")]) == 0
