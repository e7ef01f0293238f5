"""PowerPoint benchmarks: the demo board's editable build-up, whole process (issue 19: < 2 s).

Run: `python bench/bench_pptx.py` (a table) or `--json` (the bench protocol, see _common.py).
Figures are medians of several runs of a whole `whiteboard export ...` process (interpreter
start, imports, loading, scoring, drawing every build-up slide, writing the file). The peer,
measured in the same run, is `export --svg` of the same board: the same start, scoring and
layout with the lightest renderer, so the ratio is what the PowerPoint deck itself adds. The
300-workload board (grouped like an imported estate) shows how the deck grows with the board.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import Result, bench_main, board_folder, process_runs

from whiteboard.paths import DEMO_BOARD

PROCESS_RUNS = 5
TARGET_S = 2.0
GROUPED = 300


def _export(
    board: Path, flag: str, out: str, folder: Path | str
) -> tuple[list[float], list[float]]:
    argv = [sys.executable, "-m", "whiteboard", "export", str(board), flag, out]
    return process_runs(argv, folder, PROCESS_RUNS, f"export {flag}")


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
    expression = f"__import__('bench_handout').grouped_board({GROUPED})"
    with board_folder(expression, "bench-pptx-") as folder:
        times, peaks = _export(folder / "board.json", "--pptx", "big.pptx", folder)
        slides = _slides(folder / "big.pptx")
    return Result.timed(
        f"pptx: {GROUPED} workloads in groups, {slides} slides (whole process)",
        times,
        peak_mb=round(max(peaks), 1),
    )


BENCHMARKS = {"demo": demo_pptx, "svg_peer": demo_svg_peer, "grouped": grouped_pptx}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
