"""Export benchmarks: the demo board's SVG diagrams, a 300-workload handout and 1,000-workload
Terraform stubs, whole process.

Run: `python bench/bench_export.py` (a table) or `--json` (the bench protocol, see _common.py).
Figures are medians of several runs of a whole `whiteboard export ...` process (interpreter
start, imports, loading, scoring, rendering and the atomic writes), as a user would wait.
"""

from __future__ import annotations

import sys
import tempfile

from _common import (
    PROJECT_ROOT,
    Result,
    bench_main,
    board_folder,
    child_env,
    run_child,
    time_runs,
    timed_command,
)

HANDOUT_WORKLOADS = 300
STUB_WORKLOADS = 1_000
PROCESS_RUNS = 3
#: The diagrams alone start in a quarter of a second (issue 18): most of it is start-up.
SVG_RUNS = 9
SVG_TARGET_S = 0.25
DEMO_BOARD = PROJECT_ROOT / "assets" / "boards" / "demo.json"
HANDOUT_TARGET_S = 15.0
STUBS_TARGET_S = 2.0


def _board(count: int):
    """A folder with board.json of `count` synthetic workloads, written by a child process."""
    return board_folder(f"synthetic_board({count})", "bench-export-")


def _process(name: str, count: int, argv_tail: list[str], target: float) -> Result:
    with _board(count) as folder:
        argv = [sys.executable, "-m", "whiteboard", "export", "board.json", *argv_tail]
        times, peaks = [], []
        for _ in range(PROCESS_RUNS):
            child = run_child(argv, timeout=300, env=child_env(), cwd=folder)
            if child.returncode != 0:
                raise RuntimeError(f"{name} failed: {child.stderr.strip()}")
            times.append(child.seconds)
            peaks.append(child.peak_mb)
    return Result.timed(name, times, target=target, peak_mb=round(max(peaks), 1))


def svg_process() -> Result:
    """`whiteboard export demo.json --svg`, whole process: interpreter, imports, measuring text
    with the shipped fonts' metrics (issue 18: no reportlab, no font parsing on this path)."""
    with tempfile.TemporaryDirectory(prefix="bench-svg-") as folder:
        argv = [sys.executable, "-m", "whiteboard", "export", str(DEMO_BOARD)]
        argv += ["--svg", "demo.svg", "--force"]
        return timed_command(
            "export: demo board SVG diagrams (whole process)",
            argv,
            SVG_RUNS,
            SVG_TARGET_S,
            cwd=folder,
        )


def handout_process() -> Result:
    return _process(
        f"export: PDF handout, {HANDOUT_WORKLOADS} workloads (whole process)",
        HANDOUT_WORKLOADS,
        ["--pdf", "handout.pdf"],
        HANDOUT_TARGET_S,
    )


def stubs_process() -> Result:
    return _process(
        f"export: Terraform stubs, {STUB_WORKLOADS:,} workloads (whole process)",
        STUB_WORKLOADS,
        ["--terraform", "stubs"],
        STUBS_TARGET_S,
    )


def stubs_render() -> Result:
    """Rendering alone (no process start, no writing): where the template time goes."""
    from _common import synthetic_board

    from whiteboard.export.terraform import render_terraform

    board = synthetic_board(STUB_WORKLOADS)
    return Result.timed(
        f"export: render_terraform, {STUB_WORKLOADS:,} workloads (in process)",
        time_runs(lambda: render_terraform(board), runs=5, warmup=1),
        target=STUBS_TARGET_S / 2,
    )


BENCHMARKS = {
    "svg": svg_process,
    "handout": handout_process,
    "stubs": stubs_process,
    "stubs_render": stubs_render,
}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
