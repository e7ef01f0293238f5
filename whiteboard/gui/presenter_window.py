"""The audience's window: the slide filling the screen, and the black or white blank over it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QPixmapCache,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QWidget,
)

from whiteboard.gui.presenter_keys import claim_key
from whiteboard.slides.playback import Blank

#: Around a slide whose shape differs from the screen's; projectors show black as "nothing".
LETTERBOX = QColor("#000000")
_BLANK_COLOURS = {"black": QColor("#000000"), "white": QColor("#ffffff")}
#: After the last step: the build-up is over, and how to leave or go back.
END_TEXT = (
    "<div style='font-size:40px;font-weight:bold'>End of the build-up</div>"
    "<div style='margin-top:18px'>Next or Esc to leave · Previous to go back to the slide</div>"
)


def reserve_pixmap_cache(scene: QGraphicsScene, scale: float) -> None:
    """Make room in QPixmapCache for every item's device pixmap at `scale`.

    Items cache their pixels (DeviceCoordinateCache), but Qt's default cache holds 10 MB and a
    full-screen slide needs several times that: items were evicted and repainted in Python
    every frame, 30-60 ms instead of 6-9 ms at 1920x1080. The limit only ever grows.
    """
    pixels = sum(
        item.boundingRect().width() * item.boundingRect().height() for item in scene.items()
    )
    needed_kb = int(pixels * scale * scale * 4 / 1024 * 1.25) + 16 * 1024
    if needed_kb > QPixmapCache.cacheLimit():
        QPixmapCache.setCacheLimit(needed_kb)


class SlideView(QGraphicsView):
    """A view that always shows the whole slide, as large as the widget allows."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(LETTERBOX)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setInteractive(False)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._backdrop: QPixmap | None = None
        self._frozen: list[QGraphicsItem] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.thaw()
        super().resizeEvent(event)
        self.fit()

    def freeze(self, items: Sequence[QGraphicsItem]) -> None:
        """Paint `items` once into a backdrop pixmap and leave them out until `thaw()`.

        A build-up frame then blits one pixmap instead of repainting every item that does not
        move (at 1920x1080 a full repaint of the finished slide costs ~5 ms of CPU). Items are
        left out by opacity 0, not hidden: hiding drops an item's cached pixels, and the frame
        after `thaw()` would repaint them all in Python."""
        self.thaw()
        still = set(items)
        others = [i for i in self.items() if i.isVisible() and i not in still]
        opacities = [item.opacity() for item in others]
        for item in others:
            item.setOpacity(0.0)
        backdrop = self.viewport().grab()
        for item, opacity in zip(others, opacities, strict=True):
            item.setOpacity(opacity)
        for item in still:
            item.setOpacity(0.0)
        self._backdrop = backdrop
        self._frozen = list(still)

    @property
    def frozen(self) -> tuple[QGraphicsItem, ...]:
        """The items painted in the backdrop (at opacity 0 themselves) until `thaw()`."""
        return tuple(self._frozen)

    def thaw(self) -> None:
        """Bring the frozen items back and drop the backdrop."""
        if self._backdrop is None:
            return
        for item in self._frozen:
            item.setOpacity(1.0)
        self._frozen = []
        self._backdrop = None
        self.viewport().update()

    def scene_pixel(self) -> float:
        """Scene units per device pixel, so moving items can land on whole pixels."""
        scale = self.transform().m11() * self.devicePixelRatioF()
        return 1.0 / scale if scale > 0 else 1.0

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        if self._backdrop is None:
            super().drawBackground(painter, rect)
            return
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._backdrop)
        painter.restore()

    def fit(self) -> None:
        """Scale the slide to the viewport, centred. Not `fitInView`: it keeps a 2 pixel margin
        that shows as a dark frame around a slide that fills the screen exactly."""
        rect: QRectF = self.sceneRect()
        size = self.viewport().size()
        if rect.isEmpty() or size.isEmpty():
            return
        scale = min(size.width() / rect.width(), size.height() / rect.height())
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())
        reserve_pixmap_cache(self.scene(), scale * self.devicePixelRatioF())


class AudienceWindow(QWidget):
    """Full screen slide; every key goes to the presentation as a Qt-free name."""

    key_pressed = Signal(str)
    #: The window manager or the user closed the window (not Esc, which is a key).
    closing = Signal()

    def __init__(self, scene: QGraphicsScene, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.view = SlideView(scene, self)
        self.blank = QWidget(self)
        self.blank.setAutoFillBackground(True)
        self.blank.hide()
        self.blank_colour: Blank = "none"
        self.end = QLabel(END_TEXT, self)
        self.end.setObjectName("end-of-show")
        self.end.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end.setWordWrap(True)
        self.end.setStyleSheet("background: #1d2733; color: #ffffff; font-size: 28px;")
        self.end.hide()

    def set_ended(self, ended: bool) -> None:
        """The end-of-show screen over the slide, or the slide again."""
        self.end.setGeometry(self.rect())
        self.end.setVisible(ended)
        if ended:
            self.end.raise_()

    def set_blank(self, blank: Blank) -> None:
        self.blank_colour = blank
        if blank == "none":
            self.blank.hide()
            return
        palette = self.blank.palette()
        palette.setColor(QPalette.ColorRole.Window, _BLANK_COLOURS[blank])
        self.blank.setPalette(palette)
        self.blank.setGeometry(self.rect())
        self.blank.show()
        self.blank.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view.setGeometry(self.rect())
        self.blank.setGeometry(self.rect())
        self.end.setGeometry(self.rect())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not claim_key(event, self.key_pressed.emit):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
