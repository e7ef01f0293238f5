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
