"""Scoring benchmarks on a 10,000-workload estate: score, recommend, import, rescore one.

Run: `python bench/bench_scoring.py` (a table) or `--json` (the bench protocol, see _common.py).
The whole-process figures include interpreter start and imports, as a user would see them.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from _common import BENCH_DIR, Result, bench_main, child_env, run_child

WORKLOADS = 10_000
PROCESS_RUNS = 3

#: Seconds for a whole `whiteboard ...` process on 10,000 workloads; MB of peak memory.
PROCESS_TARGET_S = 3.0
PEAK_TARGET_MB = 600.0
#: Milliseconds to rescore one workload after an edit (the window does it on every drop).
RESCORE_TARGET_MS = 1.0
#: Without the edited id, updated() compares the boards (in C, identity first).
UNNAMED_TARGET_MS = 5.0
#: A drop that flips whether a depended-on workload is fragile scans what depends on it.
FRAGILE_FLIP_TARGET_MS = 50.0
RESCORE_RUNS = 25
#: One dependency chain of pets (w0 -> w1 -> ...): each workload inherits all below it.
CHAIN = 200_000
#: Seconds for `whiteboard score` / `validate` on that chain, whole process (it once took
#: more than 6 GB and died: what each workload reaches grew with the square of the chain).
CHAIN_SCORE_TARGET_S = 30.0
CHAIN_VALIDATE_TARGET_S = 10.0


@contextmanager
def _estate(edition: str = "2026") -> Iterator[Path]:
    """A folder holding estate.json and estate.csv (10,000 workloads of `edition`), written by
    a child so its cost stays out of this process's peak memory."""
    with tempfile.TemporaryDirectory(prefix="bench-scoring-") as folder:
        code = (
            "import sys; from _common import synthetic_board; "
            "from whiteboard.model import save_board; "
            "from bench_scoring import write_csv; "
            f"board = synthetic_board({WORKLOADS}, edition={edition!r}); "
            "save_board(board, sys.argv[1] + '/estate.json'); "
            "write_csv(board, sys.argv[1] + '/estate.csv')"
        )
        env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
        child = run_child([sys.executable, "-c", code, folder], timeout=300, env=env)
        if child.returncode != 0:
            raise RuntimeError(f"could not write the test estate: {child.stderr.strip()}")
        yield Path(folder)


def write_csv(board: object, path: str) -> None:
    """The board's workloads as an inventory CSV, the way `whiteboard import` reads one."""
    from whiteboard.model import Board, Workload

    assert isinstance(board, Board)
    columns = list(Workload.model_fields)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for workload in board.workloads:
            row = []
            for column in columns:
                value = getattr(workload, column)
                if isinstance(value, tuple):
                    row.append(";".join(value))
                elif value is None:
                    row.append("")
                else:
                    row.append(str(value).lower() if isinstance(value, bool) else str(value))
            writer.writerow(row)


def _process(name: str, argv_tail: list[str], folder: Path) -> Result:
    argv = [sys.executable, "-m", "whiteboard", *argv_tail]
    times, peaks = [], []
    for _ in range(PROCESS_RUNS):
        child = run_child(argv, timeout=120, env=child_env(), cwd=folder)
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(argv_tail)} failed: {child.stderr.strip()}")
        times.append(child.seconds)
        peaks.append(child.peak_mb)
    return Result.timed(name, times, target=PROCESS_TARGET_S, peak_mb=round(max(peaks), 1))


#: Edition -> how its figures are labelled: the 2026 edition scores seven targets.
EDITIONS = {"2026": "2026 edition, 7 targets", "2018": "2018 edition, 5 targets"}


def score_table(edition: str = "2026") -> Result:
    with _estate(edition) as folder:
        return _process(
            f"scoring: `whiteboard score` (table) on {WORKLOADS:,} workloads, "
            f"{EDITIONS[edition]}, whole process",
            ["score", "estate.json"],
            folder,
        )


def score_json(edition: str = "2026") -> Result:
    with _estate(edition) as folder:
        return _process(
            f"scoring: `whiteboard score --format json` on {WORKLOADS:,} workloads, "
            f"{EDITIONS[edition]}, whole process",
            ["score", "estate.json", "--format", "json"],
            folder,
        )


