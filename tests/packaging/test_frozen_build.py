"""Build packaging/gkdesk.spec with PyInstaller and run the built program, as every release build does.

On Linux this checks the spec (the Windows build runs the same spec in .github/workflows/windows.yml): the bundle
must start, pass its own smoke test offscreen, hold only the Qt parts we chose, and stay within the size budget.
About 20-40 s on a 2-core machine. Deselect with ``-m "not frozen"`` when iterating on something else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gkdesk import __version__
from gkdesk.smoke import OK_PREFIX

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "gkdesk.spec"
EXE_NAME = "gkdesk.exe" if sys.platform == "win32" else "gkdesk"

# Size budget of the unpacked bundle, in MB (10^6 bytes).
# Linux, measured 2026-11: ~112 MB, of which ~38 MB is the ICU 73 that the Linux PySide6 wheel carries (libicudata
# alone is 32 MB). The rest: Qt Core/Gui/Widgets/PrintSupport ~28 MB, their Python bindings ~16 MB, Python ~12 MB,
# pydantic-core 5 MB, lxml 5.5 MB. 115 MB leaves ~3 MB for gkdesk's own growth: one more Qt module (QtNetwork 2 MB
# plus plugins, QtSvg, QtQml 7 MB), a plugin filter that stops working or a new heavy dependency breaks it, which is
# the point -- such a change must be deliberate and come with a new budget.
# Windows: Qt 6 uses the ICU built into Windows 10 1703+, so the same bundle is expected at ~75 MB; 100 MB is the
# ceiling until the first Windows build has been measured (then tighten it to measured + 3 MB as on Linux).
BUDGET_MB = 100.0 if sys.platform == "win32" else 116.0


def _files(bundle: Path) -> list[Path]:
    return [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]


def _mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(work / "dist"),
        "--workpath",
        str(work / "build"),
        str(SPEC),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    folder = work / "dist" / "gkdesk"
    assert (folder / EXE_NAME).is_file()
    return folder


def _run(bundle: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GKDESK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(bundle / EXE_NAME), *args], capture_output=True, encoding="utf-8", timeout=180, env=env, check=False
    )


def test_built_program_passes_its_smoke_test(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "--smoke-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(OK_PREFIX)
    assert "qtbase_zh_CN loaded" in lines[0]
    assert "figures match" in lines[0]
    # Qt's own warnings go to the log in the frozen program; nothing else may reach stderr (qutebrowser's rule).
    assert result.stderr == ""
    log = (tmp_path / "logs" / "gkdesk.log").read_text(encoding="utf-8")
    assert f"gkdesk {__version__} started (frozen=True" in log
    assert lines[0] in log


@pytest.mark.parametrize("name", ["example.doc", "example.odt"])
def test_built_program_reads_every_format_its_registry_names(bundle: Path, tmp_path: Path, name: str) -> None:
    """The reader registry imports its readers by name at first use: the bundle must hold them all (.doc and .odt
    readers, olefile among them), or a clerk's old Word file fails only in the installed program."""
    fixture = ROOT / "tests" / "fixtures" / name
    result = _run(bundle, tmp_path, "show", str(fixture), "--json")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert '"year": 2021' in result.stdout
    assert '"unread": {}' in result.stdout


def test_built_program_reports_its_version(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "--version")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, f"gkdesk {__version__}", "")


def test_built_program_runs_a_subcommand(bundle: Path, tmp_path: Path) -> None:
    """The CLI is in the same executable: a new blank report is written and read back by ``show --json``."""
    target = tmp_path / "new.gkreport"
    made = _run(bundle, tmp_path, "new", str(target), "--agency", "测试县人民政府", "--year", "2025")
    assert (made.returncode, made.stderr) == (0, "")
    shown = _run(bundle, tmp_path, "show", str(target), "--json")
    assert shown.returncode == 0, shown.stderr
    assert '"agency": "测试县人民政府"' in shown.stdout
    assert '"year": 2025' in shown.stdout


def test_bundle_holds_only_the_chosen_qt_parts(bundle: Path) -> None:
    internal = bundle / "_internal"
    names = {p.name for p in _files(bundle)}
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    assert translations == ["qtbase_zh_CN.qm"]
    for unwanted in ("Network", "Qml", "Quick", "Pdf", "Svg", "WebEngine", "Multimedia", "3DCore", "Designer"):
        assert not [n for n in names if f"Qt6{unwanted}" in n or f"Qt{unwanted}" in n], unwanted
    # The PySide6 wheels keep plugins in PySide6/plugins on Windows and in PySide6/Qt/plugins elsewhere.
    plugins = internal / "PySide6" / ("plugins" if sys.platform == "win32" else "Qt/plugins")
    plugin_dirs = sorted(p.name for p in plugins.iterdir())
    assert set(plugin_dirs) <= {"platforms", "styles", "printsupport", "platforminputcontexts"}
    platforms = sorted(p.name for p in (plugins / "platforms").iterdir())
    expected = (
        ["qoffscreen.dll", "qwindows.dll"]
        if sys.platform == "win32"
        else ["libqminimal.so", "libqoffscreen.so", "libqxcb.so"]
    )
    assert platforms == expected
    # Data the program reads at run time, and the icon the installer uses.
    assert (internal / "resources" / "help" / "guide.html").is_file()
    assert (internal / "templates" / "gkdesk-official.docx").is_file()
    assert not list((internal / "templates").glob("*.py"))
    assert (internal / "gkdesk.ico").is_file()


def test_bundle_size_is_within_budget(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(bundle)
    total = _mb(files)
    icu = _mb([p for p in files if p.name.startswith("libicu")])
    qt = _mb([p for p in files if "Qt6" in p.name or p.name.startswith(("Qt", "libpyside", "libshiboken"))])
    with capsys.disabled():
        print(
            f"\nfrozen bundle: {total:.1f} MB unpacked in {len(files)} files (budget {BUDGET_MB:.0f} MB): "
            f"Qt and bindings {qt:.1f} MB, ICU {icu:.1f} MB, everything else {total - qt - icu:.1f} MB"
        )
    assert total <= BUDGET_MB
