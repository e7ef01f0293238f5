"""Board files built to hurt: costly error reports, repeated keys, devices and pipes, links.

Each is a regression test for an attack that once worked (issue items 5-8): the outcome is one
clear line (or, for links, the right file changed), in bounded time and memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from whiteboard.model import Board, BoardFileError, load_board, save_board
from whiteboard.model.io import MAX_FILE_BYTES

#: What one hostile file may cost the `validate` process, start-up included.
SECONDS = 5.0
PEAK_MB = 500

_MEASURE = """
import resource, sys, time
started = time.perf_counter()
from whiteboard.cli import main
code = main(["validate", sys.argv[1]])
seconds = time.perf_counter() - started
# VmHWM is this process's own peak since exec; ru_maxrss would include the RSS that the
# parent (a big pytest process) had when it forked us.
with open("/proc/self/status") as status:
    hwm = next((line.split()[1] for line in status if line.startswith("VmHWM:")), None)
peak_mb = int(hwm) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{code} {seconds:.3f} {peak_mb:.0f}")
"""


def validate_cost(path: Path) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak MB and stderr of `whiteboard validate PATH` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    code, seconds, peak = result.stdout.split()[-3:]
    return int(code), float(seconds), float(peak), result.stderr


def _head(**extra: object) -> str:
    return json.dumps({"schema_version": 1, "name": "Hostile", **extra})[:-1]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_FILE_BYTES
    return path


def _million_empty_workloads(path: Path) -> Path:
    return _write(path, _head() + ', "workloads": [' + ",".join(["{}"] * 10**6) + "]}")


def _eighteen_mb_of_empty_workloads(path: Path) -> Path:
    return _write(path, _head() + ', "workloads": [' + ",".join(["{}"] * 6 * 10**6) + "]}")


def _million_unknown_weights(path: Path) -> Path:
    weights = ",".join(f'"w{i}": 1' for i in range(10**6))
    return _write(path, _head() + ', "weights": {' + weights + "}}")


def _million_bad_dependencies(path: Path) -> Path:
    deps = ",".join(["1"] * 10**6)
    return _write(
        path, _head() + f', "workloads": [{{"id": "a", "name": "A", "depends_on": [{deps}]}}]}}'
    )


def _many_bad_workloads(path: Path) -> Path:
    one = json.dumps({"id": "A B", "name": "", "vcpu": "x", "os": "plan9", "gpu": "no"})
    return _write(path, _head() + ', "workloads": [' + ",".join([one] * 150_000) + "]}")


COSTLY = {
    "a million empty workloads (3 MB)": _million_empty_workloads,
    "18 MB of empty workloads": _eighteen_mb_of_empty_workloads,
    "a million unknown weight keys (13 MB)": _million_unknown_weights,
    "a million bad dependencies": _million_bad_dependencies,
    "150,000 workloads with five bad fields each": _many_bad_workloads,
}


@pytest.mark.slow
@pytest.mark.parametrize("make", COSTLY.values(), ids=COSTLY.keys())
def test_an_error_report_costs_less_than_the_input(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "hostile.json")
    code, seconds, peak_mb, stderr = validate_cost(path)
    assert code == 2
    assert stderr.count("\n") == 1 and stderr.startswith("whiteboard: hostile.json: "), stderr
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert peak_mb < PEAK_MB, f"{peak_mb:.0f} MB"


def test_the_error_says_there_is_more_without_counting_it_all(tmp_path: Path) -> None:
    with pytest.raises(BoardFileError) as caught:
        load_board(_many_bad_workloads(tmp_path / "bad.json"))
    message = str(caught.value)
    assert message.startswith("bad.json: workloads[0].")
    assert "(and at least" in message


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        (
            '{"schema_version": 1, "name": "B", "workloads": [{"id": "a", "name": "A"}],'
            ' "workloads": []}',
            None,
            "workloads",
        ),
        (
            '{"schema_version": 1, "name": "B", "workloads": [{"id": "a", "name": "A",'
            ' "vcpu": 1, "vcpu": 64}]}',
            "workloads[0]",
            "vcpu",
        ),
        (
            '{"schema_version": 1, "name": "B", "placements": {"a": "ec2", "a": "lambda"},'
            ' "workloads": [{"id": "a", "name": "A"}]}',
            "placements",
            "a",
        ),
    ],
    ids=["top level", "in a workload", "in placements"],
)
def test_a_repeated_key_is_an_error_naming_it(
    tmp_path: Path, text: str, where: str | None, key: str
) -> None:
    path = _write(tmp_path / "dup.json", text)
    with pytest.raises(BoardFileError) as caught:
        load_board(path)
    assert caught.value.where == where
    assert f"holds the key '{key}' twice" in caught.value.problem


def test_strings_and_booleans_are_not_numbers(tmp_path: Path) -> None:
    for value in ('"4"', "true"):
        path = _write(
            tmp_path / "b.json",
            _head() + f', "workloads": [{{"id": "a", "name": "A", "vcpu": {value}}}]}}',
        )
        with pytest.raises(BoardFileError, match=r"workloads\[0\]\.vcpu"):
            load_board(path)


def test_devices_and_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "board.json"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), Path("/dev/urandom"), fifo):
        started = time.monotonic()
        with pytest.raises(BoardFileError, match="is not a regular file"):
            load_board(path)
        assert time.monotonic() - started < 1


def test_saving_through_a_symlink_updates_the_real_file(tmp_path: Path, demo_board: Board) -> None:
    real = tmp_path / "real" / "board.json"
    real.parent.mkdir()
    save_board(demo_board, real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    renamed = demo_board.model_copy(update={"name": "Renamed"})
    save_board(renamed, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_board(real).name == "Renamed"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_saving_a_hard_link_gives_it_a_file_of_its_own(tmp_path: Path, demo_board: Board) -> None:
    """As the README says: the saved name gets the new board, other names keep the old one."""
    first = tmp_path / "first.json"
    save_board(demo_board, first)
    second = tmp_path / "second.json"
    os.link(first, second)
    save_board(demo_board.model_copy(update={"name": "Renamed"}), first)
    assert load_board(first).name == "Renamed"
    assert load_board(second).name == demo_board.name
