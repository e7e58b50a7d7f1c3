"""benchmarks/run_all.py: the RESULT-line convention, failures as rows, the tables it writes."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gkdesk_run_all", BENCHMARKS / "run_all.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve the module's annotations through sys.modules
    spec.loader.exec_module(module)
    return module


run_all = _load()


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_result_object_becomes_one_row(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "one",
        """
        import json, sys
        print("human-readable lines first")
        mode = "quick" if "--quick" in sys.argv else "full"
        print("RESULT " + json.dumps({"benchmark": "check latency", "gkdesk": "120 us", "baseline": "80 us",
                                      "ratio": 1.5, "note": mode}))
        """,
    )
    assert run_all.accepts_quick(script)
    rows, _ = run_all.run_script(script, quick=True, timeout=60)
    assert rows == [run_all.Row("check latency", "120 us", "80 us", 1.5, "quick")]
    rows, _ = run_all.run_script(script, quick=False, timeout=60)
    assert rows[0].note == "full"


def test_a_result_list_becomes_several_rows_and_no_result_line_keeps_the_last_line(tmp_path: Path) -> None:
    many = _script(
        tmp_path,
        "many",
        """
        print('RESULT [{"benchmark": "a", "ratio": 2}, {"benchmark": "b", "gkdesk": "1 s", "ratio": null}]')
        """,
    )
    rows, _ = run_all.run_script(many, quick=False, timeout=60)
    assert rows == [run_all.Row("a", ratio=2.0), run_all.Row("b", gkdesk="1 s")]
    legacy = _script(tmp_path, "legacy", "print('speed-up with 2 workers: 1.8x')\nprint('target met')\n")
    rows, _ = run_all.run_script(legacy, quick=True, timeout=60)
    assert rows == [run_all.Row("legacy", ratio=1.8, note="(no RESULT line) speed-up with 2 workers: 1.8x")]
    assert not run_all.accepts_quick(legacy)
    plain = _script(tmp_path, "plain", "print('12 ms')\nprint('target met')\n")
    rows, _ = run_all.run_script(plain, quick=True, timeout=60)
    assert rows == [run_all.Row("plain", note="(no RESULT line) target met")]


@pytest.mark.parametrize(
    ("line", "ratio"),
    [
        ("ratio: 1.99x (target ≤ 2x)", 1.99),
        ("LibreOffice .txt -> .docx takes 60.1 times as long.", 60.1),
        ("full grid repaint  median 15.63 ms, min 12.45 ms (1.9x)", 1.9),
        ("empty call:   0.032 us   (check / empty call = 6,546x)", 6546.0),
        (".txt (one cell per line)   8.6 ms    3.1 ms   895 ms   287x", 287.0),
        ("slowest warm import 78.1 ms, target < 100 ms: OK", None),
    ],
)
def test_a_ratio_is_picked_from_a_legacy_line(line: str, ratio: float | None) -> None:
    row = run_all.legacy_row(Path("bench.py"), ["first line", line])
    assert (row.benchmark, row.ratio, row.note) == ("bench", ratio, f"(no RESULT line) {line}")


def test_failures_and_bad_result_lines_are_rows_not_crashes(tmp_path: Path) -> None:
    failing = _script(tmp_path, "failing", "import sys\nprint('partial')\nsys.exit('soffice not found')\n")
    rows, _ = run_all.run_script(failing, quick=True, timeout=60)
    assert rows == [run_all.Row("failing", note="failed (exit 1): soffice not found")]
    broken = _script(tmp_path, "broken", "print('RESULT {not json')\n")
    rows, _ = run_all.run_script(broken, quick=True, timeout=60)
    assert len(rows) == 1
    assert rows[0].benchmark == "broken"
    assert rows[0].note.startswith("unreadable RESULT line (")
    assert rows[0].note.endswith("RESULT {not json")


def test_scripts_run_in_the_issue_order_then_by_name() -> None:
    names = [p.stem for p in run_all.discover([])]
    assert "run_all" not in names
    known = [n for n in run_all.ORDER if n in names]
    assert names[: len(known)] == known
    assert names[len(known) :] == sorted(names[len(known) :])
    assert [p.stem for p in run_all.discover(["frozen_startup"])] == ["frozen_startup"]


def test_results_file_and_readme_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        run_all.Row("start-up vs bare Qt window", "420 ms", "210 ms", 2.0, "lower is better"),
        run_all.Row("import | docx", note="(no RESULT line) ok"),
    ]
    info = {"CPU": "Test CPU", "cores": "2", "RAM": "4.0 GB", "OS": "TestOS", "Python": "3.11", "date": "D"}
    text = run_all.render(rows, info, "python benchmarks/run_all.py", 12.3)
    assert "- CPU: Test CPU\n- cores: 2\n- RAM: 4.0 GB\n- OS: TestOS\n- Python: 3.11\n- date: D\n" in text
    assert "| start-up vs bare Qt window | 420 ms | 210 ms | 2.00 | lower is better |" in text
    assert "| import \\| docx |  |  |  | (no RESULT line) ok |" in text
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{run_all.README_START}\nold\n{run_all.README_END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr(run_all, "README", readme)
    assert run_all.update_readme(rows, info)
    updated = readme.read_text(encoding="utf-8")
    assert updated.startswith(
        f"# x\n\nbefore\n{run_all.README_START}\nMeasured D on Test CPU (2 cores, 4.0 GB), TestOS."
    )
    assert "old" not in updated
    assert updated.endswith(
        f"| 2.00 | lower is better |\n| import \\| docx |  |  |  | (no RESULT line) ok |\n{run_all.README_END}\nafter\n"
    )
    readme.write_text("no markers\n", encoding="utf-8")
    assert not run_all.update_readme(rows, info)
    assert readme.read_text(encoding="utf-8") == "no markers\n"


def test_machine_facts_are_filled() -> None:
    info = run_all.machine()
    assert set(info) == {"CPU", "cores", "RAM", "OS", "Python", "PySide6", "date"}
    assert info["cores"].isdigit()
    assert info["RAM"].endswith(" GB")
    assert info["date"].endswith(" UTC")


def test_small_ratios_keep_their_digits() -> None:
    assert run_all.ratio_text(2.0) == "2.00"
    assert run_all.ratio_text(0.0047) == "0.0047"
    assert run_all.ratio_text(0.014) == "0.014"
