"""Model benchmarks: load, save, edit and validate a board of 10,000 workloads; save and load
one of the most workloads a board file holds (`MAX_WORKLOADS`), and the size of its file;
`whiteboard validate` of the demo board, which is nearly all start-up.

Each figure comes as wall-clock time (what a user waits) and CPU time (what the work costs; on
a busy shared machine the wall figure also measures the neighbours).

Run: `python bench/bench_model.py` (a table) or `--json` (the bench protocol, see _common.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from _common import (
    BENCH_DIR,
    PROJECT_ROOT,
    Result,
    bench_main,
    child_env,
    run_child,
    time_runs,
    timed_command,
)

WORKLOADS = 10_000
RUNS = 5

#: Seconds. A 10,000-workload file is ~3.4 MB (6 MB before saves were compact, issue 18); these
#: leave room for slower machines than ours.
LOAD_TARGET_S = 1.0
SAVE_TARGET_S = 1.0
VALIDATE_TARGET_S = 2.0
EDIT_TARGET_MS = 50.0
#: `validate` of the demo board (12 workloads) is start-up: interpreter, pydantic, the model's
#: classes, one command's parser (issue 18). Medians of this many whole processes.
DEMO_VALIDATE_TARGET_S = 0.15
DEMO_VALIDATE_RUNS = 9
DEMO_BOARD = PROJECT_ROOT / "assets" / "boards" / "demo.json"


@contextmanager
def _board_file() -> Iterator[Path]:
    """A saved 10,000-workload board, written by a child so its cost stays out of our peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-model-") as folder:
        path = Path(folder) / "estate.json"
        code = (
            "import sys; from _common import synthetic_board; "
            "from whiteboard.model import save_board; "
            f"save_board(synthetic_board({WORKLOADS}), sys.argv[1])"
        )
        env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
        child = run_child([sys.executable, "-c", code, str(path)], timeout=300, env=env)
        if child.returncode != 0:
            raise RuntimeError(f"could not write the test board: {child.stderr.strip()}")
        yield path


def load() -> list[Result]:
    from whiteboard.model import load_board

    with _board_file() as path:
        wall = time_runs(lambda: load_board(path), runs=RUNS, warmup=1)
        cpu = time_runs(lambda: load_board(path), runs=RUNS, warmup=0, clock=time.process_time)
    name = f"model: load a {WORKLOADS:,}-workload board"
    return [
        Result.timed(f"{name} (wall)", wall, target=LOAD_TARGET_S),
        Result.timed(f"{name} (CPU)", cpu, target=LOAD_TARGET_S),
    ]


def save() -> list[Result]:
    from whiteboard.model import load_board, save_board

    with _board_file() as path:
        board = load_board(path)
        wall = time_runs(lambda: save_board(board, path), runs=RUNS, warmup=1)
        cpu = time_runs(
            lambda: save_board(board, path), runs=RUNS, warmup=0, clock=time.process_time
        )
    name = f"model: save a {WORKLOADS:,}-workload board"
    return [
        Result.timed(f"{name} (wall)", wall, target=SAVE_TARGET_S),
        Result.timed(f"{name} (CPU)", cpu, target=SAVE_TARGET_S),
    ]


def edit() -> Result:
    """One placement change: what every drag-and-drop and every undo step costs the model."""
    from _common import synthetic_board

    board = synthetic_board(WORKLOADS)
    ids = board.workload_ids
    targets = (board.targets[1], board.targets[-1])  # instances and functions, looked up
    counter = iter(range(10**9))

    def one_edit() -> None:
        step = next(counter)
        board.with_placement(ids[step % len(ids)], targets[step % 2])

    wall = time_runs(one_edit, runs=25, warmup=2)
    cpu = time_runs(one_edit, runs=25, warmup=0, clock=time.process_time)
    name = f"model: one placement edit on {WORKLOADS:,} workloads"
    return [
        Result.timed(f"{name} (wall)", wall, unit="ms", target=EDIT_TARGET_MS),
        Result.timed(f"{name} (CPU)", cpu, unit="ms", target=EDIT_TARGET_MS),
    ]


def validate_process() -> list[Result]:
    """`whiteboard validate` as a user runs it: interpreter start, imports, load, summary."""
    with _board_file() as path:
        argv = [sys.executable, "-m", "whiteboard", "validate", str(path)]
        wall, cpu, peaks = [], [], []
        for _ in range(RUNS):
            child = run_child(argv, timeout=120, env=child_env())
            if child.returncode != 0:
                raise RuntimeError(f"whiteboard validate failed: {child.stderr.strip()}")
            wall.append(child.seconds)
            cpu.append(child.cpu_seconds)
            peaks.append(child.peak_mb)
    name = f"model: `whiteboard validate` a {WORKLOADS:,}-workload board, whole process"
    peak = round(max(peaks), 1)
    return [
        Result.timed(f"{name} (wall)", wall, target=VALIDATE_TARGET_S, peak_mb=peak),
        Result.timed(f"{name} (CPU)", cpu, target=VALIDATE_TARGET_S, peak_mb=peak),
    ]


def validate_demo() -> Result:
    """`whiteboard validate demo.json` as a user runs it, whole process (issue 18)."""
    return timed_command(
        "model: `whiteboard validate` the demo board (whole process)",
        [sys.executable, "-m", "whiteboard", "validate", str(DEMO_BOARD)],
        DEMO_VALIDATE_RUNS,
        DEMO_VALIDATE_TARGET_S,
    )


def at_the_limit() -> list[Result]:
    """A board of `MAX_WORKLOADS` workloads: its file must stay within what the loader reads
    (`MAX_FILE_BYTES`), and it saves and loads in the time of the 10,000 scaled by four."""
    from _common import synthetic_board

    from whiteboard.model import load_board, save_board
    from whiteboard.model.io import MAX_FILE_BYTES, MAX_WORKLOADS

    board = synthetic_board(MAX_WORKLOADS)
    with tempfile.TemporaryDirectory(prefix="bench-model-") as folder:
        path = Path(folder) / "estate.json"
        save_wall = time_runs(lambda: save_board(board, path), runs=3, warmup=0)
        size_mb = path.stat().st_size / 2**20
        load_wall = time_runs(lambda: load_board(path), runs=3, warmup=0)
    name = f"model: a {MAX_WORKLOADS:,}-workload board, the most a file holds"
    scale = MAX_WORKLOADS / WORKLOADS
    return [
        Result(f"{name}: file size", round(size_mb, 1), "MB", target=MAX_FILE_BYTES / 2**20),
        Result.timed(f"{name}: save (wall)", save_wall, target=scale * SAVE_TARGET_S),
        Result.timed(f"{name}: load (wall)", load_wall, target=scale * LOAD_TARGET_S),
    ]


BENCHMARKS = {
    "load": load,
    "save": save,
    "edit": edit,
    "validate": validate_process,
    "validate_demo": validate_demo,
    "limit": at_the_limit,
}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
