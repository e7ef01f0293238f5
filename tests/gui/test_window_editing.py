"""Editing through the inspector, the new-workload dialog and the weight sliders."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.conftest import card_point, prompts
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.prompts import NewWorkloadDialog


def _select(qtbot: QtBot, window: MainWindow, workload_id: str) -> None:
    qtbot.mouseClick(
        window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(window, workload_id)
    )
    assert window.selected == workload_id


def _retype(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_a_field_edit_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    _select(qtbot, window, "payments")
    name = window.inspector.form.editor("name")
    assert isinstance(name, QLineEdit) and name.text() == "Payments service"
    _retype(qtbot, name, "Payments API")
    assert window.document.board.workload("payments").name == "Payments API"
    assert window.document.undo_stack.count() == 1
    assert window.slide_view.items_by_id["card-text:payments"].element.text == "Payments API"  # type: ignore[union-attr]
    window.actions["undo"].trigger()
    assert window.document.board.workload("payments").name == "Payments service"
    assert name.text() == "Payments service"


def test_a_bad_value_shows_inline_and_keeps_the_typing(qtbot: QtBot, window: MainWindow) -> None:
    _select(qtbot, window, "payments")
    before = window.document.board
    vcpu = window.inspector.form.editor("vcpu")
    assert isinstance(vcpu, QLineEdit)
    _retype(qtbot, vcpu, "lots")
    assert window.inspector.form.error_text("vcpu") == "'lots' is not a number"
    assert vcpu.text() == "lots"
    assert window.document.board is before
    _retype(qtbot, vcpu, "4")
    assert window.inspector.form.error_text("vcpu") == ""
    assert window.document.board.workload("payments").vcpu == 4


def test_the_inspector_shows_scores_per_target_and_reasons(
    qtbot: QtBot, window: MainWindow
) -> None:
    _select(qtbot, window, "orders-db")
    score = window.scores.workload("orders-db")
    for target, result in score.targets.items():
        row = window.inspector.target_row(target)
        if result.feasible:
            assert row[1:] == ("fits", f"{result.overall:.0f}")
        else:
            assert row[1:] == (f"Cannot run: {result.violations[0]}", "–")
    placed = score.targets[score.placed_on]  # type: ignore[index]
    first_reason = next(f for fs in placed.reasons.values() for f in fs)
    assert first_reason.label.split(" (")[0][:20] in window.inspector.reasons.text()
    assert window.inspector.radar.accessibleDescription().startswith(
        window.catalog.target(score.placed_on).display_name  # type: ignore[arg-type]
    )


def test_new_workload_dialog_validates_inline_and_keeps_typing(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = NewWorkloadDialog(window.document.board, window)
    qtbot.addWidget(dialog)
    form = dialog.form
    qtbot.keyClicks(form.editor("name"), "Fraud scoring")
    assert form.editor("id").text() == "fraud-scoring"  # type: ignore[attr-defined]
    _retype(qtbot, form.editor("vcpu"), "0")  # type: ignore[arg-type]
    _retype(qtbot, form.editor("depends_on"), "payments, nowhere")  # type: ignore[arg-type]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_workload is None
    assert "greater than 0" in form.error_text("vcpu")
    assert "'nowhere'" in form.error_text("depends_on")
    assert form.editor("vcpu").text() == "0"  # type: ignore[attr-defined]
    _retype(qtbot, form.editor("vcpu"), "2")  # type: ignore[arg-type]
    _retype(qtbot, form.editor("depends_on"), "payments")  # type: ignore[arg-type]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_workload is not None
    assert dialog.result_workload.depends_on == ("payments",)

    prompts(window).new_answer = dialog.result_workload
    window.actions["new_workload"].trigger()
    assert window.document.board.workload("fraud-scoring").vcpu == 2
    assert window.selected == "fraud-scoring"
    current = window.workload_list.list.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == "fraud-scoring"
    window.actions["undo"].trigger()
    assert not window.document.board.has_workload("fraud-scoring")


def test_the_new_workload_dialog_starts_at_the_name_and_picks_dependencies_by_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = NewWorkloadDialog(window.document.board, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    assert dialog.focusWidget() is form.editor("name")
    _type_text(dialog.focusWidget(), "Payment gateway für Österreich")
    assert form.editor("id").text() == "payment-gateway-fur-osterreich"  # type: ignore[attr-defined]

    qtbot.mouseClick(form.choose_depends, Qt.MouseButton.LeftButton)
    picker = form.picker
    qtbot.waitExposed(picker)
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert any(name.startswith("Payments service") for name in names)
    qtbot.keyClicks(picker.find, "payments")
    shown = [
        picker.list.item(i) for i in range(picker.list.count())
        if not picker.list.item(i).isHidden()
    ]  # fmt: skip
    assert len(shown) == 1
    picker.list.setCurrentItem(shown[0])
    picker.list.setFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)  # ticks the current item
    assert shown[0].checkState() == Qt.CheckState.Checked
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert form.editor("depends_on").text() == "payments"  # type: ignore[attr-defined]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_workload is not None
    assert dialog.result_workload.depends_on == ("payments",)


def _type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest's key clicks take ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _handle_center(slider: QSlider) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    return rect.center()


def test_a_weight_slider_drag_rescores_live_as_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    board = window.document.board
    slider = window.weights.sliders["security"]
    before = {w.id: window.scores.workload(w.id).targets["lambda"].overall for w in board.workloads}
    start = _handle_center(slider)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=start)
    for dx in (10, 40, 80):
        qtbot.mouseMove(slider, pos=start + QPoint(dx, 0))
    mid_weight = window.document.board.weights["security"]
    assert mid_weight > 1.0  # live: the board already carries the new weight mid-drag
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 0))
    assert window.document.undo_stack.count() == 1
    after = {w.id: window.scores.workload(w.id).targets["lambda"].overall for w in board.workloads}
    assert after != before
    card_score = window.slide_view.items_by_id["card-score:payments"].element
    placed = window.scores.workload("payments").placed
    assert placed is not None and card_score.text == f"{placed.overall:.0f}"  # type: ignore[union-attr]
    assert mid_weight == int(mid_weight)  # whole steps only
    window.actions["undo"].trigger()
    assert window.document.board.weights["security"] == 1.0
    assert slider.value() == 1


def test_weights_move_in_whole_steps_and_say_what_they_mean(
    qtbot: QtBot, window: MainWindow
) -> None:
    slider = window.weights.sliders["reliability"]
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert window.document.board.weights["reliability"] == 3.0
    assert window.weights._values["reliability"].text() == "3"
    qtbot.keyClick(slider, Qt.Key.Key_End)
    assert window.document.board.weights["reliability"] == 5.0
    tip = slider.toolTip()
    assert "reliability" in tip and "0 (left out) to 5" in tip
    weights = set(window.document.board.weights.values())
    assert all(value == int(value) for value in weights)


def test_all_weights_zero_is_refused_with_a_message(window: MainWindow) -> None:
    for slider in window.weights.sliders.values():
        slider.setValue(0)
    assert any(w > 0 for w in window.document.board.weights.values())
    assert "at least one pillar" in window.weights.message.text().lower()


def test_removing_a_needed_workload_explains_why(qtbot: QtBot, window: MainWindow) -> None:
    board = window.document.board
    needed = next(dep for w in board.workloads for dep in w.depends_on)
    window.select(needed)
    window.actions["remove_workload"].trigger()
    assert window.document.board is board
    assert "is needed by" in window.statusBar().currentMessage()


def test_the_licence_and_interface_are_chosen_by_their_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The combo shows readable words and stores the field's value; picking one with the keys
    re-scores the workload, in one undo step."""
    _select(qtbot, window, "orders-db")
    licence = window.inspector.form.editor("licence")
    assert isinstance(licence, QComboBox)
    shown = [licence.itemText(i) for i in range(licence.count())]
    assert shown == [
        "No host requirement",
        "Own licence, counted per core or socket",
        "Forbids any hypervisor",
    ]
    assert licence.currentText() == "Own licence, counted per core or socket"
    assert window.scores.workload("orders-db").recommended == "ec2"
    licence.setFocus()
    qtbot.keyClick(licence, Qt.Key.Key_Down)  # -> Forbids any hypervisor
    assert window.document.board.workload("orders-db").licence == "no_hypervisor"
    assert window.scores.workload("orders-db").recommended == "bare_metal"
    window.actions["undo"].trigger()
    assert window.document.board.workload("orders-db").licence == "byol_per_core"
    assert licence.currentText() == "Own licence, counted per core or socket"

    _select(qtbot, window, "web-shop")
    interface = window.inspector.form.editor("interface")
    assert isinstance(interface, QComboBox)
    assert interface.currentText() == "Requests (HTTP / API)"
    interface.setFocus()
    qtbot.keyClick(interface, Qt.Key.Key_Down)  # -> Open connections
    assert window.document.board.workload("web-shop").interface == "long_lived_connections"
    assert not window.scores.workload("web-shop").targets["lambda"].feasible


def test_ticking_hardware_counters_with_the_mouse_rescores(
    qtbot: QtBot, window: MainWindow
) -> None:
    _select(qtbot, window, "web-shop")
    box = window.inspector.form.editor("hardware_counters")
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert window.scores.workload("web-shop").targets["fargate"].feasible
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(4, box.height() // 2))
    assert window.inspector.form.error_text("hardware_counters") == ""
    assert window.document.board.workload("web-shop").hardware_counters
    assert not window.scores.workload("web-shop").targets["fargate"].feasible
    licence = window.inspector.form.editor("licence")
    assert isinstance(licence, QComboBox)
    licence.setFocus()
    qtbot.keyClick(licence, Qt.Key.Key_Down)  # none -> own licence, counted per core
    assert window.inspector.form.error_text("licence") == ""
    assert window.document.board.workload("web-shop").licence == "byol_per_core"
