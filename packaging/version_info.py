"""The Windows version resource of gkdesk.exe, generated from ``gkdesk.__version__`` so it can never drift.

Explorer's "Properties → Details" and the installer read it; IT departments use it to see which build a clerk runs.
``version_tuple`` and ``version_strings`` are plain Python (tested on any OS); ``build_version_info`` needs
PyInstaller's Windows-only helpers (they import ``pefile``) and is called by the spec only when building on Windows.
"""

from __future__ import annotations

import re

COMPANY = "gkdesk"
PRODUCT = "gkdesk 政府信息公开工作年度报告编辑器"
DESCRIPTION = "政府信息公开工作年度报告编辑器"
EXE_NAME = "gkdesk.exe"
# Chinese (Simplified, PRC) and the Unicode code page: the string table id "080404B0".
LANGUAGE_ID = 0x0804
CODEPAGE = 1200


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """ "1.2.3", "1.2.3rc1", "1.2.dev4" → four numbers, as the Windows resource wants (missing parts are 0)."""
    match = re.match(r"^\s*v?(\d+(?:\.\d+){0,3})", version)
    if not match:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(n) for n in match.group(1).split(".")] + [0, 0, 0]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_strings(version: str) -> dict[str, str]:
    """The string table shown in the file's properties."""
    dotted = ".".join(str(n) for n in version_tuple(version))
    return {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": dotted,
        "InternalName": "gkdesk",
        "LegalCopyright": "gkdesk contributors",
        "OriginalFilename": EXE_NAME,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }


def string_table_id() -> str:
    return f"{LANGUAGE_ID:04X}{CODEPAGE:04X}"


def build_version_info(version: str) -> object:
    """A PyInstaller ``VSVersionInfo`` for ``EXE(version=...)`` (Windows builds only)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_tuple(version)
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1),
        kids=[
            vi.StringFileInfo(
                [
                    vi.StringTable(
                        string_table_id(), [vi.StringStruct(k, v) for k, v in version_strings(version).items()]
                    )
                ]
            ),
            vi.VarFileInfo([vi.VarStruct("Translation", [LANGUAGE_ID, CODEPAGE])]),
        ],
    )
