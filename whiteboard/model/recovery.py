"""Crash recovery copies of open boards: naming, writing, locking and finding them after a crash.

Pure Python (no Qt): the window decides *when* to write (every 30 s while there are unsaved
changes) and where the folder is; this module decides *how*.

- One copy per open document: `<key>.recovery.json`, written atomically, holding the board and
  the file it belongs to.
- Each copy has a lock file `<key>.lock` naming the process (pid, host) that owns it, created
  with O_EXCL, so two windows never write the same copy. A lock whose process is gone is stale.
- After a crash, copies whose lock is missing or stale are offered for restore; adopting one
  takes its lock so the new window keeps updating (and finally deletes) that same copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from whiteboard.model.atomic import write_atomic
from whiteboard.model.board import Board
from whiteboard.model.io import (
    MAX_FILE_BYTES,
    BoardFileError,
    board_from_raw,
    parse_json_object,
    read_bounded,
)

FORMAT = "whiteboard-recovery"
FORMAT_VERSION = 1
SUFFIX = ".recovery.json"
LOCK_SUFFIX = ".lock"
#: A copy holds one board (at most MAX_FILE_BYTES as a file) in a slightly wordier layout.
MAX_RECOVERY_BYTES = 2 * MAX_FILE_BYTES
MAX_LOCK_BYTES = 4096
#: Process ids are at most 2**22 on Linux; anything above 2**31 names no process anywhere.
MAX_PID = 2**31 - 1
FRESH_LOCK_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """A recovery copy found on disk."""

    path: Path
    #: The board file it belongs to; None for a board that was never saved.
    source: str | None
    written_at: dt.datetime
    board_name: str

    @property
    def key(self) -> str:
        return self.path.name.removesuffix(SUFFIX)

    def describe(self) -> str:
        where = self.source or "an unsaved board"
        return f"'{self.board_name}' ({where}), saved {self.written_at:%Y-%m-%d %H:%M}"


def key_for(source: str | os.PathLike[str] | None) -> str:
    """Stable file-name stem for a document: a hash of its absolute path, or 'untitled'."""
    if source is None:
        return "untitled"
    absolute = os.path.abspath(os.fspath(source))
    return "board-" + hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:16]


def _host() -> str:
    return socket.gethostname()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _lock_owner(lock: Path) -> tuple[int, str] | None:
    """(pid, host) named by a lock file; None when it holds no such thing."""
    try:
        owner = json.loads(read_bounded(lock, MAX_LOCK_BYTES, "lock files"))
    except (BoardFileError, ValueError, RecursionError):
        return None
    if not isinstance(owner, dict):
        return None
    pid, host = owner.get("pid"), owner.get("host")
    if type(pid) is not int or not 0 < pid <= MAX_PID or not isinstance(host, str):
        return None
    return pid, host


def lock_is_live(lock: Path) -> bool:
    """True when the lock file exists and names a running process on this host.

    A lock that names nothing usable (tampered, nested, a pid no system has) is stale, so it
    cannot hide a recovery copy; only an empty lock younger than a few seconds counts as live,
    since its owner may be writing it right now.
    """
    if not os.path.lexists(lock):
        return False
    owner = _lock_owner(lock)
    if owner is None:
        with contextlib.suppress(OSError):
            info = lock.stat()
            return info.st_size == 0 and time.time() - info.st_mtime < FRESH_LOCK_SECONDS
        return False
    pid, host = owner
    if host != _host():
        return True
    return _pid_alive(pid)


def _try_lock(lock: Path) -> bool:
    """Create the lock file exclusively (taking over a stale one); True when it is ours."""
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            if lock_is_live(lock):
                return False
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"pid": os.getpid(), "host": _host()}, handle)
        return True
    return False


class RecoverySlot:
    """The recovery copy of one open document, locked for this process while it lives."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key

    @classmethod
    def acquire(cls, folder: Path, source: str | os.PathLike[str] | None) -> RecoverySlot:
        """A free slot for the document: its own key, or key-2, key-3... if others hold it."""
        folder.mkdir(parents=True, exist_ok=True)
        base = key_for(source)
        for n in range(1, 1000):
            key = base if n == 1 else f"{base}-{n}"
            if _try_lock(folder / f"{key}{LOCK_SUFFIX}"):
                return cls(folder, key)
        raise OSError(f"{folder}: no free recovery slot for {base}")

    @classmethod
    def adopt(cls, entry: RecoveryEntry) -> RecoverySlot | None:
        """Take over an orphaned copy; None when another live process got its lock first."""
        if _try_lock(entry.path.with_name(f"{entry.key}{LOCK_SUFFIX}")):
            return cls(entry.path.parent, entry.key)
        return None

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}{SUFFIX}"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.key}{LOCK_SUFFIX}"

    def write(self, board: Board, source: str | os.PathLike[str] | None) -> None:
        """Write (atomically replace) the recovery copy of `board`."""
        payload = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "source": None if source is None else os.path.abspath(os.fspath(source)),
            "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "board": board.model_dump(mode="json"),
        }
        text = json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode("utf-8"))

    def discard(self) -> None:
        """Delete the copy (after a clean save); the slot stays ours."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def release(self) -> None:
        """Delete the copy and give up the lock (clean close)."""
        self.discard()
        with contextlib.suppress(FileNotFoundError):
            self.lock_path.unlink()


def read_entry(path: Path) -> RecoveryEntry:
    """The header of a recovery copy, its board validated like any board file; BoardFileError
    if it is not a usable one."""
    raw = _read_payload(path)
    board = raw.get("board")
    if not isinstance(board, dict):
        raise BoardFileError(path.name, "board: should be a JSON object")
    board_from_raw(board, path.name)
    written_at = raw.get("written_at")
    try:
        written = dt.datetime.fromisoformat(written_at) if isinstance(written_at, str) else None
    except ValueError:
        written = None
    if written is None:
        raise BoardFileError(path.name, "written_at: is not a date and time")
    if written.tzinfo is None:  # an old or hand-made copy: read it as UTC, comparable to others
        written = written.replace(tzinfo=dt.UTC)
    source = raw.get("source")
    if source is not None and not (isinstance(source, str) and os.path.isabs(source)):
        raise BoardFileError(path.name, "source: should be the absolute path of a board file")
    return RecoveryEntry(
        path=path, source=source, written_at=written, board_name=str(board.get("name") or "")
    )


def load_recovered(entry: RecoveryEntry) -> Board:
    """The board stored in a recovery copy, validated like any board file."""
    raw = _read_payload(entry.path)
    board = raw.get("board")
    if not isinstance(board, dict):
        raise BoardFileError(entry.path.name, "board: should be a JSON object")
    return board_from_raw(board, entry.path.name)


def _read_payload(path: Path) -> dict[str, object]:
    raw = parse_json_object(read_bounded(path, MAX_RECOVERY_BYTES, "recovery copies"), path.name)
    if raw.get("format") != FORMAT:
        raise BoardFileError(path.name, "is not a whiteboard recovery copy")
    return raw


def adoptable_source(
    entry: RecoveryEntry, opened: Iterable[str], shipped: Callable[[Path], bool]
) -> Path | None:
    """The file a restored copy may be saved back to: only one the user opened (`opened`, the
    recent files) and not one shipped with the app. A copy naming any other path (a forged
    `source`) is restored as an untitled board, so Save asks where instead of overwriting it."""
    if entry.source is None or entry.source not in set(opened):
        return None
    path = Path(entry.source)
    return None if shipped(path) else path


def set_aside(path: Path) -> Path | None:
    """Rename an unusable recovery copy out of the way (never delete it: a human may want to
    look); the new path, or None if it could not be moved."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unusable-{stamp}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def find_orphans(folder: Path, problems: list[str] | None = None) -> list[RecoveryEntry]:
    """Recovery copies nobody holds (their process crashed), newest first.

    An unusable copy (not JSON, tampered, too big, not a regular file, a board that does not
    validate) is set aside under a new name, and one sentence about it is added to `problems`;
    the good copies are still offered.
    """
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        key = path.name.removesuffix(SUFFIX)
        if lock_is_live(folder / f"{key}{LOCK_SUFFIX}"):
            continue
        try:
            entries.append(read_entry(path))
        except BoardFileError as error:
            moved = set_aside(path)
            if problems is not None:
                where = f"moved to {moved.name}" if moved else "left where it is"
                problems.append(f"A recovery copy could not be used ({error}); {where}.")
    return sorted(entries, key=lambda e: e.written_at, reverse=True)


def delete_entry(entry: RecoveryEntry) -> None:
    """Throw an orphaned copy away (the user chose not to restore it)."""
    with contextlib.suppress(FileNotFoundError):
        entry.path.unlink()
    with contextlib.suppress(FileNotFoundError):
        entry.path.with_name(f"{entry.key}{LOCK_SUFFIX}").unlink()
