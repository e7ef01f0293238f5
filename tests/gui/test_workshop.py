"""A window fit for the workshop room: a first start that fits the screen, workshop mode (F11)
giving the whole window to the slide, and zoom on the slide (Ctrl+= / Ctrl+- / Ctrl+0)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow
from whiteboard.gui.canvas import MAX_ZOOM
from whiteboard.gui.main_window import MainWindow


def _shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)


def test_a_first_start_fits_the_screen(make_window: MakeWindow, board_file: Path) -> None:
    window = make_window(board_file, size=None)
    room = window.screen().availableGeometry()
    assert room.width() < 1600  # the offscreen screen is smaller than the default size
    assert window.width() <= room.width() and window.height() <= room.height()
    assert room.contains(window.frameGeometry().center())


def test_workshop_mode_gives_the_window_to_the_slide_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    _shown(qtbot, window)
    docks = window.findChildren(QDockWidget)
    before = window.slide_view.width()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.wait(10)
    assert window.actions["workshop"].isChecked()
    assert not any(dock.isVisible() for dock in docks)
    assert not window.chart_view.isVisible()
    assert window.slide_view.width() > before
    # The whole slide still shows, bigger than before.
    assert window.slide_view.transform().m11() > 0
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.wait(10)
    assert not window.actions["workshop"].isChecked()
    assert all(dock.isVisible() for dock in docks) and window.chart_view.isVisible()
    assert window.slide_view.width() == before


def test_the_slide_zooms_in_and_out_and_fits_again(qtbot: QtBot, window: MainWindow) -> None:
    _shown(qtbot, window)
    view = window.slide_view
    fitted = view.transform().m11()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.transform().m11() > fitted * 1.2
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    for _ in range(20):
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == MAX_ZOOM
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < MAX_ZOOM
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0 and abs(view.transform().m11() - fitted) < 1e-6
    for _ in range(3):  # never smaller than the whole slide
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0
    # Dragging a card still works on a zoomed slide: the board's cards are still hit.
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.items_by_id
