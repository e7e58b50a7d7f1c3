"""The content checks beyond the arithmetic, in the order the checker runs them (one module per rule).

Required elements (``elements``), parts far shorter than their peers (``part_length``), a 五 naming no concrete
problem (``vague_problems``), 六's fee statement against table 二 (``fee_statement``) and R7's figures about
tables 二 and 四 (``narrative_figures``). ``gkdesk.domain.checker.check`` includes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from gkdesk.domain.elements import elements_rule
from gkdesk.domain.fee_statement import fee_rule
from gkdesk.domain.findings import Finding
from gkdesk.domain.narrative_figures import narrative_figures_rule
from gkdesk.domain.part_length import short_parts_rule
from gkdesk.domain.report import Report
from gkdesk.domain.vague_problems import vague_problems_rule

CONTENT_RULES: tuple[Callable[[Report], Iterator[Finding]], ...] = (
    narrative_figures_rule,
    short_parts_rule,
    vague_problems_rule,
    fee_rule,
    elements_rule,
)
