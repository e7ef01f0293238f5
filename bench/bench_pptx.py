"""PowerPoint benchmarks: the demo board's editable build-up, whole process (issue 19: < 2 s).

Run: `python bench/bench_pptx.py` (a table) or `--json` (the bench protocol, see _common.py).
Figures are medians of several runs of a whole `whiteboard export ...` process (interpreter
start, imports, loading, scoring, drawing every build-up slide, writing the file). The peer,
measured in the same run, is `export --svg` of the same board: the same start, scoring and
layout with the lightest renderer, so the ratio is what the PowerPoint deck itself adds. The
300-workload board (grouped like an imported estate) shows how the deck grows with the board.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _common import BENCH_DIR, Result, bench_main, child_env, run_child

from whiteboard.paths import DEMO_BOARD

PROCESS_RUNS = 5
TARGET_S = 2.0
GROUPED = 300


def _export(board: Path, flag: str, out: str, folder: str) -> tuple[list[float], list[float]]:
    argv = [sys.executable, "-m", "whiteboard", "export", str(board), flag, out]
    times, peaks = [], []
    for _ in range(PROCESS_RUNS):
        run = run_child(argv, timeout=300, env=child_env(), cwd=folder)
        if run.returncode != 0:
            raise RuntimeError(f"export failed: {run.stderr.strip()}")
        times.append(run.seconds)
        peaks.append(run.peak_mb)
    return times, peaks


def _slides(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def demo_pptx() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-pptx-") as folder:
        times, peaks = _export(DEMO_BOARD, "--pptx", "demo.pptx", folder)
        slides = _slides(Path(folder) / "demo.pptx")
    return Result.timed(
        f"pptx: demo board, {slides} slides (whole process)",
        times,
        target=TARGET_S,
        peak_mb=round(max(peaks), 1),
    )


def demo_svg_peer() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-pptx-") as folder:
        times, peaks = _export(DEMO_BOARD, "--svg", "demo.svg", folder)
    return Result.timed(
        "pptx peer: demo board as SVG (whole process)", times, peak_mb=round(max(peaks), 1)
    )


def grouped_pptx() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-pptx-") as folder:
        code = (
            "import sys; from bench_handout import grouped_board; "
            "from whiteboard.model import save_board; "
            f"save_board(grouped_board({GROUPED}), sys.argv[1] + '/board.json')"
        )
        env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
        child = run_child([sys.executable, "-c", code, folder], timeout=300, env=env)
        if child.returncode != 0:
            raise RuntimeError(f"could not write the test board: {child.stderr.strip()}")
        times, peaks = _export(Path(folder) / "board.json", "--pptx", "big.pptx", folder)
        slides = _slides(Path(folder) / "big.pptx")
    return Result.timed(
        f"pptx: {GROUPED} workloads in groups, {slides} slides (whole process)",
        times,
        peak_mb=round(max(peaks), 1),
    )


BENCHMARKS = {"demo": demo_pptx, "svg_peer": demo_svg_peer, "grouped": grouped_pptx}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
