"""Fixtures for driving the real window: scripted answers instead of dialogs, a private preferences
file and recovery folder, and a check that nothing is left ticking after a test."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractAnimation, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from whiteboard.export import ExportOptions
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.prompts import Prompts, RestoreChoice, UnsavedChoice
from whiteboard.model import Board, Workload, load_board, save_board
from whiteboard.model.preferences import ExportChoices, PreferencesStore
from whiteboard.model.recovery import RecoveryEntry
from whiteboard.slides.geometry import drop_rects


class FakePrompts(Prompts):
    """Answers the window's questions from attributes and records what it said."""

    def __init__(self) -> None:
        self.unsaved_answer: UnsavedChoice = "discard"
        self.restore_answer: RestoreChoice = "later"
        self.open_answer: Path | None = None
        self.save_answer: Path | None = None
        self.save_suggested: list[str] = []
        self.new_answer: Workload | None = None
        self.export_answer: ExportOptions | None = None
        self.export_asked: list[tuple[Path, str]] = []
        self.export_choices: ExportChoices | None = None
        self.errors: list[tuple[str, str]] = []
        self.asked_unsaved = 0
        self.subtitle_answer: str | None = None
        self.subtitle_asked: list[str] = []
        self.offered: list[RecoveryEntry] = []

    def unsaved_changes(self, document_name: str) -> UnsavedChoice:
        self.asked_unsaved += 1
        return self.unsaved_answer

    def restore(self, entry: RecoveryEntry) -> RestoreChoice:
        self.offered.append(entry)
        return self.restore_answer

    def open_path(self, folder: str) -> Path | None:
        return self.open_answer

    def save_path(self, suggested: str) -> Path | None:
        self.save_suggested.append(suggested)
        return self.save_answer

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def new_workload(self, board: Board) -> Workload | None:
        return self.new_answer

    def subtitle(self, current: str) -> str | None:
        self.subtitle_asked.append(current)
        return self.subtitle_answer

    def export_options(
        self, folder: Path, base: str, choices: ExportChoices | None = None
    ) -> ExportOptions | None:
        self.export_asked.append((folder, base))
        self.export_choices = choices
        return self.export_answer


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def board_file(tmp_path: Path, demo_board: Board) -> Path:
    path = tmp_path / "workshop.json"
    save_board(demo_board, path)
    return path


#: The window size the GUI tests lay out with.
TEST_WINDOW_SIZE = (1600, 900)


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(
        path: Path | None = None,
        board: Board | None = None,
        size: tuple[int, int] | None = TEST_WINDOW_SIZE,
    ) -> MainWindow:
        if board is None:
            assert path is not None
            board = load_board(path)
        preferences = PreferencesStore(tmp_path / "preferences.json")
        window = MainWindow(
            board,
            path,
            recovery_folder=tmp_path / "recovery",
            preferences=preferences,
            prompts=FakePrompts(),
        )
        if size is not None:
            # The size the tests' geometry was written for, whatever the offscreen screen's is
            # (800x600, which a first start fits the window into).
            window.resize(*size)
        # Not qtbot.addWidget: pytest-qt would delete the window before this fixture can check
        # that closing it stopped every timer.
        with qtbot.waitExposed(window):
            window.show()
        window.finish_redraws()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.prompts.unsaved_answer = "discard"  # type: ignore[attr-defined]
        window.close()
        # Anything still ticking a second after close (autosave, the chart redraw, an animation)
        # fails the test.
        with contextlib.suppress(TimeoutError):
            qtbot.waitUntil(lambda w=window: not _ticking(w), timeout=1000)
        ticking = _ticking(window)
        window.deleteLater()
        assert ticking == [], f"left running after close: {ticking}"


def _ticking(window: MainWindow) -> list[object]:
    timers = [t for t in window.findChildren(QTimer) if t.isActive()]
    animations = [
        a
        for a in window.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running and not _qt_clear_button_fade(a)
    ]
    return [*timers, *animations]


@pytest.fixture
def window(make_window: MakeWindow, board_file: Path) -> MainWindow:
    return make_window(board_file)


def prompts(window: MainWindow) -> FakePrompts:
    assert isinstance(window.prompts, FakePrompts)
    return window.prompts


def card_point(window: MainWindow, workload_id: str) -> QPoint:
    """Viewport point at the middle of the name on a workload's card."""
    element = window.slide_view.items_by_id[f"card-text:{workload_id}"].element
    x = element.x + element.w / 2  # type: ignore[union-attr]
    y = element.y + element.h / 2  # type: ignore[union-attr]
    return window.slide_view.map_scene_point(x, y).toPoint()


def column_point(window: MainWindow, target: str) -> QPoint:
    """Viewport point in the empty lower part of a column's card tray."""
    x, y, w, h = drop_rects(window.document.board.targets)[target]  # type: ignore[index]
    return window.slide_view.map_scene_point(x + w / 2, y + h * 0.85).toPoint()


def drag(
    qtbot: QtBot, window: MainWindow, start: QPoint, end: QPoint, release: bool = True
) -> None:
    """A real mouse drag on the slide's viewport: press, a few moves, release."""
    viewport = window.slide_view.viewport()
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=start)
    for fraction in (0.1, 0.5, 1.0):
        point = start + (end - start) * fraction
        qtbot.mouseMove(viewport, pos=point)
    if release:
        qtbot.mouseRelease(viewport, left, pos=end)
    QApplication.processEvents()


def _qt_clear_button_fade(animation: QAbstractAnimation) -> bool:
    """Qt's own fade of a line edit's clear button (the filter box): not ours, and on a busy
    machine it may still be fading when the window closes."""
    target = getattr(animation, "targetObject", lambda: None)()
    return target is not None and target.metaObject().className() == "QLineEditIconButton"


@pytest.fixture
def test_failed(request: pytest.FixtureRequest) -> Callable[[], bool]:
    """Whether the running test has failed so far, for a teardown that checks what a test left
    behind: after a failure it should clean up quietly, not add an error on top of it.

    pytest counts a failed call in `session.testsfailed` before the test's teardown runs."""
    before = request.session.testsfailed
    return lambda: request.session.testsfailed > before
