"""While a workload is dragged, every column shows that workload's overall score there, or, red,
"Cannot run" and the first violation when the target cannot run it (never a number: an
impossible column must not read as a poor fit). Transient feedback, not board state: the
overlay is hidden as soon as the drag ends and is never part of the slide's Scene.

Red means one thing here: a column that cannot run the workload gets a red, hatched tint, a ✕
and the broken limit with its numbers in full. A column that can gets a neutral tint, whatever
its score; a low score there reads in the neutral end of the score scale (`theme.fit_color`), not in
red. The label sits over the column's services, beside the layer stack and the line, never on
them.

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
from whiteboard.slides.geometry import HEADER_BAND, SERVICE_BAND, Columns, Frame, column_rects
from whiteboard.slides.theme import BAD, MUTED, fit_color

OVERLAY_Z = 1000.0
#: (colour, headline, detail) of one column's label.
Label = tuple[str, str, str]
#: Target -> (overall, can run there) of each workload of a dragged group.
GroupNumbers = Mapping[TargetId, Sequence[tuple[float, bool]]]
#: The label sits over the column's services, above the stack, in design-grid units (see
#: slides.geometry): the headline at 22 units, the reason at 14 so a whole limit fits.
LABEL_TOP = SERVICE_BAND[0]
LABEL_H = SERVICE_BAND[1] - SERVICE_BAND[0]
DETAIL_SIZE = 14.0
#: The hovered column's label starts at the top of the column header and its reason is larger.
HOVER_TOP = HEADER_BAND[0]
HOVER_DETAIL_SIZE = 19.0
#: Characters of a violation shown on a column while dragging: the whole sentence of every
#: limit the catalog writes (the longest is under 200); longer ones end in "…".
MAX_DETAIL = 220
#: The tint of a column that can run the dragged workload, whatever its score: never red.
FIT_TINT = "#7aa7cf"
#: The mark in front of "Cannot run".
CROSS = "✕"
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
        self._detail_px = max(10, round(frame.size(DETAIL_SIZE)))
        self._hover_px = max(11, round(frame.size(HOVER_DETAIL_SIZE)))
        self._frame = frame
        for target, (x, y, w, h) in column_rects(columns, width, height).items():
            tint = QGraphicsRectItem(QRectF(x, y, w, h))
            tint.setPen(QPen(Qt.PenStyle.NoPen))
            tint.setZValue(OVERLAY_Z)
            box = QGraphicsRectItem(
                QRectF(x + w * 0.08, frame.y(LABEL_TOP), w * 0.84, frame.size(LABEL_H))
            )
            box.setBrush(QColor(255, 255, 255))
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
            color = fit_color(result.overall) if result.feasible else BAD
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
            labels[target] = (fit_color(mean), f"{mean:.0f}", detail)
        self.show_labels(labels, hovered)

    def show_labels(self, labels: dict[TargetId, Label], hovered: TargetId | None) -> None:
        for target in self.columns:
            color, headline, detail = labels[target]
            shown = self._shown.get(target)
            if shown is None or shown != (headline, detail, target == hovered):
                self._set_label(target, color, headline, detail, target == hovered)
                blocked = headline == CANNOT_RUN
                self._tints[target].setBrush(_tint(blocked, target == hovered))
                self._boxes[target].setPen(QPen(QColor(color), 4 if target == hovered else 2))
            self._shown[target] = (headline, detail, target == hovered)
            if shown is None:
                for item in (self._tints[target], self._boxes[target], self._labels[target]):
                    item.setVisible(True)

    def _set_label(
        self, target: TargetId, color: str, headline: str, detail: str, hovered: bool
    ) -> None:
        """The column's label: its score or "✕ Cannot run" on every column; the hovered one
        adds why, in full and larger, rising over its header when there is a reason to read."""
        # A score is big; the words "Cannot run" are smaller, to fit a narrow column on one line.
        size = "110%" if headline == CANNOT_RUN else "200%"
        shown = f"{CROSS} {headline}" if headline == CANNOT_RUN else headline
        html = f"<div style='color:{color};font-size:{size};font-weight:bold'>{shown}</div>"
        small = f"font-size:{self._hover_px if hovered else self._detail_px}px"
        if detail.startswith(CAVEAT):
            words = _escape(detail) if hovered else "fits, but unconfirmed"
            html += f"<div style='color:{CAUTION};{small}'>{words}</div>"
        elif detail and hovered:
            html += f"<div style='color:{BAD};{small}'>{_escape(detail)}</div>"
        elif not detail:
            html += f"<div style='color:{MUTED};{small}'>fits</div>"
        label = self._labels[target]
        label.setHtml(html)
        top = self._frame.y(HOVER_TOP if hovered and detail else LABEL_TOP)
        label.setY(top + 4)
        box = self._boxes[target]
        rect = box.rect()
        rect.moveTop(top)
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


def _tint(blocked: bool, hovered: bool) -> QBrush:
    """Red and hatched where the workload cannot run; a neutral wash where it can."""
    if blocked:
        colour = QColor(BAD)
        colour.setAlpha(150 if hovered else 90)
        return QBrush(colour, Qt.BrushStyle.BDiagPattern)
    colour = QColor(FIT_TINT)
    colour.setAlpha(60 if hovered else 22)
    return QBrush(colour)


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
