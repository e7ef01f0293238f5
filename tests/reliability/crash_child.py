"""The process the crash tests kill: it saves big boards in a loop until SIGKILL stops it.

    python -m tests.reliability.crash_child save PATH SIZE [naive]
    python -m tests.reliability.crash_child autosave FOLDER SOURCE SIZE

After each completed write it prints the generation it wrote ("saved N"), flushed, so the parent
knows the last write that finished before the kill. Generation N is `board_for(N, SIZE)`.

`os.fsync` is slowed down here (a slow disk): it widens the moments between the temp file's
write and its rename, so random kills land inside a save often. `naive` writes the file in
place instead, in chunks — the unsafe way, to prove the parent's checks do catch a torn file.
"""

from __future__ import annotations

import os
import sys
import time
from functools import cache
from pathlib import Path

from whiteboard.model import Board, Workload, board_to_json, load_board, save_board
from whiteboard.model.recovery import RecoverySlot, find_orphans, load_recovered

SLOW_FSYNC_S = 0.03
_real_fsync = os.fsync


def _slow_fsync(fd: int) -> None:
    time.sleep(SLOW_FSYNC_S)
    _real_fsync(fd)


@cache
def _base(size: int) -> Board:
    workloads = tuple(
        Workload(
            id=f"w{index:05d}",
            name=f"Workload {index} <&> ${{x}} %{{y}} «{index}»",
            depends_on=(f"w{index - 1:05d}",) if index else (),
            vcpu=1 + index % 16,
        )
        for index in range(size)
    )
    return Board(name="base", workloads=workloads, placements={"w00000": "ec2"})


def board_for(generation: int, size: int) -> Board:
    """Generation N: its name says N, and its notes change length so old and new differ."""
    return _base(size).with_fields(
        name=f"generation {generation}", notes="n" * (generation % 5) * 20_000
    )


def generation_of(board: Board) -> int:
    return int(board.name.removeprefix("generation "))


def _announce(generation: int) -> None:
    sys.stdout.write(f"saved {generation}\n")
    sys.stdout.flush()


def _write_naive(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        for start in range(0, len(data), 64 * 1024):
            handle.write(data[start : start + 64 * 1024])
            handle.flush()
            os.fsync(handle.fileno())


def save_loop(path: Path, size: int, naive: bool) -> None:
    generation = generation_of(load_board(path))
    print("ready", flush=True)
    while True:
        generation += 1
        board = board_for(generation, size)
        if naive:
            _write_naive(path, board_to_json(board).encode("utf-8"))
        else:
            save_board(board, path)
        _announce(generation)


def autosave_loop(folder: Path, source: Path, size: int) -> None:
    """A window that restarts after a crash: adopt the orphaned copy, keep autosaving into it."""
    orphans = find_orphans(folder)
    slot = RecoverySlot.adopt(orphans[0]) if orphans else None
    generation = generation_of(load_recovered(orphans[0])) if orphans else 0
    if slot is None:
        slot = RecoverySlot.acquire(folder, source)
    print("ready", flush=True)
    while True:
        generation += 1
        slot.write(board_for(generation, size), source)
        _announce(generation)


def main(argv: list[str]) -> None:
    os.fsync = _slow_fsync
    if argv[0] == "save":
        save_loop(Path(argv[1]), int(argv[2]), naive=argv[3:] == ["naive"])
    elif argv[0] == "autosave":
        autosave_loop(Path(argv[1]), Path(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
