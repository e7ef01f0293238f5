"""A view of one slide Scene: draws it with `render.qt_items`, fits it to the widget, and hands
mouse and drag-and-drop events to the active interaction object.

The view keeps the id -> item map of what it shows and nothing else; `show_scene` brings the
items in line with a new Scene (unchanged elements are not touched).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from whiteboard.gui.interactions import Interaction
from whiteboard.render.qt_items import ItemMap, ShapeItem, build_items, update_items
from whiteboard.slides.scene import Scene, Text
from whiteboard.slides.textfit import ELLIPSIS, text_block

WORKLOAD_MIME = "application/x-whiteboard-workload"

#: Factory of the mode a press starts: (scene position, the workload under it or None).
PressHandler = Callable[[QPointF, str | None], Interaction | None]
DragHandler = Callable[[str], Interaction | None]
#: Factory of the mode a press on a group card or a pager starts: (scene position, its data).
TileHandler = Callable[[QPointF, Mapping[str, str]], Interaction | None]
#: Element ids of the tiles that stand for many workloads (`slides.trays`).
TILE_PREFIXES = ("group", "pager")


def workload_mime(workload_id: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(WORKLOAD_MIME, workload_id.encode("utf-8"))
    mime.setText(workload_id)
    return mime


def _mime_workload(mime: QMimeData) -> str | None:
    if not mime.hasFormat(WORKLOAD_MIME):
        return None
    return bytes(mime.data(WORKLOAD_MIME).data()).decode("utf-8", errors="replace")


def bubble_tip(data: Mapping[str, str]) -> str:
    """'Billing on Fargate: 14 workloads, 2 cannot run there' for a chart bubble."""
    from whiteboard.catalog import default_catalog

    target = data.get("target", "")
    where = f" on {default_catalog().target(target).short_name}" if target else ", not placed"
    count, cannot = int(data.get("count", "0")), int(data.get("cannot_run", "0"))
    merged = int(data.get("merged_groups", "0"))
    name = f"{merged} smaller groups" if merged else (data.get("group") or "Ungrouped")
    text = f"{name}{where}: {count:,} workload{'' if count == 1 else 's'}"
    return text + (f", {cannot:,} cannot run there" if cannot else "")


#: The most a slide is magnified over its fitted size, and one zoom step.
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
#: No text on a slide is shown smaller than this many pixels: where the whole slide would
#: need smaller type, the view shows part of it at this size and scrolls.
MIN_TEXT_PX = 11.0
#: While a card is dragged this close to an edge of a scrolled view, the view scrolls.
EDGE_PX = 28
EDGE_STEP_PX = 18


def smallest_text(scene: Scene) -> float | None:
    """The smallest font size (scene units, whole as the painter sets it) of the scene's
    text, None without text."""
    sizes = [
        max(1, round(e.size)) for e in scene.elements if isinstance(e, Text) and e.text.strip()
    ]
    return min(sizes) if sizes else None


def cut_text(element: object) -> str | None:
    """The whole text of a Text element that is drawn cut with an ellipsis, else None."""
    if not isinstance(element, Text):
        return None
    lines = text_block(element).lines
    if any(line.endswith(ELLIPSIS) for line in lines) and not element.text.endswith(ELLIPSIS):
        return element.text
    return None


class SlideView(QGraphicsView):
    """Shows a Scene fitted into the widget, aspect ratio kept."""

    #: Emitted after the items were brought in line with a new Scene.
    scene_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._graphics = QGraphicsScene(self)
        self.setScene(self._graphics)
        self.items_by_id: ItemMap = {}
        self.current: Scene | None = None
        self._cards: dict[str, list[ShapeItem]] | None = None
        self.interaction: Interaction | None = None
        self.press_handler: PressHandler | None = None
        self.drag_handler: DragHandler | None = None
        self.tile_handler: TileHandler | None = None
        #: Text for the tooltip over a workload's card or point, made only when asked for.
        self.tooltip_for: Callable[[str], str] | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setMouseTracking(False)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: Magnification over the fitted slide (1.0: the whole slide fits the view, or as much
        #: of it as shows with no text under MIN_TEXT_PX).
        self.zoom = 1.0
        self._smallest: float | None = None
        #: No text is drawn smaller than this (0: always the whole slide, however small).
        self.min_text_px = MIN_TEXT_PX

    @property
    def graphics_scene(self) -> QGraphicsScene:
        return self._graphics

    # -- showing -----------------------------------------------------------------------------

    def show_scene(self, scene: Scene) -> None:
        """Items are reused by id, so an interaction in progress keeps valid references."""
        first = self.current is None or (self.current.width, self.current.height) != (
            scene.width,
            scene.height,
        )
        if self.items_by_id:
            self.items_by_id = update_items(self.items_by_id, scene, self._graphics)
        else:
            self.items_by_id = build_items(scene, self._graphics)
        self.current = scene
        self._cards = None
        smallest = smallest_text(scene)
        if first or smallest != self._smallest:
            self._smallest = smallest
            self._fit(anchor=first)
        self.scene_shown.emit()

    def card_items(self, workload_id: str) -> list[ShapeItem]:
        """The items of one workload's card (frame, name, score, mark), found by element data."""
        if self._cards is None:
            cards: dict[str, list[ShapeItem]] = {}
            for element_id, item in self.items_by_id.items():
                workload = item.element.data.get("workload")
                if workload and element_id.startswith("card"):
                    cards.setdefault(workload, []).append(item)
            self._cards = cards
        return self._cards.get(workload_id, [])

    def tile_items(self, target: str, group_index: str) -> list[ShapeItem]:
        """The items of one group card (frame, name, counts, band)."""
        return [
            item
            for element_id, item in self.items_by_id.items()
            if element_id.startswith("group")
            and item.element.data.get("target") == target
            and item.element.data.get("group_index") == group_index
        ]

    def tile_at(self, view_pos: QPointF) -> Mapping[str, str] | None:
        """The data of the group card or pager button under the pointer, or None. A pager
        button is found before the pager row it sits on."""
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, ShapeItem) and item.element_id.startswith(TILE_PREFIXES):
                data = item.element.data
                if "group_index" in data or "pager" in data:
                    return data
        return None

    def workload_at(self, view_pos: QPointF) -> str | None:
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, ShapeItem) and item.element_id.startswith(("card", "point")):
                workload = item.element.data.get("workload")
                if workload:
                    return workload
        return None

    def tooltip_at(self, view_pos: QPointF) -> str:
        workload = self.workload_at(view_pos)
        if workload is None:
            return self._many_at(view_pos) or self._cut_at(view_pos)
        if self.tooltip_for is None:
            return ""
        return self.tooltip_for(workload)

    def _cut_at(self, view_pos: QPointF) -> str:
        """The whole text of a label drawn cut with an ellipsis under the pointer."""
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, ShapeItem):
                whole = cut_text(item.element)
                if whole is not None:
                    return whole
        return ""

    def _many_at(self, view_pos: QPointF) -> str:
        """What a chart bubble or a group card stands for (they carry no one workload)."""
        for item in self.items(view_pos.toPoint()):
            if not isinstance(item, ShapeItem):
                continue
            data = item.element.data
            if "bubble" in data:
                return bubble_tip(data)
            if "group_index" in data:
                name = data.get("group") or "Ungrouped"
                return f"{name}: click to open or close, drag onto a column to move them all"
        return ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            text = self.tooltip_at(QPointF(help_event.pos()))
            if text:
                QToolTip.showText(help_event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def map_scene_point(self, x: float, y: float) -> QPointF:
        """Viewport position of a scene point (tests and keyboard helpers use this)."""
        return QPointF(self.mapFromScene(QPointF(x, y)))

    def readable_scale(self) -> float:
        """The least scale at which the slide's smallest text is MIN_TEXT_PX pixels."""
        return self.min_text_px / self._smallest if self._smallest else 0.0

    def fitted_scale(self) -> float:
        """The scale of zoom 1.0: the whole slide, unless its text would be too small."""
        rect = self._graphics.sceneRect()
        size = self.viewport().size()
        if rect.isEmpty() or size.isEmpty():
            return 1.0
        whole = min(size.width() / rect.width(), size.height() / rect.height())
        return max(whole, self.readable_scale())

    def scrolls(self) -> bool:
        """Part of the slide is out of sight (zoomed in, or too small a view to read it all)."""
        rect = self._graphics.sceneRect()
        scale = self.transform().m11()
        size = self.viewport().size()
        return rect.width() * scale > size.width() + 1 or rect.height() * scale > size.height() + 1

    def _fit(self, *, anchor: bool = False) -> None:
        """Scale the slide to the view times the zoom. At zoom 1.0 the whole slide shows, or,
        in a view too small for that at a readable size, the cards' corner of it (scroll bars
        let the rest in); zoomed in, the view keeps its centre."""
        if self.current is None:
            return
        centre = self.mapToScene(self.viewport().rect().center())
        scale = self.fitted_scale() * self.zoom
        self.setTransform(QTransform.fromScale(scale, scale))
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.scrolls()
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)
        if anchor and self.zoom == 1.0:
            # Where the work is: the card trays along the bottom, from the left.
            rect = self._graphics.sceneRect()
            self.ensureVisible(QRectF(rect.left(), rect.bottom() - 1, 1, 1), 0, 0)
        else:
            self.centerOn(centre)

    def reveal(self, rect: QRectF) -> None:
        """Scroll so that `rect` (scene units) is in sight, when the view scrolls at all."""
        if self.scrolls():
            self.ensureVisible(rect, 24, 24)

    def _scroll_near_edge(self, pos: QPoint) -> None:
        """While dragging in a scrolled view: a pointer near an edge scrolls that way."""
        if not self.scrolls():
            return
        area = self.viewport().rect()
        dx = (
            -EDGE_STEP_PX
            if pos.x() < EDGE_PX
            else EDGE_STEP_PX
            if pos.x() > area.width() - EDGE_PX
            else 0
        )
        dy = (
            -EDGE_STEP_PX
            if pos.y() < EDGE_PX
            else EDGE_STEP_PX
            if pos.y() > area.height() - EDGE_PX
            else 0
        )
        if dx:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + dx)
        if dy:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + dy)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out, never below the whole slide nor past MAX_ZOOM."""
        self.zoom = min(MAX_ZOOM, max(1.0, self.zoom * factor))
        self._fit()

    def zoom_to_fit(self) -> None:
        self.zoom = 1.0
        self._fit(anchor=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(anchor=True)

    # -- mouse -------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.press_handler is None:
            super().mousePressEvent(event)
            return
        pos = self.mapToScene(event.position().toPoint())
        tile = self.tile_at(event.position()) if self.tile_handler is not None else None
        if tile is not None and self.tile_handler is not None:
            self.interaction = self.tile_handler(pos, tile)
        else:
            self.interaction = self.press_handler(pos, self.workload_at(event.position()))
        if self.interaction is not None:
            self.interaction.start(pos)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.interaction is None:
            super().mouseMoveEvent(event)
            return
        self._scroll_near_edge(event.position().toPoint())
        self.interaction.move(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.interaction is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        interaction, self.interaction = self.interaction, None
        interaction.end(self.mapToScene(event.position().toPoint()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: object) -> None:  # type: ignore[override]
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.cancel()
        super().focusOutEvent(event)  # type: ignore[arg-type]

    # -- drag and drop from the workload list -------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        workload = _mime_workload(event.mimeData())
        if workload is None or self.drag_handler is None:
            event.ignore()
            return
        self.interaction = self.drag_handler(workload)
        if self.interaction is None:
            event.ignore()
            return
        self.interaction.start(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.interaction is None:
            event.ignore()
            return
        self._scroll_near_edge(event.position().toPoint())
        self.interaction.move(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.cancel()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.interaction is None:
            event.ignore()
            return
        interaction, self.interaction = self.interaction, None
        interaction.end(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
