"""Scoring: feasibility against documented limits, pillar scores with reasons, recommendations.

The API other packages use:

- `score_board(board, weights=None, catalog=None) -> BoardScore`
- `Scorer(board, weights=None, catalog=None)` with `.workload(id)`, `.target(id, target)`,
  `.board_score()`, `.summary()`, `.quick(id)` / `.overview()` (numbers only, no reasons:
  several times faster on big boards), `.recommended(id)` / `.recommendations()`, and
  `.updated(new_board, changed=None)` (reuses the board-wide work after an edit)
- `parse_weights(text)` for `--weights pillar=number,...` (raises `WeightsError`)
- `PILLAR_NAMES`: pillar id -> the name people read; `serialize.board_score_to_dict` and
  `report.render_report` give the JSON and text forms the CLI prints.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whiteboard.scoring.engine import Scorer, score_board
    from whiteboard.scoring.quick import QuickScore
    from whiteboard.scoring.recommend import PILLAR_NAMES
    from whiteboard.scoring.results import (
        BoardScore,
        BoardSummary,
        Factor,
        TargetScore,
        WorkloadScore,
    )
    from whiteboard.scoring.weights import WeightsError, parse_weights, resolve_weights

#: Name -> the module that defines it. Imported on first use, so a command that needs one part
#: (`validate` reads only `scoring.cycles`) does not load the catalog, the prices and the rules.
_HOMES = {
    "Scorer": "engine",
    "score_board": "engine",
    "QuickScore": "quick",
    "PILLAR_NAMES": "recommend",
    "BoardScore": "results",
    "BoardSummary": "results",
    "Factor": "results",
    "TargetScore": "results",
    "WorkloadScore": "results",
    "WeightsError": "weights",
    "parse_weights": "weights",
    "resolve_weights": "weights",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "PILLAR_NAMES",
    "BoardScore",
    "BoardSummary",
    "Factor",
    "QuickScore",
    "Scorer",
    "TargetScore",
    "WeightsError",
    "WorkloadScore",
    "parse_weights",
    "resolve_weights",
    "score_board",
]
