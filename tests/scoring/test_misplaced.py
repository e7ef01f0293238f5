"""One test decides "misplaced" for the board summary and the command line alike."""

from __future__ import annotations

import ast
import inspect

from whiteboard.model import Board
from whiteboard.scoring import Scorer, quick, report, summary
from whiteboard.scoring.quick import QuickScore, misplaced_gap
from whiteboard.scoring.rules import MISPLACED_MARGIN

POSITIONS = {"ec2": 0, "fargate": 1}


def _quick(placed: float, better: float, violation: str | None = None) -> QuickScore:
    return QuickScore(
        placed_on="ec2",
        recommended="fargate",
        overall=(placed, better),
        pillars=((50.0,) * 6, (60.0,) * 6),
        first_violation=(violation, None),
    )


def test_the_gap_is_compared_as_the_figures_are_shown() -> None:
    assert MISPLACED_MARGIN == 10.0
    assert misplaced_gap(_quick(50.0, 60.0), POSITIONS) == 10.0
    # 9.96 is shown as 10.0 next to the scores: it counts, as the reader would expect.
    assert misplaced_gap(_quick(50.0, 59.96), POSITIONS) == 10.0
    assert misplaced_gap(_quick(50.0, 59.9), POSITIONS) is None


def test_not_misplaced_when_unplaced_at_the_recommendation_or_unable_to_run() -> None:
    assert misplaced_gap(_quick(50.0, 90.0)._replace(placed_on=None), POSITIONS) is None
    assert misplaced_gap(_quick(50.0, 90.0)._replace(recommended="ec2"), POSITIONS) is None
    assert misplaced_gap(_quick(0.0, 90.0, "cannot run"), POSITIONS) is None


def test_summary_and_report_call_the_one_function_and_keep_no_margin_of_their_own() -> None:
    for module in (summary, report):
        source = inspect.getsource(module)
        assert "misplaced_gap(" in source, module.__name__
        names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
        assert "MISPLACED_MARGIN" not in names, module.__name__
    assert "MISPLACED_MARGIN" in inspect.getsource(quick)


def test_the_summary_and_the_cli_name_the_same_misplaced_workloads(demo_board: Board) -> None:
    board = demo_board
    for wid in demo_board.workload_ids:  # everything on bare metal: many misplaced
        board = board.with_placement(wid, "bare_metal")
    scorer = Scorer(board)
    overview = scorer.overview()
    order = scorer.target_ids
    in_trouble = set(report._in_trouble(overview, order))
    risky = {
        line.split("(")[1].split(")")[0]
        for line in scorer.summary().top_risks
        if " scores " in line
    }
    positions = {t: i for i, t in enumerate(order)}
    gaps = {wid for wid, q in overview.items() if misplaced_gap(q, positions) is not None}
    assert risky and risky <= gaps <= in_trouble
