"""The selected workload: its fields (each edit one undo step), its pillar radar on the current
placement against the recommended target, a row per target with its monthly cost, the estimate
on its placement (`cost_view`), and the reasons behind the scores, in three tabs (Scores,
Reasons, Fields) under a heading with its name and id.

A target that cannot run the workload leads with "Cannot run: <broken limit>" wherever it is
shown, its scores are greyed (theme.GREYED), and its row comes after every runnable target.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from whiteboard.catalog import default_catalog
from whiteboard.gui.cost_view import COST_HEADER, cost_cell, cost_header_tip, cost_html
from whiteboard.gui.radar import PILLAR_SHORT, RadarWidget
from whiteboard.gui.workload_form import WorkloadForm
from whiteboard.model import PILLAR_IDS, Board, TargetId
from whiteboard.scoring.results import CANNOT_RUN, TargetScore, WorkloadScore, runnable_first
from whiteboard.slides.theme import BAD, GOOD, GREYED, MUTED, score_color

COLUMNS = ("Target", "Fit", "Overall", COST_HEADER)
PLACED_MARK, RECOMMENDED_MARK = " ●", " ★"
FIT_COLUMN, OVERALL_COLUMN, COST_COLUMN = 1, 2, 3
#: What a runnable target's fit cell says, and an impossible one's overall cell (its overall is 0
#: by construction, so a number there would only read as a very poor fit).
FITS = "fits"
NO_OVERALL = "–"
#: What the target table's marks mean, under it.
LEGEND = (
    f"{PLACED_MARK.strip()} where it is placed · {RECOMMENDED_MARK.strip()} the recommended "
    "target · grey: it cannot run there (the first broken limit shows; hover for all)"
)


class Inspector(QWidget):
    """The heading (name, id, placement, recommendation), then three tabs, each scrolling on its
    own so an edit never moves the others: Scores (radar, the target table and its legend, the
    estimate), Reasons (why each pillar scores what it does) and Fields (the form)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = default_catalog()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setObjectName("inspector-heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.heading)
        self.details = QTabWidget()
        self.details.setObjectName("inspector-tabs")
        self.details.setDocumentMode(True)
        outer.addWidget(self.details, 1)
        self.radar = RadarWidget()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("target-table")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeaderItem(COST_COLUMN).setToolTip(cost_header_tip())
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumWidth(120)
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("target-legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"color: {MUTED};")
        self.cost = _rich_label("cost")
        self.reasons = _rich_label("reasons")
        self.form = WorkloadForm()
        self._pages: list[QScrollArea] = []
        self._page("Scores", self.radar, self.table, self.legend, self.cost)
        self._page("Reasons", self.reasons)
        self._page("Fields", self.form)
        self.show_workload(None, None, None)

    def _page(self, title: str, *widgets: QWidget) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 6, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        page = QScrollArea()
        page.setObjectName(f"inspector-{title.lower()}")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setWidget(body)
        self._pages.append(page)
        self.details.addTab(page, title)

    def page(self, title: str) -> QScrollArea:
        """The scrolling page of the tab called `title`."""
        return self._pages[self._titles().index(title)]

    def _titles(self) -> list[str]:
        return [self.details.tabText(i) for i in range(self.details.count())]

    def show_tab(self, title: str) -> None:
        """Bring the tab called `title` forward (Scores, Reasons or Fields)."""
        self.details.setCurrentIndex(self._titles().index(title))

    def minimumSizeHint(self) -> QSize:
        """As wide as the widest page's part that cannot wrap (the fields' form) plus a scroll
        bar: with no horizontal scrolling, a narrower dock would cut every line off at its
        right edge; the labels wrap to whatever width that leaves."""
        hint = super().minimumSizeHint()
        widest = max((page.widget().minimumSizeHint().width() for page in self._pages), default=0)
        scroll = self._pages[0].verticalScrollBar().sizeHint().width() if self._pages else 0
        return QSize(max(hint.width(), widest + scroll + 16), hint.height())

    def show_workload(
        self, workload_id: str | None, board: Board | None, score: WorkloadScore | None
    ) -> None:
        if workload_id is None or board is None or score is None:
            self.heading.setText(
                f"<p style='color:{MUTED}'>Select a workload on the slide or in the list to see "
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
            f"<div style='color:{MUTED}'>id <code>{escape(workload.id)}</code></div>"
            f"<div>On <b>{escape(where)}</b> · recommended <b>{escape(best)}</b></div>"
            f"<div style='color:{MUTED}'>{escape(score.why)}</div>" + self._problem(score)
        )
        self._fill_radar(score)
        self._fill_table(score)
        self.cost.setText(cost_html(score, self._name))
        self._fill_reasons(score, placed or recommended)
        self.form.set_workload(workload, board)

    def _problem(self, score: WorkloadScore) -> str:
        """The placement's broken limits, in red, when it is placed where it cannot run."""
        placed = score.placed
        if placed is None or placed.feasible:
            return ""
        return f"<div style='margin-top:4px'>{_cannot_run_html(placed)}</div>"

    def _fill_radar(self, score: WorkloadScore) -> None:
        """The placement against the recommendation; a placement that cannot run is greyed."""
        placed, recommended = score.placed, score.recommended
        advice = score.targets[recommended].pillars if recommended else None
        current_label = "current"
        if placed is not None:
            current_label = self._name(placed.target)
            if not placed.feasible:
                current_label = f"Cannot run on {current_label} (placed)"
        labels = (
            current_label,
            f"{self._name(recommended)} (recommended)" if recommended else "recommended",
        )
        if placed is not None and placed.target == recommended:
            advice, labels = None, (f"{self._name(recommended)} (placed, recommended)", "")
        greyed = (placed is not None and not placed.feasible, False)
        self.radar.set_series(placed.pillars if placed else None, advice, labels, greyed)

    def _name(self, target: TargetId) -> str:
        return self._catalog.target(target).display_name

    def _fill_table(self, score: WorkloadScore) -> None:
        # One row per target of the board's edition (five or seven), in slide order, except that
        # every target that cannot run the workload comes after every one that can.
        results = runnable_first(score.targets.values())
        self.table.setRowCount(len(results))
        for row, result in enumerate(results):
            target = result.target
            marker = PLACED_MARK if target == score.placed_on else ""
            marker += RECOMMENDED_MARK if target == score.recommended else ""
            cannot_run = result.cannot_run()
            cost, cost_tip = cost_cell(result)
            cells = (
                self._catalog.target(target).short_name + marker,
                cannot_run[0] if cannot_run else FITS,
                NO_OVERALL if cannot_run else f"{result.overall:.0f}",
                cost,
            )
            colours = (
                GREYED if cannot_run else None,
                BAD if cannot_run else GOOD,
                GREYED if cannot_run else score_color(result.overall),
                GREYED if cannot_run else None,
            )
            for column, (text, colour) in enumerate(zip(cells, colours, strict=True)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, target)
                if column == COST_COLUMN:
                    item.setToolTip(cost_tip)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                else:
                    item.setToolTip("\n".join(cannot_run) if cannot_run else text)
                if colour is not None:
                    item.setForeground(QColor(colour))
                if column == OVERALL_COLUMN:
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
        name = escape(self._name(target))
        pillars = []
        for pillar in PILLAR_IDS:
            factors = result.reasons.get(pillar, ())
            items = "".join(
                f"<li><span style='color:{_points_colour(result, f.points)}'>"
                f"{f.points:+.0f}</span> {escape(f.label)}</li>"
                for f in factors
            )
            value = f"{result.pillars[pillar]:.0f}"
            pillars.append(
                f"<div style='margin-top:4px'><b>{PILLAR_SHORT[pillar]}</b> "
                f"{value if result.feasible else f'({value})'}</div>"
                + (f"<ul style='margin:0 0 0 -20px'>{items}</ul>" if items else "")
            )
        if result.feasible:
            self.reasons.setText(f"<b>Why these scores on {name}</b>" + "".join(pillars))
            return
        # What cannot run comes first; the scores and their reasons follow, greyed.
        self.reasons.setText(
            _cannot_run_html(result)
            + f"<div style='color:{GREYED};margin-top:4px'><b>Why these scores on {name}</b> "
            "(greyed: they would count only if it could run there)" + "".join(pillars) + "</div>"
        )

    def target_row(self, target: TargetId) -> tuple[str, ...]:
        """The target's name, fit and overall cells (its cost is `cost_text`)."""
        row = self._row_of(target)
        return tuple(self.table.item(row, c).text() for c in range(COST_COLUMN))

    def cost_text(self, target: TargetId) -> str:
        return self.table.item(self._row_of(target), COST_COLUMN).text()

    def _row_of(self, target: TargetId) -> int:
        return next(r for r in range(self.table.rowCount()) if self._row_target(r) == target)

    def _row_target(self, row: int) -> TargetId | None:
        item = self.table.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _cannot_run_html(result: TargetScore) -> str:
    """'Cannot run: <broken limit>', one line per limit, in red."""
    lines = "<br/>".join(f"<b>{CANNOT_RUN}:</b> {escape(v)}" for v in result.violations)
    return f"<div style='color:{BAD}'>{lines}</div>"


def _points_colour(result: TargetScore, points: float) -> str:
    """A reason's sign in green or red, or greyed on a target that cannot run the workload."""
    if not result.feasible:
        return GREYED
    return GOOD if points >= 0 else BAD
