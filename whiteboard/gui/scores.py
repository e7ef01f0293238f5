"""The window's scores of the open board, kept up to date edit by edit (no Qt).

`Scorer.updated` carries the unchanged workloads' scores over to the next board (and starts
afresh itself when the weights changed, since that moves every overall score).

The slide layouts read one thing from a BoardScore: `scores.workloads.get(id)` (see
`slides.cards.placed_score`). `layout_scores()` hands them exactly that, scored on demand, so
redrawing the slide after a drop scores the ~50 cards it shows instead of the whole board and
its summary (2,000 workloads: ~1 s -> ~50 ms). Anything else read from it fails loudly with an
AttributeError rather than seeing made-up numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import cast

from whiteboard.model import Board, TargetId
from whiteboard.scoring import BoardScore, Scorer, WorkloadScore


class OnDemandScores(Mapping[str, WorkloadScore]):
    """Workload id -> its score, computed (and cached by the scorer) when first read."""

    def __init__(self, scorer: Scorer) -> None:
        self._scorer = scorer

    def __getitem__(self, workload_id: str) -> WorkloadScore:
        return self._scorer.workload(workload_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._scorer.board.workload_ids)

    def __len__(self) -> int:
        return len(self._scorer.board.workloads)


@dataclass(frozen=True, slots=True)
class LayoutScores:
    """The part of a BoardScore the layouts use, and the numbers a group card reads of each
    of its workloads without their reasons (`slides.cards.placed_numbers`)."""

    workloads: Mapping[str, WorkloadScore]
    placed_numbers: Callable[[str, TargetId], tuple[float, bool]]


class ScoreBook:
    def __init__(self, board: Board) -> None:
        self._scorer = Scorer(board)

    @property
    def board(self) -> Board:
        return self._scorer.board

    def update(self, board: Board) -> None:
        if board is self._scorer.board:
            return
        self._scorer = self._scorer.updated(board)

    def workload(self, workload_id: str) -> WorkloadScore:
        return self._scorer.workload(workload_id)

    def recommended(self, workload_id: str) -> TargetId | None:
        return self._scorer.recommended(workload_id)

    def placed_numbers(self, workload_id: str, target: TargetId) -> tuple[float, bool]:
        return self._scorer.placed_numbers(workload_id, target)

    def layout_scores(self) -> BoardScore:
        """Scores for `compute_slide` and `pets_cattle_chart`, computed as they are read."""
        scorer = self._scorer
        return cast(BoardScore, LayoutScores(OnDemandScores(scorer), scorer.placed_numbers))
