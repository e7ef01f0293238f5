"""The dollars in the real window's inspector: a cost column per target (unconfirmed figures
marked, the mark explained in the tooltip), and the selected workload's estimate on its
placement, or on the recommendation when it is not placed, in text that wraps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from tests.gui.conftest import card_point
from whiteboard.cost.estimate import Estimate, usd
from whiteboard.gui.cost_view import UNCONFIRMED_MARK, UNCONFIRMED_TIP, amount
from whiteboard.gui.inspector import COLUMNS, COST_COLUMN, Inspector
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.workload_list import ID_ROLE

#: Placed on Fargate, one price of its estimate there not confirmed; recommended elsewhere.
PLACED = "web-shop"
#: Not placed: the inspector shows the estimate on its recommended target.
UNPLACED = "webhooks"


def _plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return " ".join(document.toPlainText().replace("\u00a0", " ").split())


def _click_card(qtbot: QtBot, window: MainWindow, workload_id: str) -> None:
    qtbot.mouseClick(
        window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(window, workload_id)
    )
    assert window.selected == workload_id


def _click_list_row(qtbot: QtBot, window: MainWindow, workload_id: str) -> None:
    rows = window.workload_list.list
    item: QListWidgetItem = next(
        rows.item(r) for r in range(rows.count()) if rows.item(r).data(ID_ROLE) == workload_id
    )
    rows.scrollToItem(item)
    point = rows.visualItemRect(item).center()
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == workload_id


def _cost_cell(inspector: Inspector, target: str) -> tuple[str, str]:
    table = inspector.table
    row = next(
        r
        for r in range(table.rowCount())
        if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == target
    )
    item = table.item(row, COST_COLUMN)
    return item.text(), item.toolTip()


def _assert_shows(text: str, estimate: Estimate) -> None:
    assert usd(estimate.usd_month) in text
    for item in estimate.items:
        assert f"{item.label} = {usd(item.usd)}" in text
    for alternative in estimate.alternatives:
        assert str(alternative) in text
    for assumption in estimate.assumptions:
        assert " ".join(assumption.split()) in text


def test_selecting_a_placed_workload_shows_its_dollars_and_line_items(
    qtbot: QtBot, window: MainWindow
) -> None:
    _click_card(qtbot, window, PLACED)
    inspector = window.inspector
    score = window.scores.workload(PLACED)
    assert score.placed_on == "fargate" and score.recommended not in (None, "fargate")

    # The cost column: every target's figure, the unconfirmed ones marked and explained.
    assert inspector.table.horizontalHeaderItem(COST_COLUMN).text() == COLUMNS[COST_COLUMN]
    assert "USD" in COLUMNS[COST_COLUMN]
    for target, result in score.targets.items():
        assert result.estimate is not None
        text, tip = _cost_cell(inspector, target)
        assert inspector.cost_text(target) == text
        assert text.startswith(amount(result.estimate.usd_month))
        assert usd(result.estimate.usd_month) in tip and "on demand, us-east-1" in tip
        assert text.endswith(UNCONFIRMED_MARK) == (not result.estimate.confirmed)
        assert (UNCONFIRMED_TIP in tip) == (not result.estimate.confirmed)
    placed = score.targets["fargate"].estimate
    assert placed is not None and not placed.confirmed
    assert any(r.estimate is not None and r.estimate.confirmed for r in score.targets.values())

    # The estimate on the placement: figure, line items, alternatives, assumptions, the mark's
    # meaning; then the recommendation's figure beside it.
    text = _plain(inspector.cost.text())
    assert text.startswith(f"Cost on AWS Fargate (placed): {usd(placed.usd_month)} a month")
    _assert_shows(text, placed)
    assert "(price not confirmed)" in text and UNCONFIRMED_TIP in text
    best = score.targets[score.recommended].estimate  # type: ignore[index]
    assert best is not None
    assert f"(recommended): {usd(best.usd_month)} a month" in text
    assert text.index("(placed)") < text.index("(recommended)")


def test_an_unplaced_workload_shows_the_estimate_on_its_recommendation(
    qtbot: QtBot, window: MainWindow
) -> None:
    _click_list_row(qtbot, window, UNPLACED)
    score = window.scores.workload(UNPLACED)
    assert score.placed_on is None and score.recommended is not None
    estimate = score.targets[score.recommended].estimate
    assert estimate is not None
    text = _plain(window.inspector.cost.text())
    name = window.catalog.target(score.recommended).display_name
    assert text.startswith(f"Cost on {name} (recommended): {usd(estimate.usd_month)} a month")
    _assert_shows(text, estimate)


def test_the_costs_wrap_inside_the_dock_instead_of_being_cut_off(
    qtbot: QtBot, window: MainWindow
) -> None:
    _click_card(qtbot, window, PLACED)
    inspector = window.inspector
    page = inspector.page("Scores")
    qtbot.waitUntil(lambda: page.widget().width() <= page.viewport().width())
    assert inspector.cost.wordWrap()
    right = inspector.cost.mapTo(page.viewport(), inspector.cost.rect().topRight()).x()
    assert right < page.viewport().width()
    table = inspector.table
    assert table.horizontalHeader().length() <= table.viewport().width()


def test_the_inspector_has_tabs_a_legend_and_the_id_and_an_edit_keeps_its_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    _click_card(qtbot, window, PLACED)
    inspector = window.inspector
    tabs = inspector.details
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Scores", "Reasons", "Fields"]
    assert f"id {PLACED}" in _plain(inspector.heading.text())
    assert "● where it is placed" in inspector.legend.text()
    assert "★ the recommended target" in inspector.legend.text()
    # The Fields tab, chosen with the keyboard, keeps its scroll position across an edit.
    tabs.tabBar().setFocus()
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Right)
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Right)
    assert tabs.tabText(tabs.currentIndex()) == "Fields"
    fields = inspector.page("Fields")
    window.resize(window.width(), 520)  # short enough for the form to scroll
    qtbot.waitUntil(lambda: fields.verticalScrollBar().maximum() > 0)
    bar = fields.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    editor = inspector.form.editor("vcpu")
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.board.workload(PLACED).vcpu == 3
    assert bar.value() == kept
    assert tabs.tabText(tabs.currentIndex()) == "Fields"
