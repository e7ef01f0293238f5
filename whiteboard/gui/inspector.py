"""The selected workload: its fields (each edit one undo step), its pillar radar on the current
placement against the recommended target, a row per target, and the reasons behind the scores.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whiteboard.catalog import default_catalog
from whiteboard.gui.radar import PILLAR_SHORT, RadarWidget
from whiteboard.gui.workload_form import WorkloadForm
from whiteboard.model import PILLAR_IDS, Board, TargetId
from whiteboard.scoring.results import WorkloadScore
from whiteboard.slides.theme import BAD, GOOD, score_color

COLUMNS = ("Target", "Overall", "Feasible", "First violation")


class Inspector(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = default_catalog()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setObjectName("inspector-heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.heading)
        self.details = QWidget()
        layout = QVBoxLayout(self.details)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.details)
        outer.addStretch(1)
        self.radar = RadarWidget()
        layout.addWidget(self.radar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("target-table")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumWidth(120)
        layout.addWidget(self.table)
        self.reasons = QLabel()
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reasons)
        fields = QGroupBox("Fields")
        fields_layout = QVBoxLayout(fields)
        self.form = WorkloadForm()
        fields_layout.addWidget(self.form)
        layout.addWidget(fields)
        self.setWidget(body)
        self.show_workload(None, None, None)

    def show_workload(
        self, workload_id: str | None, board: Board | None, score: WorkloadScore | None
    ) -> None:
        if workload_id is None or board is None or score is None:
            self.heading.setText(
                "<p style='color:#5b6b7c'>Select a workload on the slide or in the list to see "
                "its scores on every target, the reasons behind them, and its fields.</p>"
            )
            self.details.hide()
            return
        self.details.show()
        workload = board.workload(workload_id)
        placed = score.placed_on
        recommended = score.recommended
        where = self._name(placed) if placed else "not placed yet"
        best = self._name(recommended) if recommended else "nothing fits"
        self.heading.setText(
            f"<h3 style='margin:0'>{escape(workload.name)}</h3>"
            f"<div>On <b>{escape(where)}</b> · recommended <b>{escape(best)}</b></div>"
            f"<div style='color:#5b6b7c'>{escape(score.why)}</div>" + self._problem(score)
        )
        current = score.targets[placed].pillars if placed else None
        advice = score.targets[recommended].pillars if recommended else None
        labels = (
            self._name(placed) if placed else "current",
            f"{self._name(recommended)} (recommended)" if recommended else "recommended",
        )
        if placed is not None and placed == recommended:
            advice, labels = None, (f"{self._name(placed)} (placed, recommended)", "")
        self.radar.set_series(current, advice, labels)
        self._fill_table(score)
        self._fill_reasons(score, placed or recommended)
        self.form.set_workload(workload, board)

    def _problem(self, score: WorkloadScore) -> str:
        """The placement's broken limits, in red, when it is placed where it cannot run."""
        placed = score.placed
        if placed is None or placed.feasible:
            return ""
        lines = "".join(f"<li>{escape(v)}</li>" for v in placed.violations)
        return (
            f"<div style='color:{BAD};margin-top:4px'><b>Cannot run on "
            f"{escape(self._name(placed.target))}:</b><ul style='margin:0 0 0 -20px'>"
            f"{lines}</ul></div>"
        )

    def _name(self, target: TargetId) -> str:
        return self._catalog.target(target).display_name

    def _fill_table(self, score: WorkloadScore) -> None:
        # One row per target of the board's edition: five or seven.
        self.table.setRowCount(len(score.targets))
        for row, (target, result) in enumerate(score.targets.items()):
            marker = " ●" if target == score.placed_on else ""
            marker += " ★" if target == score.recommended else ""
            cells = (
                self._catalog.target(target).short_name + marker,
                f"{result.overall:.0f}",
                "yes" if result.feasible else "no",
                result.violations[0] if result.violations else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, target)
                item.setToolTip("\n".join(result.violations) if column == 3 else text)
                if column == 1:
                    item.setForeground(QColor(score_color(result.overall, result.feasible)))
                elif column == 2:
                    item.setForeground(QColor(GOOD if result.feasible else BAD))
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _fill_reasons(self, score: WorkloadScore, target: TargetId | None) -> None:
        if target is None:
            self.reasons.setText("")
            return
        result = score.targets[target]
        parts = [f"<b>Why these scores on {escape(self._name(target))}</b>"]
        for pillar in PILLAR_IDS:
            factors = result.reasons.get(pillar, ())
            items = "".join(
                f"<li><span style='color:{GOOD if f.points >= 0 else BAD}'>"
                f"{f.points:+.0f}</span> {escape(f.label)}</li>"
                for f in factors
            )
            parts.append(
                f"<div style='margin-top:4px'><b>{PILLAR_SHORT[pillar]}</b> "
                f"{result.pillars[pillar]:.0f}</div>"
                + (f"<ul style='margin:0 0 0 -20px'>{items}</ul>" if items else "")
            )
        self.reasons.setText("".join(parts))

    def target_row(self, target: TargetId) -> tuple[str, ...]:
        row = next(r for r in range(self.table.rowCount()) if self._row_target(r) == target)
        return tuple(self.table.item(row, c).text() for c in range(len(COLUMNS)))

    def _row_target(self, row: int) -> TargetId | None:
        item = self.table.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)
