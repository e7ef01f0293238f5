"""docs/scoring.md explains every rule: each constant of the rule table, each per-target rule row
and each catalog limit is named there, so a rule cannot be added or renamed undocumented."""

from __future__ import annotations

import re
from pathlib import Path

from whiteboard.catalog.schema import Limits, ScoringRows
from whiteboard.scoring import rules

DOC = Path(__file__).parent.parent / "docs" / "scoring.md"


def _named_in_doc() -> set[str]:
    return set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", DOC.read_text(encoding="utf-8")))


def _rule_constants() -> set[str]:
    return {name for name in vars(rules) if name.isupper() and not name.startswith("_")}


def test_every_constant_of_the_rule_table_is_documented() -> None:
    missing = sorted(_rule_constants() - _named_in_doc())
    assert not missing, f"docs/scoring.md does not name {missing}"


def test_every_per_target_rule_row_is_documented() -> None:
    missing = sorted(set(ScoringRows.model_fields) - _named_in_doc())
    assert not missing, f"docs/scoring.md does not name {missing}"


def test_every_catalog_limit_is_documented() -> None:
    missing = sorted(set(Limits.model_fields) - _named_in_doc())
    assert not missing, f"docs/scoring.md does not name {missing}"


def test_the_check_sees_the_constants() -> None:
    assert {"COLD_START", "BASE_SCORE", "MISPLACED_MARGIN"} <= _rule_constants()
    assert "Final" not in _rule_constants()
