"""Before against now: the same whole-process commands in two checkouts, run alternately.

    python bench/compare_trees.py OLD_TREE            # e.g. a `git worktree add /tmp/old HEAD~1`
    python bench/compare_trees.py OLD_TREE --runs 10 --edition 2018

Each tree scores its own 10,000-workload estate (its own `synthetic_board`, written in its own
schema), and every command runs in a fresh interpreter, alternating old and new, so a noisy
machine weighs on both alike. Medians and ratios are printed; nothing is asserted.

Why not `PYTHONPATH=OLD_TREE`: the editable install's import hook wins over PYTHONPATH, so both
sides would run this checkout's code. The runner below puts the tree first on `sys.path` and
refuses to go on unless `whiteboard` really was imported from it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEW_TREE = Path(__file__).resolve().parent.parent
WORKLOADS = 10_000

RUNNER = """
import runpy, sys
root = sys.argv.pop(1)
sys.path.insert(0, root)
import whiteboard
if not whiteboard.__file__.startswith(root):
    raise SystemExit(f"whiteboard came from {whiteboard.__file__}, not {root}")
sys.argv[0] = "whiteboard"
runpy.run_module("whiteboard", run_name="__main__", alter_sys=True)
"""

ESTATE = """
import sys
root, edition, path, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path[:0] = [root, root + "/bench"]
from _common import synthetic_board
from whiteboard.model import save_board
save_board(synthetic_board(count, edition=edition), path)
"""


def _commands(estate: Path, out: Path) -> dict[str, list[str]]:
    return {
        "score": ["score", str(estate)],
        "score --format json": ["score", str(estate), "--format", "json"],
        "recommend": ["recommend", str(estate), "-o", str(out)],
    }


def _seconds(tree: Path, args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(tree), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the other checkout (the 'before')")
    parser.add_argument("--runs", type=int, default=6, help="alternating rounds (default 6)")
    parser.add_argument("--edition", default="2026", help="edition of the estates")
    args = parser.parse_args()
    trees = {"before": args.old.resolve(), "now": NEW_TREE}
    with tempfile.TemporaryDirectory(prefix="compare-trees-") as folder:
        commands = {}
        for side, tree in trees.items():
            estate = Path(folder) / f"{side}.json"
            write = [sys.executable, "-c", ESTATE, str(tree), args.edition, str(estate)]
            subprocess.run([*write, str(WORKLOADS)], check=True)
            commands[side] = _commands(estate, Path(folder) / f"out-{side}.json")
        times: dict[tuple[str, str], list[float]] = {}
        for _round in range(args.runs):
            for side, tree in trees.items():
                for name, command in commands[side].items():
                    times.setdefault((name, side), []).append(_seconds(tree, command))
    print(f"{WORKLOADS:,} workloads, edition {args.edition}, {args.runs} alternating rounds")
    print(f"{'command':24}{'before (median)':>18}{'now (median)':>16}{'now / before':>14}")
    for name in commands["now"]:
        before = statistics.median(times[(name, "before")])
        now = statistics.median(times[(name, "now")])
        print(f"{name:24}{before:>16.2f} s{now:>14.2f} s{now / before:>13.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
