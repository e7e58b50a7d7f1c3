"""Reading ledger files: .xlsx (any sheet order, hidden sheets skipped), .csv in three encodings, .xls refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from gkdesk.domain.ledger import count_ledger
from gkdesk.io.ledger_reader import LedgerReadError, load_mapping, read_ledger

CSV_TEXT = (
    "登记编号,申请时间,申请人,申请人类别,办理结果,答复时间\n"
    "1,2024.3.5,张三,个人,同意公开,2024年3月20日\n"
    "2,2024/12/30,某某有限公司,企业,,\n"
    "3,45356,李四,公民,信息不存在,2024-03-08\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    ledger = read_ledger(path)
    assert ledger.file_name == "台账.csv"
    assert ledger.sheets[0].rows[1] == ("1", "2024.3.5", "张三", "个人", "同意公开", "2024年3月20日")
    count = count_ledger(ledger, load_mapping(), 2024)
    assert count.problems == [], count.problems
    a = count.applications
    assert (a["new.natural"], a["new.biz"], a["granted.natural"], a["unable.not_held.natural"]) == (2, 1, 1, 1)
    assert a["carry_out.biz"] == 1
    assert a["total.biz"] == 0


def test_csv_with_semicolons_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(CSV_TEXT.replace(",", ";").encode("utf-8-sig"))
    assert read_ledger(path).sheets[0].rows[0][0] == "登记编号"


def test_a_csv_in_no_known_encoding_gets_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xff\xfe\x00\xd8\x81" * 50)
    with pytest.raises(LedgerReadError) as caught:
        read_ledger(path)
    assert "编码无法识别" in str(caught.value)


@pytest.mark.parametrize("name", ["台账.xls", "台账.xlsx"])
def test_an_old_binary_xls_is_asked_to_be_saved_as_xlsx(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an OLE2 file, whatever its suffix
    with pytest.raises(LedgerReadError) as caught:
        read_ledger(path)
    assert str(caught.value) == (
        f"“{name}”是旧版 Excel（.xls）文件，本程序不能直接读取；请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再打开"
    )


def test_a_damaged_xlsx_a_missing_file_and_an_empty_one(tmp_path: Path) -> None:
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LedgerReadError, match="不是有效的 Excel"):
        read_ledger(broken)
    with pytest.raises(LedgerReadError, match=r"无法打开“没有\.xlsx”：文件不存在"):
        read_ledger(tmp_path / "没有.xlsx")
    other = tmp_path / "a.docx.txt.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(LedgerReadError, match="不是登记台账文件"):
        read_ledger(other)
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    with pytest.raises(LedgerReadError, match="没有任何内容"):
        read_ledger(empty)


def test_xlsx_sheets_in_any_order_real_dates_and_hidden_sheets_skipped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cases = workbook.active
    assert cases is not None
    cases.title = "诉讼复议"
    cases.append(["案号", "案件类型", "立案日期", "审理结果", "审结日期"])
    cases.append(["(2024)晋01行初1号", "行政诉讼", dt.datetime(2024, 4, 1), "驳回", dt.datetime(2024, 8, 1)])
    scratch = workbook.create_sheet("草稿")
    scratch.append(["收到日期", "办理结果", "答复日期", "申请人"])
    scratch.append([dt.datetime(2024, 1, 1), "予以公开", dt.datetime(2024, 1, 2), "不该计入"])
    scratch.sheet_state = "hidden"
    apps = workbook.create_sheet("2024年台账")
    apps.append(["说明：本台账由办公室维护"])
    apps.append(["序号", "收到日期", "申请人", "申请人类型", "办理结果", "答复日期（空白表示未办结）"])
    apps.append([1, dt.datetime(2024, 5, 6), "王五", "自然人", "予以公开", dt.datetime(2024, 5, 20)])
    path = tmp_path / "多表.xlsx"
    workbook.save(path)
    ledger = read_ledger(path)
    assert [s.name for s in ledger.sheets] == ["诉讼复议", "2024年台账"]
    count = count_ledger(ledger, load_mapping(), 2024)
    assert count.sheet_names == {"applications": "2024年台账", "review_litigation": "诉讼复议"}
    assert count.applications["granted.natural"] == 1
    assert count.applications["new.total"] == 1
    assert count.review_litigation is not None
    assert count.review_litigation["lit_direct.upheld"] == 1
    assert count.modified is not None
    assert ledger.modified is not None and ledger.modified.date() == dt.date.fromtimestamp(path.stat().st_mtime)
