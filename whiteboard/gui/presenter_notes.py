"""The presenter's own window: the step now and the next one, the notes, the clock.

It sits on the second screen when there is one. Keys pressed here drive the presentation too,
since the presenter's keyboard focus is usually on this window, not on the projector's.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from whiteboard.gui.presenter_keys import claim_key
from whiteboard.render.qt_image import scene_to_image
from whiteboard.slides.playback import Blank, Script, format_elapsed

PREVIEW_SIZE = (560, 315)
NOTES_PIXELS = 30
_BLANK_TEXT = {"none": "", "black": "Screen is black (B to return)", "white": "Screen is white"}


def _label(pixels: int, *, bold: bool = False, wrap: bool = False) -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class NotesWindow(QWidget):
    """Now, next, notes, "Step n of N" and the elapsed time (ticking once a second)."""

    key_pressed = Signal(str)
    closing = Signal()

    def __init__(self, script: Script, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.script = script
        self.setWindowTitle(f"Presenter view — {script.info(0).title}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._previews: dict[int, QPixmap] = {}
        #: The step on show, -1 before the first.
        self.shown_step = -1
        self._clock = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        # A coarse timer may fire 5 % early and show the same second twice.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_tick)

        self.position = _label(34, bold=True)
        self.elapsed = _label(34, bold=True)
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.current = _preview_label()
        self.next_title = _label(20, wrap=True)
        self.next = _preview_label()
        self.notes = _label(NOTES_PIXELS, wrap=True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = _label(20)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.notes)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        now = _label(20, bold=True)
        now.setText("Now")
        side = QVBoxLayout()
        side.addWidget(now)
        side.addWidget(self.current)
        side.addWidget(self.next_title)
        side.addWidget(self.next)
        side.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self.position, 0, 0)
        grid.addWidget(self.elapsed, 0, 1)
        grid.addLayout(side, 1, 0)
        grid.addWidget(scroll, 1, 1)
        grid.addWidget(self.status, 2, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(1, 1)
        self.resize(1280, 800)

    def prepare(self) -> None:
        """Render every step's preview now (~20 ms each), so a key press never waits for one
        while the audience's build-up should be starting."""
        for step in range(self.script.last + 1):
            self._preview(step)

    def start_clock(self) -> None:
        self._clock.start()
        self.elapsed.setText(format_elapsed(0))
        self.timer.start()

    def stop_clock(self) -> None:
        self.timer.stop()

    def show_step(
        self, step: int, *, typed: str = "", blank: Blank = "none", ended: bool = False
    ) -> None:
        self.shown_step = step
        info = self.script.info(step)
        self.position.setText(f"{self.script.label(step)} — {info.title}")
        self.notes.setText(info.notes)
        self.current.setPixmap(self._preview(step))
        if step < self.script.last:
            self.next_title.setText(f"Next: {self.script.info(step + 1).title}")
            self.next.setPixmap(self._preview(step + 1))
        else:
            self.next_title.setText("Next: end of the presentation")
            self.next.clear()
        self.show_status(typed=typed, blank=blank, ended=ended)

    def show_status(self, *, typed: str, blank: Blank, ended: bool = False) -> None:
        parts = [f"Go to step {typed}, then Enter" if typed else "", _BLANK_TEXT[blank]]
        if ended:
            parts.append("The audience sees the end screen: Next or Esc leaves")
        self.status.setText("   ".join(part for part in parts if part))

    def _preview(self, step: int) -> QPixmap:
        pixmap = self._previews.get(step)
        if pixmap is None:
            scene, shown = self.script.frame(step)
            image = scene_to_image(scene, *PREVIEW_SIZE, step=shown)
            pixmap = self._previews[step] = QPixmap.fromImage(image)
        return pixmap

    def _on_tick(self) -> None:
        # Ticks land on whole seconds, a few ms either side: round, do not truncate.
        self.elapsed.setText(format_elapsed(round(self._clock.elapsed() / 1000)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not claim_key(event, self.key_pressed.emit):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.closing.emit()
        super().closeEvent(event)


def _preview_label() -> QLabel:
    label = QLabel()
    label.setFixedSize(*PREVIEW_SIZE)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    label.setStyleSheet("border: 1px solid #8896a6; background: #ffffff;")
    label.setScaledContents(True)
    return label
