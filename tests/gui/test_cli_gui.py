"""`whiteboard [BOARD] [--screenshot FILE]` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from whiteboard.cli import main


def test_screenshot_renders_the_window_at_1600x900(
    qapp: object, board_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "window.png"
    assert main([str(board_file), "--screenshot", str(target)]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1600, 900)


def test_screenshot_without_a_board_uses_the_demo(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "demo.png"
    assert main(["--screenshot", str(target)]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_a_bad_board_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2]", encoding="utf-8")
    assert main([str(broken), "--screenshot", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err == "whiteboard: broken.json: should hold a JSON object, not a list\n"
    assert not (tmp_path / "x.png").exists()


def test_help_lists_the_window_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "gui" in capsys.readouterr().out


def test_without_a_display_the_window_command_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], board_file: Path
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([str(board_file)]) == 2
    assert "no display to open the window on" in capsys.readouterr().err
    assert main(["missing.json"]) == 2
    assert capsys.readouterr().err == "whiteboard: missing.json: no such file\n"
