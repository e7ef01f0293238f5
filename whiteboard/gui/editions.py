"""View > Edition: tell the board in the 2018 story or the 2026 one.

One checkable action per edition of the catalog, in an exclusive group. Choosing one pushes a
single undo command (`commands.set_edition`); the checks follow the board, so undo and redo
move them back and forth too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from whiteboard.catalog import Catalog
from whiteboard.gui import commands
from whiteboard.gui.document import Document
from whiteboard.model import Board


class EditionMenu(QMenu):
    def __init__(
        self,
        document: Document,
        catalog: Catalog,
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("&Edition", parent)
        self.setObjectName("edition-menu")
        self.document = document
        self._report = report
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.edition_actions: dict[str, QAction] = {}
        for edition in catalog.editions:
            action = QAction(edition.name, self)
            action.setObjectName(f"edition-{edition.id}")
            action.setCheckable(True)
            action.setStatusTip(f"Show, score and export the board as the {edition.name}")
            action.triggered.connect(lambda _checked=False, e=edition.id: self.choose(e))
            self._group.addAction(action)
            self.addAction(action)
            self.edition_actions[edition.id] = action
        self.follow(document.board)

    def choose(self, edition: str) -> None:
        board = self.document.board
        if edition == board.edition:
            return
        off = board.off_edition(edition)
        self.document.push(commands.set_edition(self.document, board, edition))
        if off:
            names = ", ".join(board.workload(wid).name for wid in off[:3])
            more = f" and {len(off) - 3} more" if len(off) > 3 else ""
            self._report(
                f"The {edition} edition has no column for {names}{more}: now unplaced "
                "(Undo puts them back)."
            )

    def follow(self, board: Board) -> None:
        """Check the board's edition (after any edit, undo or redo)."""
        action = self.edition_actions.get(board.edition)
        if action is not None and not action.isChecked():
            action.setChecked(True)
