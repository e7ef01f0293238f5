"""Workload cards: the shapes of one card, and the scores they show.

`card_elements` is the one place a card is drawn, so the slide, the presenter and the card the
GUI drags around look the same. Scores are optional everywhere: before the board is scored a
card shows a grey band with a dash.

A compact card is one row of a crowded tray (`slides.trays`; its parts: `geometry.card_geometry`).
"""

from __future__ import annotations

from collections.abc import Sequence

from whiteboard.model import Board
from whiteboard.model.vocab import TargetId
from whiteboard.scoring.results import BoardScore, TargetScore
from whiteboard.slides.geometry import Box, card_geometry
from whiteboard.slides.name_labels import NameLabel, distinct_labels, name_label
from whiteboard.slides.scene import Ellipse, Rect, Shape, Text
from whiteboard.slides.textfit import LINE_HEIGHT
from whiteboard.slides.theme import MIN_TEXT, score_role

#: Painting order of the card parts, above the slide's columns and the line.
CARD_Z = 20.0


def resolve_scores(board: Board | None, scores: BoardScore | None) -> BoardScore | None:
    """The scores to show: the given ones, else the scoring engine's (imported on first use)."""
    if scores is not None or board is None:
        return scores
    from whiteboard.scoring import score_board

    return score_board(board)


def placed_score(
    scores: BoardScore | None, workload_id: str, target: TargetId
) -> TargetScore | None:
    """How the workload scores on `target`, or None when there are no scores for it."""
    if scores is None:
        return None
    workload = scores.workloads.get(workload_id)
    return None if workload is None else workload.targets.get(target)


def placed_numbers(
    scores: BoardScore | None, workload_id: str, target: TargetId
) -> tuple[float, bool] | None:
    """(overall, can run there) of the workload on `target`, None without scores. Scores that
    offer `placed_numbers` (the window's, which skip the reasons for thousands of workloads in
    group cards) answer it themselves."""
    fast = getattr(scores, "placed_numbers", None)
    if fast is not None:
        return fast(workload_id, target)  # type: ignore[no-any-return]
    score = placed_score(scores, workload_id, target)
    return None if score is None else (score.overall, score.feasible)


def name_sizes(text_size: float, text_h: float) -> tuple[float, float | None]:
    """(one-line size, two-line size or None) of a card's name: never below the theme's
    `MIN_TEXT`; two lines only where both fit the card's height at that size or more."""
    one = max(text_size, MIN_TEXT)
    two = min(one, int(text_h / (2 * LINE_HEIGHT) * 10) / 10)
    return one, (two if two >= MIN_TEXT else None)


def card_labels(cards: Sequence[tuple[str, Box, bool, bool]]) -> list[NameLabel]:
    """The names of cards shown together, (name, box, compact, cannot run) each: on one line
    when it fits, else on two (a smaller size) before a cut; fitted so that no two different
    names read the same (`name_labels.distinct_labels`)."""
    fits = []
    for name, box, compact, infeasible in cards:
        parts = card_geometry(box, compact=compact, marked=infeasible)
        fits.append((name, *_name_fit(parts.text_size, parts.text)))
    return distinct_labels(fits)


def _name_fit(text_size: float, text: Box) -> tuple[float, float, float | None]:
    one, two = name_sizes(text_size, text[3])
    return one, text[2], two


def card_elements(
    workload_id: str,
    name: str,
    target: TargetId,
    box: Box,
    score: TargetScore | None,
    *,
    compact: bool = False,
    selected: bool = False,
    matched: bool = False,
    step: int = 0,
    label: NameLabel | None = None,
) -> list[Shape]:
    """The shapes of one card at `box`: frame, name, score band and text, violation mark.
    `matched`: the window's search found it (highlighted; the mark still says it cannot run).
    `label`: the name as fitted among its neighbours (`card_labels`); else fitted alone."""
    infeasible = score is not None and not score.feasible
    parts = card_geometry(box, compact=compact, marked=infeasible)
    data = {"workload": workload_id, "target": target}
    if selected:
        frame_role = "card_selected"
    elif matched:
        frame_role = "card_match"
    elif infeasible:
        frame_role = "card_infeasible"
    else:
        frame_role = "card"
    x, y, w, h = parts.card
    shapes: list[Shape] = [
        Rect(
            id=f"card:{workload_id}",
            role=frame_role,
            step=step,
            enter="slide",
            data=data,
            z=CARD_Z,
            x=x,
            y=y,
            w=w,
            h=h,
            radius=h * 0.16,
        )
    ]
    tx, ty, tw, th = parts.text
    if label is None:
        label = name_label(name, *_name_fit(parts.text_size, parts.text))
    shapes.append(
        Text(
            id=f"card-text:{workload_id}",
            role="card_text",
            step=step,
            enter="slide",
            data=data,
            z=CARD_Z + 1,
            x=tx,
            y=ty,
            w=tw,
            h=th,
            text=label.text,
            size=label.size,
            valign="middle",
        )
    )
    score_size = max(parts.score_size, MIN_TEXT)
    shapes.extend(_score_shapes(workload_id, data, parts.band, score_size, score, step))
    if infeasible:
        shapes.extend(_mark_shapes(workload_id, data, parts.mark, step))
    return shapes


def _score_shapes(
    workload_id: str,
    data: dict[str, str],
    band: Box,
    size: float,
    score: TargetScore | None,
    step: int,
) -> list[Shape]:
    bx, by, bw, bh = band
    role = "score_none" if score is None else score_role(score.overall)
    if score is None:
        label = "–"
    elif not score.feasible:
        label = "✕"  # cannot run here: the mark beside it carries the violation
    else:
        label = f"{score.overall:.0f}"
    return [
        Rect(
            id=f"card-band:{workload_id}",
            role=role,
            step=step,
            enter="slide",
            data=data,
            z=CARD_Z + 1,
            x=bx,
            y=by,
            w=bw,
            h=bh,
            radius=bh * 0.2,
        ),
        Text(
            id=f"card-score:{workload_id}",
            role="score_text",
            step=step,
            enter="slide",
            data={**data, "score": label},
            z=CARD_Z + 2,
            x=bx,
            y=by,
            w=bw,
            h=bh,
            text=label,
            size=size,
            bold=True,
            align="center",
            valign="middle",
        ),
    ]


def _mark_shapes(workload_id: str, data: dict[str, str], mark: Box, step: int) -> list[Shape]:
    mx, my, mw, mh = mark
    return [
        Ellipse(
            id=f"card-mark:{workload_id}",
            role="violation_mark",
            step=step,
            enter="grow",
            data=data,
            z=CARD_Z + 2,
            x=mx,
            y=my,
            w=mw,
            h=mh,
        ),
        Text(
            id=f"card-mark-text:{workload_id}",
            role="violation_text",
            step=step,
            enter="grow",
            data=data,
            z=CARD_Z + 3,
            x=mx,
            y=my,
            w=mw,
            h=mh,
            text="!",
            # Never under the slide's smallest size, even in a compact card's small mark: the
            # glyph is narrow and the line's leading is what overflows the circle.
            size=max(mh * 0.7, MIN_TEXT),
            bold=True,
            align="center",
            valign="middle",
        ),
    ]
