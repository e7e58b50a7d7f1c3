"""The faces the painted pages use: the official font where installed, else a named fallback.

Office PCs usually have the official faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体). Where one is missing
the page is painted with the first installed face of its fallback list (the Windows faces Word would substitute,
then the Noto CJK faces of a Linux machine), and the export log names every substitution, so the clerk knows the
PDF is not typeset in the official face. The metrics of the layout never depend on the face: body characters sit
on the 28-character grid whatever face draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFontDatabase

from gkdesk.io.docx_styles import FONT_BODY, FONT_HEI, FONT_KAI, FONT_SONG, FONT_TITLE, LATIN_FONT

# Role → (official face, fallbacks in order of preference). Windows names first (华文中宋, 仿宋, 楷体 as Word's
# w:altName in the template), then what Linux CI and most distributions have (fonts-noto-cjk).
_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "AR PL UMing CN")
_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Heiti SC")
FACES: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": (FONT_TITLE, ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", *_SERIF)),
    "body": (FONT_BODY, ("仿宋", "FangSong", "华文仿宋", "STFangsong", *_SERIF)),
    "kai": (FONT_KAI, ("楷体", "KaiTi", "华文楷体", "STKaiti", "AR PL UKai CN", *_SERIF)),
    "hei": (FONT_HEI, ("SimHei", "Microsoft YaHei", "微软雅黑", *_SANS)),
    "song": (FONT_SONG, ("SimSun", "NSimSun", "新宋体", *_SERIF)),
    # only faces with Times New Roman's metrics; without one the digits take the CJK face of their text
    "latin": (LATIN_FONT, ("Liberation Serif", "Tinos", "Nimbus Roman")),
}
ROLE_NAMES = {
    "title": "标题",
    "body": "正文",
    "kai": "二级标题",
    "hei": "一级标题",
    "song": "表格和页码",
    "latin": "数字和西文",
}


@dataclass(frozen=True)
class FaceChoice:
    role: str
    official: str
    family: str  # what is painted; "" when nothing of the list is installed (Qt's own default face is used)

    @property
    def is_official(self) -> bool:
        return self.family == self.official


def _installed() -> set[str]:
    return set(QFontDatabase.families())


@cache
def _choose(role: str, installed: frozenset[str]) -> FaceChoice:
    official, fallbacks = FACES[role]
    for family in (official, *fallbacks):
        if family in installed:
            return FaceChoice(role, official, family)
    return FaceChoice(role, official, "")  # Qt's default face (for "latin": the CJK faces' own Latin letters)


def face_choices() -> dict[str, FaceChoice]:
    """The face of every role on this machine (a QGuiApplication must exist)."""
    installed = frozenset(_installed())
    return {role: _choose(role, installed) for role in FACES}


def font_notes(choices: dict[str, FaceChoice]) -> list[str]:
    """One export-log line saying which faces the pages were painted with."""
    used: list[str] = []
    for role, choice in choices.items():
        if choice.is_official:
            used.append(f"{ROLE_NAMES[role]}“{choice.official}”")
        elif choice.family:
            used.append(f"{ROLE_NAMES[role]}“{choice.official}”未安装，改用“{choice.family}”")
        elif role == "latin":
            used.append(f"{ROLE_NAMES[role]}“{choice.official}”未安装，用所在文字的中文字体")
        else:
            used.append(f"{ROLE_NAMES[role]}“{choice.official}”未安装，使用系统默认字体")
    return ["PDF 使用的字体（已嵌入）：" + "；".join(used)]
