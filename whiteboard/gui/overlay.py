"""While a workload is dragged, every column shows that workload's overall score there, or, red,
"Cannot run" and the first violation when the target cannot run it (never a number: an
impossible column must not read as a poor fit). Transient feedback, not board state: the
overlay is hidden as soon as the drag ends and is never part of the slide's Scene.

Red means one thing here: a column that cannot run the workload gets a red, hatched tint, a ✕
and the broken limit with its numbers. A column that can gets a neutral tint, whatever its
score; a low score there reads in the neutral end of the score scale (`theme.fit_color`), not in
red. The label sits inside its column, never on the layer stack or the line: over the
column's services and the strip above the stack (the hovered one rising over its header too),
or, when the view shows the slide's lower part only (1280x720 with the side panels: the view
scrolls to the card trays, where cards are dragged), over the notes and strips just above the
trays; there the hovered label may reach down over the upper half of its own tray (the card
being dragged stays above it), for its reason's larger type.

No overlay text is smaller than the slide's smallest text (`theme.MIN_TEXT`), nor, on screen,
than the view's own floor (`SlideView.min_text_px`, 11 px) at the view's scale. Every column
says why it cannot run, wrapped to its width and cut with "…" only where the whole sentence
cannot fit its room; the hovered column says it larger where its larger room allows.

One tint and one label per column of the board's edition are created once and only re-styled on
a drag move, so a frame costs one label update per column at most. A board switched to another
edition gets a new overlay (`PlacementController` checks the columns at each drag).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsTextItem

from whiteboard.model import TargetId
from whiteboard.render.qt_paint import font_family
from whiteboard.scoring.results import CANNOT_RUN, TargetScore, WorkloadScore
from whiteboard.scoring.rules import UNCONFIRMED_PREFIX
from whiteboard.slides.geometry import (
    CARD_BAND,
    HEADER_BAND,
    NOTE_BAND,
    SERVICE_BAND,
    STACK_BAND,
    Columns,
    Frame,
    column_rects,
)
from whiteboard.slides.textfit import ELLIPSIS
from whiteboard.slides.theme import BAD, MIN_TEXT, MUTED, fit_color

OVERLAY_Z = 1000.0
#: (colour, headline, detail) of one column's label.
Label = tuple[str, str, str]
#: Target -> (overall, can run there) of each workload of a dragged group.
GroupNumbers = Mapping[TargetId, Sequence[tuple[float, bool]]]


@dataclass(frozen=True, slots=True)
class Room:
    """Where a column's label may go, in design-grid units (see slides.geometry): from `top`
    down to `bottom`; the hovered column's, when it has a reason to show, from `hover_top`
    down to `hover_bottom`."""

    top: float
    hover_top: float
    bottom: float
    hover_bottom: float


#: Over the services, down to just above the layer stack (the line never runs higher than
#: the stack's top); the hovered label rises over the column header.
UPPER = Room(SERVICE_BAND[0], HEADER_BAND[0], STACK_BAND[0] - 4.0, STACK_BAND[0] - 4.0)
#: Over the notes and strips between the stack (and the line) and the card trays.
LOWER = Room(
    NOTE_BAND[0] + 2.0, NOTE_BAND[0] + 2.0, CARD_BAND[0] - 4.0, (CARD_BAND[0] + CARD_BAND[1]) / 2
)
#: The label's frame leaves this share of the column free on each side.
LABEL_INSET = 0.03
#: Space between the frame and the text, scene units.
LABEL_PAD = 5.0
#: The reason's size is the slide's smallest text; the headline and the score are larger.
DETAIL_SIZE = MIN_TEXT
HEADLINE_SCALE = 4 / 3
SCORE_SCALE = 2.4
#: The hovered column's reason is larger (down to `DETAIL_SIZE` when a long limit needs the
#: room).
HOVER_DETAIL_SIZE = 24.0
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
        self._shown: dict[TargetId, tuple[str, str, bool, int, Room]] = {}
        frame = Frame(width, height)
        self._frame = frame
        font = QFont(font_family())
        for target, (x, y, w, h) in column_rects(columns, width, height).items():
            tint = QGraphicsRectItem(QRectF(x, y, w, h))
            tint.setPen(QPen(Qt.PenStyle.NoPen))
            tint.setZValue(OVERLAY_Z)
            box_x, box_w = x + w * LABEL_INSET, w * (1 - 2 * LABEL_INSET)
            box = QGraphicsRectItem(QRectF(box_x, frame.y(UPPER.top), box_w, 0))
            box.setBrush(QColor(255, 255, 255))
            box.setZValue(OVERLAY_Z + 1)
            label = QGraphicsTextItem()
            label.document().setDocumentMargin(0)
            label.setFont(font)
            label.setTextWidth(box_w - 2 * LABEL_PAD)
            label.setPos(box_x + LABEL_PAD, frame.y(UPPER.top) + LABEL_PAD)
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
        base, room = self.detail_px(), self.room()
        for target in self.columns:
            color, headline, detail = labels[target]
            shown = self._shown.get(target)
            now = (headline, detail, target == hovered, base, room)
            if shown != now:
                self._set_label(target, color, headline, detail, target == hovered, base, room)
                blocked = headline == CANNOT_RUN
                self._tints[target].setBrush(_tint(blocked, target == hovered))
                self._boxes[target].setPen(QPen(QColor(color), 4 if target == hovered else 2))
            self._shown[target] = now
            if shown is None:
                for item in (self._tints[target], self._boxes[target], self._labels[target]):
                    item.setVisible(True)

    def detail_px(self) -> int:
        """The reason's font size in scene units: the slide's smallest text, or more where the
        view shows the slide so small that it would be drawn under the view's floor."""
        base = self._frame.size(DETAIL_SIZE)
        for view in self._scene.views():
            scale = view.transform().m11()
            floor = float(getattr(view, "min_text_px", 0.0))
            if scale > 0 and floor > 0:
                base = max(base, floor / scale)
        return math.ceil(base - 1e-6)

    def room(self) -> Room:
        """`UPPER`, unless the view shows more of `LOWER` (it scrolls, and shows the trays)."""
        views = self._scene.views()
        if not views:
            return UPPER
        view = views[0]
        shown = view.mapToScene(view.viewport().rect()).boundingRect()

        def seen(room: Room) -> float:
            top, bottom = self._frame.y(room.hover_top), self._frame.y(room.bottom)
            return max(0.0, min(bottom, shown.bottom()) - max(top, shown.top())) / (bottom - top)

        return LOWER if seen(LOWER) > seen(UPPER) else UPPER

    def _set_label(
        self,
        target: TargetId,
        color: str,
        headline: str,
        detail: str,
        hovered: bool,
        base: int,
        where: Room,
    ) -> None:
        """The column's label: its score or "✕ Cannot run", and why; the hovered one rises over
        its header when there is a reason to read, and says it larger where that fits."""
        rising = hovered and bool(detail)
        top = self._frame.y(where.hover_top if rising else where.top)
        bottom = self._frame.y(where.hover_bottom if rising else where.bottom)
        room = bottom - top - 2 * LABEL_PAD
        label = self._labels[target]
        label.setHtml(self._fitted(label, color, headline, detail, hovered, base, room))
        label.setY(top + LABEL_PAD)
        box = self._boxes[target]
        rect = box.rect()
        rect.moveTop(top)
        rect.setHeight(label.boundingRect().height() + 2 * LABEL_PAD)
        box.setRect(rect)

    def _fitted(
        self,
        label: QGraphicsTextItem,
        color: str,
        headline: str,
        detail: str,
        hovered: bool,
        base: int,
        room: float,
    ) -> str:
        """The label's HTML, no taller than `room`: the reason whole at the largest size that
        fits (the hovered column's from `HOVER_DETAIL_SIZE` down, the others' at `base`), else
        at `base`, cut after as many words as fit, with "…"."""
        head = _headline_html(color, headline, base)
        reason_color, reason = _reason(detail, hovered)
        if not reason:
            return head
        hover_px = max(base, math.ceil(self._frame.size(HOVER_DETAIL_SIZE)))
        for size in range(hover_px if hovered else base, base - 1, -1):
            html = head + _reason_html(reason_color, reason, size)
            if _height(label, html) <= room:
                return html
        words = reason.split()
        fit, cut = 0, len(words) - 1
        while fit < cut:  # the most words that fit, with "…"
            middle = (fit + cut + 1) // 2
            html = head + _reason_html(reason_color, _cut(words, middle), base)
            if _height(label, html) <= room:
                fit = middle
            else:
                cut = middle - 1
        return head + _reason_html(reason_color, _cut(words, fit), base)

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


