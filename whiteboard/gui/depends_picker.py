"""Choosing what a workload depends on by name: a checkable list of the board's other workloads,
with a find box, instead of typing ids nobody can see. The chosen ids go back into the field as
text, so the form validates and commits them the way it does anything typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whiteboard.model import Board
from whiteboard.model.text import natural_key, one_line


class DependsPicker(QDialog):
    """The board's workloads but `exclude`, those in `chosen` ticked; `chosen_ids()` after OK."""

    def __init__(
        self,
        board: Board,
        chosen: Iterable[str],
        exclude: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Depends on")
        ticked = set(chosen)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find by name or id")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._on_find)
        self.list = QListWidget()
        self.list.setObjectName("depends-list")
        others = [w for w in board.workloads if w.id != exclude]
        for workload in sorted(others, key=lambda w: natural_key(w.name)):
            item = QListWidgetItem(f"{one_line(workload.name)}  ({workload.id})")
            item.setData(Qt.ItemDataRole.UserRole, workload.id)
            item.setToolTip(f"{one_line(workload.name)}\nid: {workload.id}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = workload.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.unknown = sorted(ticked - {w.id for w in others})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tick the workloads this one calls or needs to run:"))
        layout.addWidget(self.find)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)
        self.find.setFocus()

    def chosen_ids(self) -> list[str]:
        """The ticked ids in the list's order, then any typed id the board does not hold (the
        form names those as errors rather than dropping them silently)."""
        ticked = [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        return ticked + self.unknown

    def _on_find(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
