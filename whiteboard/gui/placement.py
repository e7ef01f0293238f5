"""Placing workloads on the slide: mouse drags (cards and list items) and the keyboard (Delete
unplaces, Left/Right move one column). Every placement is one undo command on the board.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF

from whiteboard.gui import commands
from whiteboard.gui.canvas import SlideView
from whiteboard.gui.document import Document
from whiteboard.gui.interactions import CardDrag, Interaction, PlacementDrag
from whiteboard.gui.overlay import ColumnOverlay
from whiteboard.gui.scores import ScoreBook
from whiteboard.model import TargetId
from whiteboard.slides.geometry import BASE_H, BASE_W, Columns, target_at


def neighbour(target: TargetId | None, step: int, columns: Columns) -> TargetId:
    """The column `step` places left (-1) or right (+1), clamped at the ends; an unplaced
    workload enters from the side it is pushed from."""
    if target is None:
        return columns[0] if step > 0 else columns[-1]
    index = min(max(list(columns).index(target) + step, 0), len(columns) - 1)
    return columns[index]


class PlacementController:
    def __init__(
        self,
        view: SlideView,
        document: Document,
        scores: ScoreBook,
        selected: Callable[[], str | None],
        select: Callable[[str | None], None],
    ) -> None:
        self.view = view
        self.document = document
        self.scores = scores
        self._selected = selected
        self._select = select
        self.overlay = ColumnOverlay(view.graphics_scene, BASE_W, BASE_H, document.board.targets)
        view.press_handler = self._on_press
        view.drag_handler = self._on_list_drag

    def target_at(self, pos: QPointF) -> TargetId | None:
        scene = self.view.current
        width, height = (scene.width, scene.height) if scene else (BASE_W, BASE_H)
        return target_at(pos.x(), pos.y(), self.document.board.targets, width, height)

    def current_overlay(self) -> ColumnOverlay:
        """The drag overlay for the board's columns, rebuilt after a change of edition."""
        columns = self.document.board.targets
        if self.overlay.columns != columns:
            self.overlay.remove()
            self.overlay = ColumnOverlay(self.view.graphics_scene, BASE_W, BASE_H, columns)
        return self.overlay

    def _on_press(self, pos: QPointF, workload_id: str | None) -> Interaction | None:
        if workload_id is None or not self.document.board.has_workload(workload_id):
            self._select(None)
            return None
        return CardDrag(
            workload_id,
            self.document.board.placement(workload_id),
            self.view.card_items(workload_id),
            lambda: self.scores.workload(workload_id),
            self.current_overlay(),
            self.target_at,
            self.place,
            self._select,
        )

    def _on_list_drag(self, workload_id: str) -> Interaction | None:
        if not self.document.board.has_workload(workload_id):
            return None
        return PlacementDrag(
            workload_id,
            self.document.board.placement(workload_id),
            lambda: self.scores.workload(workload_id),
            self.current_overlay(),
            self.target_at,
            self._place_and_select,
        )

    def _place_and_select(self, workload_id: str, target: TargetId) -> None:
        self.place(workload_id, target)
        self._select(workload_id)

    # -- the edits ---------------------------------------------------------------------------

    def place(self, workload_id: str, target: TargetId | None) -> None:
        board = self.document.board
        if board.placement(workload_id) == target:
            return
        self.document.push(commands.place(self.document, board, workload_id, target))

    def place_unplaced_on_recommended(self) -> None:
        """Every unplaced workload on its recommended target (an imported inventory starts
        unplaced), in one undo step; those no target can run stay unplaced."""
        board = self.document.board
        unplaced = [w.id for w in board.workloads if w.id not in board.placements]
        best = {wid: self.scores.recommended(wid) for wid in unplaced}
        placing = {wid: target for wid, target in best.items() if target is not None}
        if placing:
            self.document.push(commands.place_recommended(self.document, board, placing))

    def unplace_selected(self) -> None:
        workload_id = self._selected()
        if workload_id is not None:
            self.place(workload_id, None)

    def move_selected(self, step: int) -> None:
        workload_id = self._selected()
        if workload_id is None:
            return
        current = self.document.board.placement(workload_id)
        self.place(workload_id, neighbour(current, step, self.document.board.targets))