def recommend(edition: str = "2026") -> Result:
    with _estate(edition) as folder:
        return _process(
            f"scoring: `whiteboard recommend` on {WORKLOADS:,} workloads, "
            f"{EDITIONS[edition]}, whole process",
            ["recommend", "estate.json", "-o", "out.json"],
            folder,
        )


#: The scoring with every estimate replaced by a free one, so the same build shows what the
#: monthly estimates cost it (issue 14: within COSTS_SHARE_TARGET of the figure without). It
#: starts the way `python -m whiteboard` does (`cli.entry`), so both exit alike.
WITHOUT_COSTS = """
import sys
from whiteboard.cost.estimate import Estimate
from whiteboard.scoring import pillars, summary
free = {}
def no_costs(workload, targets, broken):
    found = free.get(targets)
    if found is None:
        found = free[targets] = tuple(Estimate(t.id, 0.0, (), ()) for t in targets)
    return found
pillars.runnable_estimates = summary.runnable_estimates = no_costs
from whiteboard.cli import entry
entry(sys.argv[1:])
"""
COSTS_SHARE_TARGET = 1.2
COSTS_RUNS = 9


def with_and_without_costs() -> list[Result]:
    """`whiteboard score` (table and JSON) with the estimates and with free ones, alternately."""
    results = []
    with _estate() as folder:
        for label, tail in (("table", []), ("--format json", ["--format", "json"])):
            runs: dict[str, list[float]] = {"with": [], "without": []}
            for _ in range(COSTS_RUNS):
                for kind, argv in (
                    ("with", [sys.executable, "-m", "whiteboard"]),
                    ("without", [sys.executable, "-c", WITHOUT_COSTS]),
                ):
                    child = run_child(
                        [*argv, "score", "estate.json", *tail],
                        timeout=120,
                        env=child_env(),
                        cwd=folder,
                    )
                    if child.returncode != 0:
                        raise RuntimeError(f"score {kind} costs failed: {child.stderr[-500:]}")
                    runs[kind].append(child.seconds)
            without = Result.timed(
                f"scoring: `whiteboard score` ({label}) on {WORKLOADS:,} workloads, estimates "
                "replaced by free ones (the peer), whole process",
                runs["without"],
            )
            results.append(without)
            results.append(
                Result.timed(
                    f"scoring: `whiteboard score` ({label}) on {WORKLOADS:,} workloads with "
                    f"monthly estimates, whole process (target: {COSTS_SHARE_TARGET}x the peer)",
                    runs["with"],
                    target=round(without.value * COSTS_SHARE_TARGET, 3),
                )
            )
    return results


#: `score --format json` on 10,000 workloads, whole process (issue 18): at most this many times
#: the floor measured in the same run, under JSON_TARGET_S and JSON_PEAK_TARGET_MB.
JSON_FLOOR_RATIO = 1.6
JSON_TARGET_S = 1.2
JSON_PEAK_TARGET_MB = 150.0
FLOOR_RUNS = 5


def _quiet(argv: list[str]) -> list[str]:
    """argv with its output thrown away by the shell, which then becomes the command (`exec`):
    the peak memory measured is the command's, and nobody reads tens of MB back."""
    import shlex

    return ["/bin/sh", "-c", f"exec {shlex.join(argv)} > /dev/null"]


