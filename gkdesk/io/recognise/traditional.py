"""Reports in traditional characters: a government site's 繁體 version (many provincial sites offer one, and
crawlers and reposting sites keep it). The report was written in simplified characters; it is read, and kept, as
simplified again, with a note in the import log.

The conversion is one character at a time from OpenCC's table (resources/recognise/traditional.json), which is
what traditional → simplified needs (many traditional characters fold into one simplified), after OpenCC's short
list of words a character alone gets wrong (顯著 → 显著, 反覆 → 反复). It only runs on a text
that is plainly traditional: a simplified text holds a few characters the table would change (显著's 著, a surname
於), never one in twenty of its Chinese characters.
"""

from __future__ import annotations

import json
import re
from functools import cache

from gkdesk.resources import resources_dir

MIN_TRADITIONAL_SHARE = 0.05  # of the Chinese characters; a 繁體 report has 20-40 %, a simplified one under 1 %
MIN_TRADITIONAL_CHARS = 20


@cache
def _table() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources_dir() / "recognise" / "traditional.json").read_text(encoding="utf-8")
    )
    return data


@cache
def _folds() -> dict[int, str]:
    return str.maketrans(_table()["traditional_to_simplified"])


@cache
def _phrases() -> re.Pattern[str]:
    """The words a character alone gets wrong (顯著 → 显著, not 显着), longest first."""
    return re.compile("|".join(sorted(_table()["phrases"], key=len, reverse=True)))


@cache
def _foldable() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(code) for code in sorted(_folds())) + "]")


_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def traditional_count(text: str) -> tuple[int, int]:
    """(characters the table would change, Chinese characters) in ``text`` (counted by regular expressions: an
    import pays well under a millisecond for it)."""
    return len(_foldable().findall(text)), len(_CHINESE.findall(text))


def is_traditional(text: str) -> bool:
    changed, chinese = traditional_count(text)
    return changed >= MIN_TRADITIONAL_CHARS and changed >= MIN_TRADITIONAL_SHARE * chinese


def to_simplified(text: str) -> str:
    """The words of the phrase list as the list says, every other character by the table."""
    phrases, folds = _table()["phrases"], _folds()
    out: list[str] = []
    done = 0
    for match in _phrases().finditer(text):
        out.append(text[done : match.start()].translate(folds))
        out.append(phrases[match.group()])
        done = match.end()
    out.append(text[done:].translate(folds))
    return "".join(out)


def simplified_note(changed: int) -> str:
    return f"原文为繁体字：已转换为简体字后识别和导入（{changed} 字），请核对正文用字"
