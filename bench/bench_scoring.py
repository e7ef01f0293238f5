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
    "rescore": rescore,
    "chain": chain,
}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
