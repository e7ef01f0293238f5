"""Every command that writes checks where before it works: a missing folder, a folder given as
the file, or a read-only place gives one line and exit 2, never a traceback (issue item 11)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.paths import DEMO_BOARD


@pytest.fixture
def read_only_folder(small_disk: Callable[..., Path]) -> Path:
    return small_disk("64k", read_only=True)


def _commands(target: Path, csv: Path) -> dict[str, list[str]]:
    return {
        "screenshot": ["--screenshot", str(target)],
        "recommend": ["recommend", str(DEMO_BOARD), "-o", str(target)],
        "import": ["import", str(csv), "-o", str(target)],
    }


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    csv = tmp_path / "inventory.csv"
    csv.write_text("name,vcpu,memory_gib\nWeb,2,4\n", encoding="utf-8")
    return csv


@pytest.mark.parametrize("command", ["screenshot", "recommend", "import"])
@pytest.mark.parametrize("place", ["missing folder", "a folder", "read-only"])
def test_a_bad_output_place_is_one_line_and_exit_2(
    tmp_path: Path,
    inventory: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    command: str,
    place: str,
) -> None:
    if place == "missing folder":
        target, expected = tmp_path / "no-such-folder" / "out", "does not exist"
    elif place == "a folder":
        target, expected = tmp_path, "is a folder"
    else:
        folder = request.getfixturevalue("read_only_folder")
        target, expected = folder / "out", "read-only file system"
    assert main(_commands(target, inventory)[command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("whiteboard: "), err
    assert expected in err and "Traceback" not in err


def test_a_screenshot_into_a_full_disk_is_one_line(
    tmp_path: Path, small_disk: Callable[..., Path]
) -> None:
    """The check up front passes (the folder is writable), then the write fails for real."""
    folder = small_disk("4k")
    result = subprocess.run(
        [sys.executable, "-m", "whiteboard", "--screenshot", str(folder / "shot.png")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    ours = [line for line in result.stderr.splitlines() if line.startswith("whiteboard:")]
    assert result.returncode == 2, result.stderr
    assert ours == [f"whiteboard: --screenshot {folder / 'shot.png'}: no space left on device"]
    assert "Traceback" not in result.stderr
