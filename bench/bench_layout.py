"""Layout benchmarks: the compute slide and the pets/cattle chart for 2,000 placed workloads
(the chart both as the synthetic estate comes, ungrouped, and with its workloads in groups).

Run: `python bench/bench_layout.py` (a table) or `--json` (the bench protocol, see _common.py).
Scores are computed once, outside the timing: this measures the layout alone, as the GUI runs
it after every edit (the scoring engine has a bench of its own).
"""

from __future__ import annotations

from _common import Result, bench_main, synthetic_board, time_runs

WORKLOADS = 2_000
#: The GUI re-lays the slide on every drop: it must stay well inside one frame budget.
SLIDE_TARGET_MS = 50.0
#: Past 50 workloads the chart draws one bubble per group and target: it follows every edit.
CHART_TARGET_MS = 100.0
#: Applications of the grouped estate; `synthetic_board` gives workloads no group.
GROUPS = 40
SVG_TARGET_MS = 100.0


def _placed_board_and_scores():  # types live in whiteboard
    from whiteboard.scoring import score_board

    board = synthetic_board(WORKLOADS, seed=7)
    targets = board.targets
    placements = {w.id: targets[i % len(targets)] for i, w in enumerate(board.workloads)}
    board = board.with_fields(placements=placements)
    return board, score_board(board)


def _grouped(board):  # a copy of the synthetic board, its workloads in GROUPS applications
    workloads = tuple(
        w.model_copy(update={"group": None if i % 10 == 9 else f"Application {i * 7 % GROUPS:02d}"})
        for i, w in enumerate(board.workloads)
    )
    return board.with_fields(workloads=workloads)


def compute_slide_2000() -> Result:
    from whiteboard.slides.compute import compute_slide

    board, scores = _placed_board_and_scores()
    times = time_runs(lambda: compute_slide(board, scores), runs=15, warmup=2)
    return Result.timed(
        f"layout: compute slide with {WORKLOADS:,} placed workloads",
        times,
        unit="ms",
        target=SLIDE_TARGET_MS,
    )


def chart_2000() -> Result:
    from whiteboard.slides.chart import pets_cattle_chart

    board, scores = _placed_board_and_scores()
    times = time_runs(lambda: pets_cattle_chart(board, scores), runs=9, warmup=1)
    return Result.timed(
        f"layout: pets/cattle chart with {WORKLOADS:,} workloads",
        times,
        unit="ms",
        target=CHART_TARGET_MS,
    )


def svg_2000() -> Result:
    from whiteboard.render.svg import scene_to_svg
    from whiteboard.slides.compute import compute_slide

    board, scores = _placed_board_and_scores()
    scene = compute_slide(board, scores)
    times = time_runs(lambda: scene_to_svg(scene), runs=10, warmup=2)
    return Result.timed(
        f"layout: compute slide to SVG with {WORKLOADS:,} placed workloads",
        times,
        unit="ms",
        target=SVG_TARGET_MS,
    )


def chart_grouped_2000() -> Result:
    from whiteboard.scoring import score_board
    from whiteboard.slides.chart import pets_cattle_chart

    board, _ = _placed_board_and_scores()
    board = _grouped(board)
    scores = score_board(board)
    times = time_runs(lambda: pets_cattle_chart(board, scores), runs=9, warmup=1)
    return Result.timed(
        f"layout: pets/cattle chart with {WORKLOADS:,} workloads in {GROUPS} groups",
        times,
        unit="ms",
        target=CHART_TARGET_MS,
    )


BENCHMARKS = {
    "slide": compute_slide_2000,
    "chart": chart_2000,
    "chart-groups": chart_grouped_2000,
    "svg": svg_2000,
}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
