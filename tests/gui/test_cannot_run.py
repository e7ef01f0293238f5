"""A target that cannot run the workload, in the real window: "Cannot run" first, its scores greyed,
listed after every runnable target (inspector, radar, drag overlay, tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from tests.cannot_run import GPU_ID, GPU_NAME, gpu_on_lambda, greyed_scores, lambda_score
from tests.gui.conftest import MakeWindow, card_point, column_point, drag
from whiteboard.gui.inspector import Inspector
from whiteboard.gui.main_window import MainWindow
from whiteboard.slides.theme import BAD, GREYED, score_color


def _select(qtbot: QtBot, window: MainWindow, workload_id: str) -> None:
    qtbot.mouseClick(
        window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(window, workload_id)
    )
    assert window.selected == workload_id


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    return document


def _colour_of(document: QTextDocument, text: str) -> str:
    """The colour Qt draws `text` in, as it laid out the label's rich text."""
    found = document.find(text)
    assert not found.isNull(), f"{text!r} not in {document.toPlainText()!r}"
    cursor = QTextCursor(document)
    cursor.setPosition(found.selectionStart() + 1)  # the format of the found text's first char
    return cursor.charFormat().foreground().color().name()


def _rows(inspector: Inspector) -> list[tuple[str, ...]]:
    table = inspector.table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def _row_colours(inspector: Inspector, target: str) -> tuple[str, ...]:
    table = inspector.table
    row = next(
        r
        for r in range(table.rowCount())
        if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == target
    )
    return tuple(table.item(row, c).foreground().color().name() for c in range(table.columnCount()))


