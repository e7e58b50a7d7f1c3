"""Every reader on the project's own corpus (``tests/corpus.py``): each figure read back equals the source's.

No reference material is needed: the sources are the bundled example and made-up reports, written by our own
writers in every shape the readers handle. The LibreOffice shapes run where ``soffice`` is installed (``.ci/run``
installs it), like the other ``libreoffice`` tests.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from gkdesk.io.txt_reader import read_text_report
from tests import corpus
from tests.io.export_support import as_embedded
from tests.io.import_expect import table_content

# Cases a reader does not read completely yet: (source, shape) -> reason, run as xfail(strict=False) so that work
# on the table recogniser is not blocked by them (pytest reports XPASS once one passes: then remove it). Empty: the
# recogniser of 2026-12-01 reads every case.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _param(source: str, shape: str) -> object:
    reason = KNOWN_GAPS.get((source, shape)) or KNOWN_GAPS.get(("*", shape))
    marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
    return pytest.param(source, shape, marks=marks, id=f"{source}-{shape}")


CASES = [_param(source, shape) for source in corpus.SOURCES for shape in corpus.SHAPES]
LIBREOFFICE_CASES = [_param(source, shape) for source in corpus.SOURCES for shape in corpus.LIBREOFFICE_SHAPES]


def assert_same_figures(got: Report, source: Report, *, ambiguous: bool = False) -> None:
    """Year, formats and every cell of the three tables (counts, amounts with their digits, texts); nothing unread.

    ``ambiguous`` (figures run together): a cell may be left unread, with the reason in the import log, but a
    figure that was read must be the source's.
    """
    assert (got.year, corpus.formats(got)) == (source.year, corpus.formats(source))
    for form_id, table in source.tables.items():
        mine = got.tables[form_id]
        unread = set(mine.unread_cells) if ambiguous else set()
        wrong = {
            cell_id: (mine.get(cell_id), table.get(cell_id))
            for cell_id in table.form.cell_ids()
            if cell_id not in unread
            and (mine.get(cell_id) != table.get(cell_id) or str(mine.get(cell_id)) != str(table.get(cell_id)))
        }
        assert not wrong, f"{form_id}: {{cell: (read, source)}} = {wrong}"
        assert mine.present and mine.variant == table.variant, form_id
        assert mine.blank_cells == [], form_id
        if unread:
            assert any(set(e.cells) & {f"{form_id}:{c}" for c in unread} for e in got.import_log), form_id
        else:
            assert table_content(mine) == table_content(table), form_id
            assert mine.unread_cells == [], form_id


@pytest.fixture(scope="module")
def sources() -> dict[str, Report]:
    return {name: corpus.source_report(name) for name in corpus.SOURCES}


def test_sources_keep_every_consistency_rule(sources: dict[str, Report]) -> None:
    """The made-up figures add up (R1-R4), the narrative states the tables' figures (R7), dates are right (R8)."""
    for name, report in sources.items():
        result = check(report)
        assert not result.errors, (name, result.errors)
        rules = {f.code for f in result.findings} - {"MIXED", "FORMAT"}  # the mixed source is mixed on purpose
        # the made-up prose is short and names few of the required elements: the content checks' concern, not the
        # consistency rules' (the figures it states are still compared: R7, FEE)
        rules = {c for c in rules if not c.startswith("ELEMENT:") and c not in ("SHORT", "VAGUE")}
        assert not rules, (name, result.findings)


def test_sources_cover_both_formats_and_the_mixed_one(sources: dict[str, Report]) -> None:
    assert {corpus.formats(r) for r in sources.values()} == {
        ("2021", "2021", "2021"),
        ("2019-trial", "2019-trial", "2019-trial"),
        ("2021", "2019-trial", "2021"),
    }
    figures = [v for r in sources.values() for t in r.tables.values() for v in t.counts.values()]
    assert max(figures) > 10_000 and min(figures) < 0  # real-shaped: large figures, and 2019's 本年增/减 below zero


@pytest.mark.parametrize(("source", "shape"), CASES)
def test_every_figure_is_read_back(source: str, shape: str, sources: dict[str, Report], tmp_path: Path) -> None:
    report = sources[source]
    path = corpus.write_shape(source, shape, tmp_path, report)
    got = load_report(path)
    assert_same_figures(got, report, ambiguous=corpus.SHAPES[shape].ambiguous)
    if corpus.SHAPES[shape].exact:
        assert got.model_copy(update={"import_log": report.import_log, "source_file": report.source_file}) == (
            as_embedded(report) if path.suffix == ".docx" else report
        )


@pytest.fixture(scope="module")
def through_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    if corpus.soffice() is None:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    return corpus.libreoffice_corpus(tmp_path_factory.mktemp("corpus-libreoffice"))


@pytest.mark.libreoffice
@pytest.mark.parametrize(("source", "shape"), LIBREOFFICE_CASES)
def test_every_figure_survives_libreoffice(
    source: str, shape: str, sources: dict[str, Report], through_libreoffice: dict[tuple[str, str], Path]
) -> None:
    assert_same_figures(load_report(through_libreoffice[(source, shape)]), sources[source])


@pytest.mark.parametrize("seed", range(4))
def test_mutated_corpus_texts_are_read_or_refused_cleanly(seed: int, sources: dict[str, Report]) -> None:
    """The fuzzing of the seeds (test_fuzz_import), on the corpus's text shapes: never anything but a clean refusal."""
    from tests.io.test_fuzz_import import _accepts, _mutate_text

    texts = [
        maker(report)
        for report in sources.values()
        for maker in (corpus.cells_per_line, corpus.one_line, corpus.bare_carriage_returns, corpus.web_page)
    ]
    rng = random.Random(seed)
    for _ in range(8):
        text = rng.choice(texts)
        _accepts(lambda text=text: read_text_report(_mutate_text(rng, text), "fuzz.txt"))
