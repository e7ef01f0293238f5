"""The demo board presented end to end: every step by key, the editor's F5 entry point, the
`present` command and the `export --frames` option."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QAbstractAnimation, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from whiteboard.cli import main
from whiteboard.gui.presenter import Presentation, present_board
from whiteboard.gui.presenter_window import AudienceWindow
from whiteboard.model import Board
from whiteboard.paths import DEMO_BOARD
from whiteboard.slides.playback import Script, script_for_board

Key = Qt.Key


@pytest.fixture(scope="module")
def demo_script(demo_board: Board) -> Script:
    return script_for_board(demo_board)


def _stopped(timer: QTimer) -> bool:
    """Stopped, or already deleted with its window (the F5 presentation deletes itself)."""
    return not shiboken6.isValid(timer) or not timer.isActive()


def _active(presentation: Presentation) -> list[object]:
    animations = [
        a
        for a in presentation.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running
    ]
    timers = [t for t in presentation.notes.findChildren(QTimer) if t.isActive()]
    return [*animations, *timers]


@pytest.fixture
def presentation(
    qtbot: QtBot, demo_script: Script, test_failed: Callable[[], bool]
) -> Iterator[Presentation]:
    presentation = Presentation(demo_script)
    with qtbot.waitExposed(presentation.audience):
        presentation.start(full_screen=False)
    with qtbot.waitActive(presentation.audience):
        presentation.audience.activateWindow()
    yield presentation
    active = _active(presentation)
    presentation.close()
    if not test_failed():
        assert active == [], f"presenter left animations or timers running: {active}"


@pytest.fixture(autouse=True)
def _no_dangling_presenter_windows(test_failed: Callable[[], bool]) -> Iterator[None]:
    """Fails a test that leaves a presenter window open (and with it its clock). The windows
    are closed either way (which ends their presentation), so one failure stays one."""
    yield
    QApplication.sendPostedEvents()
    open_windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AudienceWindow) and w.isVisible()
    ]
    for window in open_windows:
        window.close()
    if not test_failed():
        assert open_windows == []


def test_the_story_steps_then_one_step_per_column(demo_script: Script) -> None:
    titles = [demo_script.info(n).title for n in range(1, demo_script.last + 1)]
    assert len(titles) == 8 + 5  # the demo board has workloads in all five columns
    assert demo_script.frame_name(1) == "step-01-the-line.png"
    assert all(demo_script.info(n).notes for n in range(1, demo_script.last + 1))


def test_the_start_is_named_after_the_board(demo_script: Script, demo_board: Board) -> None:
    """The presenter view reads "Start — <the board>", never "Start — Start"."""
    assert demo_script.label(0) == "Start"
    assert demo_script.info(0).title == demo_board.name
    assert demo_script.info(0).notes == demo_board.notes.strip()


def test_every_step_of_the_demo_by_key(qtbot: QtBot, presentation: Presentation) -> None:
    script = presentation.script

    def shown() -> set[str]:
        return {i for i, item in presentation.player.items.items() if item.isVisible()}

    assert shown() == script.visible_ids(0)
    for step in range(1, script.last + 1):
        qtbot.keyClick(presentation.audience, Key.Key_Right)
        assert presentation.player.is_animating() == bool(script.entrances(step))
        presentation.player.finish()
        assert shown() == script.visible_ids(step), step
        frozen = presentation.audience.view.frozen  # painted in the backdrop instead
        assert all(
            presentation.player.items[i].opacity() == 1.0 or presentation.player.items[i] in frozen
            for i in shown()
        )
        assert presentation.notes.position.text().startswith(f"Step {step} of {script.last}")
    for step in range(script.last - 1, -1, -1):
        qtbot.keyClick(presentation.audience, Key.Key_PageUp)
        assert not presentation.player.is_animating()
        assert shown() == script.visible_ids(step), step
    qtbot.keyClick(presentation.audience, Key.Key_Escape)
    assert presentation.closed


def test_f5_presents_from_the_editor_and_ends_with_it(qtbot: QtBot, demo_board: Board) -> None:
    editor = QWidget()
    qtbot.addWidget(editor)
    first = present_board(editor, demo_board, full_screen=False)
    assert present_board(editor, demo_board, full_screen=False) is first
    qtbot.keyClick(first.audience, Key.Key_Right)
    assert first.player.is_animating()
    with qtbot.waitSignal(first.finished, timeout=1000):
        editor.close()
    assert first.closed and not first.player.is_animating()
    assert _stopped(first.notes.timer)


def test_present_command_runs_until_escape(qtbot: QtBot) -> None:
    pressed: list[str] = []

    def drive() -> None:
        audience = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AudienceWindow))
        for key in (Key.Key_Right, Key.Key_Right, Key.Key_B, Key.Key_B, Key.Key_Escape):
            QTest.keyClick(audience, key)
            pressed.append(str(key))

    QTimer.singleShot(200, drive)
    assert main(["present", str(DEMO_BOARD), "--window", "--step", "3"]) == 0
    assert len(pressed) == 5


def test_present_command_reports_a_missing_board(tmp_path: Path, capsys) -> None:
    assert main(["present", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_export_frames_writes_one_png_per_step(tmp_path: Path, demo_script: Script, capsys) -> None:
    folder = tmp_path / "frames"
    assert main(["export", str(DEMO_BOARD), "--frames", str(folder)]) == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names == [demo_script.frame_name(n) for n in range(1, demo_script.last + 1)]
    assert f"wrote {demo_script.last} frames" in capsys.readouterr().out
    first, last = QImage(str(folder / names[0])), QImage(str(folder / names[-1]))
    assert (first.width(), first.height()) == (1920, 1080)
    # Each frame is its step's final state: the last one shows more than the first.
    assert first != last


def test_f5_in_the_main_window(qtbot: QtBot, window: QWidget) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Key.Key_F5)
    (presentation,) = window.findChildren(Presentation)
    assert presentation.audience.isVisible() and presentation.notes.timer.isActive()
    clock = presentation.notes.timer
    with qtbot.waitSignal(presentation.finished, timeout=1000):
        qtbot.keyClick(presentation.audience, Key.Key_Escape)
    assert _stopped(clock)


def test_every_demo_build_up_frame_looks_the_same_with_the_backdrop(
    presentation: Presentation,
) -> None:
    """Still items are painted once into a backdrop; mid-build-up the picture must not differ
    from painting every item (nothing may jump above or below what moves)."""
    view = presentation.audience.view
    presentation.audience.resize(960, 540)
    for step in range(1, presentation.script.last + 1):
        presentation.press("Right")
        group = presentation.player.animation
        if group is None:
            continue
        group.pause()
        group.setCurrentTime(group.totalDuration() // 2)
        frozen = view.grab().toImage()
        view.thaw()
        assert view.grab().toImage() == frozen, f"step {step}"
        group.resume()
        presentation.player.finish()
        # Settled, the backdrop may stay: the picture is still the step's final state.
        settled = view.grab().toImage()
        view.thaw()
        assert view.grab().toImage() == settled, f"step {step} settled"
    presentation.press("Escape")


FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_the_2026_edition_plays_ten_story_steps_then_its_seven_columns(qtbot: QtBot) -> None:
    from whiteboard.model import load_board
    from whiteboard.render.qt_image import scene_to_image

    script = script_for_board(load_board(FIXTURES / "board_v2.json"))
    titles = [script.info(n).title for n in range(1, script.last + 1)]
    assert titles[7:10] == [
        "Managed container hosts, 2024 and 2025",
        "Lambda Managed Instances, 2025",
        "The whole picture, 2026",
    ]
    assert titles[10:] == [
        f"Your workloads on {name}"
        for name in (
            "Bare metal",
            "Amazon EC2",
            "ECS / EKS on EC2",
            "ECS Managed Instances / EKS Auto Mode",
            "AWS Fargate",
            "Lambda Managed Instances",
            "AWS Lambda",
        )
    ]
    # Each step shows something the one before did not: the new columns at steps 8 and 9.
    assert "column:managed_containers" in script.visible_ids(8) - script.visible_ids(7)
    assert "column:lambda_managed" in script.visible_ids(9) - script.visible_ids(8)
    frames = [scene_to_image(script.scene, 480, 270, step) for step in range(0, script.last + 1)]
    for step in range(1, len(frames)):
        assert frames[step] != frames[step - 1], f"step {step} looks like step {step - 1}"
    presentation = Presentation(script)
    with qtbot.waitExposed(presentation.audience):
        presentation.start(full_screen=False)
    for step in range(1, script.last + 1):
        qtbot.keyClick(presentation.audience, Key.Key_Right)
        presentation.player.finish()
        assert presentation.notes.position.text().startswith(f"Step {step} of {script.last}")
    qtbot.keyClick(presentation.audience, Key.Key_Escape)
    assert presentation.closed
