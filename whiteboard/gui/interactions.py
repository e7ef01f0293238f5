"""Canvas interaction modes, one object each (start / move / end / cancel), so the view's mouse
handlers only forward events. A drag frame moves one card's items and restyles the column
overlay; the board changes once, on release, through one undo command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF

from whiteboard.gui.overlay import ColumnOverlay
from whiteboard.model import TargetId
from whiteboard.render.qt_items import ShapeItem
from whiteboard.scoring.results import WorkloadScore

#: Scene units the pointer must travel before a press on a card becomes a drag.
DRAG_THRESHOLD = 6.0

#: Lifts the dragged card above everything, the column overlay included.
DRAGGED_Z = 2000.0

DropCallback = Callable[[str, TargetId], None]
TargetAt = Callable[[QPointF], TargetId | None]


class Interaction:
    """Base mode: the view calls these with scene positions."""

    def start(self, pos: QPointF) -> None:
        """The gesture began (press or drag enter)."""

    def move(self, pos: QPointF) -> None:
        """The pointer moved."""

    def end(self, pos: QPointF) -> None:
        """The gesture finished (release or drop)."""

    def cancel(self) -> None:
        """Escape, focus loss or leaving the view: undo any visual change."""


class PlacementDrag(Interaction):
    """Dragging a workload over the columns: the overlay shows its score on every column.

    Scores come from one `Scorer.workload` call made when the drag starts; a move only looks up
    which column is under the pointer.
    """

    def __init__(
        self,
        workload_id: str,
        placed_on: TargetId | None,
        score: Callable[[], WorkloadScore],
        overlay: ColumnOverlay,
        target_at: TargetAt,
        on_drop: DropCallback,
    ) -> None:
        self.workload_id = workload_id
        self.placed_on = placed_on
        self._score_fn = score
        self._score: WorkloadScore | None = None
        self._overlay = overlay
        self._target_at = target_at
        self._on_drop = on_drop
        self.hovered: TargetId | None = None

    def move(self, pos: QPointF) -> None:
        if self._score is None:
            self._score = self._score_fn()
        self.hovered = self._target_at(pos)
        self._overlay.show(self._score, self.hovered)

    def end(self, pos: QPointF) -> None:
        target = self._target_at(pos)
        self._overlay.hide()
        if target is not None and target != self.placed_on:
            self._on_drop(self.workload_id, target)

    def cancel(self) -> None:
        self._overlay.hide()


class CardDrag(PlacementDrag):
    """Pressing on a card: a click selects it, a drag moves its items and places it on release.

    Only the card's own items move (by `setPos`, their geometry stays the Scene's); when the drop
    changes the board, the redraw from the board puts everything in its final place.
    """

    def __init__(
        self,
        workload_id: str,
        placed_on: TargetId | None,
        items: Sequence[ShapeItem],
        score: Callable[[], WorkloadScore],
        overlay: ColumnOverlay,
        target_at: TargetAt,
        on_drop: DropCallback,
        on_click: Callable[[str], None],
    ) -> None:
        super().__init__(workload_id, placed_on, score, overlay, target_at, on_drop)
        self._items = list(items)
        self._on_click = on_click
        self._origin = QPointF()
        self.dragging = False

    def start(self, pos: QPointF) -> None:
        self._origin = QPointF(pos)
        self._on_click(self.workload_id)

    def move(self, pos: QPointF) -> None:
        delta = pos - self._origin
        if not self.dragging:
            if abs(delta.x()) + abs(delta.y()) < DRAG_THRESHOLD:
                return
            self.dragging = True
            for item in self._items:
                item.setZValue(item.zValue() + DRAGGED_Z)
        for item in self._items:
            item.setPos(delta)
        super().move(pos)

    def end(self, pos: QPointF) -> None:
        if not self.dragging:
            return
        self._reset()
        super().end(pos)

    def cancel(self) -> None:
        if self.dragging:
            self._reset()
        super().cancel()

    def _reset(self) -> None:
        for item in self._items:
            item.setPos(0, 0)
            item.setZValue(item.element.z)
