"""Preferences cannot run code or stop the app: a hostile preferences file is ignored with one
warning line and the app starts (issue: QSettings unpickled `@Variant` values on every start)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from whiteboard.model.preferences import FILE_NAME, MAX_BYTES, Preferences, load_preferences

ROOT = Path(__file__).resolve().parents[2]

#: Each a preferences file an attacker or a crash could leave behind.
HOSTILE = {
    # The 40-byte value that aborted the app with std::bad_alloc through QSettings.
    "qt variant": b"[General]\nrecent_files=@Variant(\0\0\0\x0b\x7f\xff\xff\xff)\n",
    "pickle": b"\x80\x04\x95\x1e\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06system\x94",
    "truncated json": b'{"recent_files": ["/a.json", ',
    "deep nesting": b"[" * 50_000 + b"]" * 50_000,
    "wrong types": b'{"recent_files": 42, "export": {"pdf": "yes"}}',
    "too many recent": b'{"recent_files": [' + b",".join([b'"/x.json"'] * 500) + b"]}",
    "control characters": b'{"recent_files": ["/a\\u001b[31m.json"]}',
    "not utf-8": b'{"recent_files": ["\xff\xfe"]}',
    "huge": b'{"window_geometry": "' + b"A" * (MAX_BYTES + 1) + b'"}',
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_preferences_file_is_ignored_with_one_sentence(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    preferences, warning = load_preferences(path)
    assert preferences == Preferences()
    assert warning is not None
    assert "\n" not in warning and warning.endswith("."), warning
    assert warning.isprintable(), warning
    assert path.read_bytes() == content  # left for a human to look at


def test_a_fifo_or_a_folder_in_its_place_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    for path in (fifo, folder, Path("/dev/zero")):
        preferences, warning = load_preferences(path)
        assert preferences == Preferences() and warning, path


def test_good_preferences_round_trip(tmp_path: Path) -> None:
    from whiteboard.model.preferences import PreferencesStore

    store = PreferencesStore(tmp_path / "sub" / FILE_NAME)
    assert store.warning is None
    assert store.update(recent_files=["/a.json", "/b.json"]) is None
    again = PreferencesStore(tmp_path / "sub" / FILE_NAME)
    assert again.current.recent_files == ("/a.json", "/b.json")


def _start_headless(config_home: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(config_home),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    args = [sys.executable, "-m", "whiteboard", "--screenshot", str(tmp_path / "shot.png")]
    return subprocess.run(
        args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["qt variant", "fifo"])
def test_the_app_starts_on_a_hostile_preferences_file(tmp_path: Path, kind: str) -> None:
    """The real start-up path (`--screenshot` reads the preferences like the window does)."""
    config = tmp_path / "config"
    place = config / "Whiteboard" / "Whiteboard"
    place.mkdir(parents=True)
    # Both the old QSettings file and our own: neither may run or stop anything.
    (place.parent / "Whiteboard.conf").write_bytes(HOSTILE["qt variant"])
    if kind == "fifo":
        os.mkfifo(place / FILE_NAME)
    else:
        (place / FILE_NAME).write_bytes(HOSTILE["qt variant"])
    result = _start_headless(config, tmp_path)
    assert result.returncode == 0, result.stderr
    # The offscreen platform adds its own notes ("does not support propagateSizeHints").
    ours = [line for line in result.stderr.splitlines() if line.startswith("whiteboard:")]
    assert len(ours) == 1 and "preferences" in ours[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "shot.png").read_bytes()[:4] == b"\x89PNG"


def test_nothing_reads_qsettings() -> None:
    """QSettings unpickles on read: no code of ours may touch it."""
    users = [
        path.relative_to(ROOT)
        for path in (ROOT / "whiteboard").rglob("*.py")
        if re.search(r"import[^\n]*\bQSettings\b|QSettings\(", path.read_text("utf-8"))
    ]
    assert users == []
