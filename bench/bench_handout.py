"""Handout benchmarks: what a customer gets from a 300-workload board with the defaults.

Run: `python bench/bench_handout.py` (a table) or `--json` (the bench protocol, see _common.py).
The board is `synthetic_board(300)` with its workloads spread over 25 groups of very different
sizes (every 11th in none), as an estate imported from an inventory would be. Figures: a whole
`whiteboard export board.json --pdf handout.pdf` process with the defaults (automatic detail and
appendix: attention and summary above 50 workloads), median of several runs, and the layout
alone in process; the page count is in the name (issue 15 asks for at most 60 pages in 5 s).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from _common import BENCH_DIR, Result, bench_main, child_env, run_child, synthetic_board, time_runs

if TYPE_CHECKING:
    from whiteboard.model import Board

WORKLOADS = 300
GROUPS = 25
PROCESS_RUNS = 3
TARGET_S = 5.0


def grouped_board(count: int = WORKLOADS) -> Board:
    """`synthetic_board(count)` with a group on each workload (skewed sizes, some with none)."""
    board = synthetic_board(count, name=f"Grouped estate of {count} workloads")
    names = [f"App {chr(65 + i)} {'portal' if i % 3 == 0 else 'billing'}" for i in range(GROUPS)]

    def group(index: int) -> str | None:
        spread = (index * 0.6180339) % 1
        return None if index % 11 == 0 else names[int(GROUPS * spread * spread)]

    workloads = tuple(
        w.model_copy(update={"group": group(i)}) for i, w in enumerate(board.workloads)
    )
    return board.model_copy(update={"workloads": workloads})


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def handout_process() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as folder:
        code = (
            "import sys; from bench_handout import grouped_board; "
            "from whiteboard.model import save_board; "
            "save_board(grouped_board(), sys.argv[1] + '/board.json')"
        )
        env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
        child = run_child([sys.executable, "-c", code, folder], timeout=300, env=env)
        if child.returncode != 0:
            raise RuntimeError(f"could not write the test board: {child.stderr.strip()}")
        argv = [sys.executable, "-m", "whiteboard", "export", "board.json", "--pdf", "h.pdf"]
        times, peaks = [], []
        for _ in range(PROCESS_RUNS):
            run = run_child(argv, timeout=300, env=child_env(), cwd=folder)
            if run.returncode != 0:
                raise RuntimeError(f"export failed: {run.stderr.strip()}")
            times.append(run.seconds)
            peaks.append(run.peak_mb)
        pages = _pages((Path(folder) / "h.pdf").read_bytes())
    return Result.timed(
        f"handout: {WORKLOADS} workloads in {GROUPS} groups, defaults, {pages} pages "
        "(whole process)",
        times,
        target=TARGET_S,
        peak_mb=round(max(peaks), 1),
    )


def handout_render() -> Result:
    """Scoring and layout alone (no process start, no writing)."""
    from whiteboard.export.handout import render_handout
    from whiteboard.scoring import score_board

    board = grouped_board()
    scores = score_board(board)
    pages = _pages(render_handout(board, scores))
    return Result.timed(
        f"handout: render_handout, {WORKLOADS} workloads, defaults, {pages} pages (in process)",
        time_runs(lambda: render_handout(board, scores), runs=5, warmup=1),
        target=TARGET_S / 2,
    )


BENCHMARKS = {"process": handout_process, "render": handout_render}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
