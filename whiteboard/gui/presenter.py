"""Presenting: the audience's full-screen slide and the presenter's notes window, driven by keys.

`Presentation` is the only place the pieces meet: key names from either window go through the
Qt-free `Playback`; its `Change` becomes a step shown at once or a build-up animation (by
`StepPlayer`), a blank screen, or the end. Closing stops every animation and the clock, so a
presentation leaves nothing running behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from whiteboard.gui.presenter_notes import ROOM_SHARE, NotesWindow
from whiteboard.gui.presenter_player import StepPlayer
from whiteboard.gui.presenter_window import AudienceWindow
from whiteboard.model import Board
from whiteboard.slides.playback import Change, Playback, Script, screen_roles, script_for_board


class Presentation(QObject):
    """One run of a script, from `start()` to Esc (or a window closed)."""

    finished = Signal()

    def __init__(self, script: Script, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.script = script
        self.playback = Playback(script.last)
        self.player = StepPlayer(script, self)
        self.audience = AudienceWindow(self.player.graphics_scene, script.scene.name)
        self.player.backdrop = self.audience.view
        self.notes = NotesWindow(script)
        self.one_screen = False
        #: The window last brought to the front (the slide, until P).
        self.front: QWidget = self.audience
        self._closed = False
        for window in (self.audience, self.notes):
            window.key_pressed.connect(self.press)
            window.closing.connect(self.close)

    def start(self, *, full_screen: bool = True, step: int = 0) -> None:
        """Open both windows; the slide full screen on one screen, the notes on the other."""
        first = self.playback.go(step)
        self.notes.prepare(first.after)
        audience_screen, notes_screen = _screens()
        self.one_screen = notes_screen is None
        if notes_screen is None:
            # One screen: the presenter view is a window that fits it, behind the slide until
            # P brings it forward (and P again sends it back).
            self.notes.fit_into(audience_screen.availableGeometry())
            self.notes.show()
        else:
            self.notes.setScreen(notes_screen)
            self.notes.move(notes_screen.availableGeometry().topLeft())
            self.notes.showMaximized()
        self.audience.setScreen(audience_screen)
        self.audience.setGeometry(audience_screen.geometry())
        if full_screen:
            self.audience.showFullScreen()
        else:
            self.audience.setGeometry(_window_in(audience_screen.availableGeometry()))
            self.audience.show()
        self.audience.raise_()
        self.audience.activateWindow()
        self.notes.start_clock()
        self._apply(first)

    def press(self, key: str) -> None:
        """One key, from either window. A running build-up ends at once before the key acts."""
        self.player.finish()
        change = self.playback.press(key)
        if change is not None:
            self._apply(change)

    def close(self) -> None:
        """Stop the animation and the clock, close both windows; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.player.stop()
        self.notes.stop_clock()
        for window in (self.audience, self.notes):
            window.closing.disconnect(self.close)
            window.close()
        self.audience.deleteLater()
        self.notes.deleteLater()
        parent = self.parent()
        if parent is not None:
            parent.removeEventFilter(self)
        self.finished.emit()

    @property
    def closed(self) -> bool:
        return self._closed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The editor that started the presentation closes: the presentation ends with it."""
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self.close()
        return False

    def _apply(self, change: Change) -> None:
        if change.leave:
            self.close()
            return
        if change.swap_windows:
            self._swap_windows()
            return
        if change.animate:
            self.player.enter_step(change.after)
        elif change.moved or change.after != self.player.step:
            self.player.show_step(change.after)
        self.audience.set_blank(change.blank)
        self.audience.set_ended(change.ended)
        status = {"typed": self.playback.typed, "blank": change.blank, "ended": change.ended}
        if change.moved or self.notes.shown_step != change.after:
            self.notes.show_step(change.after, **status)
        else:
            self.notes.show_status(**status)

    def _swap_windows(self) -> None:
        """P: the presenter view in front of the slide, or the slide in front again."""
        front = self.notes if self.front is self.audience else self.audience
        front.raise_()
        front.activateWindow()
        self.front = front


def _screens() -> tuple[QScreen, QScreen | None]:
    """The audience's screen and the notes' screen (None: only one screen, notes windowed)."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    audience, notes = screen_roles(
        len(screens), screens.index(primary) if primary in screens else 0
    )
    return screens[audience], (screens[notes] if notes is not None else None)


#: The slide's window when not full screen (`whiteboard present --window`), room permitting.
WINDOW_SIZE = QSize(1280, 720)


def _window_in(room: QRect) -> QRect:
    """The windowed slide: `WINDOW_SIZE`, or the slide's shape as large as fits a share of
    `room`, centred in it."""
    size = WINDOW_SIZE.scaled(
        WINDOW_SIZE.boundedTo(room.size() * ROOM_SHARE), Qt.AspectRatioMode.KeepAspectRatio
    )
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(room.center())
    return rect


def present(script: Script, *, full_screen: bool = True, step: int = 0) -> Presentation:
    """Start presenting inside a running application. The caller keeps the returned object
    alive until its `finished` signal."""
    presentation = Presentation(script)
    presentation.start(full_screen=full_screen, step=step)
    return presentation


def present_board(
    owner: QWidget, board: Board, *, full_screen: bool = True, subtitle: str = ""
) -> Presentation:
    """F5 in the editor: present `board` from its title slide (with the presenter's `subtitle`).
    The presentation belongs to `owner` (a second F5 brings the running one forward) and ends
    when `owner` closes."""
    for running in owner.findChildren(Presentation):
        if not running.closed:
            running.audience.raise_()
            running.audience.activateWindow()
            return running
    presentation = Presentation(script_for_board(board, subtitle=subtitle), owner)
    owner.installEventFilter(presentation)
    presentation.finished.connect(presentation.deleteLater)
    presentation.start(full_screen=full_screen)
    return presentation


def run_presentation(script: Script, *, full_screen: bool = True, step: int = 0) -> int:
    """`whiteboard present`: a Qt application that lives as long as the presentation."""
    QApplication.instance() or QApplication(["whiteboard"])
    presentation = present(script, full_screen=full_screen, step=step)
    # A loop of its own rather than app.exec()/app.quit(): after a quit, every later nested
    # loop (a dialog's exec) in the same process would return at once.
    loop = QEventLoop()
    presentation.finished.connect(loop.quit)
    if not presentation.closed:
        loop.exec()
    return 0
