"""The CLI on imported files: ``show --json`` and ``check`` on .txt and .docx, ``convert`` from both, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.io.sniff import OLE_MAGIC
from tests.conftest import SAMPLES, SEEDS
from tests.io.export_support import printed


def _show(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["show", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_show_json_txt(capsys: pytest.CaptureFixture[str]) -> None:
    data = _show(SEEDS / "hequ-county-2020.txt", capsys)
    assert data["format"] == "2019-trial"
    assert data["year"] == 2020
    assert data["title"] == "关于河曲县2020年政府信息公开工作报告"
    assert data["agency"] == "河曲县人民政府办公室"
    assert data["addressee"] == "市政府信息中心"
    assert data["signature"] == {"agency": "河曲县人民政府办公室", "date": "2021-02-05"}
    tables = data["tables"]
    assert isinstance(tables, dict)
    assert tables["disclosure"]["art20_5.licensing.change"] == -825
    assert tables["disclosure"]["art20_9.procurement.amount"] == "62423198.43元"
    assert tables["applications"]["new"] == {
        "natural": 3,
        "biz": None,
        "research": None,
        "nonprofit": None,
        "legal": None,
        "other": None,
        "total": 3,
    }
    assert tables["applications"]["other"]["natural"] == 3
    assert tables["review_litigation"]["review"]["total"] == 1
    log = data["import_log"]
    assert isinstance(log, list)
    assert any(e["level"] == "warning" and "156 个单元格为空白" in e["message"] for e in log)


def test_show_json_docx(capsys: pytest.CaptureFixture[str]) -> None:
    data = _show(SAMPLES / "jiaokou-county-2021.docx", capsys)
    assert data["format"] == "2021"
    assert data["title"] == "交口县2021年政府信息公开工作年度报告"
    assert data["tables"]["disclosure"]["art20_8.fees.amount_wan"] == "53.6836"  # type: ignore[index]
    assert data["tables"]["applications"]["unable.not_held"]["total"] == 1  # type: ignore[index]
    assert data["signature"] == {"agency": "交口县人民政府办公室", "date": "2022-01-24"}


def test_show_text_prints_the_import_notes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SEEDS / "jiaocheng-county-2024.txt")]) == 0
    out = capsys.readouterr().out
    assert "主动公开政府信息情况：缺失" in out
    assert "导入说明" in out and "未找到第二项表格" in out


def test_check_txt_and_docx(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(SEEDS / "xijiaokou-township-2021.txt"), str(SAMPLES / "zezhou-county-office-2021.docx")])
    out = capsys.readouterr().out
    assert code == 0  # warnings only
    assert "xijiaokou-township-2021.txt" in out and "BLANK" in out and "未找到落款日期" in out
    assert "zezhou-county-office-2021.docx: 0 个错误" in out


def test_check_json_carries_the_import_log(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(SEEDS / "jiaocheng-county-2024.txt"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert any(e["level"] == "missing" and "第二项表格" in e["message"] for e in data["import_log"])


@pytest.mark.parametrize("source", [SEEDS / "zezhou-county-office-2021.txt", SAMPLES / "jiaokou-county-2021.docx"])
def test_convert_to_native_and_txt(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    native = tmp_path / "out.gkreport"
    text = tmp_path / "out.txt"
    assert main(["convert", str(source), str(native)]) == 0
    assert main(["convert", str(source), str(text)]) == 0
    capsys.readouterr()  # the export log of the .txt export
    first = _show(native, capsys)
    second = _show(text, capsys)
    assert first["tables"] == second["tables"]
    assert first["variants"] == second["variants"]
    assert printed(first["title"]) == second["title"]  # the export prints it without web-copy spaces


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("旧.doc", OLE_MAGIC + b"\x00" * 600, "另存为"),
        ("空.txt", b"", "空文件"),
        ("乱码.docx", b"PK\x03\x04" + b"\x00" * 50, "损坏"),
    ],
)
def test_refusals_exit_2_and_write_nothing(
    name: str, data: bytes, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "out.gkreport"
    assert main(["convert", str(source), str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert not target.exists()
    assert main(["show", str(source), "--json"]) == 2
    assert main(["check", str(source)]) == 2
