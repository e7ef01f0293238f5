"""The `whiteboard score` text: a target that cannot run the workload starts its row with
"Cannot run: <broken limit>", shows its pillar scores in parentheses below it, and comes after
the runnable target it would otherwise outscore."""

from __future__ import annotations

import re

from tests.cannot_run import GPU_ID, GPU_NAME, gpu_on_lambda, greyed_scores, lambda_score
from whiteboard.scoring import Scorer
from whiteboard.scoring.report import NOT_PRICED, render_report


def _block(report: str, workload_id: str) -> list[str]:
    """The lines of one workload's detail block."""
    blocks = report.split("\n\n")
    block = next(b for b in blocks if b.startswith(f"{workload_id} - "))
    return block.splitlines()


def _row(lines: list[str], name: str) -> int:
    """Where a target's row of the pillar table is (names are padded by two spaces at least)."""
    return next(i for i, line in enumerate(lines) if line.startswith(f"  {name}  "))


def test_a_target_that_cannot_run_starts_its_row_with_cannot_run() -> None:
    board = gpu_on_lambda()
    on_lambda = lambda_score(board)
    scorer = Scorer(board)
    lines = _block(render_report(scorer), GPU_ID)
    assert lines[0] == f"{GPU_ID} - {GPU_NAME}"
    names = scorer.short_names
    recommended = scorer.workload(GPU_ID).recommended
    assert recommended is not None

    lambda_at, best_at = (_row(lines, names[t]) for t in ("lambda", recommended))
    # The runnable recommendation first, with its numbers as they are.
    assert best_at < lambda_at
    best = scorer.workload(GPU_ID).targets[recommended]
    assert best.estimate is not None
    assert lines[best_at].split()[-8:] == [
        *(f"{v:.0f}" for v in best.pillars.values()),
        f"{best.overall:.1f}",
        f"{best.estimate.usd_month:,.2f}",
    ]
    # Lambda: its name, then "Cannot run: <first broken limit>", nothing before it.
    row = lines[lambda_at]
    assert row[2:].split(maxsplit=1)[1] == f"Cannot run: {on_lambda.violations[0]}"
    assert re.fullmatch(rf"  {names['lambda']} +Cannot run: .*", row)
    # Its scores below, every one in parentheses, and no overall, just the words again.
    scores = lines[lambda_at + 1]
    # Nothing sold there runs it: no price either, just a dash.
    assert on_lambda.estimate is None
    assert scores.split() == [*greyed_scores(on_lambda), "cannot", "run", NOT_PRICED]
    assert not re.search(r"(?<!\()\b\d+\b(?!\))", scores)  # no bare number on that line
    # Every broken limit is listed, after the reasons of the runnable target.
    listed = lines.index(f"  cannot run on {names['lambda']}:")
    assert lines[listed + 1 :] == [f"    - {v}" for v in on_lambda.violations]
    assert lines.index(f"  reasons on {names[recommended]}:") < listed


def test_the_cannot_run_row_keeps_the_table_aligned() -> None:
    board = gpu_on_lambda()
    lambda_score(board)
    lines = _block(render_report(Scorer(board)), GPU_ID)
    header = next(line for line in lines if line.rstrip().endswith("OVERALL   USD/MONTH"))
    scores = next(line for line in lines if ") cannot run" in line)
    assert len(scores) == len(header)
    assert all(len(line) == len(line.rstrip()) for line in lines)
