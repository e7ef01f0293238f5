"""Fixtures of the reliability suite: small real disks (tmpfs), where this machine permits."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def mount_command(*args: str) -> bool:
    """Run `mount ARGS`; True when it worked (it needs root)."""
    if shutil.which("mount") is None:
        return False
    try:
        result = subprocess.run(["mount", *args], capture_output=True, timeout=30, check=False)
    except OSError:
        return False
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount a tmpfs of the given size (`8m`), read-only if asked, and return its folder; skip
    where mounting is not permitted. A chmod does not stop root; a full or read-only file system
    does."""
    mounted: list[Path] = []

    def mount(size: str, *, read_only: bool = False) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        options = f"size={size},mode=0755" + (",ro" if read_only else "")
        if not mount_command("-t", "tmpfs", "-o", options, "tmpfs", str(point)):
            pytest.skip("mounting a small tmpfs is not permitted here (needs root)")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30, check=False)
