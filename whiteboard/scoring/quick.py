"""The quick form of a workload's score: numbers only, no reasons and no sentences.

Ranking, placing and summarising 10,000 workloads need only the pillar scores, the overall
scores and feasibility; building every reason mapping and one-line why for all of them would
cost several times more. `QuickScore` gives the same numbers as the full `WorkloadScore`
(a test holds the two together), so the board summary and the overview table use it, and only
the workloads a person reads about get the full score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import mul
from typing import NamedTuple

from whiteboard.cost.estimate import Estimate
from whiteboard.model import TargetId
from whiteboard.scoring.feasibility import TargetFacts
from whiteboard.scoring.rules import MISPLACED_MARGIN


class QuickScore(NamedTuple):
    """One workload on every target (in catalog order), in numbers."""

    placed_on: TargetId | None
    recommended: TargetId | None
    #: Per target: weighted mean of the pillars, rounded to 0.1 like `TargetScore.overall`.
    overall: tuple[float, ...]
    #: Per target: the six pillar scores in pillar order.
    pillars: tuple[tuple[float, ...], ...]
    #: Per target: the first broken limit, or None when the workload can run there.
    first_violation: tuple[str | None, ...]
    #: Per target: the monthly estimate, None where it cannot run (or when not estimated).
    costs: tuple[Estimate | None, ...] = ()


def overall_of(weighted_sum: float, weight_sum: float, *, feasible: bool) -> float:
    """The overall score: the weighted mean of the pillars, or 0 where the workload cannot run.

    A target that breaks a hard limit keeps its pillar scores (they still explain the trade-off)
    but its overall is 0, so no card, column or table ever shows an impossible placement
    scoring higher than a possible one.
    """
    return round(weighted_sum / weight_sum, 1) if feasible else 0.0


def quick_score(
    targets: Sequence[TargetFacts],
    pillar_rows: Sequence[tuple[float, ...]],
    broken: Sequence[tuple[str, ...]],
    weights: Sequence[float],
    placed_on: TargetId | None,
    costs: tuple[Estimate | None, ...] = (),
) -> QuickScore:
    """Rank the feasible targets by weighted pillar sum; ties go to the target further left.

    The loop inlines `overall_of` (the same arithmetic): it runs once per workload and target,
    70,000 times for a 10,000-workload board of the 2026 edition."""
    weight_sum = sum(weights)
    best: TargetId | None = None
    best_key = 0.0
    overall = []
    append = overall.append
    for facts, scores, violated in zip(targets, pillar_rows, broken):  # noqa: B905 (same length)
        key = sum(map(mul, weights, scores))
        if violated:
            append(0.0)
            continue
        append(round(key / weight_sum, 1))
        if best is None or key > best_key:
            best, best_key = facts.id, key
    return QuickScore(
        placed_on=placed_on,
        recommended=best,
        overall=tuple(overall),
        pillars=tuple(pillar_rows),
        first_violation=tuple(v[0] if v else None for v in broken),
        costs=costs,
    )


def misplaced_gap(quick: QuickScore, positions: Mapping[TargetId, int]) -> float | None:
    """How many overall points the recommendation beats the placement by, when that makes the
    placement misplaced (at least MISPLACED_MARGIN, compared on the shown 0.1-rounded
    figures); None when it is not placed, cannot run there (a worse problem, reported as
    such) or is close enough. The one test of "misplaced" for the summary, the CLI and views.
    """
    placed, better = quick.placed_on, quick.recommended
    if placed is None or better is None or better == placed:
        return None
    at = positions[placed]
    if quick.first_violation[at] is not None:
        return None
    gap = round(quick.overall[positions[better]] - quick.overall[at], 1)
    return gap if gap >= MISPLACED_MARGIN else None
