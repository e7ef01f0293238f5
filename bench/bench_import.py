"""Inventory import benchmarks: `whiteboard import` of RVTools .xlsx workbooks, whole process.

Run: `python bench/bench_import.py` (a table) or `--json` (the bench protocol, see _common.py).
The workbooks (full vInfo header, ~90 columns) are written by tests/inventory/generate.py in a
child, so their cost stays out of the measured figures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _common import PROJECT_ROOT, Result, bench_main, child_env, run_child

PROCESS_RUNS = 3
#: VMs in the workbook -> seconds the whole `whiteboard import` process may take.
TARGETS_S = {2_000: 2.0, 10_000: 8.0}
PEAK_TARGET_MB = 400.0


def _workbook(folder: str, count: int) -> None:
    code = (
        "import sys; from pathlib import Path; from tests.inventory.generate import "
        "write_rvtools_xlsx; write_rvtools_xlsx(Path(sys.argv[1]), int(sys.argv[2]))"
    )
    env = child_env({"PYTHONPATH": f"{PROJECT_ROOT}{os.pathsep}{child_env()['PYTHONPATH']}"})
    path = str(Path(folder, "rvtools.xlsx"))
    child = run_child([sys.executable, "-c", code, path, str(count)], timeout=300, env=env)
    if child.returncode != 0:
        raise RuntimeError(f"could not write the workbook: {child.stderr.strip()[-500:]}")


def import_xlsx(count: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        _workbook(folder, count)
        argv = [sys.executable, "-m", "whiteboard", "import", "rvtools.xlsx", "-o", "b.json"]
        times, peaks = [], []
        for _ in range(PROCESS_RUNS):
            child = run_child(argv, timeout=120, env=child_env(), cwd=folder)
            if child.returncode != 0:
                raise RuntimeError(f"import failed: {child.stderr.strip()[-500:]}")
            times.append(child.seconds)
            peaks.append(child.peak_mb)
    name = f"import: `whiteboard import` of a {count:,}-VM RVTools .xlsx, whole process"
    peak = round(max(peaks), 1)
    return [
        Result.timed(name, times, target=TARGETS_S[count], peak_mb=peak),
        Result(
            f"{name}: peak memory (most of {len(peaks)} runs)", peak, "MB", target=PEAK_TARGET_MB
        ),
    ]


BENCHMARKS = {f"xlsx_{count}": (lambda count=count: import_xlsx(count)) for count in TARGETS_S}

if __name__ == "__main__":
    raise SystemExit(bench_main(BENCHMARKS))