def _headline_html(color: str, headline: str, base: int) -> str:
    """The score, large; or "✕ Cannot run", smaller so it fits a narrow column on one line."""
    if headline == CANNOT_RUN:
        shown, size = f"{CROSS} {headline}", round(base * HEADLINE_SCALE)
    else:
        shown, size = _escape(headline), round(base * SCORE_SCALE)
    return f"<div style='color:{color};font-size:{size}px;font-weight:bold'>{shown}</div>"


def _reason(detail: str, hovered: bool) -> tuple[str, str]:
    """(colour, words) under the headline: why it cannot run, a caveat, or "fits"."""
    if detail.startswith(CAVEAT):
        return CAUTION, detail if hovered else "fits, but unconfirmed"
    if detail:
        return BAD, detail
    return MUTED, "fits"


def _reason_html(color: str, words: str, size: int) -> str:
    return f"<div style='color:{color};font-size:{size}px'>{_escape(words)}</div>"


def _cut(words: Sequence[str], count: int) -> str:
    if count >= len(words):
        return " ".join(words)
    return " ".join(words[: max(1, count)]).rstrip(",;:") + ELLIPSIS


def _height(label: QGraphicsTextItem, html: str) -> float:
    label.setHtml(html)
    return float(label.boundingRect().height())


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
