"""The window's side of the card trays (`slides.trays`): which group each column has open and
on which page, what the search found, and the clicks and drags on group cards and pagers.

The view is not the board: opening a group or turning a page is no edit and no undo step. A
group card dragged onto another column moves the group's workloads there in one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QPointF

from whiteboard.gui import commands
from whiteboard.gui.canvas import SlideView
from whiteboard.gui.document import Document
from whiteboard.gui.interactions import DRAG_THRESHOLD, DRAGGED_Z, Interaction, TargetAt
from whiteboard.gui.overlay import ColumnOverlay
from whiteboard.gui.scores import ScoreBook
from whiteboard.gui.workload_list import matches_filter
from whiteboard.model import Board, TargetId
from whiteboard.render.qt_items import ShapeItem
from whiteboard.slides.story import placed_by_target
from whiteboard.slides.trays import (
    DEFAULT_VIEW,
    UNGROUPED_LABEL,
    TrayView,
    board_group_of,
    groups_of,
    reveal,
)


class TrayController:
    def __init__(
        self,
        view: SlideView,
        document: Document,
        scores: ScoreBook,
        overlay: Callable[[], ColumnOverlay],
        target_at: TargetAt,
        redraw: Callable[[], None],
    ) -> None:
        self.slide_view = view
        self.document = document
        self.scores = scores
        self._overlay = overlay
        self._target_at = target_at
        self._redraw = redraw
        self.view: TrayView = DEFAULT_VIEW
        #: The workloads the search found, None without a search.
        self.matches: frozenset[str] | None = None
        view.tile_handler = self._on_tile_press

    # -- the view ----------------------------------------------------------------------------

    def set_view(self, view: TrayView) -> None:
        if view != self.view:
            self.view = view
            self._redraw()

    def toggle(self, target: TargetId, group: str) -> None:
        """Open the group in its column, or close it when it is open."""
        is_open = self.view.open_groups.get(target) == group
        self.set_view(self.view.opened(target, None if is_open else group))

    def turn(self, target: TargetId, page: int) -> None:
        self.set_view(self.view.paged(target, page))

    def search(self, text: str) -> None:
        """Highlight the workloads whose name, id, kind or group holds `text` (blank: none)."""
        needle = text.strip().lower()
        board = self.document.board
        found = (
            frozenset(w.id for w in board.workloads if matches_filter(w, needle))
            if needle
            else None
        )
        if found != self.matches:
            self.matches = found
            self._redraw()

    def reveal(self, workload_id: str | None) -> None:
        """Bring the workload's card on screen (its group open, on its page), without a
        redraw: the caller redraws for the selection anyway."""
        board = self.document.board
        if workload_id is None or not board.has_workload(workload_id):
            return
        target = board.placement(workload_id)
        if target is None:
            return
        ids = [w.id for w in board.workloads if board.placements.get(w.id) == target]
        self.view = reveal(
            self.view, target, board.targets, ids, board_group_of(board), workload_id
        )

    # -- clicks and drags ----------------------------------------------------------------------

    def _on_tile_press(self, pos: QPointF, data: Mapping[str, str]) -> Interaction | None:
        target = data.get("target")
        if not target:
            return None
        if "pager" in data:
            self.turn(target, int(data.get("page", "0")))
            return None
        group = data.get("group", "")
        ids = self._group_ids(self.document.board, target, group)
        if not ids:
            return None
        items = self.slide_view.tile_items(target, data.get("group_index", ""))
        return GroupDrag(
            target,
            group,
            ids,
            items,
            self._numbers,
            self._overlay(),
            self._target_at,
            on_drop=self._place_group,
            on_click=lambda: self.toggle(target, group),
        )

    @staticmethod
    def _group_ids(board: Board, target: TargetId, group: str) -> tuple[str, ...]:
        placed = placed_by_target(board).get(target, [])
        return tuple(groups_of(placed, board_group_of(board)).get(group, ()))

    def _numbers(self, ids: Sequence[str]) -> dict[TargetId, list[tuple[float, bool]]]:
        columns = self.document.board.targets
        return {t: [self.scores.placed_numbers(wid, t) for wid in ids] for t in columns}

    def _place_group(self, ids: Sequence[str], group: str, target: TargetId) -> None:
        board = self.document.board
        moving = [wid for wid in ids if board.has_workload(wid)]
        label = group or UNGROUPED_LABEL.lower()
        self.document.push(commands.place_group(self.document, board, moving, target, label))


GroupDrop = Callable[[Sequence[str], str, TargetId], None]


class GroupDrag(Interaction):
    """Pressing on a group card: a click opens or closes it; a drag moves the card and shows
    on every column how its workloads would score there, and a drop elsewhere moves them all."""

    def __init__(
        self,
        target: TargetId,
        group: str,
        ids: Sequence[str],
        items: Sequence[ShapeItem],
        numbers: Callable[[Sequence[str]], Mapping[TargetId, Sequence[tuple[float, bool]]]],
        overlay: ColumnOverlay,
        target_at: TargetAt,
        *,
        on_drop: GroupDrop,
        on_click: Callable[[], None],
    ) -> None:
        self.target, self.group, self.ids = target, group, tuple(ids)
        self._items = list(items)
        self._numbers_fn = numbers
        self._numbers: Mapping[TargetId, Sequence[tuple[float, bool]]] | None = None
        self._overlay = overlay
        self._target_at = target_at
        self._on_drop = on_drop
        self._on_click = on_click
        self._origin = QPointF()
        self.dragging = False

    def start(self, pos: QPointF) -> None:
        self._origin = QPointF(pos)

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
        if self._numbers is None:
            self._numbers = self._numbers_fn(self.ids)
        self._overlay.show_group(self._numbers, self._target_at(pos))

    def end(self, pos: QPointF) -> None:
        if not self.dragging:
            self._on_click()
            return
        self._reset()
        target = self._target_at(pos)
        if target is not None and target != self.target:
            self._on_drop(self.ids, self.group, target)

    def cancel(self) -> None:
        if self.dragging:
            self._reset()

    def _reset(self) -> None:
        self._overlay.hide()
        for item in self._items:
            item.setPos(0, 0)
            item.setZValue(item.element.z)
