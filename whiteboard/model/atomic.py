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


def reason(error: OSError) -> str:
    """An OSError's cause in words, without a file name: `no space left on device`."""
    text = error.strerror or (os.strerror(error.errno) if error.errno else "") or str(error)
    return text[:1].lower() + text[1:]


def folder_write_problem(folder: Path) -> str | None:
    """None when new files can be made in `folder`, else why not in words (a read-only file
    system refuses even root, where a chmod does not)."""
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
        return "read-only file system"
    return "permission denied"


def shown_folder(folder: Path) -> Path:
    """A folder as an error names it: as given, except `.` (the current folder) in full."""
    return Path(os.path.abspath(folder)) if str(folder) in ("", ".") else folder


def output_problem(path: str | os.PathLike[str], need: str = "give a file name") -> str | None:
    """Why a file could not be written at `path`, as one phrase to follow the path, or None.

    Checked before any work starts (saves, screenshots, every export), so a long render does
    not end in a traceback: a folder or a device where the file should be, a missing folder,
    a place that cannot be written. `need` says what the user should give instead of a folder.
    """
    target = resolve_target(path)
    folder = shown_folder(target.parent)
    if target.is_dir():
        return f"is a folder; {need}"
    if target.exists() and not target.is_file():
        return f"is not a regular file; {need}"
    if not folder.exists():
        return f"folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if (why := folder_write_problem(folder)) is not None:
        return f"cannot write in {folder}: {why}"
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