def test_the_inspector_says_cannot_run_first_and_greys_the_scores(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    board = gpu_on_lambda()
    on_lambda = lambda_score(board)
    window = make_window(board=board)
    _select(qtbot, window, GPU_ID)
    inspector = window.inspector
    score = window.scores.workload(GPU_ID)
    first = f"Cannot run: {on_lambda.violations[0]}"

    # The heading names the workload, then says what cannot run, every broken limit, in red.
    heading = _document(inspector.heading.text())
    text = heading.toPlainText()
    assert text.startswith(GPU_NAME)
    assert first in text
    assert all(f"Cannot run: {v}" in text for v in on_lambda.violations)
    assert _colour_of(heading, first) == QColor(BAD).name()

    # The reasons on Lambda start with "Cannot run", then its six scores, greyed, in parentheses,
    # and the reasons behind them, greyed too.
    reasons = _document(inspector.reasons.text())
    text = reasons.toPlainText()
    assert text.startswith(first)
    scores = greyed_scores(on_lambda)
    assert all(text.index(first) < text.index(value) for value in scores)
    grey = QColor(GREYED).name()
    for value in scores:
        assert _colour_of(reasons, value) == grey
    factor = next(f for fs in on_lambda.reasons.values() for f in fs)
    assert text.index(first) < text.index(factor.label)
    assert _colour_of(reasons, factor.label) == grey
    assert _colour_of(reasons, f"{factor.points:+.0f}") == grey

    # The table: every runnable target first, then Lambda (and Fargate, no GPUs either); their
    # fit cell starts with "Cannot run", their overall is no number and both are greyed.
    rows = _rows(inspector)
    runs = [not row[1].startswith("Cannot run") for row in rows]
    assert runs == sorted(runs, reverse=True) and not all(runs)
    assert [row[1] == "fits" for row in rows] == runs
    lambda_row = inspector.target_row("lambda")
    assert lambda_row[1] == first and lambda_row[2] == "–"
    assert "●" in lambda_row[0]
    name_colour, fit_colour, overall_colour, cost_colour = _row_colours(inspector, "lambda")
    assert (name_colour, fit_colour, overall_colour) == (grey, QColor(BAD).name(), grey)
    assert cost_colour == grey
    recommended = score.recommended
    assert recommended is not None and "★" in inspector.target_row(recommended)[0]
    best = score.targets[recommended].overall
    assert _row_colours(inspector, recommended)[2] == QColor(score_color(best)).name()

    # The radar: the recommendation first in its legend, the placement on Lambda greyed, last.
    legend = inspector.radar.legend()
    name = window.catalog.target("lambda").display_name
    assert legend[-1] == (f"Cannot run on {name} (placed)", grey)
    assert legend[0][0].endswith("(recommended)") and legend[0][1] != grey
    assert inspector.radar.accessibleDescription().startswith(legend[0][0])


def test_dragging_onto_a_column_it_cannot_run_on_shows_words_not_a_score(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    board = gpu_on_lambda("lambda_managed")
    window = make_window(board=board)
    start = card_point(window, GPU_ID)
    drag(qtbot, window, start, column_point(window, "lambda"), release=False)
    overlay = window.placement.overlay
    on_lambda = window.scores.workload(GPU_ID).targets["lambda"]
    text = overlay.label_text("lambda")
    assert text.startswith("✕ Cannot run")
    assert on_lambda.violations[0][:30] in text
    assert f"{on_lambda.overall:.0f}" not in text.split("\n")[0]
    assert overlay.label_text("lambda_managed").startswith(
        f"{window.scores.workload(GPU_ID).targets['lambda_managed'].overall:.0f}"
    )
    qtbot.mouseRelease(
        window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=column_point(window, "lambda")
    )
    assert window.document.board.placement(GPU_ID) == "lambda"
    assert _document(window.inspector.reasons.text()).toPlainText().startswith("Cannot run: ")


def test_the_hover_tip_lists_targets_it_cannot_run_on_last(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(board=gpu_on_lambda())
    tip = window.slide_view.tooltip_at(QPointF(card_point(window, GPU_ID)))
    lines = tip.split("\n")
    assert lines[0] == GPU_NAME
    cannot = [": Cannot run: " in line for line in lines[1:]]
    assert cannot == sorted(cannot) and any(cannot) and not all(cannot)
    short = window.catalog.target("lambda").short_name
    on_lambda = window.scores.workload(GPU_ID).targets["lambda"]
    assert f"{short} (placed): Cannot run: {on_lambda.violations[0]}" in lines


def test_red_while_dragging_means_cannot_run_and_nothing_else(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """A column that cannot run the card is red and hatched; one that can is a neutral wash,
    however low the score there, and its score is never drawn in red. The labels sit beside
    the layer stack, above or below it, never on it."""
    window = make_window(board=gpu_on_lambda("lambda_managed"))
    drag(qtbot, window, card_point(window, GPU_ID), column_point(window, "lambda"), release=False)
    overlay = window.placement.overlay
    score = window.scores.workload(GPU_ID)
    items = window.slide_view.items_by_id
    for target, result in score.targets.items():
        brush = overlay._tints[target].brush()
        headline = overlay._labels[target].toHtml()
        if result.feasible:
            assert brush.style() == Qt.BrushStyle.SolidPattern
            assert brush.color().name() != QColor(BAD).name()
            assert BAD.lower() not in headline.split("</div>")[0].lower()
        else:
            assert brush.style() == Qt.BrushStyle.BDiagPattern
            assert brush.color().name() == QColor(BAD).name()
            assert overlay.label_text(target).startswith("✕ Cannot run")
            if target == "lambda":  # under the card: the whole limit, its numbers included
                assert result.violations[0] in overlay.label_text(target).replace("\n", " ")
    layers = [item.sceneBoundingRect() for key, item in items.items() if key.startswith("layer:")]
    stack_top, stack_bottom = min(r.top() for r in layers), max(r.bottom() for r in layers)
    for target in score.targets:
        box = overlay._boxes[target].sceneBoundingRect()
        assert box.bottom() <= stack_top or box.top() >= stack_bottom  # beside, never on it
