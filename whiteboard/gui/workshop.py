"""The window in a workshop room: a first start that fits the screen, a workshop mode that gives
the whole window to the slide, and zoom on the slide.

Workshop mode hides the side panels (workloads, weights, inspector), the chart, the toolbar
and the status bar, so on a 1280x720 projector the slide gets the whole window and its
smallest text stays at 11 px or more; toggling it again puts everything back as it was. Zoom
magnifies the slide over its fitted size (scroll bars appear); Fit shows it whole again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

from whiteboard.gui.canvas import ZOOM_STEP, SlideView

#: The window's size on a first start, shrunk to fit a smaller screen with a margin.
DEFAULT_SIZE = (1600, 900)
SCREEN_SHARE = 0.96


def fit_to_screen(window: QMainWindow) -> None:
    """Size a window that has no saved geometry to the default, or less on a small screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    width, height = DEFAULT_SIZE
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * SCREEN_SHARE))
        height = min(height, int(room.height() * SCREEN_SHARE))
        window.resize(width, height)
        frame = window.frameGeometry()
        frame.moveCenter(room.center())
        window.move(frame.topLeft())
    else:
        window.resize(width, height)


class WorkshopMode:
    """Hides and restores the panels around the slide; zooms the slide."""

    def __init__(self, window: QMainWindow, slide: SlideView, others: Sequence[QWidget]) -> None:
        self._window = window
        self._slide = slide
        self._others = tuple(others)
        self._hidden: list[QWidget] = []

    @property
    def on(self) -> bool:
        return bool(self._hidden)

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        if on:
            shown = [w for w in self._panels() if w.isVisible()]
            for widget in shown:
                widget.hide()
            self._hidden = shown
        else:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
        self._slide.zoom_to_fit()

    def toggle(self) -> None:
        self.set_on(not self.on)

    def zoom_in(self) -> None:
        self._slide.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._slide.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self._slide.zoom_to_fit()

    def _panels(self) -> list[QWidget]:
        docks = self._window.findChildren(QDockWidget)
        bars = self._window.findChildren(QToolBar)
        return [*docks, *bars, *self._others, self._window.statusBar()]
