"""Unread cells downstream of the importer: blank (never 0) in .docx/.txt, kept by .gkreport and by our own .docx,
refused by sign-off and ``convert --final``, an error for ``gkdesk check``, ``null`` for ``show --json``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from gkdesk.cli import main
from gkdesk.domain.forms import FORM_IDS, FormId
from gkdesk.domain.report import ImportLogEntry, Report, new_report
from gkdesk.io.docx_embed import read_embedded_report
from gkdesk.io.docx_writer import docx_bytes
from gkdesk.io.export_layout import cell_text, table_text_rows
from gkdesk.io.files import is_draft, load_report, readiness_problems, save_report, suggested_export_name
from gkdesk.io.native import read_native, report_from_json_text, report_to_json_text, write_native
from gkdesk.io.txt_writer import report_to_text
from tests.io.export_support import JIAOKOU_TITLE, as_embedded, jiaokou_2021, signed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# 交口县 prints 1 in both applications cells and 53.6836 as the fee: the "importer" read neither
UNREAD: dict[FormId, tuple[str, ...]] = {
    "disclosure": ("art20_8.fees.amount_wan",),
    "applications": ("new.biz", "unable.not_held.natural"),
}


def with_unread(report: Report) -> Report:
    """``report`` as an importer leaves it when it cannot read some figures: 0 placeholders under the marks."""
    copy = report.model_copy(deep=True)
    for form_id, cells in UNREAD.items():
        table = copy.tables[form_id]
        for cell_id in cells:
            table.set(cell_id, Decimal(0) if isinstance(table.get(cell_id), Decimal) else 0)
        table.mark_unread(list(cells))
    copy.import_log.append(
        ImportLogEntry(
            level="warning",
            message="第三项表格第 4 行数字与列数对不上（原文：“1 1”），未能确定所在列",
            cells=[f"applications:{c}" for c in UNREAD["applications"]],
        )
    )
    return copy


def _value_texts(table_xml: etree._Element, report: Report, form_id: FormId) -> dict[str, str]:
    """cell id -> the text of its Word cell, found through the official grid positions."""
    by_position: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table_xml.findall(W + "tr")):
        c = 0
        for tc in tr.findall(W + "tc"):
            by_position[(r, c)] = "".join(t.text or "" for t in tc.iter(W + "t"))
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            c += int(span.get(W + "val")) if span is not None else 1
    definition = report.tables[form_id].form
    return {g.cell_id: by_position[(g.row, g.col)] for g in definition.grid if g.cell_id is not None}


# --------------------------------------------------------------------------- writers


def test_txt_export_prints_unread_cells_empty_never_zero() -> None:
    lines = report_to_text(with_unread(jiaokou_2021())).split("\n")
    assert "一、本年新收政府信息公开申请数量\t\t\t1\t\t0\t0\t0\t0\t1" in lines
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t\t0\t0\t0\t0\t0\t1" in lines
    assert "行政事业性收费\t\t\t" in lines
    # the rest is printed as before
    assert "行政许可\t3388\t\t" in lines
    assert "\t（七）总计\t\t1\t0\t0\t0\t0\t0\t1" in lines


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_layout_texts_blank_exactly_the_unread_cells(form_id: FormId) -> None:
    clean = jiaokou_2021()
    report = with_unread(clean)
    table = report.tables[form_id]
    rows = table_text_rows(table)
    for cell in table.form.grid:
        if cell.cell_id is None:
            continue
        text = rows[cell.row][cell.col]
        assert text == cell_text(table, cell)
        if cell.cell_id in UNREAD.get(form_id, ()):
            assert text == "", cell.cell_id
        else:
            assert text == cell_text(clean.tables[form_id], cell) != "", cell.cell_id


def test_an_unread_text_cell_of_the_2019_form_prints_empty_not_zero() -> None:
    report = new_report("某乡人民政府", 2020, "2019-trial")
    report.disclosure.mark_unread(["art20_9.procurement.amount", "art20_9.procurement.items"])
    printed = {g.cell_id: cell_text(report.disclosure, g) for g in report.disclosure.form.grid if g.cell_id}
    assert printed["art20_9.procurement.amount"] == ""
    assert printed["art20_9.procurement.items"] == ""
    assert printed["art20_8.fees.change"] == "0"


def _docx_tables(report: Report) -> list[etree._Element]:
    data = docx_bytes(report, draft=is_draft(report))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(W + "body")
    return body.findall(W + "tbl")


def test_docx_export_prints_unread_cells_empty_and_the_rest_as_before() -> None:
    clean = signed(jiaokou_2021())
    report = with_unread(clean)
    for form_id, before, after in zip(FORM_IDS, _docx_tables(clean), _docx_tables(report), strict=True):
        printed_before = _value_texts(before, clean, form_id)
        printed = _value_texts(after, report, form_id)
        assert set(printed) == set(report.tables[form_id].form.cell_ids())
        for cell_id, text in printed.items():
            if cell_id in UNREAD.get(form_id, ()):
                assert text == "" and printed_before[cell_id] != "", cell_id
            else:
                assert text == printed_before[cell_id] != "", cell_id


def test_docx_of_a_report_with_unread_cells_is_a_draft_and_restores_them(tmp_path: Path) -> None:
    report = with_unread(signed(jiaokou_2021()))
    assert is_draft(report)
    assert suggested_export_name(report, ".docx") == f"{JIAOKOU_TITLE}（草稿）.docx"
    out = tmp_path / "r.docx"
    save_report(report, out)  # not final: it goes out as a draft
    restored = read_embedded_report(out)
    # the import log is not embedded (docx_embed: it would be published with the file); the unread marks are
    assert restored is not None and restored == (as_embedded(report.model_copy(update={"import_log": []})), True)
    assert load_report(out).applications.unread_cells == list(UNREAD["applications"])


# --------------------------------------------------------------------------- native file


def test_native_file_keeps_unread_cells_through_save_and_load(tmp_path: Path) -> None:
    report = with_unread(jiaokou_2021())
    path = tmp_path / "r.gkreport"
    write_native(report, path)
    loaded = read_native(path)
    assert loaded == report
    for form_id in FORM_IDS:
        assert loaded.tables[form_id].unread_cells == list(UNREAD.get(form_id, ()))
    assert loaded.import_log[-1].cells == ["applications:new.biz", "applications:unable.not_held.natural"]
    assert json.loads(report_to_json_text(report))["report"]["tables"]["applications"]["unread_cells"] == [
        "new.biz",
        "unable.not_held.natural",
    ]
    # files written before the field existed load with no unread cells
    payload = json.loads(report_to_json_text(jiaokou_2021()))
    for table in payload["report"]["tables"].values():
        del table["unread_cells"]
    assert all(not t.unread_cells for t in report_from_json_text(json.dumps(payload)).tables.values())


# --------------------------------------------------------------------------- sign-off and the command line


def test_readiness_names_the_unread_cells_once() -> None:
    report = with_unread(signed(jiaokou_2021()))
    problems = readiness_problems(report)
    assert problems == [
        "第二项表格有 1 个单元格未能从原文读取（如第二项“行政事业性收费”的“本年收费金额（单位：万元）”），请按原文填写",
        "第三项表格有 2 个单元格未能从原文读取（如第三项第一项（本年新收）的商业企业列），请按原文填写",
    ]
    for form_id, cells in UNREAD.items():
        for cell_id in cells:
            report.tables[form_id].set(cell_id, jiaokou_2021().tables[form_id].get(cell_id))
    assert readiness_problems(report) == []


@pytest.fixture
def unread_file(tmp_path: Path) -> Path:
    """The signed 交口县 report with three figures the importer could not read."""
    path = tmp_path / "交口县.gkreport"
    write_native(with_unread(signed(jiaokou_2021())), path)
    return path


def test_convert_final_refuses_a_report_with_unread_cells(unread_file: Path, tmp_path: Path, capsys) -> None:
    for suffix in (".docx", ".txt"):
        out = tmp_path / f"final{suffix}"
        assert main(["convert", str(unread_file), str(out), "--final"]) == 1
        captured = capsys.readouterr()
        assert captured.err.startswith("gkdesk: 不能导出正式版：")
        assert "第三项表格有 2 个单元格未能从原文读取" in captured.err
        assert "[错误] UNREAD 第三项表格未能完整读取：" in captured.out
        assert not out.exists()
    # without --final it is written, as a draft with the cells empty
    txt = tmp_path / "draft.txt"
    assert main(["convert", str(unread_file), str(txt)]) == 0
    assert "行政事业性收费\t\t\t\r\n" in txt.read_bytes().decode("utf-8-sig")


def test_check_exits_1_for_unread_cells(unread_file: Path, capsys) -> None:
    assert main(["check", str(unread_file)]) == 1
    out = capsys.readouterr().out
    assert "2 个错误" in out
    assert (
        "[错误] UNREAD 第三项表格未能完整读取：第三项第一项（本年新收）的商业企业列等 2 个单元格无法从原文确定，"
        "请按原文填写" in out
    )
    assert "R2" not in out and "R3" not in out and "R9" not in out  # no spurious sums from the placeholders
    assert "未能确定所在列" in out  # the import log says why
    assert main(["check", str(unread_file), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 2
    unread = [f for f in data["findings"] if f["code"] == "UNREAD"]
    assert [f["cells"] for f in unread] == [
        ["disclosure:art20_8.fees.amount_wan"],
        ["applications:new.biz", "applications:unable.not_held.natural"],
    ]


def test_check_exit_code_in_a_real_process(unread_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gkdesk", "check", str(unread_file)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "UNREAD" in done.stdout and done.stderr == ""


def test_show_json_gives_null_and_the_unread_map(unread_file: Path, capsys) -> None:
    assert main(["show", str(unread_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unread"] == {key: list(cells) for key, cells in UNREAD.items()}
    assert data["tables"]["applications"]["new"] == {
        "natural": 1,
        "biz": None,
        "research": 0,
        "nonprofit": 0,
        "legal": 0,
        "other": 0,
        "total": 1,
    }
    assert data["tables"]["applications"]["unable.not_held"]["natural"] is None
    assert data["tables"]["disclosure"]["art20_8.fees.amount_wan"] is None
    assert data["tables"]["disclosure"]["art20_5.licensing.decisions"] == 3388
