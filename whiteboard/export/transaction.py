"""An export as one transaction: every file staged beside its destination, then all moved in.

    transaction = Transaction()
    transaction.write(Path("h.pdf"), pdf_bytes)
    transaction.delete(Path("tf/lambda.tf"))
    written = transaction.commit()   # all of it, or ExportError and nothing changed

`commit` writes each file to a temp file in its destination's folder (fsync'd), links each old
file to a backup name, and only when everything is staged renames the temp files over their
destinations, then fsyncs the folders. A failure before the renames removes what was staged; a
failure among the renames (rare: the space is already taken) puts the backups back (on a file
system without hard links, such as FAT, files already renamed then stay new). Either way every
old file is left as it was, and the error names the destination (never a temp file) and the
reason in words: `h.pdf: no space left on device`. A power cut in the middle of the renames
can leave some files new and some old, each one whole; the leftovers are `.NAME.*.tmp`
dot-files that the next save or export of that name sweeps once they are ten minutes old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Shared so that saves and exports check, make, sync and sweep their files one way.
from whiteboard.model.atomic import (
    current_umask,
    folder_write_problem,
    fsync_folder,
    output_problem,
    reason,
    resolve_target,
    shown_folder,
    sweep_stale_temps,
)

#: os.link errors meaning "this file system has no hard links": that file gets no backup.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK})


class ExportError(Exception):
    """Why an export wrote nothing, in one line that names the file or option at fault.

    `forceable` is True when the refusal protects files the user may mean to replace
    (`ExportOptions(force=True)`, `whiteboard export --force`, overrides it).
    """

    def __init__(self, message: str, *, forceable: bool = False) -> None:
        super().__init__(message)
        self.forceable = forceable


def check_file_destination(path: Path, option: str) -> None:
    """Refuse, before anything is rendered, a file destination that cannot be written."""
    problem = output_problem(path, f"{option} needs a file name")
    if problem is not None:
        raise ExportError(f"{path}: {problem}")


def check_folder_destination(path: Path, option: str) -> None:
    """Refuse a folder destination that cannot be written; a missing folder is made (its parent
    must exist)."""
    if path.exists():
        if not path.is_dir():
            raise ExportError(f"{path}: is a file; {option} needs a folder")
        if (why := folder_write_problem(path)) is not None:
            raise ExportError(f"{path}: cannot write in it: {why}")
        return
    parent = shown_folder(path.parent)
    if not parent.exists():
        raise ExportError(f"{path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"{path}: {parent} is a file, not a folder")
    if (why := folder_write_problem(parent)) is not None:
        raise ExportError(f"{path}: cannot make it in {parent}: {why}")


def check_distinct(paths: list[Path]) -> None:
    """Refuse two outputs aimed at one file (also through a symlink)."""
    seen: set[Path] = set()
    for path in paths:
        key = Path(os.path.abspath(resolve_target(path)))
        if key in seen:
            raise ExportError(f"{path}: is the destination of two outputs; give each its own")
        seen.add(key)


@dataclass(slots=True)
class _Write:
    destination: Path
    target: Path
    data: bytes
    listed: bool
    temp: Path | None = None
    backup: Path | None = None
    existed: bool = False


@dataclass(slots=True)
class _Delete:
    path: Path
    aside: Path | None = None


@dataclass(slots=True)
class Transaction:
    """Files to make, replace and delete, applied all together by `commit` or not at all."""

    #: Destinations replaced although an ownership check would have refused them (force).
    forced: list[Path] = field(default_factory=list)
    #: Files left in place that a tidy-up would have deleted (the user changed them).
    kept: list[Path] = field(default_factory=list)
    _folders: list[Path] = field(default_factory=list, init=False, repr=False)
    _writes: dict[Path, _Write] = field(default_factory=dict, init=False, repr=False)
    _deletes: list[_Delete] = field(default_factory=list, init=False, repr=False)

    def make_folder(self, path: Path) -> None:
        """Create `path` (not its parents) at commit time if it is missing."""
        self._folders.append(path)

    def write(
        self, path: Path, data: bytes, *, listed: bool = True, follow_symlinks: bool = True
    ) -> None:
        """Replace `path` (a symlink's target, keeping the link) with `data`. `listed`: return
        it from `commit` (bookkeeping files such as a manifest are not listed).
        `follow_symlinks=False` replaces a symlink itself, never a file it points to."""
        target = resolve_target(path) if follow_symlinks else path
        key = Path(os.path.abspath(target))
        if key in self._writes:
            raise ExportError(f"{path}: is the destination of two outputs; give each its own")
        self._writes[key] = _Write(path, target, data, listed)

    def delete(self, path: Path) -> None:
        self._deletes.append(_Delete(path))

    def commit(self) -> list[Path]:
        """Apply everything; the listed destinations, in the order they were added."""
        made: list[Path] = []
        writes = list(self._writes.values())
        try:
            for folder in self._folders:
                _make_folder(folder, made)
            for item in writes:
                _stage(item)
            self._swap(writes)
        except BaseException:
            for item in writes:
                _discard(item.temp)
                _discard(item.backup)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        self._finish(writes)
        return [item.destination for item in writes if item.listed]

    def _swap(self, writes: list[_Write]) -> None:
        """Rename every staged file into place and every deleted file aside; on any failure
        put back what was already moved."""
        current: Path | None = None
        try:
            for item in writes:
                current = item.destination
                if item.temp is not None:
                    os.replace(item.temp, item.target)
                    item.temp = None
            for doomed in self._deletes:
                current = doomed.path
                if os.path.lexists(doomed.path):
                    aside = _unused_name(doomed.path)
                    os.replace(doomed.path, aside)
                    doomed.aside = aside
        except BaseException as error:
            self._roll_back(writes)
            if isinstance(error, OSError):
                raise ExportError(f"{current}: {reason(error)}") from None
            raise

    def _roll_back(self, writes: list[_Write]) -> None:
        for doomed in reversed(self._deletes):
            if doomed.aside is not None:
                with contextlib.suppress(OSError):
                    os.replace(doomed.aside, doomed.path)
                    doomed.aside = None
        for item in reversed(writes):
            if item.temp is not None:
                continue  # never moved in
            with contextlib.suppress(OSError):
                if item.backup is not None:
                    os.replace(item.backup, item.target)
                    item.backup = None
                elif not item.existed:
                    os.unlink(item.target)

    def _finish(self, writes: list[_Write]) -> None:
        folders = {item.target.parent for item in writes}
        folders |= {doomed.path.parent for doomed in self._deletes}
        for folder in folders:
            fsync_folder(folder)
        for item in writes:
            _discard(item.backup)
            sweep_stale_temps(item.target.parent, item.target.name)
        for doomed in self._deletes:
            _discard(doomed.aside)


def _make_folder(folder: Path, made: list[Path]) -> None:
    if folder.is_dir():
        return
    try:
        os.mkdir(folder)
    except OSError as error:
        raise ExportError(f"{folder}: cannot make the folder: {reason(error)}") from None
    made.append(folder)
    fsync_folder(Path(os.path.abspath(folder)).parent)


def _stage(item: _Write) -> None:
    """Write the new content to a temp file beside the destination and back up the old file."""
    target = item.target
    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"{item.destination}: {reason(error)}") from None
    item.temp = Path(temp)
    try:
        try:
            view = memoryview(item.data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        mode = 0o666 & ~current_umask()
        with contextlib.suppress(FileNotFoundError):
            info = os.lstat(target)  # a symlink here is one to replace itself
            item.existed = True
            if stat.S_ISREG(info.st_mode):
                mode = info.st_mode & 0o777
        os.chmod(temp, mode)
        if item.existed:
            item.backup = _hard_link_backup(target)
    except OSError as error:
        raise ExportError(f"{item.destination}: {reason(error)}") from None


def _unused_name(path: Path) -> Path:
    """A `.NAME.*.tmp` name beside `path` that nothing uses now."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        if not os.path.lexists(candidate):
            return candidate


def _hard_link_backup(target: Path) -> Path | None:
    """A second name for the old file, so a failed swap can rename it back; None where the
    file system has no hard links (that one file then cannot be put back)."""
    while True:
        backup = _unused_name(target)
        try:
            if os.link in os.supports_follow_symlinks:
                os.link(target, backup, follow_symlinks=False)
            else:
                os.link(target, backup)
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno in _NO_HARD_LINKS:
                return None
            raise
        return backup


def _discard(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


__all__ = [
    "ExportError",
    "Transaction",
    "check_distinct",
    "check_file_destination",
    "check_folder_destination",
    "reason",
]
