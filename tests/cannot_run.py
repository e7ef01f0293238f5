"""A board whose impossible placement looks better than its recommendation, for the tests that
every view says "Cannot run" first and greys that target's scores (window, CLI, handout)."""

from __future__ import annotations

from statistics import fmean

from whiteboard.model import Board, Workload
from whiteboard.scoring import Scorer, TargetScore

GPU_ID = "gpu-infer"
GPU_NAME = "GPU inference"


def gpu_on_lambda(target: str = "lambda") -> Board:
    """An event-driven GPU job on `target` (Lambda by default, which has no GPUs: two broken
    limits, the scratch space first), beside a web shop that fits Fargate."""
    return Board(
        name="GPU board",
        workloads=(
            Workload(
                id=GPU_ID,
                name=GPU_NAME,
                architecture="cattle",
                gpu=True,
                traffic="event_driven",
                max_runtime_s=30,
            ),
            Workload(id="web", name="Web shop", architecture="cattle"),
        ),
        placements={GPU_ID: target, "web": "fargate"},  # type: ignore[dict-item]
    )


def lambda_score(board: Board) -> TargetScore:
    """The GPU job on Lambda, checked to be the case these tests are about: it cannot run
    there, with more than one broken limit, yet its pillar scores look better on the whole than
    those of the recommendation."""
    score = Scorer(board).workload(GPU_ID)
    on_lambda = score.targets["lambda"]
    assert not on_lambda.feasible and len(on_lambda.violations) >= 2
    assert score.recommended is not None
    best = score.targets[score.recommended]
    assert fmean(on_lambda.pillars.values()) > fmean(best.pillars.values())
    return on_lambda


def greyed_scores(score: TargetScore) -> list[str]:
    """The target's six pillar scores as an impossible target shows them: in parentheses."""
    return [f"({value:.0f})" for value in score.pillars.values()]
