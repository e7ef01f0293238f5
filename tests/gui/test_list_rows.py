"""The workload list keeps the target in its own column: a narrow list cuts the name, never
the "· target" part (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from whiteboard.gui.list_rows import NAME_ROLE, TARGET_ROLE, WorkloadRowDelegate, split_row
from whiteboard.gui.main_window import MainWindow

from .conftest import MakeWindow
from .test_readable import _forty as forty


def test_a_narrow_row_cuts_the_name_and_keeps_the_target_whole(window: MainWindow) -> None:
    metrics = QFontMetrics(window.workload_list.list.font())
    name = "Orders database (licensed per physical core)"
    shown, name_rect, target_rect = split_row(metrics, name, "Bare metal", QRect(0, 0, 180, 20))
    assert shown != name and shown.endswith("…")
    assert target_rect.width() == metrics.horizontalAdvance("Bare metal")
    assert name_rect.right() < target_rect.left() and target_rect.right() <= 180


def test_placed_rows_carry_their_name_and_target_apart(window: MainWindow) -> None:
    listed = window.workload_list.list
    assert isinstance(listed.itemDelegate(), WorkloadRowDelegate)
    rows = [listed.item(i) for i in range(listed.count())]
    placed = [r for r in rows if r.data(TARGET_ROLE)]
    assert placed and all(r.data(NAME_ROLE) in r.text() for r in placed)
    assert all(r.text().endswith(r.data(TARGET_ROLE)) for r in placed)


def test_the_target_is_painted_at_the_right_edge(qtbot: QtBot, window: MainWindow) -> None:
    listed = window.workload_list.list
    row = next(i for i in range(listed.count()) if listed.item(i).data(TARGET_ROLE) == "Bare metal")
    index = listed.model().index(row, 0)
    image = QImage(200, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(listed)
    option.rect = QRect(0, 0, 200, 24)
    option.font = listed.font()
    option.fontMetrics = QFontMetrics(listed.font())
    listed.itemDelegate().paint(painter, option, index)
    painter.end()
    inked = {x for x in range(200) for y in range(24) if image.pixelColor(x, y).lightness() < 200}
    assert max(inked) >= 190  # the target's last letter reaches the right edge
    assert any(x < 60 for x in inked)  # and the name starts at the left
    assert Qt.ItemDataRole.UserRole not in (NAME_ROLE, TARGET_ROLE)


def test_every_row_fits_the_list_so_each_target_ends_at_its_right_edge(
    make_window: MakeWindow,
) -> None:
    """On a 1280x720 screen the list is narrow: rows are cut to its width, never wider, so no
    target column is pushed out of sight and the list never scrolls sideways."""
    window = make_window(board=forty(), size=(1280, 720))
    listed = window.workload_list.list
    viewport = listed.viewport().width()
    assert listed.horizontalScrollBar().maximum() == 0
    rows = [listed.item(i) for i in range(listed.count())]
    assert all(listed.visualItemRect(row).right() < viewport for row in rows)
