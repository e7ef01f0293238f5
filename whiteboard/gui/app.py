"""Start the window: the Qt application, the board from the command line (or the demo board),
the crash-recovery offer, and the `--screenshot` mode that renders the window to a PNG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from whiteboard.gui.main_window import MainWindow
from whiteboard.model import Board, load_board
from whiteboard.model.atomic import write_atomic
from whiteboard.paths import DEMO_BOARD, is_shipped
from whiteboard.render.qt_image import register_script_fonts
from whiteboard.render.qt_paint import font_family

SCREENSHOT_SIZE = (1600, 900)


def application() -> QApplication:
    """The running QApplication, or a new one named for QSettings and QStandardPaths."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setOrganizationName("Whiteboard")
        app.setApplicationName("Whiteboard")
        app.setFont(QFont(font_family(), 10))
        # The shipped fonts for Devanagari, Arabic and emoji, and no font warnings on stderr.
        register_script_fonts()
    return app  # type: ignore[return-value]


def open_board(path: Path | None) -> tuple[Board, Path | None]:
    """The board to show. The demo board (and any board shipped with the app) opens as an
    untitled copy so Save never overwrites the shipped file. BoardFileError (one clear line)
    propagates to the CLI."""
    if path is None:
        return load_board(DEMO_BOARD), None
    return load_board(path), (None if is_shipped(path) else path)


def window_png(window: MainWindow) -> bytes:
    pixmap = window.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def take_screenshot(window: MainWindow, target: Path) -> None:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    QApplication.processEvents()
    window.finish_redraws()
    QApplication.processEvents()
    write_atomic(target, window_png(window))


def run_window(path: Path | None, screenshot: Path | None = None) -> int:
    board, file = open_board(path)  # a bad file is reported before any window appears
    app = application()
    window = MainWindow(board, file)
    if window.preferences.warning:
        print(f"whiteboard: {window.preferences.warning}", file=sys.stderr)
    if screenshot is not None:
        try:
            take_screenshot(window, screenshot)
        finally:
            window.document.close()
            window.deleteLater()
        return 0
    window.show()
    QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()
