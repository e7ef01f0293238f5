"""SIGKILL in the middle of saving: the file is the old board or the new one, never torn.

A child process (tests/reliability/crash_child.py) saves big boards to one path in a loop, on a
slowed-down fsync so kills often land inside a save; the parent kills it at random moments,
about twenty times, and after each kill checks the file byte for byte. The same is done to the
autosave of a window: after each kill the recovery copy is offered and holds the last board.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.reliability.crash_child import board_for, generation_of
from whiteboard.model import BoardFileError, board_to_json, load_board, save_board
from whiteboard.model.recovery import (
    SUFFIX,
    RecoverySlot,
    find_orphans,
    key_for,
    load_recovered,
)

ROOT = Path(__file__).resolve().parents[2]
SIZE = 2_000
KILLS = 20
#: Kills go on past KILLS (up to this many) until one has landed inside a save.
MAX_KILLS = 40
RECOVERY_KILLS = 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@contextmanager
def _child(*args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_child", *args],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready = process.stdout.readline() if process.stdout else ""
        if ready.strip() != "ready":
            process.kill()
            _, err = process.communicate(timeout=30)
            pytest.fail(f"the saving child did not start: {ready!r} {err[-2000:]}")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def _kill_after(process: subprocess.Popen[str], delay: float) -> list[int]:
    """SIGKILL after `delay` seconds; the generations it reported as saved before dying."""
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the child ended before it was killed"
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]


def _temp_files(folder: Path, name: str) -> set[str]:
    pattern = re.compile(rf"\.{re.escape(name)}\.[^/]+\.tmp")
    others = {p.name for p in folder.iterdir() if p.name != name}
    strays = {n for n in others if not pattern.fullmatch(n)}
    assert not strays, f"files other than the board and its .tmp dot-files: {strays}"
    return others


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_board(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "board.json"
    save_board(board_for(0, SIZE), path)
    acked = 0
    kills = interrupted = 0
    temps: set[str] = set()
    while kills < KILLS or (interrupted == 0 and kills < MAX_KILLS):
        with _child("save", str(path), str(SIZE)) as process:
            saved = _kill_after(process, rng.uniform(0.0, 0.6))
        kills += 1
        acked = max([acked, *saved])
        where = f"(kill {kills}, seed {seed}, last acknowledged save {acked})"

        board = load_board(path)  # never BoardFileError: not torn, not empty
        generation = generation_of(board)
        assert generation in (acked, acked + 1), f"generation {generation} {where}"
        assert path.read_bytes() == board_to_json(board_for(generation, SIZE)).encode(), where
        acked = generation

        now = _temp_files(tmp_path, path.name)
        interrupted += bool(now - temps)
        temps = now
    assert acked > 0, "no save ever completed between kills: the test checked nothing new"
    assert interrupted > 0, f"no kill out of {kills} landed inside a save (seed {seed})"
    # The leftovers are dot-files that no "*.json" listing (open dialog, recent files) shows.
    assert [p.name for p in tmp_path.glob("*.json")] == ["board.json"]


def test_the_harness_does_catch_a_torn_file_from_an_unsafe_writer(tmp_path: Path) -> None:
    """The same kills against a writer that overwrites in place: some kill must tear it."""
    rng = random.Random(1)
    path = tmp_path / "board.json"
    save_board(board_for(0, SIZE), path)
    for _ in range(KILLS):
        with _child("save", str(path), str(SIZE), "naive") as process:
            _kill_after(process, rng.uniform(0.05, 0.5))
        try:
            load_board(path)
        except BoardFileError:
            return
    pytest.fail("twenty kills of an in-place writer never left a torn file: the check is blind")


def test_autosave_recovery_survives_being_killed_again_and_again(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    folder = tmp_path / "recovery"
    source = tmp_path / "workshop.json"
    acked = 0
    for kill in range(1, RECOVERY_KILLS + 1):
        with _child("autosave", str(folder), str(source), str(SIZE)) as process:
            assert process.stdout is not None
            first = process.stdout.readline()  # wait for one autosave of this run
            assert first.startswith("saved "), first
            saved = [int(first.split()[1]), *_kill_after(process, rng.uniform(0.0, 0.5))]
        where = f"(kill {kill}, seed {seed}, last acknowledged autosave {max(saved)})"

        (entry,) = find_orphans(folder)
        assert entry.key == key_for(source), f"the restarted window took a new slot {where}"
        assert entry.source == os.path.abspath(source)
        board = load_recovered(entry)
        generation = generation_of(board)
        assert generation in (max(saved), max(saved) + 1), where
        assert generation > acked, f"a restart lost autosaved work {where}"
        assert board == board_for(generation, SIZE), where
        acked = generation

        names = {p.name for p in folder.iterdir()}
        expected = {f"{entry.key}{SUFFIX}", f"{entry.key}.lock"}
        assert expected <= names, names
        stray = {n for n in names - expected if not re.fullmatch(r"\..+\.tmp", n)}
        assert not stray, stray

    slot = RecoverySlot.adopt(entry)
    assert slot is not None
    slot.release()
    assert find_orphans(folder) == []
