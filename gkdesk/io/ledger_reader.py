"""Reading a ledger file into raw sheets (.xlsx with openpyxl in read-only mode; .csv in the encodings Excel writes).

Only cells come out of here; the header, the columns and every check are the domain's (``gkdesk.domain.ledger``).
An old binary .xls (or a WPS .et) gets one sentence asking for .xlsx: no maintained pure-Python reader for it is
pinned, and guessing at its cells would be worse than asking.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from gkdesk.domain.forms import Variant
from gkdesk.domain.ledger import Cell, RawLedger, RawSheet
from gkdesk.domain.ledger_mapping import LedgerMapping
from gkdesk.errors import GkError
from gkdesk.io.errors import os_error_text
from gkdesk.resources import resources_dir

LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".xls", ".et")
OPEN_FILTER = "登记台账 (*.xlsx *.xlsm *.csv *.xls);;所有文件 (*)"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 with or without a BOM, then what Excel on Chinese Windows writes


class LedgerReadError(GkError):
    """The ledger file cannot be read; nothing in the report changes."""


def mapping_path() -> Path:
    return resources_dir() / "ledger" / "mapping.json"


@cache
def _mapping_data() -> dict[str, Any]:
    try:
        data = json.loads(mapping_path().read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LedgerReadError(f"无法读取台账对照表“{mapping_path()}”") from exc
    if not isinstance(data, dict):
        raise LedgerReadError("台账对照表（mapping.json）格式不对")
    return data


def load_mapping(variant: Variant | None = None) -> LedgerMapping:
    """The words of ``resources/ledger/mapping.json`` for a report in ``variant``."""
    return LedgerMapping(_mapping_data(), variant)


def _modified(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _read_xlsx(path: Path) -> tuple[RawSheet, ...]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise LedgerReadError(f"“{path.name}”不是有效的 Excel（.xlsx）文件，可能已损坏") from exc
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            if getattr(worksheet, "sheet_state", "visible") != "visible":
                continue  # the template's hidden list of choices, or a clerk's scratch sheet
            if hasattr(worksheet, "reset_dimensions"):
                worksheet.reset_dimensions()  # exporters often write a wrong <dimension>: read what is there
            rows = tuple(tuple(row) for row in worksheet.iter_rows(values_only=True))
            sheets.append(RawSheet(worksheet.title, rows))
        return tuple(sheets)
    finally:
        workbook.close()


def _decode_csv(data: bytes, name: str) -> str:
    for encoding in _CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerReadError(f"“{name}”的编码无法识别，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再试")


def _read_csv(path: Path, data: bytes) -> tuple[RawSheet, ...]:
    text = _decode_csv(data, path.name)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        tuple(cell if cell.strip() else None for cell in row) for row in csv.reader(io.StringIO(text), dialect)
    )
    return (RawSheet(path.stem, rows),)


def read_ledger(path: str | os.PathLike[str]) -> RawLedger:
    """Every visible sheet of the ledger, as raw cells; ``LedgerReadError`` with one Chinese sentence otherwise."""
    file = Path(path)
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise LedgerReadError(f"无法打开“{file.name}”：{os_error_text(exc)}") from exc
    suffix = file.suffix.lower()
    if head.startswith(_OLE_MAGIC) or suffix in (".xls", ".et"):
        raise LedgerReadError(
            f"“{file.name}”是旧版 Excel（.xls）文件，本程序不能直接读取；请在 Excel 或 WPS 中“另存为”"
            "Excel 工作簿（.xlsx）后再打开"
        )
    if head.startswith(b"PK"):
        sheets = _read_xlsx(file)
    elif suffix in {".csv", ".txt"}:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise LedgerReadError(f"无法读取“{file.name}”：{os_error_text(exc)}") from exc
        sheets = _read_csv(file, data)
    else:
        raise LedgerReadError(f"“{file.name}”不是登记台账文件；请使用 Excel 工作簿（.xlsx）或 CSV 文件")
    if not any(sheet.rows for sheet in sheets):
        raise LedgerReadError(f"“{file.name}”中没有任何内容")
    return RawLedger(file.name, _modified(file), sheets)