def json_floor() -> list[Result]:
    """`score --format json` against its floor (bench/json_floor.py: `json.load` of the board,
    then encoding and writing an output as big, shaped like ours), alternately, in one run."""
    with _estate() as folder:
        ours = [sys.executable, "-m", "whiteboard", "score", "estate.json", "--format", "json"]
        reference = run_child(ours, timeout=300, env=child_env(), cwd=folder)
        if reference.returncode != 0:
            raise RuntimeError(f"score --format json failed: {reference.stderr[-500:]}")
        lines = reference.stdout.split("\n")[1:-2]
        typical = sorted((line.rstrip(",") for line in lines), key=len)[len(lines) // 2]
        Path(folder, "sample.json").write_text(typical, encoding="utf-8")
        size = len(reference.stdout.encode("utf-8"))
        del reference, lines
        floor_argv = [
            sys.executable,
            str(BENCH_DIR / "json_floor.py"),
            "estate.json",
            "sample.json",
            str(size),
        ]
        runs: dict[str, list[float]] = {"ours": [], "floor": []}
        peaks: dict[str, list[float]] = {"ours": [], "floor": []}
        for _ in range(FLOOR_RUNS):
            for kind, argv in (("ours", ours), ("floor", floor_argv)):
                child = run_child(_quiet(argv), timeout=300, env=child_env(), cwd=folder)
                if child.returncode != 0:
                    raise RuntimeError(f"{kind} failed: {child.stderr[-500:]}")
                runs[kind].append(child.seconds)
                peaks[kind].append(child.peak_mb)
    floor = Result.timed(
        f"scoring: the JSON floor (json.load of the board, encode and write "
        f"{size / 1e6:.1f} MB like ours), whole process",
        runs["floor"],
        peak_mb=round(max(peaks["floor"]), 1),
    )
    measured = Result.timed("", runs["ours"])
    ratio = measured.value / floor.value
    return [
        floor,
        Result.timed(
            f"scoring: `whiteboard score --format json` on {WORKLOADS:,} workloads, whole "
            f"process: {ratio:.2f}x the floor (target: {JSON_FLOOR_RATIO}x it, under "
            f"{JSON_TARGET_S} s and {JSON_PEAK_TARGET_MB:.0f} MB)",
            runs["ours"],
            target=round(min(JSON_TARGET_S, floor.value * JSON_FLOOR_RATIO), 3),
            peak_mb=round(max(peaks["ours"]), 1),
        ),
    ]


#: Sizes of the scale curve (issue 18): every command's peak memory should grow linearly.
SCALE_SIZES = (10_000, 30_000, 70_000)
#: `save_board` writes at most this many workloads (model/io.py), so `recommend`, which saves
#: its result, stops there.
SAVE_LIMIT = 40_000
#: `validate` of 73,000 workloads (the most a 20 MB compact file holds): seconds, MB.
VALIDATE_BIG = 73_000
VALIDATE_BIG_TARGET_S = 1.5
VALIDATE_BIG_PEAK_MB = 300.0

_COMPACT = """
import json, sys
from _common import synthetic_board
board = synthetic_board(int(sys.argv[2]))
workloads = []
for w in board.workloads:
    fields = w.model_dump(mode="json", exclude_defaults=True)
    fields["name"] = w.id  # short names: 73,000 workloads fit the 20 MB a file may hold
    workloads.append(fields)
document = {"schema_version": board.schema_version, "name": board.name,
            "edition": board.edition, "workloads": workloads, "placements": board.placements}
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(document, handle, separators=(",", ":"))
"""


def scale() -> list[Result]:
    """validate, score (table and JSON) and recommend at SCALE_SIZES, with peak memory, on
    compact board files (a hand-written or exported board, as the loader reads them)."""
    env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        for size in (*SCALE_SIZES, VALIDATE_BIG):
            path = Path(folder, f"board{size}.json")
            child = run_child([sys.executable, "-c", _COMPACT, str(path), str(size)], 600, env)
            if child.returncode != 0:
                raise RuntimeError(f"could not write the board: {child.stderr[-500:]}")
            commands: list[tuple[str, list[str], float | None]] = [
                ("validate", ["validate"], None),
                ("score", ["score"], None),
                ("score --format json", ["score", "--format", "json"], None),
            ]
            if size == VALIDATE_BIG:
                commands = [("validate", ["validate"], VALIDATE_BIG_TARGET_S)]
            elif size <= SAVE_LIMIT:
                commands.append(("recommend", ["recommend", "-o", "out.json"], None))
            for label, (command, *options), target in commands:
                argv = [sys.executable, "-m", "whiteboard", command, path.name, *options]
                run = run_child(_quiet(argv), timeout=600, env=child_env(), cwd=folder)
                if run.returncode != 0:
                    raise RuntimeError(f"{label} failed: {run.stderr.strip()[-500:]}")
                note = f" (target: under {VALIDATE_BIG_PEAK_MB:.0f} MB too)" if target else ""
                results.append(
                    Result.timed(
                        f"scale: `whiteboard {label}` on {size:,} workloads, whole process" + note,
                        [run.seconds],
                        target=target,
                        peak_mb=round(run.peak_mb, 1),
                    )
                )
            path.unlink()
    return results


def import_csv() -> Result:
    with _estate() as folder:
        return _process(
            f"scoring: `whiteboard import` of a {WORKLOADS:,}-row CSV, whole process",
            ["import", "estate.csv", "-o", "imported.json"],
            folder,
        )


def chain() -> list[Result]:
    """`whiteboard validate` and `whiteboard score` on one chain of CHAIN pets."""
    with tempfile.TemporaryDirectory(prefix="bench-chain-") as folder:
        # Written as compact JSON (a saved board spells out every field: 99 MB, past the limit).
        workloads = [
            {"id": f"w{i}", "name": f"W{i}", "architecture": "pet"}
            | ({"depends_on": [f"w{i + 1}"]} if i + 1 < CHAIN else {})
            for i in range(CHAIN)
        ]
        document = {"schema_version": 1, "name": "Chain", "workloads": workloads}
        Path(folder, "chain.json").write_text(json.dumps(document), encoding="utf-8")
        del workloads, document
        results = []
        for command, target in (
            ("validate", CHAIN_VALIDATE_TARGET_S),
            ("score", CHAIN_SCORE_TARGET_S),
        ):
            argv = [sys.executable, "-m", "whiteboard", command, "chain.json"]
            run = run_child(argv, timeout=300, env=child_env(), cwd=folder)
            if run.returncode != 0:
                raise RuntimeError(f"{command} failed: {run.stderr.strip()[-500:]}")
            results.append(
                Result.timed(
                    f"scoring: `whiteboard {command}` on a {CHAIN:,}-workload dependency chain "
                    "of pets, whole process",
                    [run.seconds],
                    target=target,
                    peak_mb=round(run.peak_mb, 1),
                )
            )
        return results


def rescore() -> list[Result]:
    """What a drop costs the scoring: `Scorer.updated(board, changed)` then `.workload(id)`.

    Board edits themselves (`with_placement`) are the model's cost and stay outside the timing.
    """
    from _common import synthetic_board

    from whiteboard.scoring import Scorer

    board = synthetic_board(WORKLOADS)
    # Drops onto an instance column (second from the left) and onto the functions at the right
    # end, whose limits make a depended-on workload fragile: looked up, never spelt.
    instances, functions = board.targets[1], board.targets[-1]
    scorer = Scorer(board)
    scorer.board_score()
    index = scorer._dependencies()
    ids = board.workload_ids
    leaves = [wid for wid in ids if not index.is_depended_on(wid)][:RESCORE_RUNS]
    needed = [wid for wid in ids if index.is_depended_on(wid)][:RESCORE_RUNS]

    def drops(wids: list[str], target: str, named: bool) -> list[float]:
        times = []
        for wid in wids:
            edited = board.with_placement(wid, target)
            start = time.perf_counter()
            scorer.updated(edited, (wid,) if named else None).workload(wid)
            times.append(time.perf_counter() - start)
        return times

    def first_scores() -> list[float]:
        times = []
        for wid in leaves:
            fresh = scorer.updated(board, changed=(wid,))
            fresh._by_profile = {}  # no help from a look-alike workload scored before
            start = time.perf_counter()
            fresh.workload(wid)
            times.append(time.perf_counter() - start)
        return times

    return [
        Result.timed(
            f"scoring: rescore after a drop, {WORKLOADS:,} on the board (updated with the id)",
            drops(leaves, instances, named=True),
            unit="ms",
            target=RESCORE_TARGET_MS,
        ),
        Result.timed(
            f"scoring: the same, updated() finding the edit itself ({WORKLOADS:,})",
            drops(leaves, instances, named=False),
            unit="ms",
            target=UNNAMED_TARGET_MS,
        ),
        Result.timed(
            "scoring: rescore after a drop that makes a depended-on workload fragile "
            "(its dependants are rescored on demand)",
            drops(needed, functions, named=True),
            unit="ms",
            target=FRAGILE_FLIP_TARGET_MS,
        ),
        Result.timed(
            f"scoring: one workload on every target of the edition, new ({WORKLOADS:,})",
            first_scores(),
            unit="ms",
            target=RESCORE_TARGET_MS,
        ),
    ]


BENCHMARKS = {
    "score": score_table,
    "score_2018": lambda: score_table("2018"),
    "score_json": score_json,
    "score_json_2018": lambda: score_json("2018"),
    "recommend": recommend,
    "recommend_2018": lambda: recommend("2018"),
    "import": import_csv,
    "costs": with_and_without_costs,
    "json_floor": json_floor,
    "scale": scale,
    "rescore": rescore,
    "chain": chain,
}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
