"""Hostile boards: what the worst of them costs to refuse (or accept).

- The 3,000-board fuzz run of `tests/reliability/test_fuzz_boards.py`, run through pytest with
  `FUZZ_REPORT`: the slowest load and the largest traced allocation peak over all examples.
- Each full-size attack of `tests/reliability/test_hostile_boards.py` (a million empty objects,
  18 MB of them, a million unknown weight keys, ...) and a valid 200,000-workload dependency
  chain, as `whiteboard validate FILE` in a process of its own: wall time and that process's
  peak RSS.

Targets: 5 s and 500 MB for any one board under the 20 MB limit.

Run: `python bench/bench_fuzz.py` (a table) or `--json` (the bench protocol, see _common.py).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from _common import PROJECT_ROOT, Result, bench_main, child_env, run_child

SECONDS_TARGET = 5.0
PEAK_TARGET_MB = 500.0
CHAIN = 200_000


def fuzz_run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as folder:
        report = Path(folder) / "fuzz.jsonl"
        test = PROJECT_ROOT / "tests" / "reliability" / "test_fuzz_boards.py"
        child = run_child(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
            timeout=1800,
            env=child_env({"FUZZ_REPORT": str(report)}),
            cwd=PROJECT_ROOT,
        )
        if child.returncode != 0:
            raise SystemExit(f"fuzz run failed: {child.stdout[-2000:]}")
        rows = [json.loads(line) for line in report.read_text().splitlines()]
    label = f"fuzz: worst of {len(rows):,} mutated boards"
    slowest = max(row["seconds"] for row in rows)
    peak = max(row["peak_mb"] for row in rows)
    return [
        Result(f"{label}, load time", slowest, "s", target=SECONDS_TARGET),
        Result(f"{label}, traced peak", peak, "MB", target=PEAK_TARGET_MB),
    ]


def _validate(path: Path, label: str) -> Result:
    child = run_child(
        [sys.executable, "-m", "whiteboard", "validate", str(path)], timeout=600, env=child_env()
    )
    if child.returncode not in (0, 2) or child.stderr.count("\n") > 1:
        raise SystemExit(f"{label}: exit {child.returncode}: {child.stderr[-500:]}")
    return Result(
        f"validate {label}", child.seconds, "s", target=SECONDS_TARGET, peak_mb=child.peak_mb
    )


def full_size_attacks() -> list[Result]:
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.reliability.test_hostile_boards import COSTLY

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        for label, make in COSTLY.items():
            results.append(_validate(make(Path(folder) / "hostile.json"), label))
    return results


def long_chain() -> Result:
    workloads = [
        {"id": f"w{i}", "name": f"W {i}", "depends_on": [f"w{i + 1}"] if i + 1 < CHAIN else []}
        for i in range(CHAIN)
    ]
    board = {"schema_version": 1, "name": "Chain", "workloads": workloads}
    with tempfile.TemporaryDirectory(prefix="bench-chain-") as folder:
        path = Path(folder) / "chain.json"
        path.write_text(json.dumps(board), encoding="utf-8")
        return _validate(path, f"a valid {CHAIN:,}-workload dependency chain")


if __name__ == "__main__":
    raise SystemExit(
        bench_main({"fuzz": fuzz_run, "attacks": full_size_attacks, "chain": long_chain})
    )
