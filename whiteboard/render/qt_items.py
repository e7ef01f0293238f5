"""Turn a backend-neutral Scene into QGraphicsItems, and update them in place when it changes.

Every element becomes one `ShapeItem` that paints through `render.qt_paint` (the same code the
PNG export uses) and caches its pixels in device coordinates, so moving an item during a drag
costs a blit, not a repaint in Python. Items remember their element and its id; the caller keeps
the returned id -> item map and never stores anything the Scene does not say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from whiteboard.render.qt_paint import bounds, paint_element, prepare_painter
from whiteboard.slides.scene import Scene, Shape

ItemMap = dict[str, "ShapeItem"]


class ShapeItem(QGraphicsItem):
    """One scene element. Its geometry lives in the element; `pos()` is only a drag offset."""

    def __init__(self, element: Shape) -> None:
        super().__init__()
        self._element = element
        self._bounds = bounds(element)
        self.setZValue(element.z)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def element(self) -> Shape:
        return self._element

    @property
    def element_id(self) -> str:
        return self._element.id

    def set_element(self, element: Shape) -> None:
        """Show a changed element (same id); repaints only this item."""
        if element == self._element:
            return
        self.prepareGeometryChange()
        self._element = element
        self._bounds = bounds(element)
        self.setZValue(element.z)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        prepare_painter(painter)
        paint_element(painter, self._element)


def _visible(scene: Scene, step: int | None) -> Iterable[Shape]:
    return scene.elements if step is None else scene.visible_at(step)


def build_items(scene: Scene, graphics_scene: QGraphicsScene, step: int | None = None) -> ItemMap:
    """Add one item per element (those revealed by `step`, or all) and return id -> item.

    The graphics scene's rect is set to the slide's size so the view's BSP index and fitting
    stay stable however items move.
    """
    graphics_scene.setSceneRect(QRectF(0, 0, scene.width, scene.height))
    items: ItemMap = {}
    for element in _visible(scene, step):
        item = ShapeItem(element)
        graphics_scene.addItem(item)
        items[element.id] = item
    return items


def update_items(
    items: Mapping[str, ShapeItem],
    scene: Scene,
    graphics_scene: QGraphicsScene,
    step: int | None = None,
) -> ItemMap:
    """Bring existing items in line with a new Scene: unchanged elements are left alone, changed
    ones repaint, missing ones are removed and new ones added. Drag offsets are reset.

    Returns the new id -> item map (items are reused, so references stay valid).
    """
    graphics_scene.setSceneRect(QRectF(0, 0, scene.width, scene.height))
    fresh: ItemMap = {}
    for element in _visible(scene, step):
        item = items.get(element.id)
        if item is None:
            item = ShapeItem(element)
            graphics_scene.addItem(item)
        else:
            item.set_element(element)
            if not item.pos().isNull():
                item.setPos(0, 0)
        fresh[element.id] = item
    for element_id, item in items.items():
        if element_id not in fresh:
            graphics_scene.removeItem(item)
    return fresh
