"""The native ``.gkreport`` file: UTF-8 JSON with a schema version around the report model."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import ReportReadError, os_error_text

SCHEMA_NAME = "gkdesk.report"
SCHEMA_VERSION = 1
SUFFIX = ".gkreport"
MAX_NATIVE_BYTES = 50 * 1024 * 1024


def report_to_json_text(report: Report) -> str:
    payload = {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "report": report.model_dump(mode="json"),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def _validation_summary(exc: ValidationError) -> str:
    """Where the file is broken, in words a support person can follow; pydantic's own text is English."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"字段 {where} 的值无效" if where else "内容不完整"


def report_from_payload(payload: Any, name: str = "文件") -> Report:
    """The report inside a parsed payload, or a clear refusal naming what is wrong."""
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA_NAME:
        raise ReportReadError(f"“{name}”不是 gkdesk 报告文件")
    version = payload.get("schema_version")
    if not isinstance(version, int):
        raise ReportReadError(f"“{name}”缺少版本号，文件可能已损坏")
    if version > SCHEMA_VERSION:
        raise ReportReadError(f"“{name}”由更新版本的 gkdesk 保存（格式版本 {version}），请升级 gkdesk 后再打开")
    try:
        return Report.model_validate(payload.get("report"))
    except ValidationError as exc:
        raise ReportReadError(f"“{name}”内容已损坏，无法打开（{_validation_summary(exc)}）") from exc


def report_from_json_text(text: str, name: str = "文件") -> Report:
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReportReadError(f"“{name}”不是完整的 gkdesk 报告文件（文件可能被截断或手工改坏）") from exc
    return report_from_payload(payload, name)


def read_native(path: str | os.PathLike[str]) -> Report:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_NATIVE_BYTES:
            raise ReportReadError(f"“{file.name}”过大，不是 gkdesk 报告文件")
        data = file.read_bytes()
    except OSError as exc:
        raise ReportReadError(f"无法读取“{file.name}”：{os_error_text(exc)}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportReadError(f"“{file.name}”不是 gkdesk 报告文件（编码不是 UTF-8）") from exc
    return report_from_json_text(text, file.name)


def write_native(report: Report, path: str | os.PathLike[str]) -> None:
    atomic_write_bytes(path, report_to_json_text(report).encode("utf-8"))
