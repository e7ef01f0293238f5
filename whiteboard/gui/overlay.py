"""While a workload is dragged, every column shows that workload's overall score there, or, red,
"Cannot run" and the first violation when the target cannot run it (never a number: an
impossible column must not read as a poor fit). Transient feedback, not board state: the
overlay is hidden as soon as the drag ends and is never part of the slide's Scene.

One tint and one label per column of the board's edition are created once and only re-styled on
a drag move, so a frame costs one label update per column at most. A board switched to another
edition gets a new overlay (`PlacementController` checks the columns at each drag).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsTextItem

from whiteboard.model import TargetId
from whiteboard.render.qt_paint import font_family
from whiteboard.scoring.results import CANNOT_RUN, TargetScore, WorkloadScore
from whiteboard.scoring.rules import UNCONFIRMED_PREFIX
from whiteboard.slides.geometry import Columns, Frame, column_rects
from whiteboard.slides.theme import BAD, MUTED, score_color

OVERLAY_Z = 1000.0
#: (colour, headline, detail) of one column's label.
Label = tuple[str, str, str]
#: Target -> (overall, can run there) of each workload of a dragged group.
GroupNumbers = Mapping[TargetId, Sequence[tuple[float, bool]]]
#: The label sits in the column's stack area, in design-grid units (see slides.geometry).
LABEL_TOP = 330.0
LABEL_H = 150.0
#: Characters of a violation shown on a column while dragging.
MAX_DETAIL = 90
#: A fit that rests on an unconfirmed fact says so, in amber rather than red.
CAVEAT = "fits, but unconfirmed: "
CAUTION = "#9a6700"


class ColumnOverlay:
    def __init__(
        self, scene: QGraphicsScene, width: float, height: float, columns: Columns
    ) -> None:
        self.columns = tuple(columns)
        self._scene = scene
        self._tints: dict[TargetId, QGraphicsRectItem] = {}
        self._labels: dict[TargetId, QGraphicsTextItem] = {}
        self._boxes: dict[TargetId, QGraphicsRectItem] = {}
        self._shown: dict[TargetId, tuple[str, str, bool]] = {}
        frame = Frame(width, height)
        font = QFont(font_family())
        font.setPixelSize(max(10, round(frame.size(22))))
        for target, (x, y, w, h) in column_rects(columns, width, height).items():
            tint = QGraphicsRectItem(QRectF(x, y, w, h))
            tint.setPen(QPen(Qt.PenStyle.NoPen))
            tint.setZValue(OVERLAY_Z)
            box = QGraphicsRectItem(
                QRectF(x + w * 0.08, frame.y(LABEL_TOP), w * 0.84, frame.size(LABEL_H))
            )
            box.setBrush(QColor(255, 255, 255, 235))
            box.setZValue(OVERLAY_Z + 1)
            label = QGraphicsTextItem()
            label.setFont(font)
            label.setTextWidth(w * 0.84 - 12)
            label.setPos(x + w * 0.08 + 6, frame.y(LABEL_TOP) + 4)
            label.setZValue(OVERLAY_Z + 2)
            for item in (tint, box, label):
                item.setVisible(False)
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                scene.addItem(item)
            self._tints[target], self._boxes[target], self._labels[target] = tint, box, label

    def show(self, score: WorkloadScore, hovered: TargetId | None) -> None:
        """Show the workload's score on every column; the hovered one is emphasised. Only what
        changed is touched: moving to another column restyles two tints and two frames."""
        labels: dict[TargetId, Label] = {}
        for target in self.columns:
            result = score.targets[target]
            color = score_color(result.overall, result.feasible)
            headline = f"{result.overall:.0f}" if result.feasible else CANNOT_RUN
            if target == score.recommended:
                headline += " ★"
            detail = _shorten(result.violations[0]) if not result.feasible else _caveat(result)
            labels[target] = (color, headline, detail)
        self.show_labels(labels, hovered)

    def show_group(self, numbers: GroupNumbers, hovered: TargetId | None) -> None:
        """Show a dragged group on every column: the mean score of its workloads that can run
        there, and how many cannot (`numbers`: target -> (overall, can run) per workload)."""
        labels: dict[TargetId, Label] = {}
        for target in self.columns:
            results = numbers[target]
            fits = [overall for overall, feasible in results if feasible]
            cannot = len(results) - len(fits)
            if not fits:
                labels[target] = (BAD, CANNOT_RUN, f"none of the {len(results):,} can run here")
                continue
            mean = sum(fits) / len(fits)
            detail = f"{cannot:,} of {len(results):,} cannot run here" if cannot else ""
            color = score_color(mean, True) if not cannot else BAD
            labels[target] = (color, f"{mean:.0f}", detail)
        self.show_labels(labels, hovered)

    def show_labels(self, labels: dict[TargetId, Label], hovered: TargetId | None) -> None:
        for target in self.columns:
            color, headline, detail = labels[target]
            shown = self._shown.get(target)
            if shown is None or shown[:2] != (headline, detail):
                self._set_label(target, color, headline, detail)
            if shown is None or shown[2] != (target == hovered):
                tint = QColor(color)
                tint.setAlpha(70 if target == hovered else 28)
                self._tints[target].setBrush(QBrush(tint))
                self._boxes[target].setPen(QPen(QColor(color), 4 if target == hovered else 2))
            self._shown[target] = (headline, detail, target == hovered)
            if shown is None:
                for item in (self._tints[target], self._boxes[target], self._labels[target]):
                    item.setVisible(True)

    def _set_label(self, target: TargetId, color: str, headline: str, detail: str) -> None:
        # A score is big; the words "Cannot run" are smaller, to fit a narrow column on one line.
        size = "130%" if headline == CANNOT_RUN else "200%"
        html = f"<div style='color:{color};font-size:{size};font-weight:bold'>{headline}</div>"
        if detail.startswith(CAVEAT):
            html += f"<div style='color:{CAUTION}'>{_escape(detail)}</div>"
        elif detail:
            html += f"<div style='color:{BAD}'>{_escape(detail)}</div>"
        else:
            html += f"<div style='color:{MUTED}'>fits</div>"
        label = self._labels[target]
        label.setHtml(html)
        box = self._boxes[target]
        rect = box.rect()
        rect.setHeight(label.boundingRect().height() + 8)
        box.setRect(rect)

    def hide(self) -> None:
        if not self._shown:
            return
        self._shown.clear()
        for group in (self._tints, self._boxes, self._labels):
            for item in group.values():
                item.setVisible(False)

    def remove(self) -> None:
        """Take every item off the scene (the board changed edition)."""
        for group in (self._tints, self._boxes, self._labels):
            for item in group.values():
                self._scene.removeItem(item)
            group.clear()
        self._shown.clear()

    def label_text(self, target: TargetId) -> str:
        return self._labels[target].toPlainText()

    @property
    def visible(self) -> bool:
        return bool(self._shown)


def _caveat(result: TargetScore) -> str:
    """'fits, but unconfirmed: …' when the fit rests on a fact no AWS page confirmed; else ''."""
    doubt = result.doubt()
    if doubt is None:
        return ""
    return _shorten(CAVEAT + doubt.label.removeprefix(UNCONFIRMED_PREFIX + " that "))


def _shorten(text: str, limit: int = MAX_DETAIL) -> str:
    """A violation short enough for a column label; the inspector has the whole sentence."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
