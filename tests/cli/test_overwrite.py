"""One overwrite rule: no command replaces an existing file without --force; a read-only target is never replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gkdesk.cli import main
from gkdesk.domain.report import new_report
from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import GkError, ReportWriteError
from gkdesk.io.native import write_native

READ_ONLY = 0o444


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "只读.gkreport"
    target.write_bytes(b"old")
    target.chmod(READ_ONLY)
    yield target
    target.chmod(0o644)  # let pytest clean up


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_a_read_only_target_is_refused_by_mode_even_for_root(read_only: Path) -> None:
    with pytest.raises(ReportWriteError) as caught:
        atomic_write_bytes(read_only, b"new")
    assert isinstance(caught.value, GkError)
    assert "只读" in str(caught.value) and "原文件未改动" in str(caught.value)
    assert read_only.read_bytes() == b"old"
    assert stat.S_IMODE(read_only.stat().st_mode) == READ_ONLY
    assert sorted(p.name for p in read_only.parent.iterdir()) == [read_only.name]  # no temp file, no .bak


def test_a_writable_target_is_replaced_and_backed_up(tmp_path: Path) -> None:
    target = tmp_path / "a.gkreport"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.with_name("a.gkreport.bak").read_bytes() == b"old"


# ---- the command line: convert, new-year, merge -o and new refuse an existing OUT without --force ----

OLD = b"old contents, not a report"


def _report(folder: Path, name: str, agency: str) -> Path:
    path = folder / name
    write_native(new_report(agency, 2025), path)
    return path


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    return {"a": _report(folder, "甲.gkreport", "甲乡人民政府"), "b": _report(folder, "乙.gkreport", "乙乡人民政府")}


COMMANDS: dict[str, Callable[[dict[str, Path], Path], list[str]]] = {
    "convert-txt": lambda s, out: ["convert", str(s["a"]), str(out.with_suffix(".txt"))],
    "convert-gkreport": lambda s, out: ["convert", str(s["a"]), str(out)],
    "new-year": lambda s, out: ["new-year", str(s["a"]), str(out)],
    "merge": lambda s, out: ["merge", str(s["a"]), str(s["b"]), "-o", str(out)],
    "new": lambda s, out: ["new", str(out), "--agency", "某县", "--year", "2025"],
}


def _target(args: list[str]) -> Path:
    return Path(args[args.index("-o") + 1] if "-o" in args else (args[1] if args[0] == "new" else args[2]))


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_output_is_refused_without_force(
    command: str, sources: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = COMMANDS[command](sources, tmp_path / "输出.gkreport")
    target = _target(args)
    target.write_bytes(OLD)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已存在" in err and "--force" in err and target.name in err
    assert target.read_bytes() == OLD
    assert not target.with_name(target.name + ".bak").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_force_replaces_and_keeps_the_old_version_as_bak(
    command: str, sources: dict[str, Path], tmp_path: Path
) -> None:
    args = COMMANDS[command](sources, tmp_path / "输出.gkreport")
    target = _target(args)
    target.write_bytes(OLD)
    assert main([*args, "--force"]) == 0
    assert target.read_bytes() != OLD
    assert target.with_name(target.name + ".bak").read_bytes() == OLD


@pytest.mark.parametrize("command", COMMANDS)
def test_a_new_output_needs_no_force(command: str, sources: dict[str, Path], tmp_path: Path) -> None:
    args = COMMANDS[command](sources, tmp_path / "输出.gkreport")
    assert main(args) == 0
    assert _target(args).exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
@pytest.mark.parametrize("command", COMMANDS)
def test_force_never_replaces_a_read_only_output(
    command: str, sources: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = COMMANDS[command](sources, tmp_path / "输出.gkreport")
    target = _target(args)
    target.write_bytes(OLD)
    target.chmod(READ_ONLY)
    try:
        assert main([*args, "--force"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "只读" in err and "原文件未改动" in err
        assert target.read_bytes() == OLD
        assert stat.S_IMODE(target.stat().st_mode) == READ_ONLY
    finally:
        target.chmod(0o644)


def test_the_reviewers_summary_csv_is_not_replaced_without_force(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    write_native(new_report("甲镇人民政府", 2024), folder / "甲镇.gkreport")
    summary = tmp_path / "汇总.csv"
    summary.write_bytes(b"last week's summary")
    capsys.readouterr()
    assert main(["check", str(folder), "--summary", str(summary)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "已存在" in err[0] and "--force" in err[0]
    assert summary.read_bytes() == b"last week's summary"
    assert main(["check", str(folder), "--summary", str(summary), "--force"]) in (0, 1)
    assert "甲镇" in summary.read_text(encoding="utf-8-sig")
