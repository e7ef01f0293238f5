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
from dataclasses import dataclass
from pathlib import Path

from whiteboard.model.atomic import write_atomic
from whiteboard.model.board import Board
from whiteboard.model.io import BoardFileError, board_from_bytes

FORMAT = "whiteboard-recovery"
FORMAT_VERSION = 1
SUFFIX = ".recovery.json"
LOCK_SUFFIX = ".lock"


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


def lock_is_live(lock: Path) -> bool:
    """True when the lock file exists and names a running process on this host."""
    try:
        owner = json.loads(lock.read_text(encoding="utf-8"))
        pid, host = int(owner["pid"]), str(owner["host"])
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        return True  # unreadable lock: assume someone holds it rather than fight over it
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
    """The header of a recovery copy; BoardFileError if it is not one."""
    raw = _read_payload(path)
    board = raw.get("board")
    name = board.get("name") if isinstance(board, dict) else None
    try:
        written = dt.datetime.fromisoformat(str(raw.get("written_at")))
    except ValueError:
        raise BoardFileError(path.name, "written_at is not a date and time") from None
    source = raw.get("source")
    return RecoveryEntry(
        path=path,
        source=source if isinstance(source, str) else None,
        written_at=written,
        board_name=str(name or "untitled"),
    )


def load_recovered(entry: RecoveryEntry) -> Board:
    """The board stored in a recovery copy, validated like any board file."""
    raw = _read_payload(entry.path)
    data = json.dumps(raw.get("board")).encode("utf-8")
    return board_from_bytes(data, entry.path.name)


def _read_payload(path: Path) -> dict[str, object]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BoardFileError(path.name, f"is not a readable recovery copy ({error})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BoardFileError(path.name, "is not a whiteboard recovery copy")
    return raw


def find_orphans(folder: Path) -> list[RecoveryEntry]:
    """Recovery copies nobody holds (their process crashed), newest first. Unreadable copies
    are skipped (they are left on disk for a human to look at)."""
    if not folder.is_dir():
        return []
    entries = []
    for path in folder.glob(f"*{SUFFIX}"):
        key = path.name.removesuffix(SUFFIX)
        if lock_is_live(folder / f"{key}{LOCK_SUFFIX}"):
            continue
        with contextlib.suppress(BoardFileError):
            entries.append(read_entry(path))
    return sorted(entries, key=lambda e: e.written_at, reverse=True)


def delete_entry(entry: RecoveryEntry) -> None:
    """Throw an orphaned copy away (the user chose not to restore it)."""
    with contextlib.suppress(FileNotFoundError):
        entry.path.unlink()
    with contextlib.suppress(FileNotFoundError):
        entry.path.with_name(f"{entry.key}{LOCK_SUFFIX}").unlink()
