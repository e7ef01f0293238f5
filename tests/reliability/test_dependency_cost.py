"""What one long dependency chain costs: time and memory stay bounded, not quadratic.

A valid board of 200,000 workloads in one chain (w0 depends on w1, w1 on w2, ...) once made
`whiteboard validate` die with a MemoryError past 6 GB: every workload kept the set of all it
reaches. Each case runs in a child process of its own (this module, run with `-m`), so its
peak memory is its own; the child also caps its address space, so a regression fails fast
with a MemoryError instead of taking the machine's memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from whiteboard.model import Board, Workload

ROOT = Path(__file__).resolve().parents[2]
CHAIN = 200_000
#: The bounds, with room for a busy 2-core machine (measured: ~1.5 s and ~0.4 GB to validate,
#: ~9 s and ~0.85 GB to score the chain of pets).
VALIDATE_SECONDS = 20.0
SCORE_SECONDS = 60.0
PEAK_MB = 1_500.0
#: The child's address space: a quadratic regression hits it long before the machine's RAM.
ADDRESS_SPACE = 4 << 30

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs resource limits"),
]


def chain_board(count: int, *, architecture: str = "cattle", ring: bool = False) -> Board:
    """w0 -> w1 -> ... -> w{count-1}, and back to w0 when `ring`."""
    last = count - 1
    workloads = tuple(
        Workload(
            id=f"w{i}",
            name=f"W{i}",
            architecture=architecture,  # type: ignore[arg-type]
            depends_on=(f"w{i + 1}",) if i < last else ("w0",) if ring else (),
        )
        for i in range(count)
    )
    return Board(name="Chain", workloads=workloads)


def _validate(count: int, ring: bool) -> dict[str, object]:
    """What `whiteboard validate` does once the board is loaded."""
    from whiteboard.commands.validate import cycle_warnings, summary_line

    board = chain_board(count, ring=ring)
    start = time.perf_counter()
    line = summary_line(board, "chain.json")
    warnings = cycle_warnings(board, "chain.json")
    return {"seconds": time.perf_counter() - start, "line": line, "warnings": len(warnings)}


def _score(count: int) -> dict[str, object]:
    """The board summary of a chain of pets: every workload inherits all those below it."""
    from whiteboard.scoring import Scorer

    board = chain_board(count, architecture="pet")
    start = time.perf_counter()
    scorer = Scorer(board)
    summary = scorer.summary()
    first = scorer.workload("w0").targets["ec2"].reasons["reliability"]
    return {
        "seconds": time.perf_counter() - start,
        "links": list(summary.weakest_links),
        "first": [factor.label for factor in first],
    }


def _run_child(*args: str) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    child = subprocess.run(
        [sys.executable, "-m", "tests.reliability.test_dependency_cost", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return json.loads(child.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("ring", [False, True], ids=["chain", "ring"])
def test_validate_of_a_200k_chain_is_fast_and_small(ring: bool) -> None:
    found = _run_child("validate", str(CHAIN), "ring" if ring else "chain")
    assert found["line"] == (
        f"chain.json: valid board 'Chain' (2026 edition): {CHAIN} workloads, 0 placed (none), "
        f"{CHAIN} unplaced"
    )
    assert found["warnings"] == (1 if ring else 0)
    assert found["seconds"] < VALIDATE_SECONDS, found
    assert found["peak_mb"] < PEAK_MB, found


def test_scoring_a_200k_chain_of_pets_is_bounded_and_exact() -> None:
    found = _run_child("score", str(CHAIN))
    first = found["first"]
    assert isinstance(first, list)
    # w0 inherits every pet below w1: all but itself and its direct dependency, exactly.
    assert f"Further down its dependencies: w10, w100 and {CHAIN - 4} more" in " ".join(first)
    links = found["links"]
    assert isinstance(links, list) and links[0].startswith(
        "w10 is a single point of failure for 10 workloads (1 directly)"
    )
    assert found["seconds"] < SCORE_SECONDS, found
    assert found["peak_mb"] < PEAK_MB, found


def _main(argv: list[str]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    mode, count = argv[0], int(argv[1])
    found = _validate(count, argv[2] == "ring") if mode == "validate" else _score(count)
    found["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(found))


if __name__ == "__main__":
    _main(sys.argv[1:])
