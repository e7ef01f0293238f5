"""The board's workloads as a keyboard-navigable list (unplaced first), with a filter box and a
"New workload" button. Items drag onto the slide's columns like cards do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whiteboard.catalog import default_catalog
from whiteboard.gui.canvas import workload_mime
from whiteboard.gui.list_rows import NAME_ROLE, TARGET_ROLE, WorkloadRowDelegate
from whiteboard.model import Board, Workload

ID_ROLE = Qt.ItemDataRole.UserRole


def matches_filter(workload: Workload, needle: str) -> bool:
    """Whether the filter text (stripped, lower case) is in the name, id, kind or group."""
    w = workload
    return (
        not needle
        or needle in w.name.lower()
        or needle in w.id
        or needle in w.kind.lower()
        or (w.group is not None and needle in w.group.lower())
    )


def list_order(board: Board, text: str) -> list[tuple[str, str, str | None]]:
    """(id, name, target) rows matching the filter, unplaced first, then in board order."""
    needle = text.strip().lower()
    rows = [
        (w.id, w.name, board.placement(w.id)) for w in board.workloads if matches_filter(w, needle)
    ]
    return sorted(rows, key=lambda row: row[2] is not None)


class _DraggableList(QListWidget):
    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        workload = items[0].data(ID_ROLE) if items else ""
        return workload_mime(str(workload))

    def mimeTypes(self) -> list[str]:
        from whiteboard.gui.canvas import WORKLOAD_MIME

        return [WORKLOAD_MIME]


class WorkloadList(QWidget):
    selected = Signal(object)  # workload id or None
    new_requested = Signal()
    #: The filter's text, as typed: the slide highlights what it finds.
    filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._board: Board | None = None
        self._current: str | None = None
        self._catalog = default_catalog()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find workloads (name, id, kind, group)…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("workload-filter")
        self.filter.textChanged.connect(self._on_filter)
        self.list = _DraggableList()
        self.list.setObjectName("workload-list")
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(WorkloadRowDelegate(self.list))
        # Rows as wide as the list (the delegate's size), laid out again when it is resized, so
        # every row's target column ends at the right edge, in sight.
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.count = QLabel()
        self.count.setStyleSheet("color: #5b6b7c;")
        self.new_button = QPushButton("New workload…")
        self.new_button.setObjectName("new-workload")
        self.new_button.clicked.connect(self.new_requested.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.new_button)

    def _on_filter(self, text: str) -> None:
        self._refill()
        self.filter_changed.emit(text)

    def set_board(self, board: Board, selected: str | None) -> None:
        self._board = board
        self._current = selected
        self._refill()

    def select(self, workload_id: str | None) -> None:
        self._current = workload_id
        for row in range(self.list.count() if workload_id else 0):
            item = self.list.item(row)
            if item.data(ID_ROLE) == workload_id:
                if self.list.currentItem() is not item:
                    self.list.blockSignals(True)
                    self.list.setCurrentItem(item)
                    self.list.blockSignals(False)
                self.list.scrollToItem(item)
                return
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentItem(None)  # type: ignore[arg-type]
        self.list.blockSignals(False)

    def _refill(self) -> None:
        if self._board is None:
            return
        rows = list_order(self._board, self.filter.text())
        unplaced = [row for row in rows if row[2] is None]
        entries: list[tuple[str, str, str | None] | str] = []
        for title, group in (("Unplaced", unplaced), ("Placed", rows[len(unplaced) :])):
            if group:
                entries.append(f"{title} ({len(group)})")
                entries.extend(group)
        keys = [entry if isinstance(entry, str) else entry[0] for entry in entries]
        self.list.blockSignals(True)
        same_order = len(keys) == self.list.count() and all(
            self._key(self.list.item(i)) == key for i, key in enumerate(keys)
        )
        if not same_order:
            self.list.clear()
        for index, entry in enumerate(entries):
            item = self.list.item(index) if same_order else QListWidgetItem()
            if isinstance(entry, str):
                self._header(item, entry)
            else:
                self._style(item, *entry)
            if not same_order:
                self.list.addItem(item)
        self.list.blockSignals(False)
        board = self._board
        total = len(board.workloads)
        shown = f"{len(rows):,} of {total:,}" if self.filter.text() else f"{len(rows):,}"
        self.count.setText(f"{shown} workloads, {total - len(board.placements):,} unplaced")
        self.select(self._current)

    @staticmethod
    def _key(item: QListWidgetItem) -> str:
        workload = item.data(ID_ROLE)
        return str(workload) if workload else item.text()

    @staticmethod
    def _header(item: QListWidgetItem, text: str) -> None:
        """A group title: not selectable, not draggable."""
        item.setText(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        item.setFont(font)
        item.setForeground(QColor("#5b6b7c"))

    def _style(
        self, item: QListWidgetItem, workload_id: str, name: str, target: str | None
    ) -> None:
        """Text, tooltip and look of one row; unchanged rows are left alone."""
        where = self._catalog.target(target).short_name if target else "unplaced"
        text = f"{name}  ·  {where}" if target else name
        if item.text() == text and item.data(ID_ROLE) == workload_id:
            return
        item.setText(text)
        item.setData(ID_ROLE, workload_id)
        item.setData(NAME_ROLE, name if target else None)
        item.setData(TARGET_ROLE, where if target else None)
        item.setToolTip(f"{name} ({workload_id}) — {where}. Drag onto a column to place.")
        item.setForeground(QColor("#1d2733" if target is None else "#5b6b7c"))

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        workload = current.data(ID_ROLE) if current is not None else None
        self._current = workload
        self.selected.emit(workload)
