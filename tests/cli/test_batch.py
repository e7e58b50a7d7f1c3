"""Reviewers' commands: ``gkdesk check DIR --summary``, ``gkdesk merge`` and ``gkdesk new-year``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from gkdesk.batch import SUMMARY_COLUMNS, check_file, collect_files, merge_files, run_batch_check, top_findings
from gkdesk.cli import main
from gkdesk.domain.assessment import self_assess
from gkdesk.domain.checker import check
from gkdesk.domain.merge import merge_reports
from gkdesk.io.errors import GkError
from gkdesk.io.native import read_native, write_native
from tests.domain.seed_reports import SEED_NAMES, SEEDS, seed_report

BROKEN = "broken.gkreport"
BROKEN_REASON = "无法读取：“broken.gkreport”不是完整的 gkdesk 报告文件（文件可能被截断或手工改坏）"
FORMAT_NAMES = {"2021": "2021 版", "2019-trial": "2019 试行版"}


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "乡镇").mkdir(parents=True)
    for name in SEED_NAMES:  # the real seed files, one in a subfolder
        shutil.copy(SEEDS / name, folder / ("乡镇" if "township" in name else "") / name)
    (folder / BROKEN).write_text("{not json", encoding="utf-8")
    (folder / "~$lock.docx").write_bytes(b"owner")  # Word's lock file: skipped
    (folder / "说明.md").write_text("not a report", encoding="utf-8")  # not a report type: skipped
    return folder


def _expected_files(folder: Path) -> list[str]:
    names = [folder / BROKEN]
    names += [folder / ("乡镇" if "township" in n else "") / n for n in SEED_NAMES]
    return sorted(str(p) for p in names)


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel on Chinese Windows reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _expected_row(file: str, name: str) -> list[str]:
    report = seed_report(name)
    result = check(report)
    fmt = "混用" if report.is_mixed_format else FORMAT_NAMES[report.format]
    top = "；".join(f"{f.code} {f.message}" for f in top_findings(result))
    assessment = self_assess(report, result)
    return [
        file,
        report.agency or "",
        str(report.year),
        fmt,
        str(len(result.errors)),
        str(len(result.warnings)),
        top,
        "、".join(assessment.missing_labels),
        str(assessment.score),
    ]


def test_collect_files_skips_lock_files_and_other_types(reports_dir: Path) -> None:
    assert [str(p) for p in collect_files([reports_dir])] == _expected_files(reports_dir)
    explicit = reports_dir / "说明.md"
    assert collect_files([explicit, reports_dir / BROKEN]) == [explicit, reports_dir / BROKEN]


def test_summary_csv_for_the_seeds_folder_and_a_broken_file(
    reports_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.csv"
    code = main(["check", str(reports_dir), "--summary", str(summary)])
    rows = _read_csv(summary)
    assert rows[0] == [*SUMMARY_COLUMNS, "缺少要素", "自查得分"]
    files = _expected_files(reports_dir)
    assert [r[0] for r in rows[1:]] == files
    by_file = {r[0]: r for r in rows[1:]}
    assert by_file[str(reports_dir / BROKEN)] == [str(reports_dir / BROKEN), "", "", "", "", "", BROKEN_REASON, "", ""]
    for name in SEED_NAMES:
        file = next(f for f in files if f.endswith(name))
        assert by_file[file] == _expected_row(file, name)
    # The printed seed figures: 河曲 leaves the 总计 of （六）其他处理 blank (R3); the others have no table error.
    hequ = by_file[next(f for f in files if "hequ" in f)]
    assert hequ[1:5] == ["河曲县人民政府办公室", "2020", "2019 试行版", "1"]
    assert hequ[6].startswith("R3 第三项（六）其他处理的总计列应为 3（六类申请人之和），现为 0；")
    zezhou = by_file[next(f for f in files if "zezhou" in f)]
    assert zezhou[2:5] == ["2021", "混用", "0"]
    assert code == 1  # 河曲 has an error and one file is unreadable
    out, err = capsys.readouterr()
    assert out.splitlines() == ["共检查 6 个文件：2 个有错误（其中 1 个无法读取）", f"汇总表已写入：{summary}"]
    assert err == ""  # no progress line when stderr is not a terminal


def test_one_line_per_report_without_a_summary(reports_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(reports_dir)]) == 1
    lines = capsys.readouterr().out.splitlines()
    files = _expected_files(reports_dir)
    assert len(lines) == len(files) + 1
    assert lines[0] == f"{reports_dir / BROKEN}: {BROKEN_REASON}"
    jiaokou = next(f for f in files if "jiaokou" in f)
    result = check(seed_report("jiaokou-county-2021.txt"))
    # no error; its warnings are the content checks', the first of them printed (SHORT: 五 has 95 characters)
    assert lines[files.index(jiaokou)] == (
        f"{jiaokou}: 0 个错误 · {len(result.warnings)} 个警告；SHORT 第五部分只有 95 字，不到同类报告中位数（291 字）的三分之一，内容可能过于简略"
    )
    hequ = next(f for f in files if "hequ" in f)
    assert lines[files.index(hequ)].startswith(f"{hequ}: 1 个错误 · ")
    assert lines[files.index(hequ)].endswith("；R3 第三项（六）其他处理的总计列应为 3（六类申请人之和），现为 0")
    assert lines[-1] == "共检查 6 个文件：2 个有错误（其中 1 个无法读取）"


def test_exit_zero_when_every_report_is_clean(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    write_native(seed_report("jiaokou-county-2021.txt"), clean / "a.gkreport")
    summary = tmp_path / "s.csv"
    out = io.StringIO()
    assert run_batch_check([clean], summary, False, out=out, progress=io.StringIO()) == 0
    assert _read_csv(summary)[1][4] == "0"


def test_json_output(reports_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(reports_dir), "--json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == _expected_files(reports_dir)
    broken = data[0]
    assert broken == {"file": str(reports_dir / BROKEN), "error": BROKEN_REASON.removeprefix("无法读取：")}
    jiaokou = next(d for d in data if "jiaokou" in d["file"])
    report = seed_report("jiaokou-county-2021.txt")
    assert jiaokou == {
        "file": jiaokou["file"],
        "agency": report.agency,
        "year": 2021,
        "format": "2021 版",
        "errors": 0,
        "warnings": len(check(report).warnings),
        "findings": [f.as_json() for f in check(report).findings],
    }


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal(reports_dir: Path, tmp_path: Path) -> None:
    progress = _Terminal()
    run_batch_check([reports_dir], None, False, out=io.StringIO(), progress=progress)
    assert progress.getvalue() == "".join(f"\r已检查 {i}/6" for i in range(1, 7)) + "\n"
    # Not mixed into the per-report lines on the same terminal; shown when those go to the summary table.
    quiet = _Terminal()
    run_batch_check([reports_dir], None, False, out=_Terminal(), progress=quiet)
    assert quiet.getvalue() == ""
    shown = _Terminal()
    run_batch_check([reports_dir], tmp_path / "s.csv", False, out=_Terminal(), progress=shown)
    assert shown.getvalue().endswith("\r已检查 6/6\n")


def test_many_files_are_checked_in_worker_processes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20):
        name = SEED_NAMES[i % len(SEED_NAMES)]
        write_native(seed_report(name), folder / f"{i:02d}-{name.replace('.txt', '.gkreport')}")
    (folder / "zz-broken.gkreport").write_bytes(b"\xff\xfe")
    serial, parallel = tmp_path / "serial.csv", tmp_path / "parallel.csv"
    assert run_batch_check([folder], serial, False, workers=1, out=io.StringIO(), progress=io.StringIO()) == 1
    assert run_batch_check([folder], parallel, False, workers=2, out=io.StringIO(), progress=io.StringIO()) == 1
    assert serial.read_bytes() == parallel.read_bytes()
    rows = _read_csv(parallel)
    assert len(rows) == 22
    assert rows[-1][6] == "无法读取：“zz-broken.gkreport”不是 gkdesk 报告文件（编码不是 UTF-8）"


def test_missing_path_gets_a_row_and_empty_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = check_file(str(tmp_path / "无此文件.docx"))
    assert row.failure == f"找不到文件“{tmp_path / '无此文件.docx'}”"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert capsys.readouterr().err == "gkdesk: 没有找到要检查的报告文件（.docx、.txt、.pdf 或 .gkreport）\n"
    nowhere = tmp_path / "无此文件夹" / "s.csv"
    assert main(["check", str(SEEDS / SEED_NAMES[0]), "--summary", str(nowhere)]) == 2
    assert capsys.readouterr() == ("", f"gkdesk: 无法写入汇总表“{nowhere}”：文件夹不存在\n")


def test_merge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "交口县.gkreport", tmp_path / "泽州县.gkreport"
    write_native(seed_report("jiaokou-county-2021.txt"), a)
    write_native(seed_report("zezhou-county-office-2021.txt"), b)
    out = tmp_path / "汇总.gkreport"
    assert main(["merge", str(a), str(b), "-o", str(out), "--agency", "示例县人民政府"]) == 0
    merged = read_native(out)
    expected = merge_reports([read_native(a), read_native(b)], "示例县人民政府")
    assert merged.tables == expected.tables
    assert merged.agency == "示例县人民政府"
    assert merged.import_log[0].message == (
        "汇总自 2 个 2021 年度报告：交口县（交口县.gkreport）、泽州县人民政府办公室（泽州县.gkreport）"
    )
    assert capsys.readouterr().out == f"已汇总 2 个报告，写入 {out}（{check(merged).summary()}）\n"


def test_merge_command_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, c = tmp_path / "a.gkreport", tmp_path / "c.gkreport"
    write_native(seed_report("jiaokou-county-2021.txt"), a)
    write_native(seed_report("jiaocheng-county-2024.txt"), c)
    out = tmp_path / "total.gkreport"
    assert main(["merge", str(a), str(c), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        "gkdesk: 不能汇总不同年度的报告（2021 年：交口县（a.gkreport）；2024 年：交城县（c.gkreport））\n"
    )
    assert main(["merge", str(a), str(a), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"gkdesk: “{a}”重复列出，同一报告不能汇总两次\n"
    assert main(["merge", str(a), "-o", str(tmp_path / "total.docx")]) == 2
    assert capsys.readouterr().err == "gkdesk: 汇总报告请保存为 .gkreport 文件\n"
    broken = tmp_path / "broken.gkreport"
    broken.write_text("{", encoding="utf-8")
    assert main(["merge", str(a), str(broken), "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"gkdesk: {broken}: “broken.gkreport”不是完整的 gkdesk 报告文件")
    assert not out.exists()


def test_merge_allow_errors_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = seed_report("jiaokou-county-2021.txt")
    bad.applications.set("total.natural", 4)
    a, b = tmp_path / "a.gkreport", tmp_path / "b.gkreport"
    write_native(bad, a)
    write_native(seed_report("xijiaokou-township-2021.txt"), b)
    out = tmp_path / "total.gkreport"
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 2
    assert "以下报告有错误，请先改正后再汇总：交口县（a.gkreport）" in capsys.readouterr().err
    assert main(["merge", str(a), str(b), "-o", str(out), "--allow-errors"]) == 0
    assert read_native(out).applications.count("total.natural") == 4


def test_new_year_command_lists_what_the_2021_format_has_no_place_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = tmp_path / "hequ-2020.gkreport"
    write_native(seed_report("hequ-county-2020.txt"), last)
    out = tmp_path / "hequ-2021.gkreport"
    assert main(["new-year", str(last), str(out)]) == 0
    draft = read_native(out)
    assert draft.year == 2021
    assert draft.previous is not None
    assert draft.previous.year == 2020
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "  导入说明："
    assert printed[1] == (
        "    - 上年报告的第二项、第三项表格为 2019 试行版格式，本年度报告已改用 2021 版格式（国办公开办函〔2021〕30号）"
    )
    assert len(printed) == 2 + 8
    assert any("政府集中采购" in line for line in printed)


def test_merge_files_expands_folders_for_the_window(tmp_path: Path) -> None:
    folder = tmp_path / "乡镇"
    folder.mkdir()
    shutil.copy(SEEDS / "jiaokou-county-2021.txt", folder / "jiaokou-county-2021.txt")
    shutil.copy(SEEDS / "xijiaokou-township-2021.txt", folder / "xijiaokou-township-2021.txt")
    merged = merge_files([folder], "示例县人民政府")
    expected = merge_reports(
        [seed_report("jiaokou-county-2021.txt"), seed_report("xijiaokou-township-2021.txt")], "示例县人民政府"
    )
    assert merged.tables == expected.tables
    assert merged.import_log[0].message == (
        "汇总自 2 个 2021 年度报告：交口县（jiaokou-county-2021.txt）、西交口乡人民政府（xijiaokou-township-2021.txt）"
    )
    with pytest.raises(GkError, match="重复列出"):
        merge_files([folder, folder / "jiaokou-county-2021.txt"], None)


def test_pdf_reports_are_checked_and_old_word_files_get_a_row(tmp_path: Path) -> None:
    """A reviewer's folder also holds published PDFs and .doc files: none is silently left out (QA finding)."""
    from gkdesk.io.files import save_report

    folder = tmp_path / "收到的报告"
    folder.mkdir()
    save_report(seed_report("jiaokou-county-2021.txt"), folder / "交口.txt")
    (folder / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    pdf = folder / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")  # unreadable PDF: still a row with the reason
    assert collect_files([folder]) == sorted([folder / "交口.txt", folder / "旧版.doc", pdf])
    summary = tmp_path / "s.csv"
    assert main(["check", str(folder), "--summary", str(summary)]) == 1
    rows = {Path(r[0]).name: r for r in _read_csv(summary)[1:]}
    assert set(rows) == {"交口.txt", "旧版.doc", "报告.pdf"}
    assert rows["交口.txt"][2] == "2021"
    assert rows["旧版.doc"][6].startswith("无法读取：")
    assert "另存为" in rows["旧版.doc"][6]
    assert rows["报告.pdf"][6].startswith("无法读取：")


def test_main_problems_put_errors_first_then_the_rules_then_content() -> None:
    from gkdesk.domain.findings import CheckResult, Finding

    found = (
        Finding("ELEMENT:overview.active", "warning", "缺少要素“主动公开”", part="一"),
        Finding("R7", "warning", "正文与表格不一致", part="三"),
        Finding("SHORT", "warning", "第五部分过短", part="五"),
        Finding("R1", "error", "第三项不平衡", part="三"),
    )
    assert [f.code for f in top_findings(CheckResult(found))] == ["R1", "R7", "ELEMENT:overview.active"]
