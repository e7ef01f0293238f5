"""Writing Terraform stubs into a folder the user owns: a manifest of what was generated, and
one transaction for the stubs, the manifest and the removal of stale stubs.

The manifest (`.whiteboard-manifest.json`) records {file name: sha256} of what the last export
wrote. A file is replaced only when the manifest lists it with an unchanged hash, and deleted
only when it is listed, unchanged and no longer generated, so the user's own files and edits are
never lost; `force` overrides, and the transaction notes what it overwrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from whiteboard import __version__
from whiteboard.export.terraform import render_terraform
from whiteboard.export.transaction import (
    ExportError,
    Transaction,
    check_folder_destination,
    reason,
)
from whiteboard.model import Board

#: What an export generated in a folder: {"files": {name: sha256 of its bytes}}. A file is
#: replaced only when this lists it with an unchanged hash, and deleted only when it is listed,
#: unchanged and no longer generated, so the user's own files and edits are never lost.
MANIFEST_NAME = ".whiteboard-manifest.json"
MANIFEST_VERSION = 1
#: A manifest of every stub file is under 2 KB; one far larger is not ours.
MAX_MANIFEST_BYTES = 64 * 1024
MAX_MANIFEST_FILES = 256
_MANIFEST_KEYS = frozenset({"generator", "schema_version", "files"})
_HEX = frozenset("0123456789abcdef")
_CHUNK = 1 << 20


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain_name(name: object) -> bool:
    """A file name right in the folder: no path separators, no `..`, no hidden or odd names."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= 255
        and name.isprintable()
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and ":" not in name
    )


def _is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _bad_manifest(path: Path, problem: str) -> ExportError:
    return ExportError(
        f"{path}: {problem}, so whiteboard cannot tell which files here are its own",
        forceable=True,
    )


def read_manifest(folder: Path) -> dict[str, str] | None:
    """{file name: sha256} that the last export recorded in `folder`; None when it has none.

    The file is untrusted input: read at most MAX_MANIFEST_BYTES (never through a symlink, never
    from a pipe), parsed as JSON of one checked shape, every name a plain file name. Anything
    else raises a forceable ExportError.
    """
    path = folder / MANIFEST_NAME
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if path.is_symlink():
        raise _bad_manifest(path, "is a symbolic link")
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _bad_manifest(path, f"cannot be read ({reason(error)})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _bad_manifest(path, "is not a regular file")
        data = handle.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise _bad_manifest(path, f"is larger than {MAX_MANIFEST_BYTES // 1024} KB")
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise _bad_manifest(path, "is not JSON") from None
    if (
        not isinstance(document, dict)
        or set(document) != _MANIFEST_KEYS
        or not isinstance(document["generator"], str)
    ):
        raise _bad_manifest(path, "is not a whiteboard manifest")
    version, files = document["schema_version"], document["files"]
    if type(version) is not int or version != MANIFEST_VERSION:
        raise _bad_manifest(path, f"has schema_version {str(version)[:20]!r}, not 1")
    if not isinstance(files, dict) or len(files) > MAX_MANIFEST_FILES:
        raise _bad_manifest(path, f"needs 'files': at most {MAX_MANIFEST_FILES} names and hashes")
    for name, digest in files.items():
        if not _plain_name(name):
            raise _bad_manifest(path, f"lists {name[:60]!r}, which is not a plain file name")
        if not _is_sha256(digest):
            raise _bad_manifest(path, f"gives {name!r} something other than a sha256 hash")
    return dict(files)


def _digest_of(path: Path) -> str | None:
    """sha256 of the file at `path` (through a symlink); None when there is none. A folder or a
    special file (pipe, device) is an ExportError: no export replaces one."""
    if not os.path.lexists(path):
        return None
    if path.is_dir():
        raise ExportError(f"{path}: is a folder where a stub file goes")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None  # a dangling symlink: writing creates its target
    except OSError as error:
        raise ExportError(f"{path}: {reason(error)}") from None
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ExportError(f"{path}: is not a regular file")
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _ownership_problem(path: Path, recorded: Mapping[str, str] | None, folder: Path) -> str | None:
    """Why replacing `path` could lose the user's work; None when it is new or ours, unchanged."""
    current = _digest_of(path)
    if current is None:
        return None
    if recorded is None:
        return f"already exists, and {folder} has no {MANIFEST_NAME} saying whiteboard made it"
    if path.name not in recorded:
        return "already exists and was not generated by whiteboard"
    if recorded[path.name] != current:
        return "was changed since whiteboard generated it"
    return None


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    """The manifest of `files` ({name: the bytes written}): sorted, stable, no dates."""
    document = {
        "generator": f"whiteboard {__version__}",
        "schema_version": MANIFEST_VERSION,
        "files": {name: _sha256(data) for name, data in sorted(files.items())},
    }
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8")


def stage_files(
    folder: str | os.PathLike[str],
    files: Mapping[str, str],
    transaction: Transaction,
    *,
    force: bool = False,
) -> None:
    """Add rendered stubs, the manifest and the removal of stale stubs to `transaction`.

    Refuses (ExportError, forceable, nothing added) to replace a file the manifest does not list
    or that changed since it was generated, and to trust a manifest that is not one. Deletes
    only files the manifest lists, unchanged, that are no longer generated (say `lambda.tf`
    after the last function moved); a changed one is kept and noted in `transaction.kept`.
    With `force`, refused files are replaced (noted in `transaction.forced`) and an odd
    manifest is ignored.
    """
    target = Path(folder)
    try:
        recorded = read_manifest(target)
    except ExportError:
        if not force:
            raise
        recorded = None
        transaction.forced.append(target / MANIFEST_NAME)
    encoded = {name: text.encode("utf-8") for name, text in files.items()}
    problems: list[tuple[Path, str]] = []
    for name in encoded:
        path = target / name
        if (problem := _ownership_problem(path, recorded, target)) is not None:
            problems.append((path, problem))
    if problems and not force:
        path, problem = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ExportError(f"{path}: {problem}{more}", forceable=True)
    transaction.forced.extend(path for path, _ in problems)
    transaction.make_folder(target)
    for name, data in encoded.items():
        transaction.write(target / name, data)
    for name, digest in sorted((recorded or {}).items()):
        path = target / name
        if name in encoded or name == MANIFEST_NAME:
            continue
        try:
            current = _digest_of(path)
        except ExportError:
            current = ""
        if current == digest:
            transaction.delete(path)
        elif current is not None:
            transaction.kept.append(path)
    # Never through a symlink: a link planted as the manifest must not aim the write elsewhere.
    manifest = manifest_bytes(encoded)
    transaction.write(target / MANIFEST_NAME, manifest, listed=False, follow_symlinks=False)


def write_files(
    folder: str | os.PathLike[str], files: Mapping[str, str], *, force: bool = False
) -> list[Path]:
    """Write rendered stubs into `folder` (made if missing, its parent must exist) as one
    transaction with the manifest; the stub files written. See `stage_files` for what is
    refused and what is removed."""
    target = Path(folder)
    check_folder_destination(target, "--terraform")
    transaction = Transaction()
    stage_files(target, files, transaction, force=force)
    return transaction.commit()


def write_terraform(
    board: Board, folder: str | os.PathLike[str], *, force: bool = False
) -> list[Path]:
    """Render first (so a failure leaves the folder as it was), then write."""
    return write_files(folder, render_terraform(board), force=force)
