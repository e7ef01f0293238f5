"""bench/run.py and bench/_common.py: the runner reports broken scripts instead of crashing."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench() -> Iterator[tuple[ModuleType, ModuleType]]:
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("_common"), importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCH))


GOOD = {
    "name": "fast thing",
    "value": 0.5,
    "unit": "s",
    "target": 1.0,
    "lower_is_better": True,
    "peak_mb": None,
    "runs": 3,
}


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_a_good_script_gives_its_rows_and_a_crash_is_a_row_not_a_crash(
    bench: tuple[ModuleType, ModuleType], tmp_path: Path
) -> None:
    _, run = bench
    good = _script(tmp_path, "bench_good.py", f"print({json.dumps(json.dumps(GOOD))})\n")
    crash = _script(
        tmp_path,
        "bench_crash.py",
        f"print({json.dumps(json.dumps(GOOD | {'name': 'partial', 'value': 2.0}))})\n"
        "raise SystemExit('boom: the window would not open')\n",
    )
    bad = _script(tmp_path, "bench_bad.py", 'print(\'{"name": "x", "value": "fast"}\')\n')
    silent = _script(tmp_path, "bench_silent.py", "pass\n")
    hang = _script(tmp_path, "bench_hang.py", "import time\ntime.sleep(60)\n")
    missing = tmp_path / "bench_window.py"

    outcomes = [
        run.run_script(path, timeout=3) for path in (good, crash, bad, silent, hang, missing)
    ]
    problems = {o.script: o.problem for o in outcomes}
    assert problems["bench_good.py"] is None
    assert "exit 1" in problems["bench_crash.py"] and "boom" in problems["bench_crash.py"]
    assert "value" in problems["bench_bad.py"]
    assert problems["bench_silent.py"] == "printed no results"
    assert "timed out" in problems["bench_hang.py"]
    assert problems["bench_window.py"].startswith("missing")

    report = run.report(outcomes)
    assert report.splitlines()[2].startswith("Machine: ")
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    assert rows[0] == "| benchmark | measured | target | result | peak memory |"
    assert any(
        r.startswith("| fast thing | 0.500 s (median of 3) | ≤ 1.000 s | pass |") for r in rows
    )
    assert any(
        r.startswith("| partial | 2.000 s (median of 3) | ≤ 1.000 s | **FAIL** |") for r in rows
    )
    assert any("cold start to first painted window" in r and "missing" in r for r in rows)
    assert "1 of 2 figures with a target meet it; missed: partial" in report


def test_results_lines_are_checked(bench: tuple[ModuleType, ModuleType]) -> None:
    common, _ = bench
    result = common.Result.from_json(json.dumps(GOOD))
    assert result.passed is True and result.runs == 3
    assert common.Result.from_json(result.to_json()) == result
    for broken in (
        "[]",
        "{",
        json.dumps(GOOD | {"unit": "hours"}),
        json.dumps(GOOD | {"value": None}),
    ):
        with pytest.raises(common.ProtocolError):
            common.Result.from_json(broken)
    higher = common.Result("fps", 50, "ms", target=60, lower_is_better=False)
    assert higher.passed is False


def test_statistics_and_the_child_peak_memory(bench: tuple[ModuleType, ModuleType]) -> None:
    common, _ = bench
    assert common.median([3, 1, 2]) == 2
    assert common.percentile([1, 2, 3, 4, 5], 50) == 3
    assert common.percentile(list(range(101)), 95) == 95
    big = common.run_child(
        [
            sys.executable,
            "-c",
            "b = bytearray(150 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ],
        timeout=60,
    )
    small = common.run_child([sys.executable, "-c", "pass"], timeout=60)
    killed = common.run_child(
        [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"],
        timeout=60,
    )
    assert killed.returncode == -9
    assert big.returncode == 0
    assert big.peak_mb > 150 > small.peak_mb
