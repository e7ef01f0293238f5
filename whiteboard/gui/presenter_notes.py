"""The presenter's own window: the step now and the next one, the notes, the clock.

It sits on the second screen when there is one. Keys pressed here drive the presentation too,
since the presenter's keyboard focus is usually on this window, not on the projector's.

Nothing in it has a fixed height: the previews shrink, the notes scroll and a long title ends
in "…", so the window fits a 1280x720 screen whatever font the system gives Qt (with the
system's Noto Sans the old fixed-size previews made it 812 px tall).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from whiteboard.gui.presenter_keys import claim_key
from whiteboard.render.qt_image import scene_to_image
from whiteboard.slides.playback import Blank, Script, format_elapsed
from whiteboard.slides.theme import style

PREVIEW_SIZE = (560, 315)
#: The smallest a preview shrinks to on a small screen before the notes give up height.
PREVIEW_MIN_SIZE = (192, 108)
#: A preview is framed like a card on the slide: white paper, the cards' edge colour.
_PREVIEW_FRAME = style("card")
#: The window's size when the screen has room for it.
WANTED_SIZE = (1280, 800)
#: Of the screen's free area, on a single screen (room for the title bar, the slide peeks out).
ROOM_SHARE = 0.9
NOTES_PIXELS = 30
_BLANK_TEXT = {"none": "", "black": "Screen is black (B to return)", "white": "Screen is white"}


def _label(
    pixels: int, *, bold: bool = False, wrap: bool = False, kind: type[QLabel] = QLabel
) -> QLabel:
    label = kind()
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

        self.position = _label(34, bold=True, kind=ElidedLabel)
        self.elapsed = _label(34, bold=True)
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.current = SlidePreview()
        self.next_title = _label(20, wrap=True)
        self.next = SlidePreview()
        self.notes = _label(NOTES_PIXELS, wrap=True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = _label(20, wrap=True)

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
        heading = QHBoxLayout()
        heading.addWidget(self.position, 1)
        heading.addWidget(self.elapsed)
        grid = QGridLayout(self)
        # Across both columns, so a long title never widens the previews' column.
        grid.addLayout(heading, 0, 0, 1, 2)
        grid.addLayout(side, 1, 0)
        grid.addWidget(scroll, 1, 1)
        grid.addWidget(self.status, 2, 0, 1, 2)
        # The previews keep their size while there is room; the notes take the rest.
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        self.resize(*WANTED_SIZE)

    def fit_into(self, room: QRect) -> None:
        """Size the window to a share of `room` (a screen's available geometry), centred in it:
        as large as its contents want (full-size previews) when the room allows.

        Only a single screen needs this; with two the window is maximised on its own screen."""
        wanted = QSize(*WANTED_SIZE).expandedTo(self.sizeHint())
        wanted = wanted.boundedTo(room.size() * ROOM_SHARE)
        size = wanted.expandedTo(self.minimumSizeHint()).boundedTo(room.size())
        self.resize(size)
        self.move(room.center() - QRect(0, 0, size.width(), size.height()).center())

    def prepare(self, step: int = 0) -> None:
        """Render every step's preview now (~20 ms each), so a key press never waits for one
        while the audience's build-up should be starting; show `step`, so the window's size is
        measured with real text in its labels."""
        for n in range(self.script.last + 1):
            self._preview(n)
        self.show_step(step)

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


class SlidePreview(QWidget):
    """A step's picture, at most `PREVIEW_SIZE`, shrinking with the window but keeping the
    slide's shape (a QLabel with a fixed size would hold the window's height up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._hint_width = PREVIEW_SIZE[0]
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)

    def setPixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def clear(self) -> None:
        self.setPixmap(QPixmap())

    def sizeHint(self) -> QSize:
        return QSize(self._hint_width, PREVIEW_SIZE[1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Short of height, ask for no more width than the picture uses, so the notes beside it
        get that width instead of a blank strip."""
        super().resizeEvent(event)
        width, height = PREVIEW_SIZE
        wanted = max(PREVIEW_MIN_SIZE[0], min(width, round(self.height() * width / height)))
        if wanted != self._hint_width:
            self._hint_width = wanted
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(*PREVIEW_MIN_SIZE)

    def picture_rect(self) -> QRect:
        """Where the picture goes: the slide's shape, as large as fits, at the top left."""
        shape = QSize(*PREVIEW_SIZE).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(0, 0, shape.width(), shape.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self.picture_rect()
        painter.fillRect(rect, QColor(_PREVIEW_FRAME.fill))
        if not self._pixmap.isNull():
            painter.drawPixmap(rect, self._pixmap)
        painter.setPen(QColor(_PREVIEW_FRAME.stroke))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when the window is narrower than it, instead of
    making the window wider than the screen (a board's name can be long). `text()` stays
    whole."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(rect, int(self.alignment()), shown)
