"""``gkdesk show FILE`` (text): a cell the importer could not read prints as 未读, never as its placeholder 0."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.domain.report import new_report
from gkdesk.io.native import write_native


@pytest.fixture
def unread_file(tmp_path: Path) -> Path:
    report = new_report("交口县人民政府办公室", 2021)
    apps = report.applications
    for row in ("new", "granted", "total"):
        apps.set(f"{row}.natural", 1)
        apps.set(f"{row}.total", 1)
    apps.set("new.biz", 0)  # the source prints a figure here the importer could not place
    apps.mark_unread(["new.biz", "granted.natural"])
    report.disclosure.set("art20_8.fees.amount_wan", Decimal(0))
    report.disclosure.mark_unread(["art20_8.fees.amount_wan"])
    path = tmp_path / "交口.gkreport"
    write_native(report, path)
    return path


def _cell_lines(out: str) -> dict[str, str]:
    """table:cell -> the value printed after the tab."""
    found: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith("  ") and "\t" in line:
            ref, value = line.strip().split("\t")
            found[ref] = value
    return found


def test_show_prints_unread_cells_as_unread_and_the_rest_as_read(
    unread_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(unread_file)]) == 0
    out = capsys.readouterr().out
    cells = _cell_lines(out)
    assert cells["applications:new.biz"] == "未读"
    assert cells["applications:granted.natural"] == "未读"  # a placeholder 1 is no figure either
    assert cells["disclosure:art20_8.fees.amount_wan"] == "未读"
    # read figures, zeros included, are printed as they are
    assert cells["applications:new.natural"] == "1"
    assert cells["applications:new.total"] == "1"
    assert cells["applications:new.research"] == "0"
    assert cells["disclosure:art20_1.regulations.issued"] == "0"
    assert [ref for ref, value in cells.items() if value == "未读"] == [
        "disclosure:art20_8.fees.amount_wan",
        "applications:new.biz",
        "applications:granted.natural",
    ]
    # and the check below says why
    assert "[错误] UNREAD 第三项表格未能完整读取" in out
    assert "[错误] UNREAD 第二项表格未能完整读取" in out


def test_show_json_is_unchanged_null_for_unread(unread_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(unread_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"]["applications"]["new"]["biz"] is None
    assert data["unread"]["applications"] == ["new.biz", "granted.natural"]
