"""Golden files: the exported ``word/document.xml`` and ``word/styles.xml`` of 交口县 2021, pretty-printed.

Any change to the printed layout shows up here as a readable XML diff. After an intended change, regenerate with
``GKDESK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/io/test_export_golden.py`` and review the diff before committing.
Timestamps, rsids and the embedded report with its fingerprint live in other parts or are stripped, so the
references do not change from run to run.
"""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gkdesk.io.docx_styles import template_path
from gkdesk.io.docx_writer import docx_bytes
from tests.io.export_support import jiaokou_2021, signed

REFERENCE = Path(__file__).resolve().parent.parent / "_reference"
UPDATE = os.environ.get("GKDESK_UPDATE_GOLDEN") == "1"
_VOLATILE = ("rsid", "paraId", "textId")


def pretty(xml: bytes) -> str:
    """Indented XML without the attributes Word or a rerun would change."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True))
    for element in root.iter():
        for name in list(element.attrib):
            if any(word in name for word in _VOLATILE):
                del element.attrib[name]
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def _check(name: str, actual: str) -> None:
    path = REFERENCE / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing reference {path}; create it with GKDESK_UPDATE_GOLDEN=1")
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; see the module docstring to regenerate"


@pytest.fixture(scope="module")
def exported() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(docx_bytes(signed(jiaokou_2021()), draft=False)))


def test_document_xml_matches_the_reference(exported):
    _check("jiaokou-2021.document.xml", pretty(exported.read("word/document.xml")))


def test_styles_xml_matches_the_reference(exported):
    _check("jiaokou-2021.styles.xml", pretty(exported.read("word/styles.xml")))


def test_reference_shows_the_official_labels_and_figures():
    """A guard against regenerating the references from a broken export."""
    document = (REFERENCE / "jiaokou-2021.document.xml").read_text(encoding="utf-8")
    for text in (
        "一、总体情况",
        "第二十条第（八）项",
        ">53.6836<",
        ">3388<",
        "三、本年度办理结果",
        "复议后起诉",
        "2022年1月24日",
    ):
        assert text in document


def _load_builder():
    path = Path(__file__).resolve().parents[2] / "templates" / "build_template.py"
    spec = importlib.util.spec_from_file_location("build_template", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_what_the_builder_makes():
    built = zipfile.ZipFile(io.BytesIO(_load_builder().build_template_bytes()))
    committed = zipfile.ZipFile(template_path())
    assert sorted(built.namelist()) == sorted(committed.namelist())
    for name in built.namelist():
        assert built.read(name) == committed.read(name), f"{name}: run templates/build_template.py"


def test_template_has_no_theme_fonts_and_an_empty_body():
    committed = zipfile.ZipFile(template_path())
    for name in committed.namelist():
        if name.endswith(".xml") and not name.startswith("word/theme"):
            assert b"Theme=" not in committed.read(name) and b"theme=" not in committed.read(name), name
    body = etree.fromstring(committed.read("word/document.xml")).find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"
    )
    assert [child.tag.split("}")[1] for child in body] == ["sectPr"]
