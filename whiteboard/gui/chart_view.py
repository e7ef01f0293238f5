"""The window's chart pane: a SlideView whose scene is laid out for the pane's own size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from whiteboard.gui.canvas import SlideView
from whiteboard.render.qt_items import ShapeItem
from whiteboard.slides.scene import Scene

#: Chart layouts: (width, height) of the view in pixels -> the Scene to show there.
ChartLayout = Callable[[float, float], Scene]
#: A resized chart pane is laid out again once the size has settled for this long.
RELAYOUT_MS = 120


class ChartView(SlideView):
    """The chart pane. Its scene is laid out for the pane's own size in pixels (`show_layout`)
    rather than a 1920x1080 chart shrunk into it, so its words are drawn at MIN_TEXT_PX or
    more and the whole chart still shows; resized, it is laid out again. Words that found no
    room are named on hover (the `tip` of the element under the pointer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_text_px = 0.0  # the layout already fits the pane whole
        self.layout_for: ChartLayout | None = None
        #: Laid out while hidden (workshop mode): laid out when shown instead.
        self._stale = False
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_MS)
        self._relayout.timeout.connect(self.lay_out)

    def show_layout(self, layout: ChartLayout) -> None:
        self.layout_for = layout
        self.lay_out()

    def lay_out(self) -> None:
        """Show the chart laid out for the view's current size (now, not after a resize)."""
        self._relayout.stop()
        size = self.viewport().size()
        if self.layout_for is None or size.isEmpty():
            return
        self._stale = not self.isVisible()
        if not self._stale:
            self.show_scene(self.layout_for(size.width(), size.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.lay_out()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        shown = self.current
        size = self.viewport().size()
        if shown is not None and (shown.width, shown.height) != (size.width(), size.height()):
            self._relayout.start()

    def tooltip_at(self, view_pos: QPointF) -> str:
        return super().tooltip_at(view_pos) or self._tip_at(view_pos)

    def _tip_at(self, view_pos: QPointF) -> str:
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, ShapeItem) and item.element.data.get("tip"):
                return item.element.data["tip"]
        return ""
