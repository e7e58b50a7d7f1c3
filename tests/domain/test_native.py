"""The .gkreport file: exact round trip, atomic writes, clear refusals."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

from gkdesk.domain.report import Block, new_report
from gkdesk.io.errors import ReportReadError, ReportWriteError
from gkdesk.io.native import read_native, report_to_json_text, write_native


def sample():
    report = new_report("交口县人民政府办公室", 2021)
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("53.6800"))
    report.applications.set("new.natural", 1)
    report.applications.blank_cells = ["new.biz"]
    report.parts["一"].blocks = [Block(kind="heading", text="主动公开情况。", inline_text="全年…"), Block(text="正文")]
    report.previous = new_report("交口县人民政府办公室", 2020)
    return report


def test_round_trip_is_exact_and_keeps_decimal_digits(tmp_path):
    path = tmp_path / "交口县 2021.gkreport"
    report = sample()
    write_native(report, path)
    again = read_native(path)
    assert again == report
    assert str(again.disclosure.amounts["art20_8.fees.amount_wan"]) == "53.6800"
    payload = json.loads(path.read_text("utf-8"))
    assert payload["schema"] == "gkdesk.report" and payload["schema_version"] == 1
    assert payload["report"]["tables"]["disclosure"]["amounts"]["art20_8.fees.amount_wan"] == "53.6800"


def test_second_save_keeps_a_backup(tmp_path):
    path = tmp_path / "r.gkreport"
    report = sample()
    write_native(report, path)
    report.title = "改过的标题"
    write_native(report, path)
    assert read_native(path).title == "改过的标题"
    assert read_native(tmp_path / "r.gkreport.bak").title != "改过的标题"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_locked_target_loses_nothing(tmp_path, monkeypatch):
    path = tmp_path / "r.gkreport"
    write_native(sample(), path)
    before = path.read_bytes()

    def locked(*_args, **_kwargs):
        raise PermissionError(13, "locked")

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr("gkdesk.io.atomic._RETRY_DELAY_S", 0)
    report = sample()
    report.title = "new"
    with pytest.raises(ReportWriteError, match="正在 Word/WPS 中打开"):
        write_native(report, path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "不是完整的"),
        (b'{"schema": "gkdesk.report", "schema_version": 1, "report": {"year": 20', "不是完整的"),
        (b'{"hello": 1}', "不是 gkdesk 报告文件"),
        (b"[1, 2, 3]", "不是 gkdesk 报告文件"),
        (b'{"schema": "gkdesk.report", "schema_version": 99, "report": {}}', "更新版本"),
        (b'{"schema": "gkdesk.report", "report": {}}', "缺少版本号"),
        (b'{"schema": "gkdesk.report", "schema_version": 1, "report": {"year": "abc"}}', "内容已损坏"),
        (b"\xff\xfe\x00garbage", "编码"),
        (b"[" * 100000, "不是完整的"),
    ],
)
def test_broken_files_are_refused_with_a_message(tmp_path, content, fragment):
    path = tmp_path / "bad.gkreport"
    path.write_bytes(content)
    with pytest.raises(ReportReadError, match=fragment):
        read_native(path)


def test_negative_count_in_a_hand_edited_file_is_refused(tmp_path):
    payload = json.loads(report_to_json_text(sample()))
    payload["report"]["tables"]["applications"]["counts"]["new.natural"] = -3
    path = tmp_path / "neg.gkreport"
    path.write_text(json.dumps(payload), "utf-8")
    with pytest.raises(ReportReadError, match="内容已损坏"):
        read_native(path)


def test_damaged_field_is_named_without_english(tmp_path):
    path = tmp_path / "bad.gkreport"
    path.write_bytes(b'{"schema": "gkdesk.report", "schema_version": 1, "report": {"year": "abc"}}')
    with pytest.raises(ReportReadError) as caught:
        read_native(path)
    assert str(caught.value) == "“bad.gkreport”内容已损坏，无法打开（字段 year 的值无效）"
