"""Fixtures for the window tests: a scripted stand-in for every prompt, a real seed report, a shown main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gkdesk.io.files import load_report
from gkdesk.io.native import write_native
from gkdesk.ui import dialogs

# Prompts that only tell the clerk something: recorded, answered with None.
_TELLING = ("info", "warn", "error", "show_text")
# Every function of the seam; a test scripts the answers it expects, any other prompt fails the test.
SEAM = (
    *_TELLING,
    "confirm",
    "ask_unsaved",
    "ask_recover",
    "open_file",
    "open_files",
    "choose_folder",
    "save_file",
    "run_modal",
    "ask_new_report",
    "ask_sign_off",
    "ask_text",
    "ask_pasted_text",
)


class Prompts:
    """Stands in for ``gkdesk.ui.dialogs``: ``answers[name]`` is a value or a callable taking the same arguments."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.answers: dict[str, Any] = {}
        for name in SEAM:
            monkeypatch.setattr(dialogs, name, self._stand_in(name))

    def _stand_in(self, name: str) -> Callable[..., Any]:
        def prompt(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args[1:] + tuple(kwargs.values())))
            if name in self.answers:
                answer = self.answers[name]
                return answer(*args, **kwargs) if callable(answer) else answer
            if name in _TELLING:
                return None
            raise AssertionError(f"unexpected prompt dialogs.{name}{args[1:]}")

        return prompt

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def texts(self, name: str) -> list[str]:
        """Every string argument given to prompt ``name``, joined per call."""
        return [" ".join(str(a) for a in args if isinstance(a, str)) for n, args in self.calls if n == name]


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    return Prompts(monkeypatch)


@pytest.fixture
def jiaokou_seed(seeds_dir: Path) -> Path:
    return seeds_dir / "jiaokou-county-2021.txt"


@pytest.fixture
def jiaokou_file(jiaokou_seed: Path, tmp_path: Path) -> Path:
    """The 交口县 2021 report as a .gkreport in a folder of its own."""
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "交口县2021年报告.gkreport"
    write_native(load_report(jiaokou_seed), path)
    return path


@pytest.fixture
def main_window(qtbot: Any, prompts: Prompts) -> Iterator[Any]:
    """The real window, shown offscreen; closing at the end discards whatever the test left unsaved."""
    from gkdesk.ui.main_window import MainWindow

    window = MainWindow()  # not qtbot.addWidget: pytest-qt would close it before the prompts are scripted
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    prompts.answers.setdefault("ask_unsaved", "discard")
    window.close()
    window.deleteLater()
