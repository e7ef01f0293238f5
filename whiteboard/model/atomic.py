"""Atomic file writes: the old file or the new one, never a torn mix of both."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

#: A temp file this old beside its target is the leftover of a save that was killed mid-way
#: (a live save takes well under a minute): safe to remove.
STALE_TEMP_SECONDS = 600.0


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to `path` should replace: a symlink's final target (so saving through
    a link updates the real file and keeps the link), else `path` itself.

    A hard link cannot be kept: the rename gives `path` a new inode, and other names of the old
    one keep the old content.
    """
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def output_problem(path: str | os.PathLike[str], what: str = "file") -> str | None:
    """Why a file could not be written at `path`, as one phrase after the path, or None.

    Checked before any work starts, so a long render does not end in a traceback: a missing
    folder, a folder where a file should be, a place that is read-only (a read-only file
    system refuses even root), or an existing file that cannot be replaced.
    """
    target = resolve_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        return f"is a folder; give a {what} name"
    if not folder.is_dir():
        return f"folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"folder {folder} is not writable"
    return None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync'd, then renamed.

    Skipping the fsync can leave a zero-length file after a power cut on ext4; the folder is
    fsync'd after the rename so the new name itself survives a crash. A symlink is followed:
    the file it points to is replaced, the link stays.
    """
    target = resolve_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, os.stat(target).st_mode & 0o777)
        if not target.exists():
            os.chmod(temp_name, 0o666 & ~current_umask())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_folder(folder)
    sweep_stale_temps(folder, target.name)


def sweep_stale_temps(folder: Path, name: str) -> None:
    """Remove `.NAME.*.tmp` files left by earlier saves that were killed before the rename."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
