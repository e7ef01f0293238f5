"""How a row of the workload list is painted: the name on the left, cut with an ellipsis when
the list is narrow, and the target in its own column on the right, always whole. The item's
text stays "name · target" (for screen readers, search and tests); only the painting splits it.

Every row is as wide as the list's viewport, never wider: the target column then ends at the
list's right edge on every row, in sight, and the list never scrolls sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

#: Item data role holding the short name of the target a workload is placed on.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 7
#: Item data role holding the workload's name alone.
NAME_ROLE = Qt.ItemDataRole.UserRole + 8
#: Room between the name and the target column.
GAP = 10
TARGET_COLOUR = "#5b6b7c"


def split_row(
    metrics: QFontMetrics, name: str, target: str, rect: QRect
) -> tuple[str, QRect, QRect]:
    """(the name as it fits, the name's rectangle, the target's rectangle) in `rect`."""
    target_w = metrics.horizontalAdvance(target)
    target_rect = QRect(rect.right() - target_w, rect.top(), target_w, rect.height())
    name_rect = QRect(rect.left(), rect.top(), max(0, rect.width() - target_w - GAP), rect.height())
    shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_rect.width())
    return shown, name_rect, target_rect


class WorkloadRowDelegate(QStyledItemDelegate):
    """Paints placed rows as two columns; headers and unplaced rows as usual. Rows are as
    wide as the view's viewport (see the module note)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            size.setWidth(view.viewport().width())
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        target = index.data(TARGET_ROLE)
        name = index.data(NAME_ROLE)
        if not target or not name:
            super().paint(painter, option, index)
            return
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        style = view_option.widget.style() if view_option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter)
        text_rect = view_option.rect.adjusted(4, 0, -4, 0)
        shown, name_rect, target_rect = split_row(view_option.fontMetrics, name, target, text_rect)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        palette = view_option.palette
        ink = palette.highlightedText().color() if selected else view_option.palette.text().color()
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush) and not selected:
            ink = foreground.color()
        painter.save()
        painter.setFont(view_option.font)
        painter.setPen(ink)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(name_rect, int(align), shown)
        painter.setPen(ink if selected else QColor(TARGET_COLOUR))
        right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        painter.drawText(target_rect, int(right), target)
        painter.restore()
