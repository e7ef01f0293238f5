"""Peer benchmark: `whiteboard export --png/--svg` against mingrammer/diagrams on the same board.

Run: `python bench/bench_peer.py` (a table) or `--json` (the bench protocol, see _common.py).

For 12 workloads (the demo board), 300 and 1,000 (synthetic boards) each tool draws the same
board as a fresh process, as a user would run it: we run `whiteboard export BOARD --png FILE`
(or `--svg`); for diagrams we generate the script a user would write — one node per workload
in a Cluster per target, an edge per dependency, `outformat` png or svg — and run it with
Python. Each figure is the median wall time of 5 runs (3 where diagrams takes a minute a run),
taken alternately (ours, theirs, ours, ...) so that a busy machine slows both alike, after one
untimed run of ours that writes its bytecode caches. The ratio ours / theirs is held against the
goal of issue 18: at most 1.5 at 12 workloads, at most 0.5 (twice as fast) at 300 and 1,000.

What each side draws differs, so read the ratio with that in mind: our PNG/SVG export writes
two 1920x1080 images (the compute slide and the pets/cattle chart); diagrams writes one image,
as large as graphviz's layout makes it, and its SVG links the icons as files instead of
embedding them; beyond a few hundred workloads its PNG is one tall column that cairo scales
down to its 32,767-pixel limit. Peak memory is the peak resident set of the measured process
(for a ratio: ours); for diagrams it includes graphviz's `dot`, which it starts and waits for
(Linux counts waited-for children in ru_maxrss).

Needs `pip install -e '.[peer]'` (diagrams) and graphviz's `dot` on the PATH; without them one
row says "skipped" and what to install, with no target, and the script still succeeds.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from _common import (
    PROJECT_ROOT,
    Benchmark,
    Result,
    bench_main,
    board_folder,
    child_env,
    median,
    run_child,
)

if TYPE_CHECKING:
    from whiteboard.model import Board

SIZES = (12, 300, 1_000)
FORMATS = ("png", "svg")
RUNS = 5
#: diagrams needs about a minute per run at 1,000 workloads (graphviz's orthogonal edges), so a
#: comparison that has taken this long stops after MIN_RUNS pairs: the whole script then stays
#: well inside bench/run.py's 900 s per script. The table says how many runs each median has.
MIN_RUNS = 3
COMPARISON_BUDGET_S = 150.0
PROCESS_TIMEOUT_S = 300.0
DEMO_BOARD = PROJECT_ROOT / "assets" / "boards" / "demo.json"

#: The goal of issue 18, ours / theirs: at most 1.5x at 12 workloads, twice as fast beyond.
TARGET_RATIO = {12: 1.5, 300: 0.5, 1_000: 0.5}

#: The diagrams node class that draws each target, by the icon the catalog gives its column
#: (`slide.header_icon`): the AWS compute icons where AWS has one (bare metal has none: a
#: generic rack); every other target, and unplaced workloads, get diagrams' generic node.
PEER_ICONS = {
    "server": ("diagrams.generic.compute", "Rack"),
    "vm": ("diagrams.aws.compute", "EC2"),
    "container": ("diagrams.aws.compute", "ECS"),
    "cloud": ("diagrams.aws.compute", "Fargate"),
    "function": ("diagrams.aws.compute", "Lambda"),
}
GENERIC_ICON = ("diagrams.generic", "Generic")

INSTALL_DIAGRAMS = "diagrams: pip install -e '.[peer]'"
INSTALL_DOT = "graphviz for its dot command: apt-get install graphviz (brew on macOS)"


# -- the peer's script -------------------------------------------------------------------------


def _icon(target_id: str | None) -> tuple[str, str]:
    if target_id is None:
        return GENERIC_ICON
    from whiteboard.catalog import default_catalog

    return PEER_ICONS.get(default_catalog().target(target_id).slide.header_icon, GENERIC_ICON)


def diagrams_script(board: Board, outformat: str, filename: str = "peer") -> str:
    """The diagrams script a user would write for `board`: a Cluster per placed target (in the
    catalog's order, labelled with its display name), one node per workload, an edge from each
    workload to what it depends on. Unplaced workloads stand outside every cluster."""
    from whiteboard.catalog import default_catalog

    names = default_catalog().display_names(board.edition)
    node = {w.id: f"n{index}" for index, w in enumerate(board.workloads)}
    icons = sorted({_icon(board.placements.get(w.id)) for w in board.workloads})
    lines = ["from diagrams import Cluster, Diagram"]
    lines += [f"from {module} import {name}" for module, name in icons]
    lines += [
        "",
        f"with Diagram({board.name!r}, filename={filename!r}, outformat={outformat!r}, "
        "show=False):",
    ]
    for workload in board.workloads:
        if workload.id not in board.placements:
            lines.append(f"    {_node_line(workload, node, None)}")
    for target_id, label in names.items():
        placed = [w for w in board.workloads if board.placements.get(w.id) == target_id]
        if placed:
            lines.append(f"    with Cluster({label!r}):")
            lines += [f"        {_node_line(w, node, target_id)}" for w in placed]
    for workload in board.workloads:
        lines += [f"    {node[workload.id]} >> {node[d]}" for d in workload.depends_on]
    return "\n".join(lines) + "\n"


def _node_line(workload, node: dict[str, str], target_id: str | None) -> str:
    return f"{node[workload.id]} = {_icon(target_id)[1]}({workload.name!r})"


# -- boards ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _board_folder(count: int) -> Iterator[Path]:
    """A folder with board.json: the demo board for 12 workloads, else a synthetic one."""
    if count == 12:
        with tempfile.TemporaryDirectory(prefix="bench-peer-") as folder:
            shutil.copyfile(DEMO_BOARD, Path(folder) / "board.json")
            yield Path(folder)
    else:
        with board_folder(f"synthetic_board({count})", "bench-peer-") as folder:
            yield folder


# -- measuring ---------------------------------------------------------------------------------


def missing_peer() -> str | None:
    """What to install before diagrams can run here, or None."""
    if importlib.util.find_spec("diagrams") is None:
        return INSTALL_DIAGRAMS
    if shutil.which("dot") is None:
        return INSTALL_DOT
    return None


def _env() -> dict[str, str]:
    """The children's environment, with bytecode caches allowed as on a user's machine: under
    PYTHONDONTWRITEBYTECODE a checkout without __pycache__ recompiles about 75 of our modules on
    every run (0.09 s at 12 workloads), while pip wrote diagrams' caches when installing it."""
    env = child_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _timed(argv: Sequence[str], folder: Path, what: str) -> tuple[float, float]:
    child = run_child(list(argv), timeout=PROCESS_TIMEOUT_S, env=_env(), cwd=folder)
    if child.returncode != 0 or child.timed_out:
        last = (child.stderr.strip().splitlines() or ["no error output"])[-1]
        raise RuntimeError(f"{what} failed (exit {child.returncode}): {last}")
    return child.seconds, child.peak_mb


def compare(count: int, outformat: str) -> list[Result]:
    """Alternate runs of both tools on one board and format: the ratio and both times."""
    from whiteboard.model import load_board

    with _board_folder(count) as folder:
        board = load_board(folder / "board.json")
        script = folder / "peer_diagram.py"
        script.write_text(diagrams_script(board, outformat), encoding="utf-8")
        ours_argv = [sys.executable, "-m", "whiteboard", "export", "board.json"]
        ours_argv += [f"--{outformat}", f"ours.{outformat}"]
        theirs_argv = [sys.executable, str(script)]
        _timed(ours_argv, folder, f"whiteboard export --{outformat}")  # writes __pycache__
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        while len(ours) < RUNS and not _over_budget(ours, theirs):
            ours.append(_timed(ours_argv, folder, f"whiteboard export --{outformat}"))
            theirs.append(_timed(theirs_argv, folder, f"the diagrams script ({outformat})"))
        for made in (f"ours.{outformat}", f"peer.{outformat}"):
            if not (folder / made).is_file():
                raise RuntimeError(f"{made} was not written")
    return _results(count, outformat, ours, theirs)


def _over_budget(ours: list[tuple[float, float]], theirs: list[tuple[float, float]]) -> bool:
    spent = sum(t for t, _ in ours) + sum(t for t, _ in theirs)
    return len(ours) >= MIN_RUNS and spent > COMPARISON_BUDGET_S


def _results(
    count: int,
    outformat: str,
    ours: list[tuple[float, float]],
    theirs: list[tuple[float, float]],
) -> list[Result]:
    what = f"peer: {outformat.upper()}, {count:,} workloads"
    ours_s, theirs_s = median([t for t, _ in ours]), median([t for t, _ in theirs])
    ratio = Result(
        name=f"{what}: whiteboard / diagrams, wall time",
        value=round(ours_s / theirs_s, 3),
        unit="x",
        target=TARGET_RATIO[count],
        # Ours: otherwise the runner would fill in the child that ran both tools.
        peak_mb=round(max(p for _, p in ours), 1),
        runs=len(ours),
    )
    return [
        ratio,
        Result.timed(
            f"{what}, `whiteboard export --{outformat}` (whole process)",
            [t for t, _ in ours],
            peak_mb=round(max(p for _, p in ours), 1),
        ),
        Result.timed(
            f"{what}, diagrams script with dot (whole process)",
            [t for t, _ in theirs],
            peak_mb=round(max(p for _, p in theirs), 1),
        ),
    ]


def skipped(install: str) -> Result:
    """The one row the script prints when the peer cannot run here: what to install. It has no
    target, so it never fails the run (CI machines may lack graphviz)."""
    sizes = " / ".join(f"{count:,}" for count in SIZES)
    return Result(
        name=f"peer: diagrams at {sizes} workloads, PNG and SVG: skipped: install {install}",
        value=0.0,
        unit="x",
        runs=0,
    )


def _benchmark(count: int, outformat: str):
    return lambda: compare(count, outformat)


def benchmarks() -> dict[str, Benchmark]:
    """One comparison per size and format, or a single "skipped" row when the peer is missing."""
    install = missing_peer()
    if install:
        return {"skipped": lambda: skipped(install)}
    return {
        f"{outformat}_{count}": _benchmark(count, outformat)
        for count in SIZES
        for outformat in FORMATS
    }


if __name__ == "__main__":
    raise SystemExit(bench_main(benchmarks(), child_timeout=1_800.0))
