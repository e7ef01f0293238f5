"""`cli.entry`, what `python -m whiteboard` and the console script run: a headless command keeps
the collector off what its work leaves; the window never does (it would pile up garbage)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from whiteboard.paths import DEMO_BOARD

#: Runs `entry(argv)` in a fresh interpreter and prints its exit code, whether a paused block
#: froze what it left, and how many objects are frozen.
PROBE = """
import gc, json, sys
from whiteboard import gcpause
from whiteboard.cli import entry
try:
    entry(json.loads(sys.argv[1]))
except SystemExit as exit:
    code = exit.code
sys.stderr.write(json.dumps([code, gcpause._freeze_after_pause, gc.get_freeze_count()]) + "\\n")
"""


def _probe(argv: list[str]) -> tuple[int, bool, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    code, keeps, frozen = json.loads(done.stderr.strip().splitlines()[-1])
    return code, keeps, frozen


@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_headless_command_keeps_what_its_work_leaves(command: str) -> None:
    code, keeps, frozen = _probe([command, str(DEMO_BOARD)])
    assert code == 0
    assert keeps
    assert frozen > 0  # the exit froze the heap instead of walking it


def test_other_invocations_leave_the_collector_as_it_is() -> None:
    code, keeps, _ = _probe(["--version"])
    assert code == 0
    assert not keeps


def test_python_dash_m_runs_entry() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "whiteboard", "score", str(DEMO_BOARD), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["workloads"]
